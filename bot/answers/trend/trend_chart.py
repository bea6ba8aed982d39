"""The /trend chart and its words: title, legend labels and the source stamp.

One function writes the title for both the chart and the caption's headline, so the two
never disagree: it names the measure ("per million people" for rates), says "region" for a
region (the West Midlands force and region share a name) and "by police and Border Force"
for England and Wales. The source is in words from data/sources.csv (publisher, dataset,
edition), and the reference line's label says what it is and why it starts where it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.reading.names import ALL_DRUGS, Match
from bot.writing import charts, fmt

if TYPE_CHECKING:
    from bot.data import Data

NATIONAL = "national"
SOURCE_KEYS = ("source", "population_source")  # the rows' tables and populations


@dataclass(frozen=True)
class Point:
    fye: int
    value: float | None  # as charted: a rate or a count; None is a gap
    seizures: int | None
    url: str = ""  # the page a figure as reported comes from
    partial_note: str = ""  # why a table figure is incomplete (then no rate is drawn)


@dataclass(frozen=True)
class TrendSeries:
    kind: str
    area_id: str
    name: str
    drug: Match
    drug_label: str
    per_million: bool  # False: counts
    no_rate: str  # why counts, when counts
    points: tuple[Point, ...]  # the complete tables, every year they hold
    reported: tuple[Point, ...]  # published later (or for a force missing from the tables)
    uncharted: tuple[Point, ...]  # published, but no population for a rate
    reference: tuple[Point, ...]  # England and Wales, 43 territorial forces (rates only)
    cited: tuple[tuple[str, str], ...]  # (dataset, edition) in words, tables then populations
    sources: tuple[str, ...]  # source ids and pages, for /csv
    fuzzy_from: str | None = None
    reference_forces: int = 0  # how many forces the reference rate covers
    reference_start: str = ""  # why the reference starts after the chart, when it does


def title_of(series: TrendSeries) -> str:
    """ "West Midlands region: heroin seizures per million people"."""
    label = "drug" if series.drug.id == ALL_DRUGS else fmt.drug_label(series.drug_label)
    place = f"{series.name} region" if series.kind == "region" else series.name
    if series.kind == NATIONAL:
        return f"{place}: {label} seizures by police and Border Force"
    return f"{place}: {label} seizures{' per million people' if series.per_million else ''}"


def chart_of(series: TrendSeries) -> charts.LineChart:
    lines = [charts.Line("Home Office tables", tuple((p.fye, p.value) for p in series.points))]
    if series.reported:
        reported = tuple((p.fye, p.value) for p in series.reported)
        lines.append(charts.Line(as_word(series).capitalize(), reported, "reported"))
    if series.reference:
        reference = tuple((p.fye, p.value) for p in series.reference)
        lines.append(charts.Line(reference_label(series), reference, "reference"))
    return charts.LineChart(
        title=title_of(series),
        y_label="Seizures per million people" if series.per_million else "Seizures",
        lines=tuple(line for line in lines if line.points),
        stamp=stamp_of(series),
    )


def reference_label(series: TrendSeries) -> str:
    """What the grey line is, and, when the chart starts earlier, why the line starts later."""
    label = f"England and Wales rate, the {series.reference_forces} territorial forces"
    return f"{label}; {series.reference_start}" if series.reference_start else label


def stamp_of(series: TrendSeries) -> tuple[str, ...]:
    """The source in words, stamped at the foot of the chart."""
    later = f"later years {as_word(series)} (pages in the caption)"
    if not series.points:
        where = "not in the bundled Home Office tables (pages in the caption)"
        return (f"Source: figures {as_word(series)}, {where}",)
    parts = [f"{name}, {edition}" for name, edition in series.cited]
    parts[:1] = [f"Source: {part}" for part in parts[:1]]
    return (*parts, later) if series.reported else tuple(parts)


def as_word(series: TrendSeries) -> str:
    """Later national totals come from the Home Office's own releases; a force's from pages
    that reported them."""
    return "as published" if series.kind == NATIONAL else "as reported"


def cited_sources(data: Data, rows: list[dict[str, Any]]) -> tuple[tuple[str, str], ...]:
    """The tables and the populations behind the rows, in words from data/sources.csv, as
    (dataset, edition): ("Home Office, Seizures of drugs in England and Wales, 2009-10 to
    2018-19", "data tables as transcribed by ... (last change Aug 2020)"), ("ONS mid-year
    population estimates", "2011-Census-based mid-year estimates"). The chart gives both,
    the caption (short of room) the dataset."""
    ids = {key: sorted({r[key] for r in rows if r.get(key)}) for key in SOURCE_KEYS}
    found = {key: data.store.rows("sources", ids=ids[key]) if ids[key] else [] for key in ids}
    first, last = span_of([r["fye"] for r in rows])
    tables = dict.fromkeys(_dataset(r, f"{first} to {last}") for r in found["source"])
    people = dict.fromkeys(_population(r) for r in found["population_source"])
    return (*tables, *people)


def _dataset(source: dict[str, Any], years: str) -> tuple[str, str]:
    publisher = _publisher(source)
    edition = source["edition"].removeprefix(publisher + " ")
    return f"{publisher}, {_title(source['title'])}, {years}", edition


def _population(source: dict[str, Any]) -> tuple[str, str]:
    """Population sources differ in their notes, not in their base: the edition's first
    clause ("2011-Census-based mid-year estimates") is the part a reader needs."""
    edition = re.split(r", | \(", source["edition"])[0]
    return _title(source["title"]), edition


def _publisher(source: dict[str, Any]) -> str:
    return str(source["publisher"]).split(" (")[0]


def _title(title: str) -> str:
    """The dataset's name without its years or its table: "Seizures of drugs in England and
    Wales, 2009-10: seizures by police force and drug" -> "Seizures of drugs in England and
    Wales"; "ONS mid-year population estimates by English police force area" -> "ONS
    mid-year population estimates"."""
    return re.split(r"[,:]| by ", title)[0]


def reference_start(national: list[dict[str, Any]], chart_start: int) -> str:
    """Why the reference rate starts after the chart's first year, from the data: the year
    before has the forces' figure but no England and Wales population (so no rate), or it
    lacks the Border Force or British Transport Police figure taken off the national total."""
    rated = [r["fye"] for r in national if r["rate_per_million"] is not None]
    if not rated or not chart_start or rated[0] <= chart_start:
        return ""
    start, before = fmt.fye(rated[0]), next(r for r in national if r["fye"] < rated[0])
    before = next((r for r in national if r["fye"] == rated[0] - 1), before)
    if before["territorial_seizures"] is not None and not before["population"]:
        return f"from {start}, the first year with a population estimate for England and Wales"
    needs = "the Border Force or British Transport Police figure it needs"
    return f"from {start}; {fmt.fye(before['fye'])} lacks {needs}"


def span_of(years: list[int]) -> tuple[str, str]:
    return (fmt.fye(min(years)), fmt.fye(max(years))) if years else ("", "")
