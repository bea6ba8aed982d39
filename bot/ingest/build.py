"""Rebuild data/ from a source folder: read, check, then swap in atomically.

Every table is built and checked in memory first; only then is a new folder written beside
data/ and swapped in with two renames, so a failure at any point leaves it as it was.
"""

from __future__ import annotations

import csv
import logging
import shutil
from pathlib import Path

from bot.ingest import bdd, pages, places, population, quoted
from bot.ingest import sources as src
from bot.ingest.clean import CellError, clean_label
from bot.ingest.flags import flags_table
from bot.ingest.force_table import LayoutError, count_records, tidy_rows
from bot.ingest.spreadsheet import fye_from_name, read_spreadsheet
from bot.ingest.validate import check_tables
from bot.ingest.vocab import DRUGS, FORCES, REGION_OF, REGIONS, force_for, region_for
from bot.releases.update_files import render_csv, swap_folder
from queries.contract import COLUMNS

log = logging.getLogger(__name__)

Table = list[dict[str, object]]


class IngestError(RuntimeError):
    """Ingest refused to build; data/ is unchanged."""


def forces_table(root: Path, registry: src.SourceRegistry) -> Table:
    """forces.csv, with each force's region checked against the bundled lookup."""
    registry.add(src.WORKFORCE_REGIONS)
    lookup: dict[str, str] = {}
    with (root / "derived" / "force_region_lookup.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            force = force_for(row["force_name_home_office"])
            region = region_for(clean_label(row["region_ons"]))
            if force is not None and region is not None:
                lookup[force.force_id] = region.region_id
    if lookup != REGION_OF:
        raise LayoutError("force_region_lookup.csv disagrees with the region of some forces")
    country = {"wales": "Wales"}
    return [
        {
            "force_id": f.force_id,
            "name": f.name,
            "full_name": f.full_name,
            "region": REGION_OF.get(f.force_id, ""),
            "country": country.get(REGION_OF.get(f.force_id, ""), "England")
            if f.kind == "territorial"
            else "England and Wales"
            if f.kind == "transport"
            else "United Kingdom",
            "kind": f.kind,
        }
        for f in FORCES
    ]


def spreadsheet_tables(root: Path, registry: src.SourceRegistry) -> Table:
    """Seizures from official Home Office spreadsheets in ``home-office/``, if any."""
    folder = root / "home-office"
    records: Table = []
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.suffix.lower() not in {".ods", ".xlsx"}:
            continue
        fye = fye_from_name(path)
        source = registry.add(
            src.Source(
                source=f"ho-seizures-fye{fye}",
                title=f"Seizures of drugs in England and Wales, {src.fye_label(fye)}: "
                "seizures by police force and drug",
                publisher="Home Office",
                url=f"home-office/{path.name}",
                licence=src.OGL,
                edition=path.name,
            )
        )
        header, rows = read_spreadsheet(path)
        triples = tidy_rows(header, rows, value_column="seizures", skip_non_forces=True)
        records += count_records(triples, fye=fye, source=source)
    return records


def build_tables(root: Path) -> dict[str, Table]:
    """Every table of data/, built from a source folder and checked."""
    if not (root / "BritishDrugDynamics").is_dir():
        raise IngestError(f"{root} does not look like the sources folder (no BritishDrugDynamics/)")
    registry = src.SourceRegistry()
    try:
        tables = bdd.read_source_dir(root, registry)
        official = spreadsheet_tables(root, registry)
        replaced = {r["fye"] for r in official}
        tables["seizures"] = [r for r in tables["seizures"] if r["fye"] not in replaced] + official
        tables["national"] += pages.read_national_headlines(
            root / "pages" / "national_headline_figures.csv", registry
        ) + pages.read_border_force_history(
            root / "lesscrime" / "borderforce_seizures_by_drug_fye2007_2018.csv", registry
        )
        reported, national = quoted.add_quoted(
            root / "pages",
            registry,
            pages.read_reported(root / "pages" / "per_force_news_figures.csv", registry),
            tables["national"],
            tables["seizures"],
        )
        out = {
            "forces.csv": forces_table(root, registry),
            "regions.csv": [vars(r) for r in REGIONS],
            "drugs.csv": [vars(d) for d in DRUGS],
            "seizures.csv": tables["seizures"],
            "quantities.csv": tables["quantities"],
            "population.csv": population.read_source_dir(root, registry),
            "national.csv": national,
            "reported.csv": reported,
            "flags.csv": flags_table(registry),
            "places.csv": places.read_places(root, registry),
        }
    except (LayoutError, CellError, OSError, KeyError, ValueError) as exc:
        raise IngestError(f"ingest stopped, data/ unchanged: {exc}") from exc
    out["sources.csv"] = registry.rows()
    problems = check_tables(out)
    if problems:
        raise IngestError("ingest stopped, data/ unchanged:\n  " + "\n  ".join(problems[:20]))
    return out


def write_tables(tables: dict[str, Table], data_dir: Path) -> None:
    """Write every table into a new folder, then swap it in place of data_dir."""

    def fill(staging: Path) -> None:
        if data_dir.is_dir():  # keep hand-written files (README.md) and anything else there
            for item in data_dir.iterdir():
                if item.is_file() and item.name not in COLUMNS:
                    shutil.copy2(item, staging / item.name)
        for name, rows in tables.items():
            (staging / name).write_text(render_csv(name, rows), encoding="utf-8")

    swap_folder(data_dir.resolve(), fill)


def ingest(source_dir: Path, data_dir: Path) -> dict[str, int]:
    """Rebuild data_dir from source_dir; returns the row count of each table."""
    tables = build_tables(source_dir)
    try:
        write_tables(tables, data_dir)
    except OSError as exc:
        raise IngestError(f"ingest could not write {data_dir}, left unchanged: {exc}") from exc
    return {name: len(rows) for name, rows in tables.items()}
