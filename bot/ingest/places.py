"""places.csv: local authority districts and the police force that covers each.

Two ONS lookups, read as published: the December 2016 LAD -> CSP -> PFA lookup (with
district names) and the December 2021 LAD -> PFA lookup (codes only; the names come from
the ONS mid-2020 estimates on 2021 districts, which share its codes). A district in both
keeps the 2021 row; districts merged away since 2016 (South Bucks, Taunton Deane) keep
their 2016 row, because people still type those names. Police force area names map to
force ids through the same vocabulary as every other table; an unknown one stops ingest.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bot.ingest import sources as src
from bot.ingest.clean import clean_label
from bot.ingest.force_table import LayoutError
from bot.ingest.vocab import force_for

Table = list[dict[str, object]]
LAD16 = Path("resistancelab") / "LAD16_CSP16_PFA16_lookup_EW.csv"
LAD21 = Path("ons-population") / "lad" / "lad21_pfa21_lookup.csv"
LAD21_NAMES = Path("ons-population") / "lad" / "population20_ltla21_totals.csv"

SOURCE_LAD16 = src.Source(
    source="ons-lad16-pfa16-lookup",
    title="Local Authority District to Community Safety Partnership to Police Force Area "
    "(December 2016) lookup in England and Wales",
    publisher="Office for National Statistics (via Resistance-Lab/resistancelab_data)",
    url="https://github.com/Resistance-Lab/resistancelab_data/tree/"
    "625e720132cc8e912caf091b3b6ebc716fa939a8/source_data/demographics",
    licence=src.OGL,
    edition="December 2016",
)
SOURCE_LAD21 = src.Source(
    source="ons-lad21-pfa21-lookup",
    title="Local Authority District to Police Force Area (December 2021) lookup in England "
    "and Wales; district names from the ONS mid-2020 estimates on 2021 districts",
    publisher="Office for National Statistics (via mpjashby/lesscrime.info-quarto and "
    "humaniverse/demographr)",
    url="https://github.com/mpjashby/lesscrime.info-quarto/blob/main/post/"
    "policing-2010-2024/lad_pfa_lookup.csv",
    licence=src.OGL,
    edition="December 2021",
)


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def force_id_of(pfa_name: str) -> str:
    """The territorial force a police force area name names; LayoutError otherwise."""
    force = force_for(clean_label(pfa_name))
    if force is None or force.kind != "territorial":
        raise LayoutError(f"police force area {pfa_name!r} names no territorial force")
    return force.force_id


def district_forces(root: Path) -> dict[str, str]:
    """District code -> force id: the 2021 lookup, then 2016 for districts merged since."""
    lookup = {row["lad21cd"]: force_id_of(row["pfa21nm"]) for row in csv_rows(root / LAD21)}
    for row in csv_rows(root / LAD16):
        lookup.setdefault(row["LAD16CD"], force_id_of(row["PFA16NM"]))
    return lookup


def read_places(root: Path, registry: src.SourceRegistry) -> Table:
    """One row per district (code and name) with its force, newest lookup first."""
    names = {row["lad_code"]: clean_label(row["lad_name"]) for row in csv_rows(root / LAD21_NAMES)}
    places: dict[str, dict[str, object]] = {}
    lad21 = registry.add(SOURCE_LAD21)
    for row in csv_rows(root / LAD21):
        code = row["lad21cd"]
        if code not in names:
            raise LayoutError(f"district {code} of the 2021 lookup has no name")
        places[code] = _place(code, names[code], force_id_of(row["pfa21nm"]), lad21)
    lad16 = registry.add(SOURCE_LAD16)
    for row in csv_rows(root / LAD16):
        code = row["LAD16CD"]
        if code not in places:
            places[code] = _place(
                code, clean_label(row["LAD16NM"]), force_id_of(row["PFA16NM"]), lad16
            )
    if len(places) < 300:
        raise LayoutError(f"only {len(places)} districts in the place lookups")
    return list(places.values())


def _place(code: str, name: str, force_id: str, source: str) -> dict[str, object]:
    return {"lad_code": code, "name": name, "force_id": force_id, "source": source}
