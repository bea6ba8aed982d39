"""Command -> Result: the figures each answer needs, from the store's named queries."""

from __future__ import annotations

from typing import Any

from bot.errors import NoData
from bot.parse import Command, ForceQuery, Simple
from bot.reply import ChatContext
from bot.results import (
    DrugShare,
    ForceCard,
    PublishedSeries,
    Rank,
    Reported,
    ReportedCard,
    Static,
    Trend,
    YearValue,
)
from queries.store import Store

Result = ForceCard | ReportedCard | PublishedSeries | Static


class Data:
    """The store plus the small reference tables, read once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.forces = {row["force_id"]: row for row in store.rows("forces")}
        self.regions = {row["region_id"]: row for row in store.rows("regions")}
        coverage = store.one("coverage") or {}
        self.first_fye = int(coverage["first_fye"])
        self.last_fye = int(coverage["last_fye"])
        self.last_reported_fye = int(coverage["last_reported_fye"])

    def force_names(self) -> dict[str, str]:
        return {force_id: row["full_name"] for force_id, row in self.forces.items()}

    def region_names(self) -> dict[str, str]:
        return {region_id: row["name"] for region_id, row in self.regions.items()}


def run(command: Command, data: Data, context: ChatContext) -> Result:
    if isinstance(command, ForceQuery):
        return force(command, data)
    if isinstance(command, Simple):
        return Static(command.name)
    raise NoData("That question is not answered yet.")


def trend(series: list[YearValue], fye: int) -> Trend | None:
    """How ``fye`` compares with the years before it in ``series`` (sorted by year)."""
    values = {item.fye: item.seizures for item in series}
    current = values.get(fye)
    if current is None:
        return None
    earlier = [item for item in series if item.fye < fye and item.seizures is not None]
    previous = YearValue(fye - 1, values[fye - 1]) if values.get(fye - 1) is not None else None
    higher = [item for item in earlier if item.seizures >= current]  # type: ignore[operator]
    lower = [item for item in earlier if item.seizures <= current]  # type: ignore[operator]
    runs = _runs(values, fye)
    return Trend(
        previous=previous,
        high_since=higher[-1] if higher else None,
        low_since=lower[-1] if lower else None,
        series_high=bool(earlier) and not higher,
        series_low=bool(earlier) and not lower,
        series_first=series[0].fye if series else fye,
        earlier_years=len(earlier),
        run_length=runs[0],
        previous_run=runs[1],
    )


def _runs(values: dict[int, int | None], fye: int) -> tuple[int, int]:
    """(this run, the run before it): +n for n rises in a row, -n for falls, ending at fye."""
    signs = []  # direction of each year-on-year change, newest first
    year = fye
    while values.get(year) is not None and values.get(year - 1) is not None:
        diff = values[year] - values[year - 1]  # type: ignore[operator]
        signs.append((diff > 0) - (diff < 0))
        year -= 1

    def run_from(start: int) -> int:
        length = 0
        while start + length < len(signs) and signs[start + length] == signs[start] != 0:
            length += 1
        return length

    if not signs or signs[0] == 0:
        return 0, 0
    first = run_from(0)
    second = run_from(first) if first < len(signs) else 0
    return signs[0] * first, (signs[first] * second if second else 0)


def reported_rows(data: Data, area_id: str) -> list[Reported]:
    return [
        Reported(
            fye=row["fye"],
            measure=row["measure"],
            drug=row["drug"] or "",
            value=row["value"],
            unit=row["unit"],
            source_type=row["source_type"],
            source_url=row["source_url"],
            note=row["note"] or "",
        )
        for row in data.store.rows("area-reported", area_id=area_id)
        if row["value"] is not None
    ]


def _totals(reported: list[Reported]) -> list[Reported]:
    """Published totals by year; where editions differ, the revised figure comes last."""
    totals = [r for r in reported if r.measure == "seizures" and r.drug == "all_drugs"]
    return sorted(totals, key=lambda r: (r.fye, r.note.lower().startswith("revised")))


def force(query: ForceQuery, data: Data) -> ForceCard | ReportedCard | PublishedSeries:
    info = data.forces[query.force.id]
    fye = query.fye or data.last_fye
    in_tables = query.force.id in _table_forces(data, min(fye, data.last_fye))
    if not in_tables:
        totals = _totals(reported_rows(data, query.force.id))
        if not any(r.fye == fye for r in totals):
            return PublishedSeries(
                query.force.id,
                info["full_name"],
                tuple(totals),
                data.first_fye,
                data.last_fye,
                query.fye,
                None if query.force.exact else query.force.typed,
            )
    if fye > data.last_fye or not in_tables:
        return reported_card(query, data, fye)
    series_rows = data.store.rows("force-series", force_id=query.force.id)
    series = [YearValue(r["fye"], r["seizures"]) for r in series_rows]
    row = next(r for r in series_rows if r["fye"] == fye)
    ranks = {r["force_id"]: r for r in data.store.rows("year-ranks", fye=fye)}
    mine = ranks.get(query.force.id, {})
    national = data.store.one("national-rate", fye=fye, drug="all_drugs") or {}
    region = data.store.one("region-rate", region_id=info["region_id"], fye=fye) or {}
    drugs = data.store.rows("force-drugs", force_id=query.force.id, fye=fye)
    by_drug = {d["drug"]: d for d in drugs}
    reported = _totals(reported_rows(data, query.force.id))
    return ForceCard(
        force_id=query.force.id,
        full_name=info["full_name"],
        region_id=info["region_id"] or "",
        region_name=info["region_name"] or "",
        kind=info["kind"],
        fye=fye,
        seizures=row["seizures"],
        trend=trend(series, fye),
        rate=row["rate_per_million"],
        population_mid_year=fye - 1 if row["population"] else None,
        population_note=_population_note(data, query.force.id),
        national_rate=national.get("rate_per_million"),
        region_rate=region.get("rate_per_million"),
        national_rank=_rank(mine, "national_rank", "national_count"),
        region_rank=_rank(mine, "region_rank", "region_count"),
        region_rank_by_count=_count_rank(ranks, mine),
        drugs=tuple(
            DrugShare(d["drug"], d["label"], d["seizures"])
            for d in drugs
            if d["kind"] == "drug" and d["seizures"]
        ),
        unknown=(by_drug.get("unknown") or {}).get("seizures"),
        class_a=(by_drug.get("class_a") or {}).get("seizures"),
        later=tuple(r for r in reported if r.fye > data.last_fye),
        sources=tuple(dict.fromkeys(s for s in (row["source"], row["population_source"]) if s)),
        also_region=query.also_region,
        fuzzy_from=None if query.force.exact else query.force.typed,
        bare_year=query.year.text if query.year and query.year.bare else None,
    )


def _table_forces(data: Data, fye: int) -> set[str]:
    return {r["force_id"] for r in data.store.rows("year-ranks", fye=fye)} | {"btp", "border-force"}


def _rank(row: dict[str, Any], rank_key: str, count_key: str) -> Rank | None:
    if not row or row.get(rank_key) is None:
        return None
    return Rank(int(row[rank_key]), int(row[count_key]))


def _count_rank(ranks: dict[str, dict[str, Any]], mine: dict[str, Any]) -> Rank | None:
    """Rank by count within the region, for forces with no usable population."""
    if not mine or mine.get("seizures") is None:
        return None
    peers = [
        r["seizures"]
        for r in ranks.values()
        if r["region"] == mine["region"] and r["seizures"] is not None
    ]
    return Rank(1 + sum(1 for s in peers if s > mine["seizures"]), len(peers))


def _population_note(data: Data, force_id: str) -> str:
    row = data.store.one("population-note", area_id=force_id)
    return (row or {}).get("note") or ""


def reported_card(query: ForceQuery, data: Data, fye: int) -> ReportedCard:
    info = data.forces[query.force.id]
    reported = reported_rows(data, query.force.id)
    figures = tuple(r for r in reported if r.fye == fye)
    totals = [r for r in _totals(reported) if r.fye == fye]
    total = totals[-1] if totals else None
    series = {
        r["fye"]: r["seizures"] for r in data.store.rows("force-series", force_id=query.force.id)
    }
    previous, from_table = None, False
    if series.get(fye - 1) is not None:
        previous, from_table = YearValue(fye - 1, series[fye - 1]), True
    else:
        earlier = [r for r in _totals(reported) if r.fye == fye - 1]
        previous = YearValue(fye - 1, int(earlier[-1].value)) if earlier else None
    population = data.store.one("area-population", area_id=query.force.id, fye=fye)
    rate = total.value * 1e6 / population["population"] if total and population else None
    known = [v for v in series.values() if v is not None]
    high = total is not None and bool(known) and total.value > max(known)
    national = _national_computed_rate(data, fye) or _national_reported_rate(data, fye)
    return ReportedCard(
        force_id=query.force.id,
        full_name=info["full_name"],
        kind=info["kind"],
        fye=fye,
        figures=figures,
        total=total,
        first_published=totals[0].value if totals and totals[0].value != total.value else None,  # type: ignore[union-attr]
        previous=previous,
        previous_is_table=from_table,
        series_high_since=min(series) if high else None,
        rate=rate,
        population_mid_year=fye - 1 if population else None,
        population_note=_population_note(data, query.force.id),
        national_reported_rate=next((r for r in national if r.measure == "rate_per_million"), None),
        last_complete_fye=data.last_fye,
        sources=(population["source"],) if population else (),
        fuzzy_from=None if query.force.exact else query.force.typed,
        bare_year=query.year.text if query.year and query.year.bare else None,
    )


def _national_computed_rate(data: Data, fye: int) -> list[Reported]:
    """The territorial-force rate from the tables, where they cover the year."""
    row = data.store.one("national-rate", fye=fye, drug="all_drugs")
    if not row or row["rate_per_million"] is None:
        return []
    return [
        Reported(
            fye,
            "rate_per_million",
            "all_drugs",
            row["rate_per_million"],
            "per million",
            "computed",
            "",
            "43 territorial forces",
        )
    ]


def _national_reported_rate(data: Data, fye: int) -> list[Reported]:
    return [
        Reported(
            fye,
            "rate_per_million",
            "all_drugs",
            row["value"],
            row["unit"],
            row["edition"],
            row["url"],
            row["note"] or "",
        )
        for row in data.store.rows("national-reported-rate", fye=fye)
    ]
