"""The columns of a wide release table: which drug each holds, and what is passed over.

- a header naming a drug (``drug_for``) is that drug; two columns of one drug are refused;
- a column of words (a region, an area code, notes) is passed over and named, whatever
  its header; so is a column whose header says it holds codes;
- a column of counts under a header that names no drug is a drug the tables do not hold
  yet (``Nitrous oxide``), in the class of the first class total to its right, else in the
  class the law gives it (``NEW_DRUG_CLASSES``);
- a column of counts with no header at all, or one that cannot be placed, is refused with
  its column letter: no count is dropped unseen.
"""

from __future__ import annotations

from bot.ingest.clean import CellError
from bot.ingest.force_table import LayoutError
from bot.ingest.release_text import NEW_DRUG_CLASSES, NewDrug, Table, count, key, label
from bot.ingest.vocab import drug_for

CLASS_OF_TOTAL = {"class_a": "A", "class_b": "B", "class_c": "C"}
NOT_A_DRUG = {"total", "rate", "per", "change", "percent", "percentage", "year", "population"}


def drug_columns(
    header: list[object],
    rows: list[list[object]],
    force_col: int,
    year_col: int | None,
    table: Table,
) -> dict[int, str]:
    """Column -> drug. A column of words (a region, a code, a note) is passed over and
    named; a column of numbers under a header that names no drug is refused."""
    columns: dict[int, str] = {}
    for i, cell in enumerate(header):
        if i in (force_col, year_col):
            continue
        if cell is None:
            if not _text_column(rows, i):
                raise LayoutError(f"column {column_name(i)} has counts but no header")
            continue
        drug = drug_for(label(cell))
        if drug is None or i < force_col:
            if _text_column(rows, i) or "code" in key(cell).split():
                table.skipped_columns[label(cell)] = "words, not counts"
                continue
            drug = _new_drug(header, i, table) if i > force_col else None
            if drug is None:
                raise LayoutError(
                    f"column {column_name(i)} {label(cell)!r}: numbers under a header that "
                    "names no drug I know, and no class total to its right to place it in"
                )
        if drug in columns.values():
            raise LayoutError(f"two columns are both {label(cell)!r}")
        columns[i] = drug
    return columns


def _new_drug(header: list[object], index: int, table: Table) -> str | None:
    """A drug the tables do not hold yet (``Nitrous oxide``): a header of a few words with
    counts under it, in the class of the first class total to its right (Home Office tables
    list each class's drugs before its total). None when it cannot be placed."""
    words = key(header[index]).split()
    if not words or len(words) > 5 or NOT_A_DRUG & set(words):
        return None
    right = (drug_for(label(c)) for c in header[index + 1 :] if c is not None)
    drug_class = next((CLASS_OF_TOTAL[d] for d in right if d in CLASS_OF_TOTAL), None)
    drug_class = drug_class or NEW_DRUG_CLASSES.get(" ".join(words))
    if drug_class is None:
        return None
    drug = "_".join(words)
    table.new_drugs[drug] = NewDrug(label(header[index]), drug_class)
    return drug


def _text_column(rows: list[list[object]], index: int) -> bool:
    """No cell of the column is a count (words, codes or blanks only)."""
    for row in rows:
        cell = row[index] if index < len(row) else None
        if cell is None:
            continue
        try:
            if count(cell) is not None:
                return False
        except CellError:
            continue
    return True


def column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as a spreadsheet names it."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name
