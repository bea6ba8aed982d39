"""Populations from ONS estimates by local authority district: the sums, and the reader of a
later ONS "MYE2 - Persons" file (XLSX or CSV), tested on small files in that layout.

The layout copied here is the ONS workbook's: a few title rows ("Mid-2021 Population
Estimates ..."), a header row "Code, Name, Geography, All ages, 0, 1, ...", then one row per
country, region, county and district, mixed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from bot.ingest import districts
from bot.ingest import sources as src
from bot.ingest.force_table import LayoutError
from bot.ingest.vocab import REGION_OF
from bot.paths import DEFAULT_SOURCES
from tests.support.data_tables import table

needs_sources = pytest.mark.skipif(not DEFAULT_SOURCES.is_dir(), reason="no sources folder")

# Three districts in three forces, two Welsh: enough to see sums, regions and nations.
PLACES = {"E06000001": "cleveland", "E07000177": "thames-valley", "W06000023": "dyfed-powys"}
OTHERS = {f: i for i, f in enumerate(districts.TERRITORIAL) if f not in PLACES.values()}


def places() -> dict[str, str]:
    """The three named districts plus one made-up district for every other force."""
    return PLACES | {
        f"{'W06' if REGION_OF[f] == 'wales' else 'E08'}{i:06d}": f for f, i in OTHERS.items()
    }


def body(people: dict[str, int]) -> list[list[object]]:
    header = ["Code", "Name", "Geography", "All ages", 0, 1]
    rows: list[list[object]] = [
        ["MYE2: Population estimates: Persons by single year of age, mid-2021"],
        ["Mid-2021 Population Estimates for the UK and its local authorities"],
        [],
        header,
        ["K04000001", "ENGLAND AND WALES", "Country", sum(people.values()), 1, 1],
        [
            "E92000001",
            "ENGLAND",
            "Country",
            sum(p for c, p in people.items() if c.startswith("E")),
            1,
            1,
        ],
        ["E12000001", "NORTH EAST", "Region", 999, 1, 1],  # never counted
        ["E10000025", "Oxfordshire", "County", 888, 1, 1],  # never counted
        ["S12000033", "Aberdeen City", "Council Area", 777, 1, 1],  # not England and Wales
    ]
    rows += [[code, code, "Unitary Authority", people[code], 1, 1] for code in people]
    return rows


def people() -> dict[str, int]:
    return {code: 1000 + n for n, code in enumerate(places())}


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "MYE2 - Persons") -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Contents"
    book.active.append(["Contents"])
    page = book.create_sheet(sheet)
    for row in rows:
        page.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def by_area(rows: list[dict[str, object]]) -> dict[object, object]:
    return {r["area_id"]: r["population"] for r in rows}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_import_population_sums_districts_to_forces_regions_and_nations(tmp_path, kind) -> None:
    counts = people()
    writer = write_xlsx if kind == "xlsx" else write_csv
    path = writer(tmp_path / f"mye2021.{kind}", body(counts))
    registry = src.SourceRegistry()
    rows = districts.import_population(path, places(), registry)
    found = by_area(rows)
    assert {r["mid_year"] for r in rows} == {2021}
    assert found["cleveland"] == counts["E06000001"]
    assert found["thames-valley"] == counts["E07000177"]
    assert found["wales"] == counts["W06000023"] + sum(
        counts[c] for c, f in places().items() if f in ("gwent", "north-wales", "south-wales")
    )
    assert found["england-and-wales"] == sum(counts.values())
    assert found["england"] + found["wales"] == found["england-and-wales"]
    assert all(r["usable"] == "true" and r["basis"] == "mid-year" for r in rows)
    assert [s.source for s in registry.items.values()] == ["ons-mye2021-districts"]


def test_import_population_refuses_districts_that_do_not_add_up(tmp_path) -> None:
    rows = body(people())
    rows[4][3] = 5  # the England and Wales total no longer matches its districts
    path = write_xlsx(tmp_path / "mye2021.xlsx", rows)
    with pytest.raises(LayoutError, match="do not add up"):
        districts.import_population(path, places())


def test_import_population_refuses_a_district_no_lookup_knows(tmp_path) -> None:
    counts = people() | {"E06000099": 5}
    path = write_csv(tmp_path / "mye2021.csv", body(counts))
    with pytest.raises(LayoutError, match="E06000099"):
        districts.import_population(path, places())


def test_import_population_refuses_another_layout_naming_the_sheets(tmp_path) -> None:
    path = write_xlsx(tmp_path / "mye2021.xlsx", [["Area", "Persons"], ["Kent", 5]], "Data")
    with pytest.raises(LayoutError, match="sheets read: Contents, Data.*MYE2 - Persons"):
        districts.import_population(path, places())


def test_import_population_needs_the_year(tmp_path) -> None:
    rows = body(people())[3:]  # no title rows, and a file name without the year
    with pytest.raises(LayoutError, match="mid-year"):
        districts.import_population(write_csv(tmp_path / "estimates.csv", rows), places())


def test_import_population_refuses_legacy_xls(tmp_path) -> None:
    path = tmp_path / "ukmidyearestimates2021.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LayoutError, match="XLSX"):
        districts.import_population(path, places())


def test_import_population_uses_the_bundled_places_by_default(tmp_path) -> None:
    """With the real district lookup (data/places.csv), one district per force is enough to
    be refused for the forces with none: a partial file never gives partial sums."""
    path = write_csv(tmp_path / "mid-2021.csv", body({"E06000001": 100}))
    with pytest.raises(LayoutError, match="no district for the force areas"):
        districts.import_population(path)
    assert {r["lad_code"] for r in table("places")} >= set(PLACES)


@needs_sources
def test_bundled_district_files_reproduce_the_published_totals() -> None:
    rows = districts.read_bundled(DEFAULT_SOURCES, src.SourceRegistry())
    totals = {(r["area_id"], r["mid_year"]): r["population"] for r in rows}
    assert totals[("england-and-wales", 2019)] == 59_439_840
    assert totals[("england-and-wales", 2020)] == 59_719_724
    assert totals[("metropolitan", 2019)] == 8_952_268  # London less the City of London
    assert (totals[("nottinghamshire", 2019)], totals[("thames-valley", 2019)]) == (
        1_161_124,
        2_419_956,
    )


@needs_sources
def test_lookup_covers_districts_merged_away_since_2016() -> None:
    lookup = districts.district_forces(DEFAULT_SOURCES)
    assert lookup["E07000177"] == "thames-valley"  # Cherwell
    assert lookup["E07000150"] == "northamptonshire"  # Corby, merged in 2021
    assert lookup["E07000006"] == "thames-valley"  # South Bucks, merged in 2020
    assert lookup["E09000001"] == "city-of-london"
