"""/rank [drug] [year] [region] [by count]: territorial forces by seizures per million people,
or (``by count``) by number of seizures.

Nationally the reply shows the top 10 and the bottom 3; with a region, all its forces.
By rate, forces with no usable population are listed by count; forces with no figure by name.
Wales (not in the tables) and years after the complete tables get a plain notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.answers.common import WALES, find_region, region_of
from bot.answers.figures import unusual
from bot.commands import Answer
from bot.data import Data
from bot.errors import NoData
from bot.reading.names import ALL_DRUGS, Match, normalise
from bot.reading.parse import Command, Parser
from bot.reading.plan import build_rank
from bot.reading.years import YearMatch
from bot.reply import ChatContext
from bot.results import Unusual
from bot.run import run
from bot.writing import fmt
from bot.writing.tables import Table, to_table

CLOSE_DRUG = 80  # rapidfuzz ratio for reading a misspelt drug name
RATE, COUNT = "rate", "count"
_BY = re.compile(r"\bby\s+(rate|count|number(?:\s+of\s+seizures)?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RankQuery(Command):
    drug: Match | None  # None: all drugs
    fye: int | None  # None: the latest year with complete force tables
    year: YearMatch | None
    place: Match | None = None  # a region, or a force standing for its region
    named_force: bool = False
    by: str = RATE  # rate | count: what the table is ordered by


@dataclass(frozen=True)
class RankRow:
    force_id: str
    name: str  # the Home Office spelling ("Avon & Somerset")
    full_name: str
    region_id: str
    seizures: int | None
    population: int | None  # usable only
    rate: float | None
    rank: int | None  # by rate (or count), nationally or within the region asked for
    national_rank: int | None
    incomplete: bool = False  # a published figure flagged partial: shown apart, not ranked
    unusual: tuple[Unusual, ...] = ()  # the figure looks out of line (table unusual)


@dataclass(frozen=True)
class RankTable:
    fye: int
    drug: str
    drug_label: str
    region_id: str | None
    region_name: str | None
    ranked: tuple[RankRow, ...]  # forces with a rate (by count: a figure), first first
    by_count: tuple[RankRow, ...]  # by rate: forces with a count but no usable population
    missing: tuple[RankRow, ...]  # forces with no figure that year
    incomplete: tuple[RankRow, ...]  # forces whose figure is incomplete (flags.csv)
    national_ranked: int  # forces ranked nationally
    national_rate: float | None  # the 43 territorial forces over England and Wales
    national_seizures: int | None
    region_rate: float | None
    region_seizures: int | None
    default_force: str | None  # the chat's default force (/setforce)
    default_row: RankRow | None  # its row when outside this table's forces
    default_absent: tuple[str, str] | None  # (full name, kind) when it is not in the table
    sources: tuple[str, ...]  # source ids (sources.csv), for /csv
    has_previous_year: bool
    drug_typed: str | None = None  # an everyday name read as the Home Office category
    via_force: str | None = None
    fuzzy_from: str | None = None
    bare_year: str | None = None
    national_edition: str | None = None  # the release behind national_rate, if not the table's
    by: str = RATE  # rate | count


@dataclass(frozen=True)
class RankNotice:
    """No league table: Wales, a later year, or a drug with no column that year."""

    reason: str  # wales | later | no_drug
    fye: int
    drug: str
    drug_label: str
    last_complete_fye: int
    drug_years: tuple[int, ...] = ()  # years whose tables have the drug
    welsh_forces: tuple[str, ...] = ()


def parse_rank(name: str, args: str, parser: Parser, context: ChatContext) -> RankQuery:
    order = _BY.search(args)
    by = COUNT if order and order.group(1).lower() != RATE else RATE
    args = _BY.sub(" ", args).strip() if order else args
    year, rest = parser.year(args)
    fye = year.fye if year else None
    drug, rest = split_drug(parser, rest)
    if not rest:
        return RankQuery("rank", drug, fye, year, by=by)
    if drug is None and not _names_place(parser, rest):
        drug = _close_drug(parser, rest)
        if drug:
            return RankQuery("rank", drug, fye, year, by=by)
    keep = " ".join(x for x in (drug.id if drug else "", fmt.fye(fye) if fye else "") if x)
    keep += " by count" if by == COUNT else ""
    place, named_force = find_region(parser, rest, "rank", keep.strip(), year, "a region or drug")
    return RankQuery("rank", drug, fye, year, place, named_force, by)


def split_drug(parser: Parser, text: str) -> tuple[Match | None, str]:
    """(drug, the rest): the drug named by the leading or trailing words, preferring a
    reading whose rest names a region or force exactly ("east" is a region, not "e")."""
    if not text or _names_place(parser, text):
        return None, text
    readings = [find(text) for find in (parser.drugs.leading, parser.drugs.trailing)]
    for drug, rest in readings:
        if drug and (not rest or _names_place(parser, rest)):
            return drug, rest
    return next(((drug, rest) for drug, rest in readings if drug), (None, text))


def _names_place(parser: Parser, text: str) -> bool:
    return bool(parser.regions.exact(text) or parser.forces.exact(text))


def _close_drug(parser: Parser, text: str) -> Match | None:
    """A drug name misspelt ("cocain"), when no region is close to the text either."""
    key = normalise(text)
    close = [
        drug_id
        for drug_id in parser.drugs.suggest(key)
        if fuzz.ratio(key, normalise(parser.drugs.display[drug_id])) >= CLOSE_DRUG
    ]
    if len(close) != 1 or parser.regions.suggest(key):
        return None
    return Match(close[0], parser.drugs.display[close[0]], False, text)


@run.register
def rank(
    query: RankQuery, data: Data, context: ChatContext | None = None
) -> RankTable | RankNotice:
    fye = query.fye or data.last_fye
    drug = query.drug.id if query.drug else ALL_DRUGS
    label = data.drugs[drug]["label"]
    region_id, via_force = (
        region_of(query.place, query.named_force, data) if query.place else (None, None)
    )
    if region_id == WALES:
        welsh = sorted(f["full_name"] for f in data.forces.values() if f["region_id"] == WALES)
        return RankNotice("wales", fye, drug, label, data.last_fye, welsh_forces=tuple(welsh))
    if fye > data.last_fye:
        return RankNotice("later", fye, drug, label, data.last_fye)
    found = data.store.rows("rank-forces", fye=fye, drug=drug)
    if not found:
        years = tuple(r["fye"] for r in data.store.rows("rank-drug-years", drug=drug))
        return RankNotice("no_drug", fye, drug, label, data.last_fye, years)
    flags = unusual(data, fye, drug=drug)
    rows = [_row(r, region_id, flags, query.by) for r in found]
    if query.by == COUNT:  # most seizures first; the query orders by rate
        rows.sort(key=lambda r: (r.seizures is None, -(r.seizures or 0), r.name))
    shown = [r for r in rows if region_id is None or r.region_id == region_id]
    ranked = [r for r in shown if r.rank is not None]
    national = data.store.one("national-rate", fye=fye, drug=drug) or {}
    region = (
        data.store.one("rank-region-total", fye=fye, drug=drug, region_id=region_id) or {}
        if region_id
        else {}
    )
    default = context.default_force if context else None
    default_row = next((r for r in rows if r.force_id == default), None)
    if default_row in shown:
        default_row = None
    source_ids = [r[key] for r in found for key in ("source", "population_source") if r[key]]
    source_ids += [national["edition_source"]] if national.get("edition") else []
    return RankTable(
        fye=fye,
        drug=drug,
        drug_label=label,
        region_id=region_id,
        region_name=data.regions[region_id]["name"] if region_id else None,
        ranked=tuple(ranked),
        by_count=tuple(r for r in shown if r.rank is None and r.seizures is not None),
        missing=tuple(r for r in shown if r.seizures is None and not r.incomplete),
        incomplete=tuple(r for r in shown if r.incomplete),
        national_ranked=sum(1 for r in rows if r.national_rank is not None),
        national_rate=national.get("rate_per_million"),
        national_seizures=national.get("seizures"),
        region_rate=region.get("rate_per_million"),
        region_seizures=region.get("seizures"),
        default_force=default,
        default_row=default_row,
        default_absent=_absent(data, default, rows),
        sources=tuple(dict.fromkeys(source_ids)),
        has_previous_year=fye - 1 >= data.first_fye,
        drug_typed=_typed(query.drug),
        via_force=via_force,
        fuzzy_from=None if query.place is None or query.place.exact else query.place.typed,
        bare_year=query.year.text if query.year and query.year.bare else None,
        national_edition=national.get("edition"),
        by=query.by,
    )


def _row(row: dict, region_id: str | None, flags: tuple[Unusual, ...], by: str) -> RankRow:
    prefix = "count_" if by == COUNT else ""
    return RankRow(
        force_id=row["force_id"],
        name=row["name"],
        full_name=row["full_name"],
        region_id=row["region_id"],
        seizures=row["seizures"],
        population=row["population"],
        rate=row["rate_per_million"],
        rank=row[f"region_{prefix}rank"] if region_id else row[f"{prefix or 'national_'}rank"],
        national_rank=row[f"{prefix or 'national_'}rank"],
        incomplete=bool(row["partial_note"]),
        unusual=tuple(f for f in flags if f.force_id == row["force_id"]),
    )


def _absent(data: Data, default: str | None, rows: list[RankRow]) -> tuple[str, str] | None:
    """The default force's (full name, kind) when it is not in the year's table at all."""
    if not default or default not in data.forces or any(r.force_id == default for r in rows):
        return None
    return data.forces[default]["full_name"], data.forces[default]["kind"]


def _typed(drug: Match | None) -> str | None:
    """What the person typed, when it is not the category's own name."""
    if drug is None or drug.id == ALL_DRUGS:
        return None
    if normalise(drug.typed) in (normalise(drug.name), normalise(drug.id.replace("_", " "))):
        return None
    return drug.typed


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@to_table.register
def _rank_table(table: RankTable) -> Table:
    rows = [*table.ranked, *table.by_count, *table.missing]
    where = f"-{table.region_id}" if table.region_id else ""
    where += "-by-count" if table.by == COUNT else ""  # the rank columns are by count
    return Table(
        name=f"rank-{table.drug}-{fmt.fye(table.fye)}{where}",
        columns=(
            "rank",
            "national_rank",
            "force_id",
            "name",
            "drug",
            "seizures",
            "population",
            "rate_per_million",
        ),
        rows=tuple(
            (
                r.rank,
                r.national_rank,
                r.force_id,
                r.full_name,
                table.drug,
                r.seizures,
                r.population,
                _rounded(r.rate),
            )
            for r in rows
        ),
        sources=table.sources,
    )


@to_table.register
def _rank_notice(notice: RankNotice) -> Table:
    raise NoData("That answer has no league table to download. Try /csv rank.")


ANSWER = Answer(
    name="rank",
    args="[drug] [year] [region] [by count]",
    summary="League table of forces by seizures per million people, or by count",
    example="/rank cocaine 2016-17",
    parse=parse_rank,
    reads=frozenset({"default_force"}),
    intents=(
        "rank",
        "ranks",
        "ranking",
        "rankings",
        "ranked",
        "league table",
        "league",
        "top",
        "bottom",
        "highest",
        "lowest",
        "most",
        "least",
        "fewest",
        "which force",
        "which forces",
        "which police force",
        "best",
        "worst",
        "biggest",
        "smallest",
        "table",
        "largest",
        "greatest",
        "each force",
        "by force",
        "force by force",
        "per force",
        "each police force",
        "every force ranked",
    ),
    plan=build_rank,
    strength=80,
    prefetch=("rank-forces", "year-ranks", "national-rate"),
)
