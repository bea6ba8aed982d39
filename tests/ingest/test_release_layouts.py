"""The layouts government spreadsheets use, each built from the real 2017-18 and 2018-19
figures, read back exactly, and added exactly to tables that lack those years."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from bot.ingest.force_table import LayoutError
from bot.ingest.release import read_release
from bot.ingest.release_check import check_totals
from bot.ingest.release_text import NoTable
from bot.paths import DATA_DIR
from bot.releases.update import update
from tests.support.release_books import bundled, on_its_side, save_with_merges, variant_sheet

YEARS = [2018, 2019]

# (header rows, region subtotal rows, forces as columns, file type)
LAYOUTS = [
    ("one", "none", False, ".xlsx"),
    ("one", "before", False, ".ods"),
    ("one", "after", False, ".xlsx"),
    ("one", "total-after", False, ".csv"),
    ("two", "total-after", False, ".xlsx"),
    ("two", "after", False, ".ods"),
    ("merged", "before", False, ".xlsx"),
    ("merged", "none", False, ".ods"),
    ("one", "none", True, ".xlsx"),
    ("one", "after", True, ".ods"),
]


@pytest.fixture(scope="module")
def figures():
    return bundled(YEARS)


def build(tmp_path: Path, figures, header, subtotals, sideways, suffix, years=YEARS) -> Path:
    sheets = {}
    for fye in years:
        rows, merges = variant_sheet(figures, fye, header, subtotals)
        if sideways:
            rows, merges = on_its_side(rows, 4), []
        sheets[f"Table_3_{fye}"] = (rows, merges)
    return save_with_merges(sheets, tmp_path / f"release{suffix}")


def read_back(path: Path) -> dict:
    tables = read_release(path)
    assert [p for t in tables for p in check_totals(t)] == []
    return {(f.fye, f.force_id, f.drug): f.seizures for t in tables for f in t.figures}


@pytest.mark.parametrize(("header", "subtotals", "sideways", "suffix"), LAYOUTS)
def test_each_layout_reads_back_every_figure(
    tmp_path, figures, header, subtotals, sideways, suffix
):
    years = [2019] if suffix == ".csv" else YEARS  # a CSV file is one table
    path = build(tmp_path, figures, header, subtotals, sideways, suffix, years)
    wanted = {k: v for k, v in figures.items() if k[0] in years}
    assert read_back(path) == wanted


def lacking(tmp_path: Path, years: list[int]) -> Path:
    """The bundled tables without ``years`` of the force tables."""
    folder = tmp_path / "lacking"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "seizures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.startswith(tuple(f"{y}," for y in years))),
        encoding="utf-8",
    )
    return folder


def held(folder: Path) -> dict:
    with (folder / "seizures.csv").open(encoding="utf-8") as handle:
        return {
            (int(r["fye"]), r["force_id"], r["drug"]): int(r["seizures"]) if r["seizures"] else None
            for r in csv.DictReader(handle)
        }


@pytest.mark.parametrize(
    ("header", "subtotals", "sideways", "suffix"),
    [("two", "total-after", False, ".xlsx"), ("merged", "after", False, ".ods"),
     ("one", "before", True, ".xlsx")],
)  # fmt: skip
def test_each_layout_adds_both_years_exactly(
    tmp_path, figures, header, subtotals, sideways, suffix
):
    folder = lacking(tmp_path, YEARS)
    summary = update(folder, files=[build(tmp_path, figures, header, subtotals, sideways, suffix)])
    assert summary.ok and sorted(summary.years_added) == YEARS
    assert held(folder) == held(DATA_DIR)


def test_a_count_column_with_no_header_is_refused_with_its_column(tmp_path, figures):
    rows, merges = variant_sheet(figures, 2019)
    for row in rows[5:]:
        if row and row[0] == "Kent":
            row.append(7)
    with pytest.raises(NoTable, match="column Z has counts but no header"):
        read_release(save_with_merges({"Table_3": (rows, merges)}, tmp_path / "z.xlsx"))


def test_a_subtotal_that_disagrees_names_its_row(tmp_path, figures):
    rows, merges = variant_sheet(figures, 2019, "one", "total-after")
    at = next(i for i, r in enumerate(rows) if r[0] == "Total North East")
    rows[at][1] += 1
    (table,) = read_release(save_with_merges({"Table_3": (rows, merges)}, tmp_path / "s.xlsx"))
    (problem,) = check_totals(table)
    assert problem.startswith(f"Table_3 row {at + 1}: the north-east-region forces add up to")


@pytest.mark.parametrize(("header", "suffix"), [("one", ".xlsx"), ("merged", ".ods")])
def test_years_stacked_in_one_sheet_are_each_read(tmp_path, figures, header, suffix):
    first, _ = variant_sheet(figures, 2018, header, "after")
    second, _ = variant_sheet(figures, 2019, header, "before")
    path = save_with_merges({"Table_3": (first + second, [])}, tmp_path / f"two{suffix}")
    assert read_back(path) == figures


def test_a_quantities_table_below_is_passed_over(tmp_path, figures):
    counts, _ = variant_sheet(figures, 2019)
    weights, _ = variant_sheet(figures, 2019)
    weights[0] = ["Table 4: Quantities of drugs seized (kilograms), April 2018 to March 2019"]
    path = save_with_merges({"Table_3": (counts + weights, [])}, tmp_path / "q.xlsx")
    assert read_back(path) == {k: v for k, v in figures.items() if k[0] == 2019}


def test_layout_error_is_a_value_error():
    assert issubclass(LayoutError, ValueError)
