"""Checks a release must pass before anything from it is kept. Each returns problem sentences.

- the sum of the forces against the file's own national total row, where it has one: it
  must equal the territorial forces, the forces with British Transport Police, or every
  row (the total rows of different releases cover different sets);
- each drug against its force's total and its class total (``validate.check_seizures``,
  the same rule the bundled tables pass);
- a new year lists every English territorial force (a table cut short loses forces);
- every figure's source is in sources.csv, the forces never add up to more than the
  national total held, and flags still point at figures (``validate``).
"""

from __future__ import annotations

from collections import defaultdict

from bot.ingest import validate
from bot.ingest.release_text import Table
from bot.ingest.vocab import FORCES, REGION_OF

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
            f"{table.sheet}: the forces add up to {candidates.get('all')} {total.drug} "
            f"seizures in {total.fye}, but its {total.label!r} row says {total.value}"
        )
    return problems


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
