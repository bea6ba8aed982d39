"""The long (open data) layout of a release table: one row per year, force and drug.

Header: a force column ("Police force area", "Police force", "Force name"), a drug column
("Drug type", "Drug", "Drug group") and a count column ("Number of seizures", "Seizures",
"Count", "Value"); a year column ("Financial year", "Year") or the year in the title.
The region "West Midlands" and the force of that name share a label here; when both appear
for one year and drug, the smaller figure is the force (a region is the sum of its forces).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bot.ingest.clean import CellError
from bot.ingest.force_table import LayoutError
from bot.ingest.release_text import (
    NEW_DRUG_CLASSES,
    Figure,
    NewDrug,
    Table,
    Total,
    count,
    is_total,
    key,
    label,
    year_cell,
)
from bot.ingest.vocab import drug_for, force_for, region_for

FORCE = {"police force area", "police force", "force", "force name", "police force name"}
DRUG = {"drug type", "drug", "drug group", "type of drug", "drug name"}
VALUE = {"number of seizures", "seizures", "count", "value", "number", "seizures of drugs"}
YEAR = {"financial year", "year", "period", "time period", "financial year ending"}


@dataclass(frozen=True)
class Columns:
    force: int
    drug: int
    value: int
    year: int | None


def columns(keys: list[str]) -> Columns | None:
    """The columns of a long header, or None when the row is not one."""

    def find(names: set[str]) -> int | None:
        return next((i for i, k in enumerate(keys) if k in names), None)

    force, drug = find(FORCE), find(DRUG)
    value = find(VALUE)
    if value is None:  # "Number of seizures 2023/24": a count column with its year
        value = next((i for i, k in enumerate(keys) if k.startswith("number of seizures")), None)
    if force is None or drug is None or value is None:
        return None
    return Columns(force, drug, value, find(YEAR))


def read(table: Table, rows: list[list[object]], cols: Columns, year: int | None) -> Table:
    if cols.year is None and year is None:
        raise LayoutError("no year in a column, the title or the header")
    shared: dict[tuple[int, str, str], list[int | None]] = defaultdict(list)
    seen: set[tuple[int, str, str]] = set()
    for row in rows:
        cells = [*row, *[None] * (max(cols.force, cols.drug, cols.value) + 1 - len(row))]
        force_label, drug_label = label(cells[cols.force]), label(cells[cols.drug])
        if not force_label and not drug_label:
            continue
        fye = year_cell(cells[cols.year]) if cols.year is not None else year
        drug = drug_for(drug_label)
        value = _count(cells[cols.value], force_label, drug_label)
        if drug is None and key(drug_label) in NEW_DRUG_CLASSES:
            drug = "_".join(key(drug_label).split())
            table.new_drugs[drug] = NewDrug(drug_label, NEW_DRUG_CLASSES[key(drug_label)])
        if drug is None:
            if value is None:  # a row of blanks: nothing to keep
                continue
            raise LayoutError(
                f"a drug type I do not recognise and cannot place in a class: {drug_label!r}"
            )
        if fye is None:
            raise LayoutError(f"no year for the row {force_label!r}, {drug_label!r}")
        force = force_for(force_label)
        if force is not None and region_for(force_label) is not None:
            shared[(fye, force.force_id, drug)].append(value)
            continue
        if force is not None:
            if (fye, force.force_id, drug) in seen:
                raise LayoutError(f"{force_label!r}, {drug_label!r} appears twice")
            seen.add((fye, force.force_id, drug))
            table.figures.append(Figure(fye, force.force_id, drug, value))
        elif is_total(force_label):
            if value is not None:
                table.totals.append(Total(fye, drug, force_label, value))
        elif region_for(force_label) is None and value is not None:
            raise LayoutError(f"{force_label!r} has figures but is not a police force I know")
    _shared_labels(table, shared)
    if not table.figures:
        raise LayoutError("a police force, drug and seizures header but no force rows")
    return table


def _shared_labels(table: Table, shared: dict[tuple[int, str, str], list[int | None]]) -> None:
    """West Midlands: one row is the force; with two, the smaller is the force."""
    for (fye, force_id, drug), values in shared.items():
        if len(values) > 2:
            raise LayoutError(f"{force_id}, {drug} appears {len(values)} times")
        known = [v for v in values if v is not None]
        table.figures.append(Figure(fye, force_id, drug, min(known) if known else None))


def _count(cell: object, force_label: str, drug_label: str) -> int | None:
    try:
        return count(cell)
    except CellError:
        raise LayoutError(f"{force_label!r}, {drug_label!r}: {cell!r} is not a count") from None
