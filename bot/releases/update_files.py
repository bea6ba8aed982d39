"""The data folder as `update` reads and writes it: typed rows in, CSV out, swapped atomically.

Only the files an update changes are written again (drugs, seizures, flags, sources,
releases, revisions); every other file is copied byte for byte. Rows are written exactly as the
ingest writes them (same columns, order and number formatting), so a file nobody changed
keeps its bytes.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from queries.contract import COLUMNS, SORT_KEYS, TYPES, UPDATE_COLUMNS, UPDATE_SORT_KEYS

Row = dict[str, object]
Tables = dict[str, list[Row]]
CHECKED = (
    "forces.csv",
    "drugs.csv",
    "seizures.csv",
    "national.csv",
    "flags.csv",
    "sources.csv",
)
WRITTEN = (
    "drugs.csv",
    "seizures.csv",
    "flags.csv",
    "sources.csv",
    "releases.csv",
    "revisions.csv",
)


def read_tables(folder: Path) -> Tables:
    """The tables update works on and checks, with the contract's number types."""
    tables: Tables = {}
    for name in (*CHECKED, *UPDATE_COLUMNS):
        path = folder / name
        if not path.is_file():
            if name in UPDATE_COLUMNS:
                tables[name] = []
                continue
            raise OSError(f"{path} is missing")
        with path.open(encoding="utf-8", newline="") as handle:
            tables[name] = [_typed(name, row) for row in csv.DictReader(handle)]
    return tables


def _typed(name: str, row: dict[str, str]) -> Row:
    out: Row = dict(row)
    for column, kind in TYPES.get(name, {}).items():
        text = row.get(column, "")
        if kind in ("INTEGER", "BIGINT"):
            out[column] = int(text) if text else None
        elif kind == "DOUBLE":
            out[column] = float(text) if text else None
    return out


def render_csv(name: str, rows: Sequence[Row]) -> str:
    """One table as CSV text in the contract's columns, sorted by its keys: how ingest and
    update both write every table, so a file nobody changed keeps its bytes."""
    columns = COLUMNS.get(name) or UPDATE_COLUMNS[name]
    keys = SORT_KEYS.get(name) or UPDATE_SORT_KEYS.get(name)
    if keys:
        rows = sorted(rows, key=lambda r: tuple(_sortable(r[k]) for k in keys))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
    return buffer.getvalue()


def _sortable(value: object) -> tuple[int, object]:
    if isinstance(value, int):
        return (0, value)
    return (1, "" if value is None else str(value))


def swap_folder(target: Path, fill: Callable[[Path], None]) -> None:
    """A new folder beside ``target``, filled by ``fill(staging)``, then swapped in place of
    ``target`` with two renames: a failure at any point leaves ``target`` as it was."""
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    old = target.parent / f".{target.name}-old-{os.getpid()}"
    try:
        staging.chmod(0o755)
        fill(staging)
        if target.exists():
            target.rename(old)
        try:
            staging.rename(target)
        except OSError:
            if old.exists():
                old.rename(target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def copy_files(staging: Path, base: Path, bundled: Path) -> None:
    """``base``'s files, and the bundled files ``base`` lacks, into ``staging``."""
    for folder in (bundled, base):
        for item in folder.iterdir() if folder.is_dir() else ():
            if item.is_file() and (folder == base or not (base / item.name).exists()):
                shutil.copy2(item, staging / item.name)


def write_folder(target: Path, base: Path, bundled: Path, tables: Tables) -> None:
    """A new folder: ``base``'s files, bundled files ``base`` lacks, then the tables an
    update changes; swapped in place of ``target`` (``swap_folder``)."""

    def fill(staging: Path) -> None:
        copy_files(staging, base, bundled)
        for name in WRITTEN:
            if tables.get(name) or name in COLUMNS:
                (staging / name).write_text(render_csv(name, tables[name]), encoding="utf-8")

    swap_folder(target, fill)
