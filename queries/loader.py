"""Named SQL blocks from the .sql files beside this module.

Grammar (after aiosql): a block starts with ``-- name: some-name``; the comment lines after
it say what the query returns; the SQL runs to the next ``-- name:`` or the end of file.
Parameters are named (``$force_id``) and always bound, never formatted into the text.
The files are package data, read through importlib.resources (so from a wheel too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

SQL_DIR: Traversable = resources.files(__package__ or "queries")
_NAME = re.compile(r"^--\s*name:\s*([a-z0-9-]+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Query:
    name: str
    doc: str
    sql: str


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


def sql_files(directory: Traversable = SQL_DIR) -> list[Traversable]:
    """The .sql files of ``directory``, by name."""
    files = [p for p in directory.iterdir() if p.name.endswith(".sql") and p.is_file()]
    return sorted(files, key=lambda p: p.name)


def load_queries(
    directory: Traversable = SQL_DIR, *, exclude: tuple[str, ...] = ("schema.sql",)
) -> dict[str, Query]:
    """All named queries in ``directory``; a name used twice is an error."""
    found: dict[str, Query] = {}
    for path in sql_files(directory):
        if path.name in exclude:
            continue
        for query in parse_sql(path.read_text(encoding="utf-8")):
            if query.name in found:
                raise ValueError(f"query {query.name!r} is defined twice")
            found[query.name] = query
    return found
