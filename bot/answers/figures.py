"""Figure helpers shared by several answers: trends, published figures, ranks, blanks."""

from __future__ import annotations

from typing import Any

from bot.data import Data
from bot.reading.names import ALL_DRUGS
from bot.results import LeftOut, Rank, Reported, Trend, Unusual, YearValue


def trend(
    series: list[YearValue], fye: int, incomplete: frozenset[int] | set[int] = frozenset()
) -> Trend | None:
    """How ``fye`` compares with the years before it in ``series`` (sorted by year).

    Comparisons stop at the last year before ``fye`` with no complete figure (blank, or in
    ``incomplete``): no record or run reaches across it, and the Trend names it.
    """
    values = {y.fye: None if y.fye in incomplete else y.seizures for y in series}
    series = [YearValue(year, value) for year, value in values.items()]
    current = values.get(fye)
    if current is None:
        return None
    first = series[0].fye if series else fye
    gap = next((y for y in range(fye - 1, first - 1, -1) if values.get(y) is None), None)
    start = first if gap is None else gap + 1
    earlier = [item for item in series if start <= item.fye < fye and item.seizures is not None]
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
        series_first=start,
        earlier_years=len(earlier),
        run_length=runs[0],
        previous_run=runs[1],
        gap=gap,
        gap_incomplete=gap is not None and gap in incomplete,
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


def unusual(
    data: Data,
    fye: int,
    force_id: str | None = None,
    drug: str | None = None,
    *,
    notes: bool = False,
) -> tuple[Unusual, ...]:
    """The flagged figures of a year (table unusual), for one force and drug if given; with
    ``notes`` also the notes on what drove a change ("unknown_rise")."""
    found = tuple(
        Unusual(
            fye=r["fye"],
            force_id=r["force_id"],
            drug=r["drug"],
            label=r["label"],
            rule=r["rule"],
            seizures=r["seizures"],
            before=r["before"],
            after=r["after"],
            part_label=r["part_label"] or "",
            part=r["part"],
        )
        for r in data.store.rows("unusual-all")
        if r["fye"] == fye
        and (force_id is None or r["force_id"] == force_id)
        and (drug is None or r["drug"] == drug)
    )
    return tuple(flag for flag in found if notes or not flag.note)


def left_out(rows: list[dict[str, Any]], force_id: str, by: str) -> tuple[LeftOut, ...]:
    """The other forces of a region that a rank by ``by`` ("rate" or "count") leaves out,
    from region-card-forces rows."""
    found = []
    for row in rows:
        if row["force_id"] == force_id:
            continue
        if row["seizures"] is None:
            found.append(LeftOut(row["name"], "blank"))
        elif row["partial_note"]:
            found.append(LeftOut(row["name"], "partial"))
        elif by == "rate" and row["rate_per_million"] is None:
            found.append(LeftOut(row["name"], "population"))
    return tuple(found)


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
            label=data.drugs.get(row["drug"] or "", {}).get("label", ""),
        )
        for row in data.store.rows("area-reported", area_id=area_id)
        if row["value"] is not None
    ]


def totals(reported: list[Reported]) -> list[Reported]:
    """Published totals by year; where editions differ, the revised figure comes last."""
    totals = [r for r in reported if r.measure == "seizures" and r.drug == ALL_DRUGS]
    return sorted(totals, key=lambda r: (r.fye, r.note.lower().startswith("revised")))


def rank_of(row: dict[str, Any], rank_key: str, count_key: str) -> Rank | None:
    if not row or row.get(rank_key) is None:
        return None
    return Rank(int(row[rank_key]), int(row[count_key]))


def population_note(data: Data, area_id: str) -> str:
    """Why an area's population gives no rate, if it gives none."""
    return data.population_notes.get(area_id, "")


def national_computed_rate(data: Data, fye: int) -> list[Reported]:
    """The territorial-force rate from the tables, where they cover the year."""
    row = data.store.one("national-rate", fye=fye, drug=ALL_DRUGS)
    if not row or row["rate_per_million"] is None:
        return []
    return [
        Reported(
            fye,
            "rate_per_million",
            ALL_DRUGS,
            row["rate_per_million"],
            "per million",
            "computed",
            "",
            f"from the {row['edition']}" if row["edition"] else "Home Office table",
        )
    ]


def national_reported_rate(data: Data, fye: int) -> list[Reported]:
    return [
        Reported(
            fye,
            "rate_per_million",
            ALL_DRUGS,
            row["value"],
            row["unit"],
            row["edition"],
            row["url"],
            row["note"] or "",
        )
        for row in data.store.rows("national-reported-rate", fye=fye)
    ]


def source_lines(data: Data, ids: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """One line per source id: title, edition and address (for CSV files and /sources)."""
    rows = data.store.rows("sources", ids=list(ids))
    return tuple(f"{r['title']} ({r['publisher']}; {r['edition']}) {r['url']}" for r in rows)


def blank_note(data: Data, force_id: str, drug: str, fye: int) -> str:
    """ "Suppressed for confidentiality in the release of 5 March 2026" for a blank cell an
    imported release explained by its shorthand, else "" (the bundled tables' blanks)."""
    row = data.store.one("blank-meaning", force_id=force_id, drug=drug, fye=fye)
    if not row:
        return ""
    note = str(row["note"])
    return f"{note[:1].upper()}{note[1:]} (the {row['edition']})"
