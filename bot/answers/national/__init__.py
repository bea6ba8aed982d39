"""/national [year]: England and Wales as a whole.

Two cases: a year of the transcribed national table (NationalCard: the total, the police and
Border Force split, classes, leading drugs, the trend and the territorial-force rate), and a
year with only published headline figures (NationalHeadlines: later years, and 2006-07 and
2007-08, which have Border Force figures only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.answers.figures import trend
from bot.commands import Answer
from bot.data import Data
from bot.errors import BadYear, NoData, UsageError
from bot.reading.names import ALL_DRUGS
from bot.reading.parse import Command, Parser
from bot.reading.plan import build_national
from bot.reading.years import YearError, YearMatch, find_year
from bot.reply import ChatContext
from bot.results import DrugShare, Reported, Trend, YearValue
from bot.run import run
from bot.writing import fmt

# Words that may stand beside the year without changing the question.
_FILLER = re.compile(
    r"\b(?:national|nationally|england|and|wales|e&w|e\s*&\s*w|total|all|seizures|in|for)\b",
    re.IGNORECASE,
)
# Parts of cannabis, counted again in "cannabis": never listed as leading drugs.
CANNABIS_FORMS = frozenset({"herbal_cannabis", "cannabis_resin", "cannabis_plants"})


@dataclass(frozen=True)
class NationalQuery(Command):
    fye: int | None  # None: the latest year with complete force tables
    year: YearMatch | None


@dataclass(frozen=True)
class Figure:
    """One row of national.csv as published, with the release its edition belongs to."""

    fye: int
    authority: str  # all, police, border-force, territorial
    measure: str
    drug: str
    label: str  # the drug's label ("Class B"), or the drug id where it has none
    value: float
    unit: str
    edition: str
    edition_fye: int | None  # 2020 for "FYE2020 release"; None for the transcribed tables
    source: str
    url: str
    note: str

    def reported(self) -> Reported:
        """As a Reported figure, for render.link."""
        return Reported(
            self.fye,
            self.measure,
            self.drug,
            self.value,
            self.unit,
            self.edition,
            self.url,
            self.note,
        )


@dataclass(frozen=True)
class Split:
    """All seizures split into police and Border Force as ONE release published them
    (table national_split): the police figure the territorial count is built on."""

    edition: str  # "FYE2017 release"
    total: int
    police: int  # including British Transport Police
    border_force: int
    source: str
    transcribed: bool  # its total is the transcribed table's too (the same edition)


@dataclass(frozen=True)
class NationalCard:
    """A year of the transcribed national table (2008-09 to 2018-19)."""

    fye: int
    total: int  # police and Border Force, the transcription's figure
    editions: tuple[Figure, ...]  # every published national total for the year
    trend: Trend | None
    border_force: int | None  # from the same transcription's force table
    published_split: tuple[Figure, ...]  # police and Border Force totals as published
    classes: tuple[DrugShare, ...]
    drugs: tuple[DrugShare, ...]  # leading drugs, largest first
    unknown: int | None
    territorial: int | None  # the 43 territorial forces
    rate: float | None
    population_mid_year: int | None
    figures: tuple[Figure, ...]  # everything bundled for the year (for /csv)
    sources: tuple[str, ...]  # source ids
    first_fye: int  # the first year with any national figure
    last_reported_fye: int
    force_table: bool  # the complete force tables cover the year (a league table exists)
    bare_year: str | None = None
    split: Split | None = None  # None: the transcribed total less its Border Force figure


@dataclass(frozen=True)
class NationalHeadlines:
    """A year with published headline figures only."""

    fye: int
    headline: Figure | None  # the total as first published
    revisions: tuple[Figure, ...]  # later editions' different totals
    previous: Figure | None  # the year before, as the same release gave it if it did
    latest_trend: Trend | None  # on the latest figure for each year
    latest: int | None  # the latest figure for this year
    police: Figure | None
    police_share: Figure | None
    border_force: Figure | None
    others: tuple[Figure, ...]  # other published figures worth a mention
    border_force_drugs: tuple[Figure, ...]  # years with Border Force figures only
    rate: Figure | None  # a national rate as published
    has_population: bool  # an England and Wales population exists for the year
    population_until: int | None  # the last mid-year with an England and Wales population
    first_table_fye: int
    last_complete_fye: int
    first_fye: int  # the first year with any national figure
    last_reported_fye: int
    figures: tuple[Figure, ...]
    bare_year: str | None = None


def parse_national(name: str, args: str, parser: Parser, context: ChatContext) -> NationalQuery:
    c = parser.coverage
    try:
        year, rest = find_year(args)
    except YearError as exc:
        raise BadYear(args, c.first_fye, c.last_fye, c.last_reported_fye, str(exc)) from None
    if year and year.fye > c.last_reported_fye:
        raise BadYear(year.text, c.first_fye, c.last_fye, c.last_reported_fye)
    if _FILLER.sub(" ", rest).strip(" ,.-"):
        raise UsageError(
            "national",
            "/national takes only a year. For one drug try /drug cocaine; "
            "for a force, /force West Mercia.",
        )
    return NationalQuery("national", year.fye if year else None, year)


@run.register
def national(
    query: NationalQuery, data: Data, context: ChatContext | None = None
) -> NationalCard | NationalHeadlines:
    fye = query.fye or data.last_fye
    figures = tuple(
        figure_from_row(row) for row in data.store.rows("national-card-published", fye=fye)
    )
    bare = query.year.text if query.year and query.year.bare else None
    rows = data.store.rows("national-card-year", fye=fye)
    if rows:
        return _card(data, fye, rows, figures, bare)
    if not figures:
        raise NoData(
            f"No national figures for {fmt.fye(fye)}: they run from "
            f"{fmt.fye(_first_fye(data))} to {fmt.fye(data.last_reported_fye)}."
        )
    return _headlines(data, fye, figures, bare)


def _first_fye(data: Data) -> int:
    years = data.store.one("national-card-years") or {}
    return int(years.get("first_fye") or data.first_fye)


def figure_from_row(row: dict[str, Any]) -> Figure:
    return Figure(
        row["fye"],
        row["authority"],
        row["measure"],
        row["drug"] or "",
        row["label"] or (row["drug"] or "").replace("_", " "),
        row["value"],
        row["unit"] or "",
        row["edition"] or "",
        row["edition_fye"],
        row["source"],
        row["url"],
        row["note"] or "",
    )


def _card(
    data: Data,
    fye: int,
    rows: list[dict[str, Any]],
    figures: tuple[Figure, ...],
    bare: str | None,
) -> NationalCard:
    by_drug = {r["drug"]: r for r in rows}
    top = by_drug[ALL_DRUGS]
    series = [YearValue(r["fye"], r["seizures"]) for r in data.store.rows("national-card-series")]

    def shares(kind: str) -> tuple[DrugShare, ...]:
        return tuple(
            DrugShare(r["drug"], r["label"], r["national_seizures"])
            for r in rows
            if r["kind"] == kind and r["national_seizures"] and r["drug"] not in CANNABIS_FORMS
        )

    totals = [f for f in figures if f.measure == "seizures" and f.drug == ALL_DRUGS]
    sources = [top["national_source"], top["border_force_source"], top["population_source"]]
    split = split_of(top)
    if split:
        sources.append(split.source)
    return NationalCard(
        fye=fye,
        total=top["national_seizures"],
        editions=tuple(f for f in totals if f.authority == "all"),
        trend=trend(series, fye),
        border_force=top["border_force_seizures"],
        published_split=tuple(f for f in totals if f.authority in ("police", "border-force")),
        classes=tuple(sorted(shares("class_total"), key=lambda d: d.drug)),
        drugs=shares("drug"),
        unknown=(by_drug.get("unknown") or {}).get("national_seizures"),
        territorial=top["territorial_seizures"],
        rate=top["rate_per_million"],
        population_mid_year=fye - 1 if top["population"] else None,
        figures=figures,
        sources=tuple(dict.fromkeys(s for s in sources if s)),
        first_fye=_first_fye(data),
        last_reported_fye=data.last_reported_fye,
        force_table=data.first_fye <= fye <= data.last_fye,
        bare_year=bare,
        split=split,
    )


def split_of(row: dict[str, Any]) -> Split | None:
    """The release split of a national-card-year row for all drugs, if there is one."""
    if not row.get("split_edition"):
        return None
    return Split(
        row["split_edition"],
        row["split_total"],
        row["police_seizures"],
        row["split_border_force"],
        row["edition_source"],
        not row["edition"],
    )


def _headlines(
    data: Data, fye: int, figures: tuple[Figure, ...], bare: str | None
) -> NationalHeadlines:
    every_total = [figure_from_row(r) for r in data.store.rows("national-card-totals")]
    totals = [f for f in every_total if f.fye == fye]
    headline = totals[0] if totals else None
    previous = comparator(every_total, fye, headline)
    latest = latest_series(data, every_total)
    first_table = data.store.rows("national-card-series")

    def one(authority: str, measure: str) -> Figure | None:
        found = [
            f
            for f in figures
            if (f.authority, f.measure, f.drug) == (authority, measure, ALL_DRUGS)
        ]
        return found[0] if found else None

    population = data.store.one("area-population", area_id="england-and-wales", fye=fye)
    rates = [f for f in figures if f.measure == "rate_per_million" and f.drug == ALL_DRUGS]
    return NationalHeadlines(
        fye=fye,
        headline=headline,
        revisions=tuple(f for f in totals[1:] if headline and f.value != headline.value),
        previous=previous,
        latest_trend=trend(latest, fye) if headline else None,
        latest=next((v.seizures for v in latest if v.fye == fye), None),
        police=one("police", "seizures"),
        police_share=one("police", "share_percent"),
        border_force=one("border-force", "seizures"),
        others=_others(figures),
        border_force_drugs=tuple(
            f
            for f in figures
            if f.authority == "border-force"
            and f.measure == "seizures"
            and f.drug not in CANNABIS_FORMS
            and f.drug != ALL_DRUGS
        ),
        rate=rates[0] if rates else None,
        has_population=population is not None,
        population_until=(data.store.one("national-card-population-until") or {}).get("mid_year"),
        first_table_fye=first_table[0]["fye"] if first_table else data.first_fye,
        last_complete_fye=data.last_fye,
        first_fye=_first_fye(data),
        last_reported_fye=data.last_reported_fye,
        figures=figures,
        bare_year=bare,
    )


def comparator(totals: list[Figure], fye: int, headline: Figure | None) -> Figure | None:
    """The year before: as the headline's own release gave it, else its latest figure."""
    before = [f for f in totals if f.fye == fye - 1]
    if not before or headline is None:
        return None
    same = [f for f in before if f.edition_fye and f.edition_fye == headline.edition_fye]
    return same[0] if same else before[-1]


def latest_series(data: Data, totals: list[Figure]) -> list[YearValue]:
    """The transcribed table's totals, then each later year's latest published total."""
    series = {r["fye"]: r["seizures"] for r in data.store.rows("national-card-series")}
    for item in totals:  # sorted by year, then edition: the latest edition comes last
        if item.fye > data.last_fye:
            series[item.fye] = int(item.value)
    return [YearValue(year, series[year]) for year in sorted(series)]


_OTHER_MEASURES = ("seizures", "share_percent", "change_percent", "quantity")


def _others(figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """Published figures beside the totals: the latest edition of each, drugs and classes."""
    chosen: dict[tuple[str, str, str], Figure] = {}
    for item in figures:
        if item.measure not in _OTHER_MEASURES or item.authority not in ("all", "police"):
            continue
        if item.drug in ("", ALL_DRUGS) or item.source.startswith("bdd-"):
            continue
        chosen[(item.authority, item.measure, item.drug)] = item
    order = {m: i for i, m in enumerate(_OTHER_MEASURES)}
    return tuple(sorted(chosen.values(), key=lambda f: (f.authority, order[f.measure])))


ANSWER = Answer(
    name="national",
    args="[year]",
    summary="England and Wales: all seizures, police and Border Force, classes, leading drugs",
    example="/national 2018-19",
    parse=parse_national,
    intents=(
        "national",
        "nationally",
        "nationwide",
        "england and wales",
        "e and w",
        "the country",
        "across the country",
        "countrywide",
        "national average",
        "national rate",
        "all forces",
        "every force",
        "all police forces",
        "nation",
        "national figures",
        "overall",
    ),
    plan=build_national,
    strength=20,
    prefetch=(
        "national-card-year",
        "national-card-published",
        "national-rate",
        "national-card-series",
        "national-card-years",
        "national-card-totals",
    ),
)
