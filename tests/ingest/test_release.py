"""The release reader: both layouts, both orientations, ODS, XLSX and CSV, from real figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.release import read_release
from bot.ingest.release_check import check_totals
from bot.ingest.release_text import NoTable, ReleaseError, count, label, years_in
from tests.support.release_books import bundled, save, workbook

YEARS = [2018, 2019]


@pytest.fixture(scope="module")
def figures():
    values = bundled(YEARS)
    assert len(values) == 2 * 41 * 24, "the bundled 2017-18 and 2018-19 tables changed shape"
    return values


def read_back(path: Path) -> dict:
    tables = read_release(path)
    assert all(check_totals(t) == [] for t in tables)
    return {(f.fye, f.force_id, f.drug): f.seizures for t in tables for f in t.figures}


CASES = [
    ("older", "wide", True, ".ods"),
    ("older", "wide", True, ".xlsx"),
    ("older", "long", True, ".xlsx"),
    ("accessible", "wide", True, ".xlsx"),
    ("accessible", "wide", True, ".ods"),
    ("accessible", "wide", False, ".xlsx"),
    ("accessible", "long", True, ".ods"),
    ("accessible", "long", True, ".csv"),
]


@pytest.mark.parametrize(("layout", "orientation", "per_year", "suffix"), CASES)
def test_generated_release_reads_back_to_bundled_figures(
    tmp_path, figures, layout, orientation, per_year, suffix
) -> None:
    sheets = workbook(layout, orientation, figures, YEARS, per_year=per_year)
    path = save(sheets, tmp_path / f"release{suffix}")
    assert read_back(path) == figures


def test_revised_marks_keep_the_number(tmp_path, figures) -> None:
    revised = {(2019, "kent", "all_drugs")}
    path = save(
        workbook("accessible", "wide", figures, YEARS, revised=revised), tmp_path / "r.xlsx"
    )
    assert read_back(path)[(2019, "kent", "all_drugs")] == figures[(2019, "kent", "all_drugs")]


def test_a_total_that_disagrees_is_found(tmp_path, figures) -> None:
    changed = dict(figures)
    changed[(2019, "kent", "cocaine")] += 5  # the file's own England and Wales row is not
    sheets = workbook("accessible", "wide", figures, [2019])
    rows = sheets["Table_2a"]
    kent = next(r for r in rows if r[0] == "Kent")
    kent[2] += 5
    tables = read_release(save(sheets, tmp_path / "bad-total.xlsx"))
    (problem,) = [p for t in tables for p in check_totals(t)]
    assert "cocaine" in problem and "England and Wales" in problem


def test_unknown_force_name_is_refused(tmp_path, figures) -> None:
    sheets = workbook("accessible", "wide", figures, [2019])
    next(r for r in sheets["Table_2a"] if r[0] == "Kent")[0] = "Kent and Medway Police"
    with pytest.raises(NoTable, match="not a police force I know"):
        read_release(save(sheets, tmp_path / "names.xlsx"))


def test_refusal_names_the_file_sheets_and_what_it_looked_for(tmp_path) -> None:
    sheets = {"Cover": [["Police workforce"]], "Table_1": [["Force", "Officers"], ["Kent", 3]]}
    with pytest.raises(NoTable) as caught:
        read_release(save(sheets, tmp_path / "workforce.xlsx"))
    message = str(caught.value)
    assert "workforce.xlsx" in message and "Cover, Table_1" in message
    assert "looked for" in message and "drug" in message


def test_corrupt_file_is_refused(tmp_path) -> None:
    path = tmp_path / "broken.ods"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    with pytest.raises(ReleaseError, match="broken.ods: cannot be read"):
        read_release(path)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("April 2023 to March 2024", [2024]),
        ("2023/24", [2024]),
        ("2023 to 2024", [2024]),
        ("Seizures, year ending March 2024 [note 1]", [2024]),
        ("financial year ending 2020", [2020]),
        ("2009-10 to 2018-19", [2010, 2019]),
        ("Table 2: published 12 February 2026", []),
    ],
)
def test_years_as_releases_write_them(text, years) -> None:
    assert years_in(text) == years


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1,234 [r]", 1234),
        ("[x]", None),
        ("[c]", None),
        ("[low]", None),
        ("12 [u]", 12),
        ("..", None),
        (7, 7),
        ("", None),
    ],
)
def test_cells_with_shorthand(cell, value) -> None:
    assert count(cell) == value


def test_labels_lose_notes_and_footnotes() -> None:
    assert label("All drugs [note 2]") == "All drugs"
    assert label("London, City of 4") == "London, City of"
    assert label("Police force area [note 1]") == "Police force area"


def test_a_new_drug_in_a_long_table_takes_the_class_the_law_gives_it(tmp_path, figures) -> None:
    rows = [["Financial year", "Police force area", "Drug type", "Number of seizures"]]
    rows += [["2018/19", "Kent", "Nitrous oxide", 12], ["2018/19", "Kent", "All drugs", 3678]]
    (table,) = read_release(save({"Table_2": rows}, tmp_path / "n2o.csv"))
    assert table.new_drugs["nitrous_oxide"].drug_class == "C"
    assert {(f.drug, f.seizures) for f in table.figures} >= {("nitrous_oxide", 12)}


def test_a_count_that_cannot_be_placed_is_refused_not_skipped(tmp_path) -> None:
    rows = [["Financial year", "Police force area", "Drug type", "Number of seizures"]]
    rows += [["2018/19", "Kent", "Psychoactive substances", 12]]
    with pytest.raises(NoTable, match="cannot place in a class: 'Psychoactive substances'"):
        read_release(save({"Table_2": rows}, tmp_path / "psa.csv"))


def test_one_refused_table_fails_the_file_not_just_its_sheet(tmp_path, figures) -> None:
    sheets = workbook("accessible", "wide", figures, YEARS)
    next(r for r in sheets["Table_2b"] if r[0] == "Kent")[0] = "Kent and Medway Police"
    with pytest.raises(ReleaseError, match="Table_2b: .*not a police force I know.*other sheets"):
        read_release(save(sheets, tmp_path / "half.xlsx"))
