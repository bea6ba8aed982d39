"""/why <force> [year]: what drove a force's change on the year before, by drug and class.

Read from the complete tables' per-drug counts of both years (the prefetched ``force-drugs``
and ``force-series`` queries, so it costs no query of its own). A seizure of several drugs
counts once in the total and once per drug, so the drugs' changes need not add up to the
total's: the answer shows both, and the shares are of the drugs' own net change, which they
add up to by construction. Where there is nothing to compare (the first year, a blank or
incomplete year, a Welsh force, a year after the tables) a WhyGap says so plainly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from bot.answers.figures import unusual
from bot.commands import Answer
from bot.data import Data
from bot.reading.lexicon import Target
from bot.reading.names import Match
from bot.reading.parse import Command, Parser
from bot.reading.plan import ALL_DRUGS, Plan, build_region, forces_of
from bot.reading.question import Claims
from bot.reading.years import YearMatch
from bot.reply import Button, ChatContext
from bot.results import ForceCard, Unusual
from bot.run import run
from bot.writing import fmt

ITEM_KINDS = ("drug", "unknown")  # the columns the shares are of (class totals apart)
SHOWN = 6  # drug lines listed; the rest is one "other drugs" line
MOSTLY = 0.5  # the drivers named must make at least this part of the moves their way
MAX_DRIVERS = 3
OFFSET = 3  # shares are shown when the moves against the net are at most a third of it
UNKNOWN_POINTS = 2  # the unknown-drug share is named when it moves this many points
AGAINST_PART = 0.02  # a drug moving against the total is named from this part of its change
AGAINST_MIN = 5  # ... and this many seizures
# A year-before flag that concerns that year's figure itself (not the change into it).
FIGURE_RULES = ("spike", "below_part")


@dataclass(frozen=True)
class WhyQuery(Command):
    force: Match
    fye: int | None  # None: the latest year of the complete tables
    year: YearMatch | None


@dataclass(frozen=True)
class DrugChange:
    drug: str
    label: str
    before: int
    after: int
    share: int | None = None  # whole per cent of the drugs' net change, where shown

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class ClassMove:
    """A drug counted in another class in the two years (ketamine, C to B from 2014-15)."""

    label: str
    before_class: str
    after_class: str
    before: int
    after: int


@dataclass(frozen=True)
class WhyCard:
    force_id: str
    full_name: str
    fye: int
    seizures: int
    previous: int
    drugs: tuple[DrugChange, ...]  # every drug and the unknown, largest change first
    classes: tuple[DrugChange, ...]  # class A, B, C
    not_compared: tuple[DrugChange, ...]  # a drug with a figure in one year only (-1: none)
    shares: bool  # whether the drugs' shares of their net change are shown
    class_moves: tuple[ClassMove, ...] = ()
    unusual: tuple[Unusual, ...] = ()
    sources: tuple[str, ...] = ()
    fuzzy_from: str | None = None
    bare_year: str | None = None

    @property
    def change(self) -> int:
        return self.seizures - self.previous

    @property
    def drug_change(self) -> int:
        """The drugs' changes added up (each seizure counted once per drug)."""
        return sum(d.change for d in self.drugs)

    @property
    def unknown(self) -> DrugChange | None:
        return next((d for d in self.drugs if d.drug == "unknown"), None)


@dataclass(frozen=True)
class WhyGap:
    """Nothing to explain, and why: ``reason`` is "not_in_tables" (the Welsh forces),
    "after_tables" (a year with only published totals), "first_year", "blank" or
    "partial" (of ``gap_fye``: the year asked or the year before)."""

    force_id: str
    full_name: str
    fye: int
    reason: str
    gap_fye: int
    last_fye: int
    note: str = ""  # an incomplete figure's note
    fuzzy_from: str | None = None
    bare_year: str | None = None


def parse_why(name: str, args: str, parser: Parser, context: ChatContext) -> WhyQuery:
    year, rest = parser.year(args)
    force = parser.force(rest, "why", year) if rest else parser.default_force(context, "why")
    return WhyQuery("why", force, year.fye if year else None, year)


@run.register
def why(query: WhyQuery, data: Data, context: ChatContext | None = None) -> WhyCard | WhyGap:
    fye = query.fye or data.last_fye
    series = {r["fye"]: r for r in data.store.rows("force-series", force_id=query.force.id)}
    gap = _gap(query, data, fye, series)
    if gap is not None:
        return gap
    now = _counts(data, query.force.id, fye)
    before = _counts(data, query.force.id, fye - 1)
    items, missing = _changes(now, before, ITEM_KINDS)
    classes, _ = _changes(now, before, ("class_total",))
    change = series[fye]["seizures"] - series[fye - 1]["seizures"]
    shares = _shares_shown(items, change)
    return WhyCard(
        force_id=query.force.id,
        full_name=data.forces[query.force.id]["full_name"],
        fye=fye,
        seizures=series[fye]["seizures"],
        previous=series[fye - 1]["seizures"],
        drugs=with_shares(items) if shares else items,
        classes=tuple(sorted(classes, key=lambda c: c.drug)),
        not_compared=missing,
        shares=shares,
        class_moves=_class_moves(now, before),
        unusual=_flags(data, query.force.id, fye),
        sources=tuple(dict.fromkeys((series[fye - 1]["source"], series[fye]["source"]))),
        fuzzy_from=None if query.force.exact else query.force.typed,
        bare_year=query.year.text if query.year and query.year.bare else None,
    )


def _gap(query: WhyQuery, data: Data, fye: int, series: dict[int, Any]) -> WhyGap | None:
    def gap(reason: str, year: int, note: str = "") -> WhyGap:
        return WhyGap(
            query.force.id,
            data.forces[query.force.id]["full_name"],
            fye,
            reason,
            year,
            data.last_fye,
            note,
            None if query.force.exact else query.force.typed,
            query.year.text if query.year and query.year.bare else None,
        )

    if not series:
        return gap("not_in_tables", fye)
    if fye > data.last_fye:
        return gap("after_tables", fye)
    if fye - 1 < data.first_fye:
        return gap("first_year", fye)
    for year in (fye, fye - 1):
        row = series.get(year)
        if row is None or row["seizures"] is None:
            return gap("blank", year)
        if row["partial_note"]:
            return gap("partial", year, row["partial_note"])
    return None


def _counts(data: Data, force_id: str, fye: int) -> dict[str, dict[str, Any]]:
    return {r["drug"]: r for r in data.store.rows("force-drugs", force_id=force_id, fye=fye)}


def _changes(
    now: dict[str, dict[str, Any]], before: dict[str, dict[str, Any]], kinds: tuple[str, ...]
) -> tuple[tuple[DrugChange, ...], tuple[DrugChange, ...]]:
    """(the drugs of ``kinds`` with a figure in both years, largest change first; those
    with a figure in one year only, the other given as -1)."""
    found, missing = [], []
    for drug in dict.fromkeys([*before, *now]):
        row = now.get(drug) or before.get(drug) or {}
        if row.get("kind") not in kinds:
            continue
        after_value = (now.get(drug) or {}).get("seizures")
        before_value = (before.get(drug) or {}).get("seizures")
        if after_value is None or before_value is None:
            if (after_value or before_value) is not None:
                missing.append(
                    DrugChange(drug, row["label"], _or_none(before_value), _or_none(after_value))
                )
            continue
        found.append(DrugChange(drug, row["label"], before_value, after_value))
    found.sort(key=lambda d: (-abs(d.change), d.drug))
    return tuple(found), tuple(missing)


def _or_none(value: int | None) -> int:
    return -1 if value is None else value


def _shares_shown(items: tuple[DrugChange, ...], change: int) -> bool:
    """Shares of the drugs' net change mean something only when it moves the way the total
    does and the moves against it are small."""
    net = sum(d.change for d in items)
    against = sum(abs(d.change) for d in items if d.change * net < 0)
    return follows(net, change) and OFFSET * against <= abs(net)


def follows(net: int, change: int) -> bool:
    """Whether the drugs' counts together move the way the total does, by no less than half
    and no more than twice as much (else seizures of several drugs, or drugs counted in
    one year only, weigh too much for the drugs to be said to drive the change)."""
    return net * change > 0 and abs(change) <= 2 * abs(net) <= 4 * abs(change)


def with_shares(items: tuple[DrugChange, ...]) -> tuple[DrugChange, ...]:
    """Each drug's whole-per-cent share of the drugs' net change, rounded so that the
    shares add up to exactly 100 (largest remainders)."""
    net = sum(d.change for d in items)
    exact = [100 * d.change / net for d in items]
    floors = [math.floor(x) for x in exact]
    order = sorted(range(len(items)), key=lambda i: (floors[i] - exact[i], i))
    for i in order[: 100 - sum(floors)]:
        floors[i] += 1
    return tuple(
        DrugChange(d.drug, d.label, d.before, d.after, share)
        for d, share in zip(items, floors, strict=True)
    )


def _class_moves(
    now: dict[str, dict[str, Any]], before: dict[str, dict[str, Any]]
) -> tuple[ClassMove, ...]:
    return tuple(
        ClassMove(
            row["label"],
            before[drug]["drug_class"],
            row["drug_class"],
            before[drug]["seizures"] or 0,
            row["seizures"] or 0,
        )
        for drug, row in now.items()
        if drug in before
        and row["kind"] == "drug"
        and before[drug]["drug_class"] != row["drug_class"]
        and (row["seizures"] or before[drug]["seizures"])
    )


def _flags(data: Data, force_id: str, fye: int) -> tuple[Unusual, ...]:
    """The force's flagged figures of the year (any drug) and those of the year before that
    concern its figure itself (a spike, a total below its part)."""
    before = tuple(f for f in unusual(data, fye - 1, force_id) if f.rule in FIGURE_RULES)
    return before + unusual(data, fye, force_id)


WHY_DRUG_NOTE = "/why explains the change in all seizures, drug by drug; for one drug ask /drug."
WHY_FORCE_NOTE = "/why explains one force's change by drug; this card gives the change here."


def _plan_why(
    claims: Claims, context: ChatContext, chosen: list[Target], drug: str, year: str
) -> Plan:
    """ "why did seizures rise in kent": one force's change by drug (with no place, the
    chat's default force, or a usage reply). A region or England and Wales has no /why:
    their cards give the change."""
    if chosen and chosen[0].kind == "region":
        result = build_region(claims, context, chosen, ALL_DRUGS, year)
    elif not chosen and "national" in claims.intents:
        result = Plan("national", [year])
    else:
        result = Plan("why", [chosen[0].id if chosen else "", year], forces_of(chosen))
        if drug != ALL_DRUGS:
            result.notes.append(WHY_DRUG_NOTE)
        return result
    result.notes.append(WHY_FORCE_NOTE)
    return result


def _why_button(result: object) -> Button | None:
    """ "Why?" under a /force card with a change on the year before to explain."""
    if isinstance(result, ForceCard) and result.trend and result.trend.previous:
        return Button("Why?", f"/why {result.force_id} {fmt.fye(result.fye)}")
    return None


ANSWER = Answer(
    name="why",
    args="<force> [year]",
    summary="What drove a force's change on the year before, by drug and by class",
    example="/why Kent 2018-19",
    parse=parse_why,
    reads=frozenset({"default_force"}),
    intents=(
        "why",
        "what drove",
        "drove",
        "drive",
        "drives",
        "driving",
        "driven",
        "driver",
        "drivers",
        "what caused",
        "caused",
        "cause",
        "causes",
        "reason",
        "reasons",
        "explain",
        "explains",
        "explanation",
        "behind the rise",
        "behind the fall",
        "behind the increase",
        "behind the drop",
        "behind the change",
        "accounts for",
        "account for",
        "accounted for",
        "responsible for",
        "change",
        "changes",
        "changed",
        "what changed",
    ),
    plan=_plan_why,
    strength=70,
    prefetch=("force-series", "force-drugs", "unusual-all"),
    follow_up=_why_button,
)
