"""Result -> Table -> CSV bytes: the figures behind an answer, for /csv.

Each answer module registers ``to_table`` for its result type. The CSV has a header row,
the figures, then a blank line and one "Source: ..." line per source.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import singledispatch

from bot.errors import NoData


@dataclass(frozen=True)
class Table:
    name: str  # file name stem, e.g. "west-mercia-2018-19"
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    sources: tuple[str, ...]  # one line each: title and address


@singledispatch
def to_table(result: object) -> Table:
    raise NoData("That answer has no figures to download. Try /csv West Mercia.")


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if value is None else value for value in row])
    writer.writerow([])
    for source in table.sources:
        writer.writerow([f"Source: {source}"])
    return buffer.getvalue().encode("utf-8")


def file_name(stem: str) -> str:
    """A safe file name: letters, digits and dashes only."""
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60] + ".csv"
