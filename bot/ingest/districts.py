"""Populations from ONS mid-year estimates by local authority district.

Police force areas, regions and nations are made of whole districts, so each is the sum of
its districts' estimates. Which force covers a district comes from the ONS lookups: the
December 2021 one, then the December 2016 one for districts merged away since (the seven
Northamptonshire and four Buckinghamshire districts of the 2019 and 2020 estimates). A
district the lookups do not know, or a territorial force with no district, stops the build.

Districts are recognised by their ONS code (E06 unitary authorities, E07 non-metropolitan
districts, E08 metropolitan districts, E09 London boroughs, W06 Welsh unitary authorities),
so counties, regions and countries listed beside them are never counted twice. Where a file
carries its own England, Wales or England and Wales total, the district sums must equal it.

Two readers:
- ``read_bundled``: the bundled totals, ``ons-population/lad/population{yy}_ltla{gg}_totals.csv``;
  a mid-year given on two district geographies must give the same sums on both;
- ``import_population``: a later ONS file by local authority, the "MYE2 - Persons" sheet of
  the ONS workbook (XLSX) or a CSV of it, found by content: the header row is the first that
  has "Code" and "All ages"; the year comes from "Mid-2021" in the title rows or the file name.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from bot.ingest import sources as src
from bot.ingest.clean import CellError, clean_label, parse_count
from bot.ingest.force_table import LayoutError
from bot.ingest.places import csv_rows, district_forces
from bot.ingest.release_size import check_size
from bot.ingest.release_text import ReleaseError
from bot.ingest.vocab import FORCES, REGION_OF, REGIONS

Table = list[dict[str, object]]
LAD_DIR = Path("ons-population") / "lad"
DISTRICT_PREFIXES = ("E06", "E07", "E08", "E09", "W06")
TOTAL_CODES = {"K04000001": "england-and-wales", "E92000001": "england", "W92000004": "wales"}
SHEET = "mye2 - persons"
TERRITORIAL = [f.force_id for f in FORCES if f.kind == "territorial"]


def _row(area_id: str, mid_year: int, population: int, source: str, note: str) -> dict[str, object]:
    return {
        "area_id": area_id,
        "mid_year": mid_year,
        "basis": "mid-year",
        "population": population,
        "usable": "true",
        "source": source,
        "note": note,
    }


def force_sums(districts: Mapping[str, int], lookup: Mapping[str, str]) -> dict[str, int]:
    unknown = sorted(code for code in districts if code not in lookup)
    if unknown:
        raise LayoutError(
            f"districts with no police force area in the lookup: {', '.join(unknown)}"
        )
    sums: dict[str, int] = defaultdict(int)
    for code, people in districts.items():
        sums[lookup[code]] += people
    missing = [f for f in TERRITORIAL if f not in sums]
    if missing:
        raise LayoutError(f"no district for the force areas {', '.join(missing)}")
    return dict(sums)


def area_rows(
    districts: Mapping[str, int], lookup: Mapping[str, str], mid_year: int, source: str
) -> Table:
    """Forces, regions, England, Wales and England and Wales as sums of their districts."""
    forces = force_sums(districts, lookup)
    count: dict[str, int] = defaultdict(int)
    for code in districts:
        count[lookup[code]] += 1
    rows = [
        _row(f, mid_year, forces[f], source, f"sum of its {count[f]} local authority districts")
        for f in TERRITORIAL
    ]
    for region in REGIONS:
        members = [f for f in TERRITORIAL if REGION_OF.get(f) == region.region_id]
        note = f"sum of its {len(members)} police force areas' districts"
        rows.append(_row(region.region_id, mid_year, sum(forces[f] for f in members), source, note))
    england = sum(people for f, people in forces.items() if REGION_OF.get(f) != "wales")
    rows.append(_row("england", mid_year, england, source, "sum of its districts"))
    rows.append(_row("england-and-wales", mid_year, sum(forces.values()), source,
                     "sum of its districts"))  # fmt: skip
    return rows


def check_totals(rows: Table, published: Mapping[str, int], where: str) -> None:
    """The district sums equal the file's own England / Wales / England and Wales totals."""
    summed = {str(r["area_id"]): r["population"] for r in rows}
    wrong = [
        f"{area} {summed[area]:,} against {people:,}"  # type: ignore[str-format]
        for area, people in sorted(published.items())
        if summed.get(area) != people
    ]
    if wrong:
        raise LayoutError(
            f"{where}: districts do not add up to the published totals: {'; '.join(wrong)}"
        )


# --- the bundled totals --------------------------------------------------------------------


def _bundled_file(path: Path) -> tuple[int, dict[str, int]]:
    districts: dict[str, int] = {}
    years = set()
    for row in csv_rows(path):
        years.add(row["mid_year"])
        people = parse_count(row["population"])
        if people is None:
            raise LayoutError(f"{path.name}: no population for {row['lad_code']}")
        districts[row["lad_code"]] = people
    match = re.fullmatch(r"mid-(\d{4})", years.pop()) if len(years) == 1 else None
    if match is None:
        raise LayoutError(f"{path.name}: expected one mid-year, found {sorted(years)}")
    return int(match.group(1)), districts


def read_bundled(root: Path, registry: src.SourceRegistry) -> Table:
    """Every mid-year of the bundled district totals, each checked on every geography given."""
    lookup = district_forces(root)
    by_year: dict[int, list[tuple[str, Table]]] = defaultdict(list)
    for path in sorted((root / LAD_DIR).glob("population*_ltla*_totals.csv")):
        mid_year, districts = _bundled_file(path)
        if mid_year not in src.ONS_DISTRICTS:
            raise LayoutError(f"{path.name}: no source entry for mid-{mid_year}")
        source = src.ONS_DISTRICTS[mid_year].source
        by_year[mid_year].append((path.name, area_rows(districts, lookup, mid_year, source)))
    out: Table = []
    for mid_year, versions in sorted(by_year.items()):
        (first_name, rows), *others = versions
        for name, other in others:
            if _sums(other) != _sums(rows):
                raise LayoutError(f"{name} and {first_name} give different force sums")
        registry.add(src.ONS_DISTRICTS[mid_year])
        out += rows
    return out


def _sums(rows: Table) -> dict[object, object]:
    return {r["area_id"]: r["population"] for r in rows}


# --- a later ONS file: MYE2 - Persons ------------------------------------------------------


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return {path.name: [list(r) for r in csv.reader(handle)]}
    if suffix not in {".xlsx", ".xlsm"}:
        raise LayoutError(f"{path.name}: not an XLSX or CSV file (save the ONS workbook as XLSX)")
    try:
        check_size(path)  # counted from the file's own structure before pandas expands it
    except ReleaseError as exc:
        raise LayoutError(str(exc)) from None
    try:
        frames = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl", dtype=object)
    except Exception as exc:  # a damaged or mislabelled file is a layout problem here
        raise LayoutError(f"{path.name}: cannot be read as XLSX ({type(exc).__name__})") from None
    return {str(name): frame.values.tolist() for name, frame in frames.items()}


def _header(cells: list[list[object]]) -> tuple[int, int, int] | None:
    """(header row, code column, all-ages column) of an MYE2 table, or None."""
    for index, row in enumerate(cells[:30]):
        labels = [clean_label(c).lower() for c in row]
        if "code" in labels and "all ages" in labels:
            return index, labels.index("code"), labels.index("all ages")
    return None


def _mid_year(title_rows: list[list[object]], path: Path) -> int:
    text = " ".join(clean_label(c) for row in title_rows for c in row) + " " + path.stem
    found = {int(y) for y in re.findall(r"mid[- _]?(20\d\d)", text, flags=re.IGNORECASE)}
    if len(found) != 1:
        raise LayoutError(
            f"{path.name}: cannot tell the mid-year (looked for 'Mid-2021' in the title rows "
            f"and the file name; found {sorted(found) or 'none'})"
        )
    return found.pop()


def _table(
    cells: list[list[object]], header: tuple[int, int, int]
) -> tuple[dict[str, int], dict[str, int]]:
    """(districts, published totals) by code from the rows under the header."""
    at, code_column, people_column = header
    districts: dict[str, int] = {}
    totals: dict[str, int] = {}
    for row in cells[at + 1 :]:
        code = clean_label(row[code_column]) if len(row) > max(code_column, people_column) else ""
        if not code.startswith(DISTRICT_PREFIXES) and code not in TOTAL_CODES:
            continue
        try:
            people = parse_count(row[people_column])
        except CellError as exc:
            raise LayoutError(f"{code}: {exc}") from None
        if people is None:
            raise LayoutError(f"{code}: no population")
        if code in TOTAL_CODES:
            totals[TOTAL_CODES[code]] = people
        else:
            districts[code] = people
    return districts, totals


def import_population(
    path: Path, places: Mapping[str, str] | None = None, registry: src.SourceRegistry | None = None
) -> Table:
    """population.csv rows for forces, regions and nations from an ONS MYE2 file.

    ``places`` maps district codes to force ids (default: ``places.csv`` of the bundled
    data); the rows cite a source built from the file name, added to ``registry`` if given.
    """
    sheets = _sheets(path)
    named = [n for n in sheets if clean_label(n).lower() == SHEET]
    for name in named or list(sheets):
        header = _header(sheets[name])
        if header is None:
            continue
        cells = sheets[name]
        mid_year = _mid_year(cells[: header[0]], path)
        districts, totals = _table(cells, header)
        source = imported_source(path, mid_year)
        if registry is not None:
            registry.add(source)
        rows = area_rows(districts, places or bundled_places(), mid_year, source.source)
        check_totals(rows, totals, f"{path.name}, sheet {name!r}")
        return rows
    raise LayoutError(
        f"{path.name}: no sheet with a header row naming 'Code' and 'All ages' (sheets read: "
        f"{', '.join(named or list(sheets))}; looked for the ONS 'MYE2 - Persons' table)"
    )


def imported_source(path: Path, mid_year: int) -> src.Source:
    return src.Source(
        source=f"ons-mye{mid_year}-districts",
        title=f"ONS mid-{mid_year} population estimates by local authority district (MYE2 "
        "Persons, all ages), summed to police force areas, regions and nations",
        publisher="Office for National Statistics",
        url="https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/"
        "populationestimates/datasets/populationestimatesforukenglandandwalesscotlandandnorthernireland",
        licence=src.OGL,
        edition=path.name,
    )


def bundled_places() -> dict[str, str]:
    """District code -> force id from the bundled places.csv."""
    from bot.paths import DATA_DIR

    return {row["lad_code"]: row["force_id"] for row in csv_rows(DATA_DIR / "places.csv")}
