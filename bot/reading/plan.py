"""Claims -> a command and its arguments, read by that command's own parser.

The arguments are written with ids (``/drug cocaine kent 2016-17``), so a plain question
gives exactly the Command its slash command gives. A place that could be several things
(London, Richmond, West Midlands the force or the region) becomes a question back with a
button for each reading, never a silent pick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot import commands
from bot.errors import CoreError, UnknownName
from bot.reading import vocab
from bot.reading.lexicon import Claim, Target, key
from bot.reading.names import ALL_DRUGS
from bot.reading.question import Claims, OtherMeasure, notes_for, outside, unknown_place
from bot.reply import MAX_PAYLOAD, ChatContext
from bot.writing import fmt

NEEDS_NO_PLACE = {"help", "start", "sources", "rank", "national", "csv"}
WIDER_NOTE = (
    "These statistics cover England and Wales together, not {area}: this is England and Wales."
)
SEIZURE_CARDS = {"force", "drug", "national", "compare"}  # a refusal's button: one of these
GREETINGS = {"help", "start"}  # only the question when nothing else is asked
POLICE_NOTE = (
    "“Police” alone: the police forces’ own total (British Transport Police included) is the "
    "“Police forces” line of the England and Wales card; its headline counts Border Force too."
)


@dataclass
class Plan:
    """A command name, its arguments, and notes on what was left out."""

    name: str
    args: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)  # force ids the answer is about
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return f"/{self.name} {' '.join(a for a in self.args if a)}".strip()


class Ambiguous(UnknownName):
    """A place with several readings; each suggestion's id is the full question to ask."""


def plan(
    claims: Claims, context: ChatContext, hint: str | None = None, *, inside_csv: bool = False
) -> Plan:
    """The command a question asks for, with arguments made of ids."""
    outside(claims)
    refuse_other_measures(claims, context, hint)
    intents = set(claims.intents) | ({hint} if hint else set())
    if inside_csv:
        intents.discard("csv")
    if claims.of("drug") and claims.of("drug")[0].value != ALL_DRUGS:
        intents.add("drug")
    places = claims.of("place")
    asked = places or claims.of("drug") or claims.year or intents - GREETINGS
    if asked or claims.of("body") or claims.of("latest"):
        intents -= GREETINGS  # "hi bot, how does kent compare to sussex" is the comparison
    bodies = {c.value for c in claims.of("body")}
    police_only = not places and bodies == {"police"} and not intents - {"national"}
    if not places and bodies and not claims.of("drug"):
        intents.add("national")  # "police and Border Force", "in total": England and Wales
    wider = [c.value for c in claims.of("wider")]
    if wider and places and "compare" not in intents:
        wider = []  # "Kent, UK": where Kent is, not a second side
    if wider:
        intents.add("national")
    if claims.unknown and not places and not intents & NEEDS_NO_PLACE:
        unknown_place(claims)  # a sorry, or else the places close to it as buttons
        near = Claim("place", targets=claims.offered[:6], words=" ".join(claims.unknown))
        raise _choices(claims, context, intents, near, _named(hint))
    if "csv" in intents:
        return _csv(claims, context, intents - {"csv"})
    ambiguous = next((p for p in places if len(_answers(_targets(p, intents))) > 1), None)
    if ambiguous is not None:
        raise _choices(claims, context, intents, ambiguous, _named(hint))
    chosen = [_targets(p, intents)[0] for p in places]
    result = _build(claims, context, intents, chosen, first=_named(hint))
    result.notes = notes_for(claims, result.used, result.text) + result.notes
    if wider and result.name in {"national", "drug", "trend", "csv", "compare", "rank"}:
        result.notes.insert(0, WIDER_NOTE.format(area=wider[0]))
    if police_only and result.name == "national":
        result.notes.append(POLICE_NOTE)
    return result


def refuse_other_measures(claims: Claims, context: ChatContext, hint: str | None) -> None:
    """Arrests, deaths, prices ...: refused by name, with a button for the seizures card of
    the place asked about (what these statistics do count), never answered as seizures."""
    measures = [(c.value, c.words) for c in claims.of("measure")]
    if not measures:
        return
    rest = replace(claims, claims=tuple(c for c in claims.claims if c.kind != "measure"))
    try:
        card = plan(rest, context, hint)
    except CoreError:
        raise OtherMeasure(measures, ()) from None
    places = [t for p in rest.of("place") for t in p.targets[:1]]
    name = " and ".join(t.name for t in places) or "England and Wales"
    label = f"Drug seizures: {name}"
    first = places[0] if places else None
    plain = f"/{first.kind} {first.id}" if first else "/national"
    cards = (card.text, plain) if card.name in SEIZURE_CARDS else (plain,)
    raise OtherMeasure(  # the first of these that is a whole question (bot.reading.parse checks)
        measures, tuple((label, text[:MAX_PAYLOAD].strip()) for text in cards)
    )


def rank_order(claims: Claims) -> str:
    """ "count" when a league table is asked by number ("the most", "how many"), "rate" when
    by rate, "" when the words do not say (the table's own default, by rate)."""
    text = f" {' '.join(claims.tokens)} "
    for order in ("rate", "count"):
        if any(f" {key(form)} " in text for form in vocab.RANK_BY[order]):
            return order
    return ""


def _targets(place: Claim, intents: set[str]) -> tuple[Target, ...]:
    """A place's readings left once the question's intent is known: a name that is both a
    force and a region is the region for /region and /rank, the force for the rest."""
    targets = place.targets
    kinds = {t.kind for t in targets}
    if kinds == {"force", "region"} and len(targets) == 2:
        if intents & {"region", "rank"}:
            return tuple(t for t in targets if t.kind == "region")
        if intents - {"national"}:
            return tuple(t for t in targets if t.kind == "force")
    if len(targets) > 1 and "region" in kinds and intents & {"region", "rank"}:
        return tuple(t for t in targets if t.kind == "region")
    return targets


def _answers(targets: tuple[Target, ...]) -> set[tuple[str, str]]:
    """The distinct answers a place's readings lead to: two authorities one force polices
    are one answer, and no question back."""
    return {(t.kind, t.id) for t in targets}


def _named(hint: str | None) -> str | None:
    """The command a slash command names wins, except /force: "/force cocaine kent" is
    about cocaine."""
    return hint if hint in _builders() and hint != "force" else None


def _builders() -> dict[str, Builder]:
    """Each plannable answer's builder (its declaration in bot.commands), strongest first."""
    return {a.name: a.plan for a in commands.planned() if a.plan}


def _choices(
    claims: Claims, context: ChatContext, intents: set[str], place: Claim, first: str | None
) -> Ambiguous:
    options: list[tuple[str, str]] = []
    for target in place.targets:
        payload = _build(claims, context, intents, [target], swap=place, first=first).text
        if len(payload.encode()) > MAX_PAYLOAD:
            payload = payload[:MAX_PAYLOAD].rsplit(" ", 1)[0]
        label = f"{target.via} ({target.name})" if target.via else target.name
        if target.kind == "region":
            label = f"{target.name} region"
        options.append((payload, label))
    return Ambiguous("place", place.words, tuple(options))


Builder = Callable[[Claims, ChatContext, list[Target], str, str], Plan]


def _build(
    claims: Claims,
    context: ChatContext,
    intents: set[str],
    chosen: list[Target],
    swap: Claim | None = None,
    first: str | None = None,
) -> Plan:
    if swap is not None:  # one reading of an ambiguous place, the others as chosen
        others = [_targets(p, intents)[0] for p in claims.of("place") if p is not swap]
        chosen = [chosen[0], *others]
    drug = next((c.value for c in claims.of("drug")), ALL_DRUGS)
    builders = _builders()
    intent = first or next((i for i in builders if i in intents), "force")
    if "compare" not in intents:  # "bournemouth and poole": two towns, one force
        chosen = list({(t.kind, t.id): t for t in chosen}.values())
    if intent in {"force", "drug", "national"} and len(chosen) >= 2:
        intent = "compare"
    if intent == "compare" and len(chosen) >= 2 and chosen[0] == chosen[1]:
        chosen = chosen[:1]
    return builders[intent](claims, context, chosen, drug, claims.year)


def _side(target: Target) -> str:
    return target.id


def forces_of(chosen: list[Target]) -> set[str]:
    return {t.id for t in chosen if t.kind == "force"}


def build_simple(name: str) -> Builder:
    return lambda claims, context, chosen, drug, year: Plan(name)


def build_compare(
    claims: Claims, context: ChatContext, chosen: list[Target], drug: str, year: str
) -> Plan:
    sides = [_side(t) for t in chosen]
    if len(sides) < 2 and ("national" in claims.intents or claims.of("wider") or not sides):
        sides.append("national")
    result = Plan("compare", [" vs ".join(sides), year], forces_of(chosen))
    if drug != ALL_DRUGS:
        result.notes.append("A comparison covers all drugs; for one drug ask /drug or /rank.")
    return result


def build_rank(
    claims: Claims, context: ChatContext, chosen: list[Target], drug: str, year: str
) -> Plan:
    place = chosen[0].id if chosen else ""
    order = rank_order(claims)
    by = f"by {order}" if order else ""
    return Plan("rank", [drug if drug != ALL_DRUGS else "", year, place, by], forces_of(chosen))


def build_trend(
    claims: Claims, context: ChatContext, chosen: list[Target], drug: str, year: str
) -> Plan:
    national = "national" in claims.intents or not (chosen or context.default_force)
    place = "national" if national and not chosen else (_side(chosen[0]) if chosen else "")
    result = Plan("trend", [place, drug if drug != ALL_DRUGS else ""], forces_of(chosen))
    if year:
        result.notes.append(f"A chart shows every year; I left out “{year}”.")
    return result


def build_story(
    claims: Claims, context: ChatContext, chosen: list[Target], drug: str, year: str
) -> Plan:
    return Plan("story", [chosen[0].id if chosen else "", year], forces_of(chosen))


def build_region(
    claims: Claims, context: ChatContext, chosen: list[Target], drug: str, year: str
) -> Plan:
    if drug != ALL_DRUGS or not chosen:
        return build_rank(claims, context, chosen, drug, year)
    return Plan("region", [chosen[0].id, year], forces_of(chosen))


def build_drug(
    claims: Claims, context: ChatContext, chosen: list[Target], drug: str, year: str
) -> Plan:
    if chosen and chosen[0].kind == "region":
        return build_rank(claims, context, chosen, drug, year)
    national = "national" if "national" in claims.intents and not chosen else ""
    place = chosen[0].id if chosen else national
    return Plan("drug", [drug, place, year], forces_of(chosen))


def build_force(
    claims: Claims, context: ChatContext, chosen: list[Target], drug: str, year: str
) -> Plan:
    if chosen and chosen[0].kind == "region":
        return build_region(claims, context, chosen, drug, year)
    if chosen or context.default_force:
        return Plan("force", [chosen[0].id if chosen else "", year], forces_of(chosen))
    return Plan("national", [year])


def build_national(
    claims: Claims, context: ChatContext, chosen: list[Target], drug: str, year: str
) -> Plan:
    if chosen:
        return build_compare(claims, context, chosen, drug, year)
    return Plan("national", [year])


def _csv(claims: Claims, context: ChatContext, intents: set[str]) -> Plan:
    asked = intents & set(_builders()) or claims.of("place") or claims.year or claims.of("drug")
    if not asked:
        return Plan("csv", notes=notes_for(claims, set(), "/csv"))
    inner = plan(claims, context, inside_csv=True)
    return Plan("csv", [inner.text], inner.used, inner.notes)


__all__ = ["ALL_DRUGS", "Ambiguous", "Builder", "Plan", "fmt", "forces_of", "plan"]
