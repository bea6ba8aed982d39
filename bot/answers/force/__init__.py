"""/force <force> [year]: one force's card.

Three cases: a year of the complete tables (ForceCard), a later year with only published
figures (ReportedCard), and a force the tables do not cover at all (PublishedSeries).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.figures import (
    blank_note,
    left_out,
    national_computed_rate,
    national_reported_rate,
    population_note,
    rank_of,
    reported_rows,
    totals,
    trend,
    unusual,
)
from bot.commands import Answer
from bot.data import Data
from bot.reading.names import ALL_DRUGS, Match
from bot.reading.parse import Command, Parser
from bot.reading.plan import build_force
from bot.reading.years import YearMatch
from bot.reply import ChatContext
from bot.results import (
    DrugShare,
    ForceCard,
    PublishedSeries,
    Reported,
    ReportedCard,
    YearValue,
)
from bot.run import run
from bot.writing.release_notes import revision_of


@dataclass(frozen=True)
class ForceQuery(Command):
    force: Match
    fye: int | None  # None: the latest year with complete force tables
    year: YearMatch | None
    also_region: str | None = None  # the name is also a region's ("West Midlands")


def parse_force(name: str, args: str, parser: Parser, context: ChatContext) -> ForceQuery:
    year, rest = parser.year(args)
    force = parser.force(rest, "force", year) if rest else parser.default_force(context, "force")
    also_region = None
    region_id = parser.regions.exact(rest)
    if force.exact and region_id:
        also_region = parser.regions.display[region_id]
    return ForceQuery("force", force, year.fye if year else None, year, also_region)


@run.register
def force(
    query: ForceQuery, data: Data, context: ChatContext | None = None
) -> ForceCard | ReportedCard | PublishedSeries:
    info = data.forces[query.force.id]
    fye = query.fye or data.last_fye
    row = data.store.one("force-card", force_id=query.force.id, fye=min(fye, data.last_fye))
    in_tables = row is not None
    if not in_tables:
        published = totals(reported_rows(data, query.force.id))
        if not any(r.fye == fye for r in published):
            return PublishedSeries(
                query.force.id,
                info["full_name"],
                tuple(published),
                data.first_fye,
                data.last_fye,
                query.fye,
                None if query.force.exact else query.force.typed,
            )
    if fye > data.last_fye or row is None:
        return reported_card(query, data, fye)
    series_rows = data.store.rows("force-series", force_id=query.force.id)
    series = [  # an incomplete (partial) figure is a gap for comparisons
        YearValue(r["fye"], None if r["partial_note"] else r["seizures"]) for r in series_rows
    ]
    incomplete = {r["fye"] for r in series_rows if r["partial_note"]}
    drugs = data.store.rows("force-drugs", force_id=query.force.id, fye=fye)
    by_drug = {d["drug"]: d for d in drugs}
    reported = totals(reported_rows(data, query.force.id))
    region = data.store.rows("region-card-forces", region_id=info["region_id"], fye=fye)
    return ForceCard(
        force_id=query.force.id,
        full_name=info["full_name"],
        region_id=info["region_id"] or "",
        region_name=info["region_name"] or "",
        kind=info["kind"],
        fye=fye,
        seizures=row["seizures"],
        trend=trend(series, fye, incomplete),
        rate=row["rate_per_million"],
        population_mid_year=fye - 1 if row["population"] else None,
        population_note=population_note(data, query.force.id),
        national_rate=row["national_rate"],
        region_rate=row["region_rate"],
        national_rank=rank_of(row, "national_rank", "national_count"),
        region_rank=rank_of(row, "region_rank", "region_count"),
        region_rank_by_count=rank_of(row, "region_count_rank", "region_count_of"),
        drugs=tuple(
            DrugShare(d["drug"], d["label"], d["seizures"])
            for d in drugs
            if d["kind"] == "drug" and d["seizures"]
        ),
        unknown=(by_drug.get("unknown") or {}).get("seizures"),
        class_a=(by_drug.get("class_a") or {}).get("seizures"),
        later=tuple(r for r in reported if r.fye > data.last_fye),
        sources=tuple(
            dict.fromkeys(
                s
                for s in (
                    row["source"],
                    row["population_source"],
                    row["national_edition_source"]
                    or ("bdd-national-seizures" if row["national_rate"] else None),
                    "ons-population" if row["national_rate"] else None,
                )
                if s
            )
        ),
        also_region=query.also_region,
        fuzzy_from=None if query.force.exact else query.force.typed,
        bare_year=query.year.text if query.year and query.year.bare else None,
        has_previous_year=fye - 1 >= data.first_fye,
        partial_note=row["partial_note"],
        revision=revision_of(data.store.one("force-revision", force_id=query.force.id, fye=fye)),
        left_out=left_out(region, query.force.id, "rate" if row["rate_per_million"] else "count"),
        unusual=unusual(data, fye, query.force.id, ALL_DRUGS, notes=True),
        blank_note=blank_note(data, query.force.id, ALL_DRUGS, fye)
        if row["seizures"] is None
        else "",
        national_edition=row["national_edition"],
    )


def reported_card(query: ForceQuery, data: Data, fye: int) -> ReportedCard:
    info = data.forces[query.force.id]
    reported = reported_rows(data, query.force.id)
    figures = tuple(r for r in reported if r.fye == fye)
    editions = [r for r in totals(reported) if r.fye == fye]
    total = editions[-1] if editions else None
    series = {
        r["fye"]: r["seizures"] for r in data.store.rows("force-series", force_id=query.force.id)
    }
    previous, from_table = None, False
    if series.get(fye - 1) is not None:
        previous, from_table = YearValue(fye - 1, series[fye - 1]), True
    else:
        earlier = [r for r in totals(reported) if r.fye == fye - 1]
        previous = YearValue(fye - 1, int(earlier[-1].value)) if earlier else None
    population = data.store.one("area-population", area_id=query.force.id, fye=fye)
    rate = total.value * 1e6 / population["population"] if total and population else None
    high = _series_high(data, query.force.id, reported, fye, total)
    national = national_computed_rate(data, fye) or national_reported_rate(data, fye)
    return ReportedCard(
        force_id=query.force.id,
        full_name=info["full_name"],
        kind=info["kind"],
        fye=fye,
        figures=figures,
        total=total,
        first_published=editions[0].value
        if editions and editions[0].value != total.value  # type: ignore[union-attr]
        else None,  # type: ignore[union-attr]
        previous=previous,
        previous_is_table=from_table,
        series_high_since=high,
        rate=rate,
        population_mid_year=fye - 1 if population else None,
        population_note=population_note(data, query.force.id),
        national_reported_rate=next((r for r in national if r.measure == "rate_per_million"), None),
        last_complete_fye=data.last_fye,
        sources=(population["source"],) if population else (),
        fuzzy_from=None if query.force.exact else query.force.typed,
        bare_year=query.year.text if query.year and query.year.bare else None,
    )


def _series_high(
    data: Data, force_id: str, reported: list[Reported], fye: int, total: Reported | None
) -> int | None:
    """The series' first year if ``total`` is above every year before it, the tables'
    and the published ones alike, with no gap (a blank, incomplete or unpublished year)."""
    if total is None:
        return None
    rows = data.store.rows("force-series", force_id=force_id)
    series = [YearValue(r["fye"], None if r["partial_note"] else r["seizures"]) for r in rows]
    later = {r.fye: int(r.value) for r in totals(reported)}  # the latest edition wins
    later[fye] = int(total.value)
    series += [YearValue(y, later.get(y)) for y in range(data.last_fye + 1, fye + 1)]
    found = trend(series, fye)
    claim = found and found.series_high and found.record_claimable and found.gap is None
    return found.series_first if found and claim else None


ANSWER = Answer(
    name="force",
    args="<force> [year]",
    summary="A force's seizures: change, rate per million, rank and drug mix",
    example="/force West Mercia 2018-19",
    parse=parse_force,
    reads=frozenset({"default_force"}),
    plan=build_force,
    strength=10,
    prefetch=(
        "force-card",
        "force-series",
        "force-drugs",
        "area-reported",
        "force-revision",
        "area-population",
        "unusual-all",
    ),
)
