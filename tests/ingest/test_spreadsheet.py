"""Official Home Office spreadsheets: a generated one from the bundled figures, and a real one.

The generated workbook has the shape the Home Office publishes: an Index sheet, title rows,
a header with footnote marks, forces grouped under region subtotals (the region "West
Midlands" above the force "West Midlands"), ``..`` for missing cells, totals, then British
Transport Police and Border Force.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from bot.ingest import spreadsheet
from bot.ingest.build import IngestError, ingest
from bot.ingest.force_table import LayoutError, count_records, tidy_rows
from bot.ingest.spreadsheet import force_rows, read_spreadsheet, read_workbook
from bot.ingest.vocab import FORCES, REGION_OF, REGIONS
from bot.paths import DATA_DIR, DEFAULT_SOURCES

needs_sources = pytest.mark.skipif(
    not DEFAULT_SOURCES.is_dir(),
    reason=f"source folder {DEFAULT_SOURCES} is absent (only the maintainer's checkout has it)",
)
WORKFORCE_ODS = DEFAULT_SOURCES / "resistancelab" / "police-workforce-sep19-tables.ods"

# Drug columns in Home Office order (FYE2016 onwards), some labels with footnote marks.
HEADER = [
    ("all_drugs", "All drugs 1"),
    ("cocaine", "Cocaine 2"),
    ("crack", "Crack"),
    ("ecstasy", "Ecstasy"),
    ("heroin", "Heroin"),
    ("lsd", "LSD"),
    ("methadone", "Methadone"),
    ("morphine", "Morphine"),
    ("other_class_a", "Other Class A"),
    ("class_a", "Total Class A"),
    ("cannabis", "All Cannabis 3"),
    ("amphetamines", "Amphetamines"),
    ("barbiturates", "Barbiturates"),
    ("ketamine", "Ketamine"),
    ("mephedrone", "Mephedrone\n(non-injection)"),
    ("other_class_b", "Other Class B"),
    ("class_b", "Total Class B"),
    ("anabolic_steroids", "Anabolic steroids"),
    ("benzodiazepines", "Benzodiazepines"),
    ("ghb", "GHB"),
    ("temazepam", "Temazepam"),
    ("other_class_c", "Other Class C"),
    ("class_c", "Total Class C"),
    ("unknown", "Unknown 4"),
]
ODD_LABELS = {
    "kent": "Kent 5 ",
    "dorset": "Dorset*",
    "hampshire": "Hampshire (6)",
    "metropolitan": "Metropolitan Police  ",
    "west-midlands": "West Midlands 7",
    "border-force": "Border Force 8",
}
FYE = 2019


def bundled(fye: int, data_dir: Path = DATA_DIR) -> dict[tuple[str, str], int | None]:
    """(force_id, drug) -> seizures for one year of a data dir's seizures.csv."""
    with (data_dir / "seizures.csv").open(encoding="utf-8") as handle:
        return {
            (row["force_id"], row["drug"]): int(row["seizures"]) if row["seizures"] else None
            for row in csv.DictReader(handle)
            if int(row["fye"]) == fye
        }


def _cells(values: dict[tuple[str, str], int | None], force_ids: list[str]) -> list[object]:
    out: list[object] = []
    for drug, _ in HEADER:
        column = [values[(f, drug)] for f in force_ids]
        out.append(".." if None in column else sum(column))  # type: ignore[arg-type]
    return out


def official_rows(values: dict[tuple[str, str], int | None]) -> list[list[object]]:
    """The cells of a seizures-by-force sheet, as the Home Office lays it out."""
    width = len(HEADER) + 1
    present = {force_id for force_id, _ in values}
    rows: list[list[object]] = [
        [
            "Table 2: Seizures of drugs by police force area and drug type, England and Wales, "
            "year ending March 2019"
        ]
        + [None] * (width - 1),
        ["Number of seizures"] + [None] * (width - 1),
        [None] * width,
        ["Police force area"] + [label for _, label in HEADER],
    ]
    territorial: list[str] = []
    for region in REGIONS:
        members = [f.force_id for f in FORCES if REGION_OF.get(f.force_id) == region.region_id]
        members = [m for m in members if m in present]
        if not members:
            continue
        rows.append([region.home_office_name] + _cells(values, members))
        for force in FORCES:
            if force.force_id in members:
                label = ODD_LABELS.get(force.force_id, force.name)
                rows.append([label] + _cells(values, [force.force_id]))
        territorial += members
    rows.append(["Total 43 forces"] + _cells(values, territorial))
    rows.append(["England and Wales 9"] + _cells(values, sorted(present)))
    for force_id in ("btp", "border-force"):
        name = next(f.name for f in FORCES if f.force_id == force_id)
        rows.append([ODD_LABELS.get(force_id, name)] + _cells(values, [force_id]))
    rows.append([None] * width)
    rows.append(["Source: Home Office, Seizures of drugs in England and Wales"] + [None] * 24)
    rows.append(["1. A seizure of several drugs counts once in All drugs."] + [None] * 24)
    return rows


INDEX_ROWS = [
    ["Seizures of drugs in England and Wales, year ending March 2019", None],
    [None, None],
    ["Table number", "Title"],
    ["Table 2", "Seizures of drugs by police force area and drug type"],
]


def write_ods(path: Path, rows: list[list[object]]) -> Path:
    with pd.ExcelWriter(path, engine="odf") as writer:
        pd.DataFrame(INDEX_ROWS, dtype=object).to_excel(
            writer, sheet_name="Index", header=False, index=False
        )
        pd.DataFrame(rows, dtype=object).to_excel(
            writer, sheet_name="Table_2", header=False, index=False
        )
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    index = book.active
    index.title = "Index"
    for row in INDEX_ROWS:
        index.append(row)
    sheet = book.create_sheet("Table_2")
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


WRITERS = {"ods": write_ods, "xlsx": write_xlsx}


def records_of(path: Path) -> dict[tuple[str, str], object]:
    header, rows = read_spreadsheet(path)
    triples = tidy_rows(header, rows, value_column="seizures", skip_non_forces=True)
    records = count_records(triples, fye=FYE, source="test")
    return {(r["force_id"], r["drug"]): r["seizures"] for r in records}


@pytest.fixture(scope="module")
def figures() -> dict[tuple[str, str], int | None]:
    values = bundled(FYE)
    assert len(values) == 41 * 24, "the bundled FYE2019 table changed shape"
    return values


@pytest.mark.parametrize("suffix", ["ods", "xlsx"])
def test_generated_sheet_reads_back_to_bundled_figures(tmp_path, figures, suffix) -> None:
    path = WRITERS[suffix](tmp_path / f"seizures-fye2019.{suffix}", official_rows(figures))
    assert records_of(path) == figures


def test_generated_sheet_keeps_missing_cells_missing(tmp_path, figures) -> None:
    records = records_of(write_ods(tmp_path / "seizures-fye2019.ods", official_rows(figures)))
    assert records[("border-force", "unknown")] is None
    assert records[("border-force", "cocaine")] == figures[("border-force", "cocaine")]
    assert records[("west-midlands", "all_drugs")] == figures[("west-midlands", "all_drugs")]


def test_region_west_midlands_is_not_read_as_the_force(tmp_path, figures) -> None:
    path = write_xlsx(tmp_path / "seizures-fye2019.xlsx", official_rows(figures))
    _, rows = read_spreadsheet(path)
    west_midlands = [r for r in rows if str(r[0]).startswith("West Midlands")]
    assert len(west_midlands) == 1
    assert west_midlands[0][1] == figures[("west-midlands", "all_drugs")]


def test_fye_from_name() -> None:
    assert spreadsheet.fye_from_name(Path("seizures-fye2019.ods")) == 2019
    assert spreadsheet.fye_from_name(Path("seizures-drugs-mar2018-hosb2618-tables.ods")) == 2018
    with pytest.raises(LayoutError, match="name the file"):
        spreadsheet.fye_from_name(Path("seizures.ods"))


@pytest.fixture()
def sources_copy(tmp_path) -> Path:
    root = tmp_path / "sources"
    shutil.copytree(DEFAULT_SOURCES, root)
    (root / "home-office").mkdir()
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@needs_sources
def test_ingest_with_official_spreadsheet_replaces_2019(tmp_path, sources_copy, figures) -> None:
    write_ods(sources_copy / "home-office" / "seizures-fye2019.ods", official_rows(figures))
    ingest(sources_copy, tmp_path / "data")
    assert bundled(FYE, tmp_path / "data") == figures
    with (tmp_path / "data" / "seizures.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["source"] for r in rows if r["fye"] == "2019"} == {"ho-seizures-fye2019"}
    assert all(r["source"].startswith("bdd-") for r in rows if r["fye"] != "2019")
    assert len(rows) == (DATA_DIR / "seizures.csv").read_text(encoding="utf-8").count("\n") - 1


@needs_sources
@pytest.mark.parametrize(
    ("damage", "complaint"),
    [
        ("random_bytes", "cannot be read as a spreadsheet"),
        ("truncated_ods", "cannot be read as a spreadsheet"),
        ("unknown_drug_xlsx", "Unicorn dust"),
    ],
)
def test_bad_spreadsheet_stops_ingest_and_keeps_data(
    tmp_path, sources_copy, figures, damage, complaint
) -> None:
    folder = sources_copy / "home-office"
    if damage == "random_bytes":
        (folder / "seizures-fye2019.ods").write_bytes(bytes(range(256)) * 40)
    elif damage == "truncated_ods":
        whole = write_ods(tmp_path / "whole.ods", official_rows(figures)).read_bytes()
        (folder / "seizures-fye2019.ods").write_bytes(whole[: len(whole) // 2])
    else:
        rows = official_rows(figures)
        rows[3][5] = "Unicorn dust"  # the Heroin column
        write_xlsx(folder / "seizures-fye2019.xlsx", rows)
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    before = snapshot(target)
    with pytest.raises(IngestError, match="data/ unchanged") as caught:
        ingest(sources_copy, target)
    assert complaint in str(caught.value)
    assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "sources"] + (
        ["whole.ods"] if damage == "truncated_ods" else []
    )


@pytest.fixture(scope="module")
def workforce() -> dict[str, pd.DataFrame]:
    if not WORKFORCE_ODS.is_file():
        pytest.skip(f"{WORKFORCE_ODS} is absent (only the maintainer's checkout has it)")
    return read_workbook(WORKFORCE_ODS)


def test_workforce_sheet_names(workforce) -> None:
    names = list(workforce)
    assert names[:3] == ["Index", "Table_1", "Table_2"]
    assert all(name.startswith("Table_") for name in names[1:])


def test_workforce_force_rows(workforce) -> None:
    labels = [str(c) if pd.notna(c) else "" for c in workforce["Table_1"].iloc[:, 0]]
    found = force_rows(labels)
    ids = [force.force_id for _, force in found]
    assert len(ids) == 44 and len(set(ids)) == 44
    assert set(ids) == {f.force_id for f in FORCES} - {"border-force"}
    assert ids.count("west-midlands") == 1
    kept = {labels[position].strip() for position, _ in found}
    assert kept.isdisjoint(
        {
            "North East",
            "Eastern",
            "Wales",
            "Total 43 forces",
            "Central Service Secondments",
            "Total",
        }
    )
    west_midlands = [p for p, label in enumerate(labels) if label.strip() == "West Midlands"]
    assert len(west_midlands) == 2  # the region, then the force
    assert [p for p, f in found if f.force_id == "west-midlands"] == [west_midlands[1]]


def test_workforce_is_not_a_drug_table(workforce, monkeypatch) -> None:
    monkeypatch.setattr(spreadsheet, "read_workbook", lambda path: workforce)
    with pytest.raises(LayoutError) as caught:
        read_spreadsheet(WORKFORCE_ODS)
    message = str(caught.value)
    assert "no sheet looks like seizures" in message
    assert "Index" in message and "Table_1" in message and "Table_13" in message
