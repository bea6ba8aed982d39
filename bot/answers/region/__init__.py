"""/region <region> [year]: a region's forces with counts, rates and changes, its total and
rate against England and Wales.

Two cases: a year of the complete tables (RegionCard); Wales, whose forces are not in the
tables, or any region in a later year (RegionPublished: the totals published for the region
and its forces, with their pages).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.common import WALES, find_region, region_list, region_of
from bot.answers.figures import reported_rows, totals, trend, unusual
from bot.commands import Answer
from bot.data import Data
from bot.errors import UsageError
from bot.reading.names import ALL_DRUGS, Match
from bot.reading.parse import Command, Parser
from bot.reading.plan import build_region
from bot.reading.years import YearMatch
from bot.reply import ChatContext
from bot.results import Reported, Trend, Unusual, YearValue
from bot.run import run
from bot.writing import fmt


@dataclass(frozen=True)
class RegionQuery(Command):
    place: Match  # a region, or a force standing for its region (named_force)
    fye: int | None  # None: the latest year with complete force tables
    year: YearMatch | None
    named_force: bool = False
    also_force: str | None = None  # the name is also a force's ("West Midlands")


@dataclass(frozen=True)
class RegionForce:
    force_id: str
    name: str  # the Home Office spelling ("Avon & Somerset")
    full_name: str
    in_table: bool  # the force has a row in that year's table (even a blank one)
    seizures: int | None
    previous: int | None  # the year before, from the tables
    population: int | None  # usable only
    rate: float | None
    partial: bool = False  # an incomplete published figure (flags.csv): no rate or change
    unusual: tuple[Unusual, ...] = ()  # its total looks out of line (table unusual)


@dataclass(frozen=True)
class RegionCard:
    region_id: str
    name: str
    fye: int
    forces: tuple[RegionForce, ...]
    seizures: int | None  # the region's total, only when every force reported
    trend: Trend | None
    population: int | None
    rate: float | None
    national_seizures: int | None  # the 43 territorial forces
    national_population: int | None
    national_rate: float | None
    sources: tuple[str, ...]  # source ids (sources.csv), for /csv
    has_previous_year: bool
    via_force: str | None = None  # the force named instead of the region
    also_force: str | None = None
    fuzzy_from: str | None = None
    bare_year: str | None = None
    national_edition: str | None = None  # the release behind national_rate, if not the table's


@dataclass(frozen=True)
class Published:
    area_id: str
    area_name: str
    figure: Reported  # the latest edition's total
    first_published: float | None  # an earlier edition's different total


@dataclass(frozen=True)
class RegionPublished:
    """Wales (any year) or a region after the complete tables: what was published."""

    region_id: str
    name: str
    fye: int
    last_complete_fye: int
    force_names: tuple[tuple[str, str, str], ...]  # the region's forces: id, name, full name
    figures: tuple[Published, ...]  # published all-drug totals for that year
    years: tuple[int, ...]  # years with a published total for the region or a force
    via_force: str | None = None
    fuzzy_from: str | None = None
    bare_year: str | None = None


def parse_region(name: str, args: str, parser: Parser, context: ChatContext) -> RegionQuery:
    year, rest = parser.year(args)
    if not rest:
        raise UsageError("region", f"Which region? {region_list(parser)}.")
    year_text = fmt.fye(year.fye) if year else ""
    place, named_force = find_region(parser, rest, "region", year_text, year)
    force_id = parser.forces.exact(rest)
    also_force = parser.forces.display[force_id] if force_id and not named_force else None
    fye = year.fye if year else None
    return RegionQuery("region", place, fye, year, named_force, also_force)


@run.register
def region(
    query: RegionQuery, data: Data, context: ChatContext | None = None
) -> RegionCard | RegionPublished:
    region_id, via_force = region_of(query.place, query.named_force, data)
    fye = query.fye or data.last_fye
    fuzzy = None if query.place.exact else query.place.typed
    bare = query.year.text if query.year and query.year.bare else None
    if region_id == WALES or fye > data.last_fye:
        return published(data, region_id, fye, via_force, fuzzy, bare)
    rows = data.store.rows("region-card-forces", region_id=region_id, fye=fye)
    series_rows = data.store.rows("region-card-series", region_id=region_id)
    series = [YearValue(r["fye"], r["seizures"]) for r in series_rows]
    current = next((r for r in series_rows if r["fye"] == fye), {})
    national = data.store.one("national-rate", fye=fye, drug=ALL_DRUGS) or {}
    flags = unusual(data, fye, drug=ALL_DRUGS)
    england_wales = data.store.one("area-population", area_id="england-and-wales", fye=fye)
    ids = [r[key] for r in rows for key in ("source", "population_source") if r[key]]
    ids += [current.get("population_source"), england_wales and england_wales["source"]]
    ids.append(national.get("edition_source") if national.get("edition") else None)
    return RegionCard(
        region_id=region_id,
        name=data.regions[region_id]["name"],
        fye=fye,
        forces=tuple(
            RegionForce(
                r["force_id"],
                r["name"],
                r["full_name"],
                bool(r["in_table"]),
                r["seizures"],
                r["previous_seizures"],
                r["population"],
                r["rate_per_million"],
                bool(r["partial_note"]),
                tuple(f for f in flags if f.force_id == r["force_id"]),
            )
            for r in rows
        ),
        seizures=current.get("seizures"),
        trend=trend(series, fye, {r["fye"] for r in series_rows if r["seizures"] is None}),
        population=current.get("population"),
        rate=current.get("rate_per_million"),
        national_seizures=national.get("seizures"),
        national_population=national.get("population"),
        national_rate=national.get("rate_per_million"),
        sources=tuple(dict.fromkeys(i for i in ids if i)),
        has_previous_year=fye - 1 >= data.first_fye,
        via_force=via_force,
        also_force=query.also_force,
        fuzzy_from=fuzzy,
        bare_year=bare,
        national_edition=national.get("edition"),
    )


def published(
    data: Data,
    region_id: str,
    fye: int,
    via_force: str | None,
    fuzzy: str | None,
    bare: str | None,
) -> RegionPublished:
    """The all-drug totals published for the region and each of its forces in ``fye``."""
    name = data.regions[region_id]["name"]
    forces = tuple(
        (force_id, row["name"], row["full_name"])
        for force_id, row in sorted(data.forces.items(), key=lambda item: item[1]["name"])
        if row["region_id"] == region_id and row["kind"] == "territorial"
    )
    figures, years = [], set()
    for area_id, _, area_name in ((region_id, name, name), *forces):
        found = totals(reported_rows(data, area_id))
        years |= {r.fye for r in found}
        editions = [r for r in found if r.fye == fye]
        if editions:
            first = editions[0].value if editions[0].value != editions[-1].value else None
            figures.append(Published(area_id, area_name, editions[-1], first))
    return RegionPublished(
        region_id,
        name,
        fye,
        data.last_fye,
        forces,
        tuple(figures),
        tuple(sorted(years)),
        via_force,
        fuzzy,
        bare,
    )


ANSWER = Answer(
    name="region",
    args="<region> [year]",
    summary="A region's forces with counts, rates and changes, against England and Wales",
    example="/region West Midlands",
    parse=parse_region,
    intents=(
        "region",
        "regions",
        "regional",
        "by region",
    ),
    plan=build_region,
    strength=40,
    prefetch=("region-card-forces", "region-card-series", "national-rate", "area-population"),
)
