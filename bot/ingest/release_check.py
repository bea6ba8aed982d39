"""Checks a release must pass before anything from it is kept. Each returns problem sentences.

- the sum of the forces against the file's own national total row, where it has one: it
  must equal the territorial forces, the forces with British Transport Police, or every
  row (the total rows of different releases cover different sets); each region's subtotal
  row against its forces; within each force's row, no drug above its class total or all
  drugs (each problem names the sheet, row and column);
- each drug against its force's total and its class total (``validate.check_seizures``,
  the same rule the bundled tables pass);
- a new year lists every English territorial force (a table cut short loses forces);
- every figure's source is in sources.csv, the forces never add up to more than the
  national total held, and flags still point at figures (``validate``).
"""

from __future__ import annotations

from collections import defaultdict

from bot.ingest import validate
from bot.ingest.release_text import Figure, Table
from bot.ingest.vocab import DRUG_IDS, FORCES, REGION_OF, drug_class

Tables = dict[str, list[dict[str, object]]]
KIND = {f.force_id: f.kind for f in FORCES}
GROUPS = {
    "territorial": ("territorial", "police", "all"),
    "transport": ("police", "all"),
    "border": ("all",),
}
ENGLISH = {
    f.force_id for f in FORCES if f.kind == "territorial" and REGION_OF[f.force_id] != "wales"
}


def check_totals(table: Table) -> list[str]:
    """The forces of one table against the table's own total rows."""
    sums: dict[tuple[int, str], dict[str, int | None]] = defaultdict(
        lambda: {"territorial": 0, "police": 0, "all": 0}
    )
    for figure in table.figures:
        bucket = sums[(figure.fye, figure.drug)]
        for group in GROUPS[KIND[figure.force_id]]:
            current = bucket[group]
            known = current is not None and figure.seizures is not None
            bucket[group] = current + figure.seizures if known else None  # type: ignore[operator]
    problems = []
    for total in table.totals:
        candidates = sums.get((total.fye, total.drug), {})
        if None in candidates.values() or total.value in candidates.values():
            continue  # a force without a figure: the total cannot be checked
        problems.append(
            f"{total.cell or table.sheet}: the forces add up to {candidates.get('all')} "
            f"{total.drug} seizures in {total.fye}, but its {total.label!r} row says "
            f"{total.value}"
        )
    return problems + _region_totals(table) + _arithmetic(table)


def _region_totals(table: Table) -> list[str]:
    """Each region's subtotal row against the sum of its forces in the table."""
    sums: dict[tuple[int, str, str], int | None] = defaultdict(int)
    for figure in table.figures:
        key = (figure.fye, REGION_OF.get(figure.force_id, ""), figure.drug)
        current = sums[key]
        known = current is not None and figure.seizures is not None
        sums[key] = current + figure.seizures if known else None  # type: ignore[operator]
    return [
        f"{total.cell or table.sheet}: the {total.label} forces add up to "
        f"{sums[(total.fye, total.label, total.drug)]} {total.drug} seizures, but the "
        f"subtotal row says {total.value}"
        for total in table.region_totals
        if (total.fye, total.label, total.drug) in sums
        and sums[(total.fye, total.label, total.drug)] not in (None, total.value)
    ]


def _arithmetic(table: Table) -> list[str]:
    """Within each force's row: no drug above its class total or all drugs, no class total
    above all drugs (a seizure of several drugs counts once in a total and once per drug,
    so parts may add up to more than their total, never a part exceed it)."""
    classes = {d: n.drug_class for d, n in table.new_drugs.items()}
    rows: dict[tuple[int, str], dict[str, Figure]] = defaultdict(dict)
    for figure in table.figures:
        rows[(figure.fye, figure.force_id)][figure.drug] = figure
    problems = []
    for (fye, force_id), row in rows.items():
        for drug, figure in row.items():
            if figure.seizures is None or (fye, force_id, drug) in validate.KNOWN_ANOMALIES:
                continue
            for whole in _wholes(drug, fye, classes):
                outer = row.get(whole)
                if (
                    outer is not None
                    and outer.seizures is not None
                    and figure.seizures > outer.seizures
                ):
                    problems.append(
                        f"{figure.cell or table.sheet}: {force_id} {drug} {figure.seizures} "
                        f"is more than its {whole} {outer.seizures} ({outer.cell})"
                    )
    return problems


def _wholes(drug: str, fye: int, classes: dict[str, str]) -> list[str]:
    """The totals a figure must not exceed: its class total and all drugs."""
    if drug == "all_drugs":
        return []
    if drug in validate.CLASS_TOTALS.values() or drug == "unknown":
        return ["all_drugs"]
    drug_class_ = classes.get(drug) or (drug_class(drug, fye) if drug in DRUG_IDS else "")
    return [validate.CLASS_TOTALS[drug_class_], "all_drugs"] if drug_class_ else ["all_drugs"]


def check_merged(tables: Tables, new_years: set[int]) -> list[str]:
    """The merged tables, with the checks every bundled table passes."""
    problems = []
    for check in (
        validate.check_sources,
        validate.check_seizures,
        validate.check_national_sum,
        validate.check_flags,
    ):
        problems += check(tables)
    present: dict[object, set[object]] = defaultdict(set)
    for row in tables["seizures.csv"]:
        if row["drug"] == "all_drugs" and row["seizures"] is not None:
            present[row["fye"]].add(row["force_id"])
    for fye in sorted(new_years):
        missing = ENGLISH - present[fye]
        if missing:
            problems.append(f"{fye}: no figure for {', '.join(sorted(missing))}")
    return problems
