"""/drug <drug> [force] [year]: one drug's seizures, share, change and quantities.

Everyday names map to the Home Office categories (``coke`` -> cocaine) and the reply names
the category used. ``all`` as the drug gives a force's (or the national) breakdown by drug.
Three results: a year of the complete tables (DrugCard, DrugBreakdown), and published
figures only (DrugPublished) for the Welsh forces and for years after the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.answers.common import NATIONAL, NATIONAL_FORMS, resolve_drug
from bot.answers.figures import blank_note, unusual
from bot.commands import Answer
from bot.data import Data
from bot.errors import NoData, UnknownName, UsageError
from bot.reading.names import ALL_DRUGS, Match, normalise
from bot.reading.parse import Command, Parser
from bot.reading.plan import build_drug
from bot.reading.years import YearMatch
from bot.reply import ChatContext
from bot.results import DrugShare, Unusual, YearValue
from bot.run import run
from bot.writing import fmt

# Forms the Home Office counts inside one category: quantities are given per form.
FORMS = {"cannabis": ("herbal_cannabis", "cannabis_resin", "cannabis_plants")}
PUBLISHED_MEASURES = {
    "seizures",
    "quantity",
    "share_percent",
    "share_of_known_percent",
    "change_percent",
    "rate_per_million",
}
_DRUG_RATE = re.compile(r"^rate_([a-z_]+)_per_million$")


@dataclass(frozen=True)
class DrugQuery(Command):
    drug: Match
    force: Match | None  # None: England and Wales
    fye: int | None  # None: the latest year of the complete tables
    year: YearMatch | None


@dataclass(frozen=True)
class Quantity:
    drug: str
    label: str
    quantity: float
    unit: str


@dataclass(frozen=True)
class Comparison:
    """The figure a force's share is set against: national or the territorial forces."""

    label: str
    seizures: int | None
    all_seizures: int | None
    rate: float | None


@dataclass(frozen=True)
class DrugCard:
    area_id: str  # a force_id, or "national"
    area_name: str
    drug: Match
    label: str
    fye: int
    seizures: int | None
    all_seizures: int | None
    previous: YearValue | None  # the year before, when the tables hold it
    first_fye: int  # first year with a figure for this drug
    tables_first_fye: int  # first year of the series (force tables: 2009-10)
    comparison: Comparison | None
    rate: float | None
    population_mid_year: int | None
    border_force: int | None  # national cards: Border Force's part
    quantities: tuple[Quantity, ...]
    sources: tuple[str, ...]
    partial_note: str = ""  # why the force's figures that year are incomplete
    previous_incomplete: bool = False  # the year before is flagged incomplete
    unusual: tuple[Unusual, ...] = ()  # the figure looks out of line (table unusual)
    fuzzy_force: str | None = None
    bare_year: str | None = None
    blank_note: str = ""  # a blank's meaning, as an imported release gave it


@dataclass(frozen=True)
class DrugBreakdown:
    area_id: str
    area_name: str
    fye: int
    total: int | None
    drugs: tuple[DrugShare, ...]  # single drugs with a seizure, largest first
    none_seized: tuple[str, ...]  # labels of drugs with no seizure
    classes: tuple[DrugShare, ...]  # class A, B, C totals
    unknown: int | None
    forms: tuple[DrugShare, ...]  # cannabis by form (national tables only)
    sources: tuple[str, ...]
    partial_note: str = ""
    fuzzy_force: str | None = None
    bare_year: str | None = None


@dataclass(frozen=True)
class Published:
    fye: int
    authority: str  # who the figure covers: the force, or all / police / border-force
    measure: str
    drug: str
    label: str
    value: float
    unit: str
    publisher: str
    url: str


@dataclass(frozen=True)
class DrugPublished:
    """Published figures only: a Welsh force, or a year after the complete tables."""

    area_id: str
    area_name: str
    drug: Match | None  # None: every drug
    label: str
    asked_fye: int | None
    welsh: bool  # the force is missing from the tables altogether
    figures: tuple[Published, ...]
    last_fye: int
    fuzzy_force: str | None = None


def parse_drug(name: str, args: str, parser: Parser, context: ChatContext) -> DrugQuery:
    year, rest = parser.year(args)
    if not rest:
        raise UsageError("drug", "Which drug? For example cocaine, cannabis, heroin, or all.")
    year_text = f" {fmt.fye(year.fye)}" if year else ""  # for choices: short, as ids
    drug, place = split_drug(parser, rest, "drug", year_text)
    if place is None:
        force = _default(parser, context)
    elif normalise(place) in NATIONAL_FORMS:
        force = None
    else:
        try:
            force = parser.force(place, "drug", year)
        except UnknownName as exc:
            exc.rest = f"{drug.id}{year_text}"
            raise
    return DrugQuery("drug", drug, force, year.fye if year else None, year)


def split_drug(
    parser: Parser, text: str, command: str, year_text: str = ""
) -> tuple[Match, str | None]:
    """(the drug, the rest naming a place or None): "coke West Mercia", "West Mercia coke".

    A drug name that is not exact is resolved last, so that its choices keep the place."""
    splits = [parser.drugs.leading(text), parser.drugs.trailing(text)]
    for drug, rest in splits:
        if drug and (not rest or _place_exact(parser, rest)):
            return drug, rest or None
    for drug, rest in splits:
        if drug:
            return drug, rest
    for place, rest in (parser.forces.trailing(text), parser.forces.leading(text)):
        if place and rest:
            return resolve_drug(parser, rest, command, f" {place.id}{year_text}"), place.typed
    return resolve_drug(parser, text, command, year_text), None


def _place_exact(parser: Parser, text: str) -> bool:
    return (
        bool(parser.forces.exact(text) or parser.regions.exact(text))
        or normalise(text) in NATIONAL_FORMS
    )


def _default(parser: Parser, context: ChatContext) -> Match | None:
    """The chat's default force, or None (England and Wales) when it has none."""
    if context.default_force and context.default_force in parser.forces.display:
        return parser.default_force(context, "drug")
    return None


@run.register
def drug(
    query: DrugQuery, data: Data, context: ChatContext | None = None
) -> DrugCard | DrugBreakdown | DrugPublished:
    fye = query.fye or data.last_fye
    force_id = query.force.id if query.force else None
    welsh = force_id is not None and not data.store.rows(
        "drug-force-series", force_id=force_id, drug=ALL_DRUGS
    )
    if welsh or fye > data.last_fye:
        return published(query, data, welsh)
    if query.drug.id == ALL_DRUGS:
        return breakdown(query, data, fye)
    return card(query, data, fye)


def card(query: DrugQuery, data: Data, fye: int) -> DrugCard:
    drug = query.drug.id
    national = {r["fye"]: r for r in data.store.rows("drug-national-series", drug=drug)}
    if query.force is None:
        series = national
        area_id, area_name = NATIONAL, "England and Wales"
    else:
        rows = data.store.rows("drug-force-series", force_id=query.force.id, drug=drug)
        series = {r["fye"]: r for r in rows}
        area_id, area_name = query.force.id, data.forces[query.force.id]["full_name"]
    if not series:
        raise NoData(f"The tables have no separate figure for {query.drug.name.lower()}.")
    row = series.get(fye) or {}
    before = series.get(fye - 1)
    known = [y for y, r in series.items() if r["seizures"] is not None]
    partial = row.get("partial_note") or ""
    population = row.get("population") if query.force and not partial else None
    return DrugCard(
        area_id=area_id,
        area_name=area_name,
        drug=query.drug,
        label=data.drugs[drug]["label"],
        fye=fye,
        seizures=row.get("seizures"),
        all_seizures=row.get("all_seizures"),
        previous=YearValue(fye - 1, None if before.get("partial_note") else before["seizures"])
        if before and not partial
        else None,
        first_fye=min(known) if known else fye,
        tables_first_fye=data.first_fye if query.force else min(series),
        comparison=None if partial else _comparison(data, query, national.get(fye)),
        rate=row["seizures"] * 1e6 / population if population and row.get("seizures") else None,
        population_mid_year=fye - 1 if population and row.get("seizures") else None,
        border_force=(national.get(fye) or {}).get("border_force_seizures")
        if query.force is None
        else None,
        quantities=_quantities(data, query, fye),
        sources=tuple(s for s in (row.get("source"), row.get("population_source")) if s),
        partial_note=partial,
        previous_incomplete=bool(before and before.get("partial_note")),
        unusual=unusual(data, fye, query.force.id, drug) if query.force else (),
        fuzzy_force=_fuzzy(query),
        bare_year=query.year.text if query.year and query.year.bare else None,
        blank_note=blank_note(data, query.force.id, drug, fye)
        if query.force and row.get("seizures") is None
        else "",
    )


def _comparison(data: Data, query: DrugQuery, row: dict | None) -> Comparison | None:
    if query.force is None or not row:
        return None
    if data.forces[query.force.id]["kind"] == "border":
        label = "England and Wales (police and Border Force)"
        return Comparison(label, row["seizures"], row["all_seizures"], None)
    label, prefix = "the 43 forces of England and Wales", "territorial_"
    if row.get("territorial_edition"):  # the year's one count, from a release: named
        label += f" (all drugs as the {row['territorial_edition']} gave them)"
    return Comparison(
        label, row[prefix + "seizures"], row[prefix + "all_seizures"], row["rate_per_million"]
    )


def _quantities(data: Data, query: DrugQuery, fye: int) -> tuple[Quantity, ...]:
    drugs = [query.drug.id, *FORMS.get(query.drug.id, ())]
    if query.force is None:
        rows = data.store.rows("drug-national-quantities", fye=fye)
    else:
        rows = data.store.rows("drug-force-quantities", force_id=query.force.id, fye=fye)
    wanted = sorted((r for r in rows if r["drug"] in drugs), key=lambda r: drugs.index(r["drug"]))
    return tuple(Quantity(r["drug"], r["label"], r["quantity"], r["unit"]) for r in wanted)


def breakdown(query: DrugQuery, data: Data, fye: int) -> DrugBreakdown:
    if query.force is None:
        rows = data.store.rows("drug-national-breakdown", fye=fye)
        area_id, area_name, partial = NATIONAL, "England and Wales", None
    else:
        rows = data.store.rows("force-drugs", force_id=query.force.id, fye=fye)
        area_id, area_name = query.force.id, data.forces[query.force.id]["full_name"]
        total = data.store.rows("drug-force-series", force_id=area_id, drug=ALL_DRUGS)
        partial = next((r["partial_note"] for r in total if r["fye"] == fye), None)
    forms = {f for parts in FORMS.values() for f in parts}
    by_kind = {r["drug"]: r for r in rows}

    def share(r: dict) -> DrugShare:
        return DrugShare(r["drug"], r["label"], r["seizures"])

    singles = [r for r in rows if r["kind"] == "drug" and r["drug"] not in forms]
    return DrugBreakdown(
        area_id=area_id,
        area_name=area_name,
        fye=fye,
        total=(by_kind.get(ALL_DRUGS) or {}).get("seizures"),
        drugs=tuple(share(r) for r in singles if r["seizures"]),
        none_seized=tuple(r["label"] for r in singles if r["seizures"] == 0),
        classes=tuple(
            share(r)
            for r in sorted(rows, key=lambda r: r["drug"])
            if r["kind"] == "class_total" and r["seizures"] is not None
        ),
        unknown=(by_kind.get("unknown") or {}).get("seizures"),
        forms=tuple(share(r) for r in rows if r["drug"] in forms and r["seizures"] is not None),
        sources=tuple(dict.fromkeys(r["source"] for r in rows if r["source"])),
        partial_note=partial or "",
        fuzzy_force=_fuzzy(query),
        bare_year=query.year.text if query.year and query.year.bare else None,
    )


def published(query: DrugQuery, data: Data, welsh: bool) -> DrugPublished:
    drug = query.drug.id
    wanted = set(data.drugs) if drug == ALL_DRUGS else {drug, *FORMS.get(drug, ())}
    if query.force is None:
        rows = data.store.rows("drug-national-published", fye=query.fye, drugs=sorted(wanted))
        area_id, area_name = NATIONAL, "England and Wales"
    else:
        rows = [
            r
            for r in map(_drug_rate, data.store.rows("drug-area-published", area_id=query.force.id))
            if r["drug"] in wanted and (welsh or r["fye"] > data.last_fye)
        ]
        area_id, area_name = query.force.id, data.forces[query.force.id]["full_name"]
    return DrugPublished(
        area_id=area_id,
        area_name=area_name,
        drug=None if drug == ALL_DRUGS else query.drug,
        label=data.drugs[drug]["label"],
        asked_fye=query.fye,
        welsh=welsh,
        figures=tuple(
            Published(**r, label=_label(data, r["drug"]))
            for r in rows
            if _keep(r, drug == ALL_DRUGS)
        ),
        last_fye=data.last_fye,
        fuzzy_force=_fuzzy(query),
    )


def _drug_rate(row: dict[str, Any]) -> dict[str, Any]:
    """``rate_heroin_per_million`` (no drug) as the heroin rate per million."""
    rate = _DRUG_RATE.match(row["measure"])
    return {**row, "drug": rate.group(1), "measure": "rate_per_million"} if rate else row


def _keep(row: dict[str, Any], every: bool) -> bool:
    """A published figure worth showing: by drug, or the total of all seizures beside a
    breakdown of every drug. Third-party measures with unclear meaning never are."""
    if row["measure"] not in PUBLISHED_MEASURES:
        return False
    if row["drug"] == ALL_DRUGS:
        return every and row["measure"] == "seizures" and row["authority"] != "police"
    return True


def _label(data: Data, drug: str) -> str:
    return str((data.drugs.get(drug) or {}).get("label") or drug.replace("_", " "))


def _fuzzy(query: DrugQuery) -> str | None:
    return None if query.force is None or query.force.exact else query.force.typed


ANSWER = Answer(
    name="drug",
    args="<drug> [force] [year]",
    summary="One drug: seizures, share of all seizures, change, quantities",
    example="/drug cocaine West Mercia",
    parse=parse_drug,
    reads=frozenset({"default_force"}),
    plan=build_drug,
    strength=30,
    prefetch=(
        "drug-force-series",
        "drug-national-series",
        "drug-force-quantities",
        "drug-national-quantities",
        "force-drugs",
    ),
)
