"""Named SQL blocks from the .sql files beside this module.

Grammar (after aiosql): a block starts with ``-- name: some-name``; the comment lines after
it say what the query returns; the SQL runs to the next ``-- name:`` or the end of file.
Parameters are named (``$force_id``) and always bound, never formatted into the text.
A block named ``x-all`` with ``key_<param>`` columns (every key at once, for the start-up
prefetch) is the only copy of ``x``: ``x`` is derived from it (``one_key``).
The files are package data, read through importlib.resources (so from a wheel too): the
shared ones (schema, reference, release) beside this module, each answer's own in its folder
under bot/answers/ (``bot/answers/force/force.sql``). The folder is found as package data of
``bot``; no answer module is imported, so the store stays below the answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

SQL_DIR: Traversable = resources.files(__package__ or "queries")
ANSWERS_PACKAGE = "bot"  # bot/answers/<name>/*.sql: found as files, never imported


def sql_dirs() -> list[Traversable]:
    """Where the named queries are: queries/, then every answer folder holding .sql, by name."""
    answers = resources.files(ANSWERS_PACKAGE).joinpath("answers")
    folders = [p for p in answers.iterdir() if p.is_dir() and sql_files(p)]
    return [SQL_DIR, *sorted(folders, key=lambda p: p.name)]


_NAME = re.compile(r"^--\s*name:\s*([a-z0-9-]+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Query:
    name: str
    doc: str
    sql: str
    derived: bool = False  # one key of an "-all" block, never written by hand


_KEY = re.compile(r"\bAS\s+key_([a-z0-9_]+)", re.IGNORECASE)


def one_key(bulk: Query) -> Query:
    """The single-key form of an "-all" block (``force-card`` from ``force-card-all``): its
    rows for one value of each ``key_<param>`` column, without those columns, in its order.
    The "-all" block is the only copy, so the two cannot disagree."""
    keys = list(dict.fromkeys(_KEY.findall(bulk.sql)))
    if not keys:
        raise ValueError(f"query {bulk.name!r} names no key_ column")
    where = " AND ".join(f"key_{key} = ${key}" for key in keys)
    columns = ", ".join(f"key_{key}" for key in keys)
    sql = f"SELECT * EXCLUDE ({columns}) FROM ({bulk.sql}) WHERE {where}"  # noqa: S608 (our SQL)
    name = bulk.name.removesuffix("-all")
    return Query(name, f"One key of {bulk.name}: {bulk.doc}", sql, derived=True)


def parse_sql(text: str) -> list[Query]:
    """Every named block of one file, in order."""
    matches = list(_NAME.finditer(text))
    queries = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        lines = text[match.end() : end].strip().splitlines()
        doc = [ln.removeprefix("--").strip() for ln in lines if ln.startswith("--")]
        sql = "\n".join(ln for ln in lines if not ln.startswith("--")).strip().rstrip(";")
        if not sql:
            raise ValueError(f"query {match.group(1)!r} has no SQL")
        queries.append(Query(match.group(1), " ".join(doc), sql))
    return queries


def sql_files(directory: Traversable | None = None) -> list[Traversable]:
    """The .sql files of ``directory``, by name; without one, of every folder of sql_dirs()."""
    if directory is None:
        return [path for folder in sql_dirs() for path in sql_files(folder)]
    files = [p for p in directory.iterdir() if p.name.endswith(".sql") and p.is_file()]
    return sorted(files, key=lambda p: p.name)


def load_queries(
    directory: Traversable | None = None, *, exclude: tuple[str, ...] = ("schema.sql",)
) -> dict[str, Query]:
    """All named queries in ``directory`` (default: every folder of sql_dirs()); a name used
    twice is an error."""
    found: dict[str, Query] = {}
    for path in sql_files(directory):
        if path.name in exclude:
            continue
        for query in parse_sql(path.read_text(encoding="utf-8")):
            if query.name in found:
                raise ValueError(f"query {query.name!r} is defined twice")
            found[query.name] = query
    for query in list(found.values()):  # a block with keys and no single form: derive it
        single = query.name.removesuffix("-all")
        if query.name.endswith("-all") and single not in found and _KEY.search(query.sql):
            found[single] = one_key(query)
    return found
