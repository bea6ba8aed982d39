"""Reader for a Home Office release: finds the seizures-by-police-force table by content.

Every sheet is searched (cover, contents and notes sheets simply hold no such table), in
the older layout (title rows, region subtotals, ``..``, footnote digits) and the accessible
one (title in A1, text rows above the header, ``[x]`` shorthand, ``[note 3]`` markers).
A table is found by its header row, within the first 60 rows:

- wide: at least three drug headers (``All drugs``, ``Cocaine``, ...), one column per drug,
  in one header row or two with merged cells (``release_header``); the force labels are in
  the column headed like "Police force area" / "Police force", else in the last column
  before the first drug; columns of words are passed over, a new drug column kept
  (``release_columns``); a table on its side (forces as columns) is turned first;
- long (an open data table): a force column, a drug column ("Drug type") and a count column
  ("Number of seizures", "Seizures", "Count", "Value"), one row per force and drug.

The year of each row comes from a year column ("Financial year", "Year") when there is one,
else from the one year named in the text above the header, the header, or the sheet name.
Tables of quantities, rates or shares (said so in their title) are passed over. Rows are
forces (Home Office names, the Welsh forces and "London, City of" included), region
subtotals before or after their forces ("North East", "Total North East"; kept for the
check), totals (kept for the check in ``check_totals``) or notes; a row with figures whose
label is none of these is refused. Each figure keeps its sheet, row and column. What it
cannot find it refuses, naming the file, the sheets it read and what it looked for.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pandas as pd

from bot.ingest import release_long
from bot.ingest.clean import CellError
from bot.ingest.force_table import LayoutError
from bot.ingest.release_columns import column_name, drug_columns
from bot.ingest.release_header import header_rows, on_its_side
from bot.ingest.release_size import check_size
from bot.ingest.release_text import (
    Figure,
    NoTable,
    ReleaseError,
    Table,
    Total,
    blank_meaning,
    count,
    is_total,
    key,
    label,
    year_cell,
    years_in,
)
from bot.ingest.spreadsheet import force_rows
from bot.ingest.vocab import FORCES, REGION_OF, drug_for, region_for

LOOKED_FOR = (
    "a header row naming at least three drugs (one column per drug), or a police force, a "
    "drug type and a number of seizures column, with the year in a column or the title"
)
FORCE_HEADERS = {"police force area", "police force", "force", "force name", "police force name"}
YEAR_HEADERS = {"financial year", "year", "period", "time period", "financial year ending"}
NOT_COUNTS = (
    "quantit",
    "kilogram",
    "weight",
    "per cent",
    "percentage",
    "proportion",
    "rate per",
    "per 100",
    "per million",
    "change",
)
HEADER_ROWS = 60
NAMED_LIKE_REGIONS = {f.force_id for f in FORCES if region_for(f.name) is not None}


def read_release(path: Path) -> list[Table]:
    """Every seizures-by-force table in one file (ODS, XLSX or CSV)."""
    check_size(path)  # counted from the file's own structure before pandas expands it
    sheets = _sheets(path)
    tables: list[Table] = []
    problems: list[str] = []
    for name, frame in sheets.items():
        try:
            tables += read_sheet(name, frame)
        except (LayoutError, CellError) as exc:
            problems.append(f"{name}: {exc}")
    if tables and problems:  # a table refused is never skipped while the rest is kept
        raise ReleaseError(
            f"{path.name}: {'; '.join(problems[:4])} (other sheets were read; nothing is "
            "kept from a file with a table refused)"
        )
    if not tables:
        seen = "; ".join(problems[:4])
        raise NoTable(
            f"{path.name}: no table of seizures by police force and drug (sheets read: "
            f"{', '.join(sheets) or 'none'}; looked for {LOOKED_FOR}"
            + (f"; {seen}" if seen else "")
            + ")"
        )
    return tables


def _sheets(path: Path) -> dict[str, pd.DataFrame]:
    try:
        if path.suffix.lower() == ".csv":
            return {path.stem: _csv_frame(path)}
        engine = "odf" if path.suffix.lower() == ".ods" else "openpyxl"
        sheets = pd.read_excel(path, sheet_name=None, header=None, engine=engine, dtype=object)
    except Exception as exc:  # a damaged file fails in many ways, all of them "unreadable"
        raise ReleaseError(
            f"{path.name}: cannot be read as a spreadsheet ({type(exc).__name__})"
        ) from None
    return {str(name): frame for name, frame in sheets.items()}


def _csv_frame(path: Path) -> pd.DataFrame:
    """A CSV file's cells, rows of any length (title and note rows are shorter)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([[*r, *[""] * (width - len(r))] for r in rows], dtype=object)


def read_sheet(name: str, frame: pd.DataFrame) -> list[Table]:
    """The tables of one sheet (several years may stand one below another), or none.
    LayoutError says why a sheet that looked like one was refused."""
    cells = [[c if not _blank(c) else None for c in row] for row in frame.itertuples(index=False)]
    tables = _tables(name, cells)
    if not tables and (turned := on_its_side(cells, HEADER_ROWS)) is not None:
        tables = _tables(name, turned)
    return tables


def _tables(name: str, cells: list[list[object]]) -> list[Table]:
    out, start = [], 0
    while start < len(cells):
        table, start = _find_table(name, cells, start)
        if table is not None:
            out.append(table)
    return out


def _find_table(name: str, cells: list[list[object]], start: int) -> tuple[Table | None, int]:
    """The first table from row ``start`` on, and the row after it (where the text and
    header of a table below it begin)."""
    for row_index in range(start, min(len(cells), start + HEADER_ROWS)):
        row = cells[row_index]
        keys = [key(c) for c in row]
        wide = [i for i, c in enumerate(row) if c is not None and drug_for(label(c))]
        long = release_long.columns(keys)
        if len(wide) < 3 and long is None:
            continue
        above = [str(c) for r in cells[start:row_index] for c in r if c is not None]
        if long is not None and len(wide) < 3:
            if _not_counts(above):
                return None, len(cells)
            year = _table_year(name, above, row)
            table = release_long.read(Table(name), cells[row_index + 1 :], long, year)
            return table, len(cells)
        header, body = header_rows(cells, row_index)
        end = _body_end(cells, body)
        if _not_counts(above):
            return None, end
        above = [str(c) for r in cells[start : min(row_index, body - 2)] for c in r if c]
        year = _table_year(name, above, header)
        return _wide(Table(name, first_row=body), cells[body:end], header, year), end
    return None, len(cells)


def _not_counts(above: list[str]) -> bool:
    """A table of quantities, rates or shares, as the text above it says."""
    return any(word in " ".join(above).lower() for word in NOT_COUNTS)


def _body_end(cells: list[list[object]], body: int) -> int:
    """The row after a table's last row of counts, before the next table's header (a row
    naming three drugs); the rows of words between belong to the next table."""
    end = next(
        (i for i in range(body, len(cells)) if sum(_drug_cell(c) for c in cells[i]) >= 3),
        len(cells),
    )
    while end > body and not any(_is_count(c) for c in cells[end - 1]):
        end -= 1
    return end


def _drug_cell(cell: object) -> bool:
    return cell is not None and drug_for(label(cell)) is not None


def _is_count(cell: object) -> bool:
    try:
        return count(cell) is not None
    except CellError:
        return False


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, float) and pd.isna(cell)) or str(cell).strip() == ""


def _table_year(sheet: str, above: list[str], header: list[object]) -> int | None:
    """The one year the title, the text above the header, the header or the sheet name
    names; None when there is a year column instead (checked by the caller)."""
    for texts in (above, [str(c) for c in header if c is not None], [sheet]):
        years = list(dict.fromkeys(y for text in texts for y in years_in(text)))
        if len(years) == 1:
            return years[0]
        if len(years) > 1:
            return None
    return None


def _wide(table: Table, rows: list[list[object]], header: list[object], year: int | None) -> Table:
    keys = [key(c) for c in header]
    drug_cols = [i for i, c in enumerate(header) if c is not None and drug_for(label(c))]
    force_col = next((i for i, k in enumerate(keys) if k in FORCE_HEADERS), None)
    if force_col is None:
        force_col = max((i for i in range(drug_cols[0]) if header[i] is not None), default=0)
    year_col = next((i for i, k in enumerate(keys) if k in YEAR_HEADERS), None)
    if year_col is None and year is None:
        raise LayoutError("no year in a column, the title or the header")
    columns = drug_columns(header, rows, force_col, year_col, table)
    labels = [label(r[force_col]) if force_col < len(r) else "" for r in rows]
    forces = dict(force_rows(labels))
    found: dict[tuple[int, str], list[list[Figure]]] = defaultdict(list)
    for position, row in enumerate(rows):
        fye = year_cell(row[year_col]) if year_col is not None else year
        values = {drug: _cell(row, i, labels[position], header) for i, drug in columns.items()}
        if position in forces:
            if fye is None:
                raise LayoutError(f"no year for the row {labels[position]!r}")
            force_id = forces[position].force_id
            where = f"{table.sheet} row {table.first_row + position + 1}"
            found[(fye, force_id)].append(
                [
                    Figure(fye, force_id, d, v, blank_meaning(_at(row, i)), _where(where, i))
                    for (i, d), v in zip(columns.items(), values.values(), strict=True)
                ]
            )
        else:
            where = f"{table.sheet} row {table.first_row + position + 1}"
            _other_row(table, labels[position], fye, values, where)
    for (_, force_id), rows_found in found.items():
        table.figures += _one_row(table, force_id, rows_found)
    if not table.figures:
        raise LayoutError("a drug header but no police force rows under it")
    return table


def _at(row: list[object], index: int) -> object:
    return row[index] if index < len(row) else None


def _where(row_text: str, index: int) -> str:
    return f"{row_text}, column {column_name(index)}"


def _one_row(table: Table, force_id: str, rows: list[list[Figure]]) -> list[Figure]:
    """The force's row. A force named like its region (West Midlands) may appear twice when
    region subtotals follow their forces: the larger row is the region's subtotal."""
    if len(rows) == 1:
        return rows[0]
    region = REGION_OF.get(force_id)
    if len(rows) > 2 or region is None or force_id not in NAMED_LIKE_REGIONS:
        raise LayoutError(f"{force_id} appears {len(rows)} times ({rows[1][0].cell})")

    def total(figures: list[Figure]) -> int:
        return next((f.seizures or 0 for f in figures if f.drug == "all_drugs"), 0)

    force, subtotal = sorted(rows, key=total)
    table.region_totals += [
        Total(f.fye, f.drug, region, f.seizures, f.cell) for f in subtotal if f.seizures is not None
    ]
    return force


def _cell(row: list[object], index: int, row_label: str, header: list[object]) -> int | None:
    try:
        return count(row[index] if index < len(row) else None)
    except CellError:
        raise LayoutError(
            f"{row_label!r}, {label(header[index])!r}: {row[index]!r} is not a count"
        ) from None


def _other_row(
    table: Table, row_label: str, fye: int | None, values: dict[str, int | None], where: str
) -> None:
    """A row that is not a force: a national total or a region's subtotal ("North East",
    "Total North East", "North East total") is kept for the checks (release_check); a note
    is passed over; a row with figures and an unknown label is refused."""
    if not row_label or all(v is None for v in values.values()):
        return
    region = _subtotal_region(row_label)
    if region is not None:
        if fye is not None:
            table.region_totals += [
                Total(fye, d, region, v, where) for d, v in values.items() if v is not None
            ]
        return
    if is_total(row_label):
        if fye is not None:
            table.totals += [
                Total(fye, d, row_label, v, where) for d, v in values.items() if v is not None
            ]
        return
    if key(row_label) not in {"england", "wales"}:
        raise LayoutError(f"{row_label!r} has figures but is not a police force I know")


def _subtotal_region(row_label: str) -> str | None:
    """The region id a subtotal row names, or None."""
    words = key(row_label).split()
    if words[:1] == ["total"]:
        words = words[1:]
    elif words[-1:] == ["total"]:
        words = words[:-1]
    region = region_for(" ".join(words)) if words else None
    return region.region_id if region is not None else None
