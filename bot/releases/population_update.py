"""`seizure-bot update --population FILE`: add a later ONS mid-year estimate to the data.

    add_population(data_dir, files, bundled=paths.DATA_DIR) -> list[str]  (raises PopulationError)

Each file is read by ``bot.ingest.districts.import_population`` (the ONS "MYE2 - Persons"
sheet by local authority, XLSX or CSV) with the district lookup of the data held
(places.csv), and summed to forces, regions and nations. Only mid-years not held are added,
which gives rates to the financial year starting then (mid-2021 -> 2021-22). An area and
mid-year already held must have the same figure: a different one (a revised or rebased
estimate) is refused, never mixed silently into rates already given. The folder is written
atomically, as `update` writes it (the bundled tables are copied into the user data folder
on first use); any failure leaves it exactly as it was.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from bot import paths
from bot.ingest import sources as src
from bot.ingest.districts import import_population
from bot.ingest.force_table import LayoutError
from bot.releases.update_files import copy_files, render_csv, swap_folder

Row = dict[str, object]


class PopulationError(RuntimeError):
    """The population import stopped; the data folder is unchanged. The message says why."""


def _read(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _key(row: Row) -> tuple[str, str]:
    return str(row["area_id"]), str(row["mid_year"])


def add_population(
    data_dir: Path, files: Iterable[Path], bundled: Path = paths.DATA_DIR
) -> list[str]:
    """Import each file into ``data_dir``; returns one line per file saying what changed."""
    if data_dir.absolute().resolve() == bundled.absolute().resolve():
        raise PopulationError(f"{data_dir} is the bundled data folder; update writes to a copy")
    base = data_dir if (data_dir / "seizures.csv").is_file() else bundled
    try:
        population, sources = _read(base / "population.csv"), _read(base / "sources.csv")
        places = {str(r["lad_code"]): str(r["force_id"]) for r in _read(base / "places.csv")}
    except (OSError, KeyError) as exc:
        raise PopulationError(f"cannot read the data held in {base}: {exc}") from None
    registry = src.SourceRegistry()
    lines = [_merge(Path(f), population, places, registry) for f in files]
    known = {r["source"] for r in sources}
    sources += [vars(s) for s in registry.items.values() if s.source not in known]
    try:
        _write(data_dir, base, bundled, {"population.csv": population, "sources.csv": sources})
    except OSError as exc:
        raise PopulationError(f"could not write {data_dir}, left unchanged: {exc}") from None
    return lines


def _merge(
    path: Path, population: list[Row], places: dict[str, str], registry: src.SourceRegistry
) -> str:
    try:
        rows = import_population(path, places, registry)
    except (LayoutError, OSError) as exc:
        raise PopulationError(str(exc)) from None
    held = {
        _key(r): str(r["population"])
        for r in population
        if r["basis"] == "mid-year" and r["usable"] == "true"
    }
    clash = [r for r in rows if _key(r) in held and held[_key(r)] != str(r["population"])]
    if clash:
        named = ", ".join(f"{r['area_id']} ({held[_key(r)]} held)" for r in clash[:5])
        raise PopulationError(
            f"{path.name}: mid-{rows[0]['mid_year']} is already held with other figures "
            f"for {named}; a revised estimate is not imported over rates already given"
        )
    new: list[Row] = [{k: str(v) for k, v in r.items()} for r in rows if _key(r) not in held]
    population += new
    mid_year = rows[0]["mid_year"]
    if not new:
        return f"mid-{mid_year} population: already held, nothing added ({path.name})"
    return f"mid-{mid_year} population: {len(new)} areas added from {path.name}"


def _write(target: Path, base: Path, bundled: Path, tables: dict[str, list[Row]]) -> None:
    """``base``'s files (and bundled files it lacks) with ``tables`` written over them, in a
    new folder swapped in place of ``target`` (``swap_folder``)."""

    def fill(staging: Path) -> None:
        copy_files(staging, base, bundled)
        for name, rows in tables.items():
            (staging / name).write_text(render_csv(name, rows), encoding="utf-8")

    swap_folder(target, fill)
