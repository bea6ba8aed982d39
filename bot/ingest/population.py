"""Populations: ONS mid-year estimates by force area, region and nation, and Census 2011.

Decisions (documented in data/README.md):
- Metropolitan Police: the transcription understates it by about half a million; the
  Met area is Greater London less the City of London, so it is derived as the London region
  total minus the City of London, and the transcribed value is kept but marked unusable.
- Nottinghamshire and Thames Valley: the transcription puts Cherwell (E07000177, an
  Oxfordshire district in Thames Valley) into Nottinghamshire, whose districts are
  E07000170-E07000176. No per-district estimates are bundled to move it back, so these two
  forces, and the East Midlands and South East regions built from the same units, are
  marked unusable: no rate is ever computed from them.
- Mid-2019 and mid-2020 also come from the ONS estimates by district (bot/ingest/districts.py),
  which count Cherwell in Thames Valley. Where a usable row is already there, the district
  sum must equal it (a difference stops the build) and the row there is kept; where only an
  unusable row is there (Nottinghamshire, Thames Valley, East Midlands, South East, mid-2019),
  the district sum is added as the usable row and the transcribed one stays, unusable, as
  published. One usable mid-year row per area and year, always.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bot.ingest import districts
from bot.ingest import sources as src
from bot.ingest.clean import clean_label, parse_count
from bot.ingest.force_table import LayoutError
from bot.ingest.vocab import force_for, region_for

CHERWELL = (
    "unusable: the source aggregation counts Cherwell (E07000177, Thames Valley) in "
    "Nottinghamshire, whose districts are E07000170-E07000176"
)
UNUSABLE = {
    "nottinghamshire": CHERWELL + " (+13.0% against Census 2011)",
    "thames-valley": CHERWELL + " (-6.0% against Census 2011)",
    "east-midlands-region": CHERWELL + " (region built from the same units)",
    "south-east-region": CHERWELL + " (region built from the same units)",
    "metropolitan": "unusable: understated; replaced by London region minus City of London",
}
ONS_AREAS = {
    "England": "england",
    "Wales": "wales",
    "England and Wales": "england-and-wales",
    "Dyfed-Powys PFA": "dyfed-powys",
    "Gwent PFA": "gwent",
    "North Wales PFA": "north-wales",
    "South Wales PFA": "south-wales",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _row(
    area_id: str,
    year: int,
    population: int,
    source: str,
    note: str = "",
    *,
    basis: str = "mid-year",
) -> dict[str, object]:
    usable = basis != "mid-year" or area_id not in UNUSABLE or note.startswith("derived")
    return {
        "area_id": area_id,
        "mid_year": year,
        "basis": basis,
        "population": population,
        "usable": "true" if usable else "false",
        "source": source,
        "note": note or ("" if usable else UNUSABLE[area_id]),
    }


def _count(cell: str) -> int:
    value = parse_count(cell)
    if value is None:
        raise LayoutError(f"a population cell is empty: {cell!r}")
    return value


def read_bdd_forces(path: Path, source: str) -> list[dict[str, object]]:
    out = []
    for row in _rows(path):
        year = int(row.pop("year"))
        for label, cell in row.items():
            force = force_for(label)
            if force is None:
                raise LayoutError(f"{path.name}: unknown force column {label!r}")
            out.append(_row(force.force_id, year, _count(cell), source))
    return out


def read_bdd_regions(path: Path, source: str) -> list[dict[str, object]]:
    out = []
    for row in _rows(path):
        year = int(row.pop("year"))
        for label, cell in row.items():
            if label == "England":
                continue  # taken from the ONS file, where it has the same values
            region = region_for(label)
            if region is None:
                raise LayoutError(f"{path.name}: unknown region column {label!r}")
            out.append(_row(region.region_id, year, _count(cell), source))
    return out


def derive_met(rows: list[dict[str, object]], source: str) -> list[dict[str, object]]:
    """Met = London region - City of London, for every year both are present."""
    by_key = {(r["area_id"], r["mid_year"]): r["population"] for r in rows}
    out = []
    for (area, year), london in sorted(by_key.items(), key=lambda item: str(item[0])):
        city = by_key.get(("city-of-london", year))
        if area == "london-region" and city is not None:
            note = "derived: London region minus City of London"
            met = int(str(london)) - int(str(city))
            out.append(_row("metropolitan", int(str(year)), met, source, note))
    return out


def read_ons(path: Path, source: str) -> list[dict[str, object]]:
    out = []
    for row in _rows(path):
        area_id = ONS_AREAS.get(clean_label(row["area"]))
        if area_id is None:
            continue  # the 22 Welsh authorities are inputs to the force sums, not areas here
        note = "sum of constituent unitary authorities" if "PFA" in row["area"] else ""
        out.append(_row(area_id, int(row["mid_year"]), _count(row["population"]), source, note))
    return out


def read_census_2011(path: Path, source: str) -> list[dict[str, object]]:
    out = []
    for row in _rows(path):
        force = force_for(row["PFA16NM"])
        if force is None:
            raise LayoutError(f"{path.name}: unknown force {row['PFA16NM']!r}")
        total = row["Ethnic Group: All categories: Ethnic group; measures: Value"]
        out.append(
            _row(
                force.force_id,
                2011,
                _count(total),
                source,
                "census day 27 March 2011",
                basis="census-2011",
            )
        )
    return out


def read_source_dir(root: Path, registry: src.SourceRegistry) -> list[dict[str, object]]:
    bdd = root / "BritishDrugDynamics" / "population"
    bdd_source = registry.add(src.BDD_POPULATION)
    rows = read_bdd_forces(bdd / "population_policeforces.csv", bdd_source)
    rows += read_bdd_regions(bdd / "population_England_and_regions.csv", bdd_source)
    rows += derive_met(rows, bdd_source)
    rows += read_ons(
        root / "ons-population" / "population_estimates.csv", registry.add(src.ONS_POPULATION)
    )
    rows += read_census_2011(
        root / "resistancelab" / "force-demographics-census2011.csv", registry.add(src.CENSUS_2011)
    )
    rows = merge_districts(rows, districts.read_bundled(root, registry))
    check_one_usable(rows)
    return rows


def _key(row: dict[str, object]) -> tuple[str, int]:
    return str(row["area_id"]), int(str(row["mid_year"]))


def merge_districts(
    rows: list[dict[str, object]], district_rows: list[dict[str, object]]
) -> list[dict[str, object]]:
    """Add district sums where no usable row is held; where one is, it must be the same."""
    mid_year = [r for r in rows if r["basis"] == "mid-year"]
    usable = {_key(r): r for r in mid_year if r["usable"] == "true"}
    unusable = {_key(r): r for r in mid_year if r["usable"] != "true"}
    out = list(rows)
    for row in district_rows:
        held = usable.get(_key(row))
        if held is not None:
            if held["population"] != row["population"]:
                raise LayoutError(
                    f"population {_key(row)}: {held['population']} from {held['source']} but "
                    f"its districts sum to {row['population']}"
                )
            continue
        replaced = unusable.get(_key(row))
        if replaced is not None:
            instead = f"used instead of the unusable {replaced['source']} figure"
            row = row | {"note": f"{row['note']}; {instead} ({replaced['population']:,})"}
        out.append(row)
    return out


def check_one_usable(rows: list[dict[str, object]]) -> None:
    seen: set[tuple[str, int]] = set()
    for row in rows:
        if row["basis"] == "mid-year" and row["usable"] == "true":
            if _key(row) in seen:
                raise LayoutError(f"population {_key(row)}: two usable rows")
            seen.add(_key(row))
