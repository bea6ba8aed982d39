"""How big a release file really is, counted from its own structure before anything expands it.

    check_size(path)   # raises ReleaseError (one line) past a limit; returns the cells counted

A spreadsheet can say little and mean a lot: a 1.5 KB ``.xlsx`` with one cell at
XFD1048576 is a 1,048,576 x 16,384 grid to pandas, and an 808-byte ``.ods`` row of one cell
"repeated" 16,384 times, the row repeated a million times, is 17 billion cells. So:

- a zip (XLSX, ODS) may hold at most MAX_MEMBER_BYTES in all, as its directory declares them
  (Python's zip reader never reads past a member's declared size);
- XLSX: each worksheet's cell references are streamed (``<c r="B12">``, and the
  ``<dimension>`` it declares) for the furthest row and column;
- ODS: content.xml is streamed, counting ``number-rows-repeated`` and
  ``number-columns-repeated`` up to the last cell that holds anything (pandas keeps trailing
  blank runs unexpanded);
- CSV: rows times the widest row.
Rows x columns of any sheet past MAX_SHEET_CELLS, or of the file past MAX_FILE_CELLS, is
refused. Real release tables are a few hundred rows by a few dozen columns.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, iterparse

from bot.ingest.release_text import ReleaseError

MAX_MEMBER_BYTES = 200_000_000  # uncompressed, all members of the zip together
MAX_SHEET_CELLS = 2_000_000  # e.g. 20,000 rows x 100 columns
MAX_FILE_CELLS = 6_000_000
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})$")


def check_size(path: Path) -> int:
    """The cells the file expands to; ReleaseError past a limit or if unreadable."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            sheets = [_csv_cells(path)]
        else:
            with zipfile.ZipFile(path) as book:
                _members(path, book)
                sheets = _ods_cells(book) if suffix == ".ods" else _xlsx_cells(book)
    except ReleaseError:
        raise
    except Exception as exc:  # a damaged file fails in many ways, all of them "unreadable"
        raise ReleaseError(
            f"{path.name}: cannot be read as a spreadsheet ({type(exc).__name__})"
        ) from None
    for name, cells in sheets:
        if cells > MAX_SHEET_CELLS:
            raise ReleaseError(
                f"{path.name}: sheet {name!r} spans {cells:,} cells, over the limit of "
                f"{MAX_SHEET_CELLS:,}; refused unread"
            )
    total = sum(cells for _, cells in sheets)
    if total > MAX_FILE_CELLS:
        raise ReleaseError(
            f"{path.name}: {total:,} cells, over the limit of {MAX_FILE_CELLS:,}; refused unread"
        )
    return total


def _members(path: Path, book: zipfile.ZipFile) -> None:
    size = sum(info.file_size for info in book.infolist())
    if size > MAX_MEMBER_BYTES:
        raise ReleaseError(
            f"{path.name}: unpacks to {size:,} bytes, over the limit of {MAX_MEMBER_BYTES:,}; "
            "refused unread"
        )


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _span(ref: str) -> tuple[int, int]:
    match = _REF.match(ref.split(":")[-1].replace("$", ""))
    return (int(match.group(2)), _column(match.group(1))) if match else (0, 0)


def _xlsx_cells(book: zipfile.ZipFile) -> list[tuple[str, int]]:
    """Rows x columns of each worksheet: its declared dimension, and every row and cell
    reference (a row or cell without one follows the one before)."""
    out = []
    for name in book.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        rows = columns = row = column = 0
        with book.open(name) as handle:
            for _, element in iterparse(handle, events=("start",)):
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "dimension":
                    far_row, far_column = _span(element.get("ref") or "")
                    rows, columns = max(rows, far_row), max(columns, far_column)
                elif tag == "row":
                    ref = element.get("r") or ""
                    row, column = (int(ref) if ref.isdigit() else row + 1), 0
                elif tag == "c":
                    ref = element.get("r")
                    column = _span(ref)[1] if ref else column + 1
                    rows, columns = max(rows, row), max(columns, column)
                element.clear()
        out.append((name.rsplit("/", 1)[-1], rows * columns))
    return out


def _ods_cells(book: zipfile.ZipFile) -> list[tuple[str, int]]:
    """Rows x columns of each table as pandas' ODF reader expands them: up to its last row
    and column holding anything."""
    out: list[tuple[str, int]] = []
    name, rows, width, pending_rows = "", 0, 0, 0
    row_repeat, position, row_width, row_filled = 1, 0, 0, False
    with book.open("content.xml") as handle:
        for event, element in iterparse(handle, events=("start", "end")):
            tag = element.tag
            if event == "start" and tag == f"{{{TABLE}}}table":
                name, rows, width, pending_rows = element.get(f"{{{TABLE}}}name", ""), 0, 0, 0
            elif event == "start" and tag == f"{{{TABLE}}}table-row":
                row_repeat = int(element.get(f"{{{TABLE}}}number-rows-repeated", "1"))
                position, row_width, row_filled = 0, 0, False
            elif event == "end" and tag in (
                f"{{{TABLE}}}table-cell",
                f"{{{TABLE}}}covered-table-cell",
            ):
                repeat = int(element.get(f"{{{TABLE}}}number-columns-repeated", "1"))
                position += repeat
                if _filled(element):
                    row_width, row_filled = position, True
                element.clear()
            elif event == "end" and tag == f"{{{TABLE}}}table-row":
                pending_rows += row_repeat
                if row_filled:
                    rows, pending_rows = rows + pending_rows, 0
                    width = max(width, row_width)
                element.clear()
            elif event == "end" and tag == f"{{{TABLE}}}table":
                out.append((name, rows * width))
                element.clear()
    return out


def _filled(cell: Element) -> bool:
    """A cell with a value or any text (a cell with neither is blank to pandas)."""
    return bool(cell.get(f"{{{OFFICE}}}value-type") or len(cell) > 0)


def _csv_cells(path: Path) -> tuple[str, int]:
    rows = width = 0
    with path.open(encoding="utf-8-sig", newline="", errors="replace") as handle:
        for row in csv.reader(handle):
            rows += 1
            width = max(width, len(row))
    return path.stem, rows * width
