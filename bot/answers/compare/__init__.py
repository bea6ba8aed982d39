"""/compare <A> vs <B> [year]: two forces, or a force and a region or England and Wales.

Sides are split on " vs ", " v ", " versus ", "," and, last, " and " (only where both halves
are exact names, so "Avon and Somerset" stays whole). Each side is a force, a region (named
with "region", or a name only a region has: "the North West", "Wales") or the national
figure ("national", "England and Wales"). Each side's figures come from the complete tables
where they cover it, otherwise from published totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.answers.common import SideRef, exact_side, region_token, resolve_side
from bot.answers.figures import national_reported_rate, rank_of, reported_rows, totals, unusual
from bot.answers.national import CANNABIS_FORMS, comparator, figure_from_row
from bot.commands import Answer
from bot.data import Data
from bot.errors import UnknownName, UsageError
from bot.reading.names import ALL_DRUGS
from bot.reading.parse import Command, Parser
from bot.reading.plan import build_compare
from bot.reading.years import YearMatch
from bot.reply import MAX_PAYLOAD, ChatContext
from bot.results import DrugShare, Rank, Reported, Unusual
from bot.run import run
from bot.writing import fmt

_SEPARATOR = re.compile(r"(\s*,\s*|(?:^|\s+)(?:vs\.?|v\.?|versus|against|with)(?:\s+|$))", re.I)
_AND = re.compile(r"\s+(?:and|&)\s+", re.I)


@dataclass(frozen=True)
class CompareQuery(Command):
    a: SideRef
    b: SideRef
    fye: int | None  # None: the latest year with complete force tables
    year: YearMatch | None


def parse_compare(name: str, args: str, parser: Parser, context: ChatContext) -> CompareQuery:
    year, rest = parser.year(args)
    texts = split_sides(rest, parser)
    if len(texts) > 2:
        raise UsageError(
            "compare",
            f"Compare takes two sides, and I found {len(texts)}. For more forces at once, "
            "try /rank (or /rank with a region).",
        )
    if len(texts) == 2 and not texts[0] and texts[1] and context.default_force:
        texts[0] = context.default_force
    if len(texts) < 2 or not all(texts):
        named = exact_side(next((t for t in texts if t), ""), parser)
        what = named.name if named else "what"
        raise UsageError(
            "compare",
            f"Compare {what} with what? Name two sides: two forces, or a force and a region "
            "or national.",
        )
    year_text = fmt.fye(year.fye) if year else ""
    a, b = resolve_pair(texts[0], texts[1], parser, year_text)
    if (a.kind, a.id) == (b.kind, b.id):
        raise UsageError(
            "compare",
            f"That is {a.name} on both sides. Compare it with another force, a region or "
            f"national, e.g. /compare {a.token} vs national.",
        )
    return CompareQuery("compare", a, b, year.fye if year else None, year)


def split_sides(text: str, parser: Parser) -> list[str]:
    """The sides named in ``text``, in order; empty strings where a side is missing."""
    pieces = _SEPARATOR.split(text)  # names and, between them, the separators
    parts = [pieces[0].strip()]
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        joined = f"{parts[-1]}, {piece.strip()}"  # "London, City of" is one name
        if separator.strip() == "," and exact_side(joined, parser):
            parts[-1] = joined
        else:
            parts.append(piece.strip())
    if len(parts) == 1:
        return split_on_and(parts[0], parser, fuzzy=True) or parts
    return [side for part in parts for side in split_on_and(part, parser) or [part]]


def split_on_and(text: str, parser: Parser, *, fuzzy: bool = False) -> list[str] | None:
    """``text`` as names joined by "and" (both exact), or None if it is one name.

    With ``fuzzy``, a single "and" between two inexact names splits too."""
    if not text or exact_side(text, parser):
        return None
    joins = list(_AND.finditer(text))
    for join in joins:
        left, right = text[: join.start()], text[join.end() :]
        if exact_side(left, parser) and exact_side(right, parser):
            return [left, right]
    pieces = _AND.split(text)
    if len(pieces) > 2 and all(exact_side(p, parser) for p in pieces):
        return pieces
    if fuzzy and len(joins) == 1:
        return _AND.split(text)
    return None


def resolve_pair(
    text_a: str, text_b: str, parser: Parser, year_text: str
) -> tuple[SideRef, SideRef]:
    """Both sides; a name not found offers choices that keep the other side and the year."""
    year = f" {year_text}" if year_text else ""
    try:
        b = resolve_side(text_b, parser)
    except UnknownName as exc:
        try:
            a_token = resolve_side(text_a, parser).token
        except UnknownName:
            raise _choices(exc, parser, "compare", "") from None
        raise _choices(exc, parser, f"compare {a_token} vs", year_text) from None
    try:
        a = resolve_side(text_a, parser)
    except UnknownName as exc:
        raise _choices(exc, parser, "compare", f"vs {b.token}{year}") from None
    return a, b


def _choices(exc: UnknownName, parser: Parser, command: str, rest: str) -> UnknownName:
    """The error with each choice rebuilding the whole question, within the payload limit."""
    tokens = tuple(
        (region_token(item_id, parser) if exc.kind == "region" else item_id, name)
        for item_id, name in exc.suggestions
    )
    longest = max((len(t.encode()) for t, _ in tokens), default=0)
    if len(f"/{command} {rest} ".encode()) + longest > MAX_PAYLOAD:
        command, rest = "compare", ""
    return UnknownName(exc.kind, exc.text, tokens, command, rest)


# --- Running: each side's figures ---------------------------------------------------------


@dataclass(frozen=True)
class Mix:
    """A side's seizures by drug: the drugs largest first, unknown and any class A."""

    drugs: tuple[DrugShare, ...] = ()
    unknown: int | None = None
    class_a: int | None = None
    total: int | None = None  # what the shares are of, when not the side's seizures


@dataclass(frozen=True)
class Side:
    ref: SideRef
    basis: str  # table | published | none
    seizures: int | None = None
    previous: int | None = None  # the year before, on the same basis where possible
    rate: float | None = None
    why_no_rate: str = ""  # empty when there is a rate, or no figure at all
    rank: Rank | None = None  # by rate: forces among forces, regions among regions
    mix: Mix = Mix()
    sources: tuple[str, ...] = ()  # source ids or page addresses
    published: Reported | None = None  # the published total used, if any
    published_rate: Reported | None = None  # a rate as reported (national, later years)
    edition: str | None = None  # national: the release of its police figure, if not the table's
    unusual: tuple[Unusual, ...] = ()  # a force's figures that look out of line (table unusual)


@dataclass(frozen=True)
class Comparison:
    fye: int
    a: Side
    b: Side
    last_complete_fye: int
    first_fye: int
    bare_year: str | None = None


@run.register
def compare(query: CompareQuery, data: Data, context: ChatContext | None = None) -> Comparison:
    fye = query.fye or data.last_fye
    build = {"force": force_side, "region": region_side, "national": national_side}
    a = build[query.a.kind](data, query.a, fye)
    b = build[query.b.kind](data, query.b, fye)
    bare = query.year.text if query.year and query.year.bare else None
    return Comparison(fye, a, b, data.last_fye, data.first_fye, bare)


def _mix(rows: list[dict[str, Any]], key: str = "seizures", total: int | None = None) -> Mix:
    by_drug = {r["drug"]: r[key] for r in rows}
    drugs = tuple(
        DrugShare(r["drug"], r["label"], r[key])
        for r in sorted(rows, key=lambda r: -(r[key] or 0))
        if r["kind"] == "drug" and r[key] and r["drug"] not in CANNABIS_FORMS
    )
    return Mix(drugs, by_drug.get("unknown"), by_drug.get("class_a"), total)


NO_RATE = {
    "transport": "British Transport Police has no resident population",
    "border": "Border Force works at the border, not in a force area",
    "territorial": "no usable population is bundled for this force area",
}


def force_side(data: Data, ref: SideRef, fye: int) -> Side:
    series = {r["fye"]: r for r in data.store.rows("force-series", force_id=ref.id)}
    row, last = series.get(fye), series.get(fye - 1) or {}
    before = None if last.get("partial_note") else last.get("seizures")
    if row is None or fye > data.last_fye:
        return published_side(data, ref, fye, before)
    ranks = {r["force_id"]: r for r in data.store.rows("year-ranks", fye=fye)}
    why = row.get("partial_note") or ""  # a figure flagged partial: no change, rate or rank
    if not why and row["rate_per_million"] is None and row["seizures"] is not None:
        why = NO_RATE[data.forces[ref.id]["kind"]]
    return Side(
        ref, "table", row["seizures"], None if row.get("partial_note") else before,
        row["rate_per_million"], why,
        rank=rank_of(ranks.get(ref.id, {}), "national_rank", "national_count"),
        mix=_mix(data.store.rows("force-drugs", force_id=ref.id, fye=fye)),
        sources=tuple(s for s in (row["source"], row["population_source"]) if s),
        unusual=unusual(data, fye, ref.id),
    )  # fmt: skip


def region_side(data: Data, ref: SideRef, fye: int) -> Side:
    row = data.store.one("region-rate", region_id=ref.id, fye=fye)
    before = (data.store.one("region-rate", region_id=ref.id, fye=fye - 1) or {}).get("seizures")
    if row is None or fye > data.last_fye:
        return published_side(data, ref, fye, before)
    ranks = {r["region_id"]: r for r in data.store.rows("compare-region-ranks", fye=fye)}
    why = ""
    if row["seizures"] is None:
        why = f"only {row['forces_reporting']} of its {row['forces']} forces have a complete figure"
    elif row["rate_per_million"] is None:
        why = "no usable population is bundled for this region"
    sources = data.store.rows("compare-region-sources", region_id=ref.id, fye=fye)
    return Side(
        ref, "table", row["seizures"], before, row["rate_per_million"], why,
        rank=rank_of(ranks.get(ref.id, {}), "rank", "ranked"),
        mix=_mix(data.store.rows("compare-region-drugs", region_id=ref.id, fye=fye)),
        sources=tuple(r["source"] for r in sources if r["source"]),
    )  # fmt: skip


def national_side(data: Data, ref: SideRef, fye: int) -> Side:
    """England and Wales: the 43 territorial forces, from the national table."""
    rows = data.store.rows("national-card-year", fye=fye)
    top = next((r for r in rows if r["drug"] == ALL_DRUGS), None)
    if top is None or top["territorial_seizures"] is None:
        return _national_published(data, ref, fye)
    sources = (top["national_source"], top["border_force_source"], top["population_source"],
               top["edition"] and top["edition_source"])  # fmt: skip
    why = "" if top["rate_per_million"] else "no population is bundled for that year"
    return Side(
        ref, "table", top["territorial_seizures"], top["previous_seizures"],
        top["rate_per_million"], why, sources=tuple(s for s in sources if s),
        mix=_mix(rows, "territorial_seizures", top["territorial_seizures"]),  # the one count
        edition=top["edition"],
    )  # fmt: skip


def _national_published(data: Data, ref: SideRef, fye: int) -> Side:
    """England and Wales in a year after the tables: the total as first published."""
    every = [figure_from_row(r) for r in data.store.rows("national-card-totals")]
    first = next((f for f in every if f.fye == fye), None)
    if first is None:
        return Side(ref, "none")
    before = comparator(every, fye, first)
    rates = national_reported_rate(data, fye)
    rate = rates[0] if rates else None
    sources = tuple(f.url for f in (first, before) if f) + ((rate.source_url,) if rate else ())
    return Side(
        ref, "published", int(first.value), int(before.value) if before else None,
        rate.value if rate else None, "" if rate else "no national rate is bundled for that year",
        sources=tuple(dict.fromkeys(sources)), published=first.reported(), published_rate=rate,
    )  # fmt: skip


def published_side(data: Data, ref: SideRef, fye: int, before: int | None) -> Side:
    """A force or region the tables do not cover that year: its published total, if any."""
    published = totals(reported_rows(data, ref.id))
    now = [r for r in published if r.fye == fye]
    if not now:
        return Side(ref, "none")
    total = now[-1]
    earlier = [r for r in published if r.fye == fye - 1]
    if before is None and earlier:
        before = int(earlier[-1].value)
    population = data.store.one("area-population", area_id=ref.id, fye=fye)
    if population is None:
        why = f"no usable population is bundled for {fmt.fye(fye)}"
        return Side(ref, "published", int(total.value), before, None, why,
                    sources=(total.source_url,), published=total)  # fmt: skip
    rate = total.value * 1e6 / population["population"]
    return Side(ref, "published", int(total.value), before, rate,
                sources=(total.source_url, population["source"]), published=total)  # fmt: skip


ANSWER = Answer(
    name="compare",
    args="<force> vs <force|national|region> [year]",
    summary="Two forces (or a force and the national or regional figure) side by side",
    example="/compare West Mercia vs Warwickshire 2018-19",
    parse=parse_compare,
    reads=frozenset({"default_force"}),
    intents=(
        "compare",
        "compares",
        "compared",
        "compared with",
        "compared to",
        "comparison",
        "vs",
        "v",
        "versus",
        "against",
        "difference between",
        "above",
        "below",
        "higher than",
        "lower than",
        "more than",
        "less than",
        "side by side",
    ),
    plan=build_compare,
    strength=90,
)
