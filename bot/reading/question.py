"""Questions in plain words -> the same Command the slash commands produce.

    Questions(parser).read("cocaine seizures in kent 2016-17") -> Reading(DrugQuery(...), ())

The year is taken out first (bot.reading.years); the rest is split into words once, and each run
of words is claimed by one table of bot.reading.lexicon (longest phrase first): a place, a drug,
an intent, "latest", filler, or somewhere outside England and Wales. Misspelt words and the
place part are then read loosely (bot.reading.lexicon), and what nobody claims is reported back
("I left out ..."). bot.reading.plan turns the claims into a command and its arguments, which the
command's own parser reads, so a question and its slash command give equal Commands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import commands
from bot.errors import NoData, UnknownName
from bot.reading import vocab
from bot.reading.lexicon import Claim, Lexicon, Target, words
from bot.reply import Reply
from bot.writing import fmt

SEIZURE_WORDS = frozenset({"seizure", "seizures", "seized", "seize", "seizing", "seizes"})
_TOP_N = re.compile(r"\b(top|bottom)\s+\d{1,2}\b", re.IGNORECASE)
_WORD = re.compile(r"[\w']+")


def small_talk(text: str) -> bool:
    """Whether a message asks nothing: every word a pleasantry, or no word at all."""
    found = [word.strip("'") for word in _WORD.findall(text.lower())]
    return all(word in vocab.PLEASANTRIES for word in found if word)


def greeting(text: str) -> bool:
    """One-word greetings ("hello", "hi", the words of /start and /help): those still get
    the greeting and its examples."""
    intents = commands.intents()
    words = {p for p in (*intents.get("start", ()), *intents.get("help", ())) if " " not in p}
    return any(word in words for word in _WORD.findall(text.lower()))


class OutsideCoverage(NoData):
    """A place in Scotland, Northern Ireland or beyond: the statistics do not cover it."""

    def __init__(self, typed: str, area: str) -> None:
        super().__init__(
            f"These statistics cover England and Wales only, so there are no figures here for "
            f"{area}."
        )
        self.typed = typed


class OtherMeasure(NoData):
    """A question about something these statistics do not count (arrests, deaths, prices):
    named and refused in one line, never answered as seizures; ``measures`` are (measure,
    the words typed) pairs, ``buttons`` (label, payload) pairs."""

    def __init__(
        self, measures: list[tuple[str, str]], buttons: tuple[tuple[str, str], ...]
    ) -> None:
        typed: dict[str, list[str]] = {}
        for measure, typed_words in measures:
            if typed_words != measure:
                typed.setdefault(measure, []).append(f"“{fmt.short(typed_words, 30)}”")
            else:
                typed.setdefault(measure, [])
        named = " or ".join(
            f"{m} ({', '.join(dict.fromkeys(w))})" if w else m for m, w in typed.items()
        )
        where = [_counted_in(m) for m in typed]
        super().__init__(
            f"I have no figures for {named}: these statistics count drug seizures only. "
            + " ".join(where)
        )
        self.measures = tuple(typed)
        self.buttons = buttons


def _counted_in(measure: str) -> str:
    statistic = vocab.MEASURES[measure][1]
    if statistic:
        return f"For {measure}, see the official statistics “{statistic}”."
    return f"I know of no official statistics that count {measure}."


class SmallTalk(NoData):
    """ "thanks", "ok", "lol", an emoji: no question, so no figures (never a card or a
    "did you mean" for words that ask nothing)."""

    def __init__(self) -> None:
        super().__init__(
            "No question there, so no figures. Ask one in plain words whenever you like, "
            "e.g. cocaine seizures in Kent 2016-17; /help lists everything."
        )


class NotUnderstood(NoData):
    def __init__(self, text: str) -> None:
        super().__init__(
            f"Sorry, I could not read “{fmt.short(text, 60)}”. Ask like this: cocaine seizures "
            "in Kent 2016-17, compare Kent and Essex, or which force has the highest rate. "
            "/help lists everything."
        )


@dataclass(frozen=True)
class Claims:
    """What a question says, claim by claim, in the order written."""

    year: str  # the year as typed, or ""
    claims: tuple[Claim, ...]
    unknown: tuple[str, ...]  # runs of words nobody claimed (reported back)
    offered: tuple[Target, ...]  # places close to an unknown run, to offer back
    tokens: tuple[str, ...] = ()  # the words, in order (for "by count" and the like)

    def of(self, kind: str) -> list[Claim]:
        return [c for c in self.claims if c.kind == kind]

    @property
    def intents(self) -> list[str]:
        return [c.value for c in self.claims if c.kind == "intent"]


def without_top_n(text: str) -> str:
    """ "top 10 forces" is a league table, not a year: the number goes."""
    return _TOP_N.sub(r"\1", text)


def read_claims(lexicon: Lexicon, text: str, year_text: str) -> Claims:
    """Claims for the words of ``text`` (the year already taken out)."""
    tokens = words(text)
    claims: list[Claim] = []
    loose: list[tuple[int, str]] = []  # (position, word) nobody claimed exactly
    i = 0
    while i < len(tokens):
        for size in range(min(len(tokens) - i, 6), 0, -1):
            phrase = " ".join(tokens[i : i + size])
            claim = lexicon.phrases.get(phrase)
            if claim:
                claims.append(Claim(claim.kind, claim.value, claim.targets, phrase))
                i += size
                break
        else:
            claim = lexicon.word(tokens[i])
            if claim:
                claims.append(claim)
            else:
                loose.append((i, tokens[i]))
            i += 1
    claims = _in_context(claims, tokens)
    unknown: list[str] = []
    offered: list[Target] = []
    for span in _runs(loose):
        claim, near = lexicon.place(span)
        if claim:
            claims.append(claim)
        else:
            unknown.append(span)
            offered += [t for t in near if t not in offered]
    return Claims(year_text, tuple(claims), tuple(unknown), tuple(offered), tuple(tokens))


def _in_context(claims: list[Claim], tokens: list[str]) -> list[Claim]:
    """A measure right after newsroom context ("doing a piece on county lines") is the
    subject of the piece, not what is asked: it becomes context too, when the question
    asks for seizures elsewhere (a seizure word, a drug or an intent); "looking into knife
    crime in kent" asks for knife crime."""
    asks = any(
        c.kind == "drug" or (c.kind == "intent" and c.value not in {"start", "help"})
        for c in claims
    )
    asks = asks or bool(SEIZURE_WORDS & set(tokens))
    if not asks:
        return claims
    out: list[Claim] = []
    after_context = False
    for claim in claims:
        if claim.kind == "measure" and after_context:
            claim = Claim("context", claim.value, words=claim.words)
        elif claim.kind == "context":
            after_context = True
        elif claim.kind != "filler":
            after_context = False
        out.append(claim)
    return out


def _runs(loose: list[tuple[int, str]]) -> list[str]:
    """Words next to each other, joined: the unknown runs of a question."""
    runs: list[list[str]] = []
    last = -2
    for position, word in loose:
        if position == last + 1:
            runs[-1].append(word)
        else:
            runs.append([word])
        last = position
    return [" ".join(run) for run in runs]


def outside(claims: Claims) -> None:
    """Refuse, plainly, a question about somewhere the statistics do not cover."""
    for claim in claims.of("outside"):
        raise OutsideCoverage(claim.words, claim.value)


def unknown_place(claims: Claims) -> None:
    """No confident answer when the place part is not a known name: say so when there is
    nothing close to offer back (the caller offers what is close, as buttons)."""
    typed = " ".join(claims.unknown)
    if len(claims.unknown) > 1 or len(typed.split()) > 4:
        raise NotUnderstood(typed)
    if not claims.offered:
        raise UnknownName("place", typed)


def _label(target: Target) -> str:
    return f"{target.via} ({target.name})" if target.via else target.name


def notes_for(claims: Claims, used: set[str], asked: str = "") -> list[str]:
    """What the reply should say it read: towns, misspellings, words left out."""
    notes: list[str] = []
    if claims.unknown:  # first: what was not understood, and what was answered instead
        left = ", ".join(f"“{fmt.short(u, 40)}”" for u in claims.unknown)
        instead = f"this answers {asked} without it" if asked else "I left it out"
        notes.append(f"I did not understand {left}, so {instead}.")
    context = [c.words for c in claims.claims if c.kind == "context" and c.value]
    if context:
        subject = ", ".join(f"“{fmt.short(w, 40)}”" for w in context)
        notes.append(
            f"I read {subject} as the subject of your piece; these statistics count seizures only."
        )
    for claim in claims.claims:
        if claim.read_as and claim.kind == "place":
            notes.append(f"I read “{claim.words}” as {_read(claim)}.")
        elif claim.read_as and claim.kind in {"drug", "intent"}:
            notes.append(f"I read “{claim.words}” as “{claim.read_as}”.")
        if claim.kind == "place" and len(claim.targets) == 1 and claim.targets[0].via:
            target = claim.targets[0]
            if (target.kind, target.id) in {("force", u) for u in used}:
                notes.append(f"{target.via} is policed by {target.name}.")
    return notes


def _read(claim: Claim) -> str:
    target = claim.targets[0] if len(claim.targets) == 1 else None
    if target is None:
        return claim.read_as
    return target.via if target.via else target.name


def with_notes(reply: Reply, notes: tuple[str, ...]) -> Reply:
    """The reply with what was read said first, in italics."""
    if not notes:
        return reply
    from dataclasses import replace

    text = " ".join(notes)
    return replace(
        reply, html=f"<i>{fmt.esc(text)}</i>\n{reply.html}", text=f"{text}\n{reply.text}"
    )
