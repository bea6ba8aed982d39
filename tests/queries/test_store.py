"""The store: the named SQL files, the cached read-only DuckDB file, and refusing bad data."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from bot.paths import DATA_DIR
from queries.loader import SQL_DIR, Query, load_queries, parse_sql, sql_files
from queries.store import TABLES, DataError, Store

SQL_FILES = sql_files()
BLOCKS = [(path, query) for path in SQL_FILES for query in parse_sql(path.read_text("utf-8"))]
ALL_QUERIES = [pytest.param(query, id=f"{path.name}:{query.name}") for path, query in BLOCKS]
PARAMETER = re.compile(r"\$(\w+)")


# --- The SQL files ------------------------------------------------------------------------------


def test_sql_files_load_with_unique_names() -> None:
    assert SQL_FILES, f"no .sql files in {SQL_DIR}"
    names = [query.name for _, query in BLOCKS]
    assert len(names) == len(set(names))
    named = {query.name for path, query in BLOCKS if path.name != "schema.sql"}
    written = {name for name, query in load_queries().items() if not query.derived}
    assert written == named


def test_each_answers_sql_is_read_from_its_folder() -> None:
    """queries/ holds the shared SQL; an answer's own SQL is in its folder, read as well."""
    folders = {Path(str(path)).parent.relative_to(DATA_DIR.parent).as_posix() for path in SQL_FILES}
    assert {"queries", "bot/answers/force", "bot/answers/trend"} <= folders
    assert "force-card" in load_queries()  # derived from force-card-all in force/force.sql


def test_schema_blocks_are_named_for_the_table_they_make() -> None:
    """``-- name: table-force-year`` makes force_year: the name says what the block builds."""
    schema = [query for path, query in BLOCKS if path.name == "schema.sql"]
    assert schema
    for query in schema:
        made = re.match(r"CREATE TABLE (\w+) AS", query.sql)
        assert made, f"{query.name} does not CREATE TABLE ... AS"
        assert query.name == "table-" + made.group(1).replace("_", "-")


def test_a_name_defined_twice_is_refused(tmp_path: Path) -> None:
    block = "-- name: twice\n-- Returns one.\nSELECT 1;\n"
    (tmp_path / "a.sql").write_text(block, encoding="utf-8")
    (tmp_path / "b.sql").write_text(block, encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        load_queries(tmp_path)


@pytest.mark.parametrize("query", ALL_QUERIES)
def test_query_has_a_doc_comment(query: Query) -> None:
    assert len(query.doc.split()) >= 3, f"{query.name} needs a comment saying what it returns"


@pytest.mark.parametrize("query", ALL_QUERIES)
def test_query_uses_only_named_parameters(query: Query) -> None:
    assert "?" not in query.sql
    assert all(re.fullmatch(r"[a-z_][a-z0-9_]*", name) for name in PARAMETER.findall(query.sql))
    for marker in ("{", "}", "%s", "%("):
        assert marker not in query.sql, f"{query.name} holds the formatting marker {marker!r}"


@pytest.mark.parametrize("path", SQL_FILES, ids=[p.name for p in SQL_FILES])
def test_sql_file_text_has_no_python_formatting_markers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"[{}]|%s|%\(|\$\d", text)


# --- The cache file and read-only access -----------------------------------------------------


def test_open_twice_reuses_the_cache_file(tmp_path: Path) -> None:
    first = Store.open(DATA_DIR, tmp_path)
    built = first.path.stat().st_mtime_ns
    second = Store.open(DATA_DIR, tmp_path)
    try:
        assert second.path == first.path and second.version == first.version
        assert second.path.stat().st_mtime_ns == built
        assert [p.name for p in tmp_path.iterdir()] == [first.path.name]
    finally:
        second.close()
        first.close()


def test_database_is_opened_read_only(store: Store) -> None:
    with pytest.raises(duckdb.Error):
        store._cursor().execute("CREATE TABLE x(i INT)")
    assert store.one("national-rate", fye=2019, drug="all_drugs") is not None


# --- Refusing missing or corrupt data files ---------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def open_refused(data_dir: Path, table: str, cache_dir: Path) -> None:
    """Store.open names the bad file and leaves no database file (not even a partial one)."""
    with pytest.raises(DataError, match=re.escape(f"{table}.csv")):
        Store.open(data_dir, cache_dir)
    assert list(cache_dir.glob("*")) == []


@pytest.mark.parametrize("table", TABLES)
def test_missing_csv_raises_data_error_naming_it(data_copy: Path, table: str) -> None:
    (data_copy / f"{table}.csv").unlink()
    open_refused(data_copy, table, data_copy.parent / "cache")


@pytest.mark.parametrize("table", TABLES)
def test_garbage_bytes_raise_data_error_naming_the_file(data_copy: Path, table: str) -> None:
    (data_copy / f"{table}.csv").write_bytes(random.Random(table).randbytes(3000))
    open_refused(data_copy, table, data_copy.parent / "cache")


def _one_row_changed(text: str, change: str) -> str:
    lines = text.splitlines()
    middle = len(lines) // 2
    if change == "extra":
        lines[middle] += ",surplus"
    else:
        lines[middle] = lines[middle].rsplit(",", 1)[0]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("change", ["extra", "missing"])
@pytest.mark.parametrize("table", TABLES)
def test_wrong_column_count_raises_data_error_naming_the_file(
    data_copy: Path, table: str, change: str
) -> None:
    path = data_copy / f"{table}.csv"
    path.write_text(_one_row_changed(path.read_text(encoding="utf-8"), change), encoding="utf-8")
    open_refused(data_copy, table, data_copy.parent / "cache")


# --- Figures through the named queries --------------------------------------------------------


def test_national_rate_fye2019_is_2432_per_million(store: Store) -> None:
    [row] = store.rows("national-rate", fye=2019, drug="all_drugs")
    assert round(row["rate_per_million"]) == 2432
    assert row["seizures"] == 153135 - 8937 - 438


def test_year_ranks_fye2019_has_39_territorial_forces_and_37_rates(store: Store) -> None:
    rows = store.rows("year-ranks", fye=2019)
    assert len(rows) == 39
    with_rate = [r for r in rows if r["rate_per_million"] is not None]
    assert len(with_rate) == 37
    assert {r["force_id"] for r in rows} - {r["force_id"] for r in with_rate} == {
        "nottinghamshire",
        "thames-valley",
    }
    assert {r["national_count"] for r in rows} == {37}
    assert sorted(r["national_rank"] for r in with_rate) == list(range(1, 38))


def test_old_cache_files_are_pruned(tmp_path: Path) -> None:
    """A data version's database is about 6 MB: only this version and the two before stay,
    and only files untouched for an hour go (a store still open may be reading one)."""
    import os
    import time

    cache = tmp_path / "cache"
    cache.mkdir()
    old = time.time() - 7200
    for n in range(5):
        path = cache / f"seizures-old{n}.duckdb"
        path.write_bytes(b"old")
        os.utime(path, (old + n, old + n))
    (cache / "seizures-recent.duckdb").write_bytes(b"recent")  # untouched for less than an hour
    (cache / "notes.txt").write_text("not ours")
    store = Store.open(DATA_DIR, cache)
    left = sorted(p.name for p in cache.iterdir())
    assert left == sorted(
        ["notes.txt", "seizures-old4.duckdb", "seizures-recent.duckdb", store.path.name]
    )
    store.close()
