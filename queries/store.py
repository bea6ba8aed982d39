"""The DuckDB store the bot reads: built once from data/, then opened read-only.

``Store.open(data_dir)`` hashes the CSV files (the data version), builds a DuckDB file for
that version in a cache folder if there is none yet, and opens it read-only. A new ingest
changes the hash, so the next start builds a fresh file; the bot never writes to data/.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import duckdb

from queries.contract import COLUMNS, UPDATE_COLUMNS, column_types
from queries.loader import SQL_DIR, Query, load_queries, parse_sql

TABLES = tuple(name.removesuffix(".csv") for name in COLUMNS)
UPDATE_TABLES = tuple(name.removesuffix(".csv") for name in UPDATE_COLUMNS)  # may be absent


KEEP_CACHE_FILES = 3  # database files kept in the cache folder: this version and two before
PRUNE_AGE = 3600.0  # seconds a file of an older version must be untouched to be deleted
MEMO_LIMIT = 50_000  # query results kept; parameters come from resolved ids, so few


def _frozen(params: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Hashable parameters (lists of ids become tuples)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


class DataError(RuntimeError):
    """data/ is missing a file or holds one that cannot be read; names the file."""


def data_version(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for table in TABLES:
        path = data_dir / f"{table}.csv"
        if not path.is_file():
            raise DataError(f"data file missing: {path}")
        digest.update(table.encode())
        digest.update(path.read_bytes())
    digest.update((SQL_DIR / "schema.sql").read_bytes())  # the derived tables are data too
    for table in UPDATE_TABLES:  # present or empty: either way a table of the database
        digest.update(f"{table}?".encode())
        path = data_dir / f"{table}.csv"
        if path.is_file():
            digest.update(table.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "seizure-bot"


def build_database(data_dir: Path, target: Path) -> None:
    """Load every CSV of data_dir into a new DuckDB file at target, with the views."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(suffix=".duckdb", dir=target.parent)
    os.close(handle)
    os.unlink(temp_name)
    con = duckdb.connect(temp_name)
    try:
        for table in TABLES:
            _load_table(con, table, data_dir / f"{table}.csv")
        for table in UPDATE_TABLES:
            _load_optional_table(con, table, data_dir / f"{table}.csv")
        for query in parse_sql((SQL_DIR / "schema.sql").read_text(encoding="utf-8")):
            con.execute(query.sql)
        con.close()
        os.replace(temp_name, target)
    except BaseException:
        con.close()
        Path(temp_name).unlink(missing_ok=True)
        raise


def prune_cache(current: Path, *, keep: int = KEEP_CACHE_FILES, age: float = PRUNE_AGE) -> int:
    """Delete the database files of older data versions beside ``current``: all but the
    ``keep`` newest (``current`` among them), and only those untouched for ``age`` seconds
    (a store still open keeps reading a deleted file). Returns how many went."""
    others = sorted(
        (p for p in current.parent.glob("seizures-*.duckdb") if p != current),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    gone = 0
    for path in others[max(keep - 1, 0) :]:
        try:
            if time.time() - path.stat().st_mtime > age:
                path.unlink()
                gone += 1
        except OSError:
            continue  # another process pruned it first, or it is not ours to remove
    return gone


def _load_table(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    """One CSV as a table, with the contract's columns and types; anything else refuses."""
    expected = COLUMNS.get(f"{table}.csv") or UPDATE_COLUMNS[f"{table}.csv"]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = handle.readline().rstrip("\r\n").split(",")
    except (OSError, UnicodeDecodeError):
        raise DataError(f"data file cannot be read: {path}") from None
    if tuple(header) != expected:
        raise DataError(f"data file has unexpected columns: {path}")
    try:
        relation = con.read_csv(
            str(path),
            header=True,
            auto_detect=False,
            delimiter=",",
            quotechar='"',
            escapechar='"',
            columns=column_types(f"{table}.csv"),
        )
        relation.create(table)
    except duckdb.Error as exc:
        raise DataError(f"data file cannot be read: {path} ({type(exc).__name__})") from None


def _load_optional_table(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    """A table written by `update`, or the same table empty when the file is absent."""
    if path.is_file():
        _load_table(con, table, path)
        return
    columns = ", ".join(f"{name} {kind}" for name, kind in column_types(f"{table}.csv").items())
    con.execute(f"CREATE TABLE {table} ({columns})")  # names from the contract, not from data


class Store:
    """Read-only access to the bundled tables through the named queries."""

    def __init__(self, con: duckdb.DuckDBPyConnection, version: str, path: Path) -> None:
        self._con = con
        self._local = threading.local()
        self._memo: dict[tuple[str, tuple[tuple[str, Any], ...]], list[dict[str, Any]]] = {}
        self._complete: set[str] = set()  # prefetched names: a key not kept has no rows
        self.version = version
        self.path = path
        self.queries: dict[str, Query] = load_queries()

    @classmethod
    def open(cls, data_dir: Path, cache_dir: Path | None = None) -> Store:
        version = data_version(data_dir)
        path = (cache_dir or default_cache_dir()) / f"seizures-{version}.duckdb"
        if not path.exists():
            build_database(data_dir, path)
            prune_cache(path)
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error:
            build_database(data_dir, path)  # a damaged cache file: build it again
            con = duckdb.connect(str(path), read_only=True)
        return cls(con, version, path)

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """One cursor per thread: DuckDB connections are not shared across threads."""
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._con.cursor()
            self._local.cursor = cursor
        return cursor

    def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """A named query's rows (as dicts; treat them as read-only) for bound parameters.

        The database never changes while open, so each result is kept and reused.
        """
        key = (name, _frozen(params))
        found = self._memo.get(key)
        if found is None and name in self._complete:
            return []
        if found is None:
            found = self._execute(name, params)
            if len(self._memo) < MEMO_LIMIT:
                self._memo[key] = found
        return found

    def _execute(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        query = self.queries[name]
        result = self._cursor().execute(query.sql, params or None)
        columns = [d[0] for d in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

    def prefetch(self, name: str) -> int:
        """Fill the results of ``name`` for every parameter value at once from its "-all"
        form, a query returning the columns plus ``key_<param>`` columns, ordered as each
        key's rows are. When ``name`` is derived from it (queries.loader.one_key), it covers
        every key that has rows, so a key it did not give has none (no query needed); when
        ``name`` is written by hand (``region-card-forces``: its "-all" form covers only the
        years of the complete tables), any other key is still asked of DuckDB. Returns how
        many keys it filled."""
        result = self._cursor().execute(self.queries[f"{name}-all"].sql)
        columns = [d[0] for d in result.description]
        keys = [(i, c.removeprefix("key_")) for i, c in enumerate(columns) if c.startswith("key_")]
        values = [(i, c) for i, c in enumerate(columns) if not c.startswith("key_")]
        groups: dict[tuple[tuple[str, Any], ...], list[dict[str, Any]]] = {}
        for row in result.fetchall():
            frozen = _frozen({name: row[i] for i, name in keys})
            groups.setdefault(frozen, []).append({name: row[i] for i, name in values})
        for frozen, rows in groups.items():
            self._memo[(name, frozen)] = rows
        if self.queries[name].derived:
            self._complete.add(name)
        return len(groups)

    def one(self, name: str, **params: Any) -> dict[str, Any] | None:
        found = self.rows(name, **params)
        return found[0] if found else None

    def close(self) -> None:
        self._con.close()
