"""The header of a release table: one row, or two with merged cells, and tables on their side.

- **Two header rows** (class over drug): the upper row names groups ("Class A", merged
  across its drugs, so only its first cell holds the words) and labels merged down from
  it ("Police force area", "All drugs", "Unknown": the lower cell is empty); the lower row
  names the drugs and each group's "Total". A column's label is its lower cell, else its
  upper cell; a lower "Total" under "Class A" is the class A total.
- **On its side** (forces as columns, drugs as rows): a row naming at least five police
  forces starts the table; that block is turned so that forces are rows again, the text
  above it (the title, which names the year) kept where it was.
"""

from __future__ import annotations

from bot.ingest.release_text import key, label
from bot.ingest.vocab import drug_for, force_for

Cells = list[list[object]]
GENERIC_TOTALS = {"total", "all", "class total", "total seizures", "all seizures"}
CLASS_GROUPS = {"class a": "Total Class A", "class b": "Total Class B", "class c": "Total Class C"}
MIN_FORCE_COLUMNS = 5


def _drugish(cell: object) -> bool:
    return cell is not None and (drug_for(label(cell)) is not None or key(cell) in GENERIC_TOTALS)


def header_rows(cells: Cells, row_index: int) -> tuple[list[object], int]:
    """(one label per column, the first body row) for the header found at ``row_index``."""
    row = cells[row_index]
    below = cells[row_index + 1] if row_index + 1 < len(cells) else []
    if sum(_drugish(c) for c in below) >= 3 and _groups(row):
        return combine(row, below), row_index + 2
    above = cells[row_index - 1] if row_index > 0 else []
    if sum(c is not None for c in above) >= 2 and any(
        c is not None and (i >= len(row) or row[i] is None) for i, c in enumerate(above)
    ):
        return combine(above, row), row_index + 1
    return row, row_index + 1


def _groups(row: list[object]) -> bool:
    """A row that names class groups (the upper row of two)."""
    return sum(key(c) in CLASS_GROUPS for c in row if c is not None) >= 2


def combine(upper: list[object], lower: list[object]) -> list[object]:
    width = max(len(upper), len(lower))
    upper = [*upper, *[None] * (width - len(upper))]
    lower = [*lower, *[None] * (width - len(lower))]
    out: list[object] = []
    group: object = None
    for up, low in zip(upper, lower, strict=True):
        group = up if up is not None else group
        if low is None:
            out.append(up)
        elif key(low) in GENERIC_TOTALS and key(group) in CLASS_GROUPS:
            out.append(CLASS_GROUPS[key(group)])
        else:
            out.append(low)
    return out


def on_its_side(cells: Cells, rows: int) -> Cells | None:
    """The cells with a forces-as-columns block turned (see module doc), or None."""
    for row_index, row in enumerate(cells[:rows]):
        if sum(force_for(label(c)) is not None for c in row if c is not None) >= MIN_FORCE_COLUMNS:
            block = cells[row_index:]
            width = max(len(r) for r in block)
            padded = [[*r, *[None] * (width - len(r))] for r in block]
            return cells[:row_index] + [list(column) for column in zip(*padded, strict=True)]
    return None
