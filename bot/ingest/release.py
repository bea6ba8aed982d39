"""Reader for a Home Office release: finds the seizures-by-police-force table by content.

Every sheet is searched (cover, contents and notes sheets simply hold no such table), in
the older layout (title rows, region subtotals, ``..``, footnote digits) and the accessible
one (title in A1, text rows above the header, ``[x]`` shorthand, ``[note 3]`` markers).
A table is found by its header row, within the first 60 rows:

- wide: at least three drug headers (``All drugs``, ``Cocaine``, ...), one column per drug;
  the force labels are in the column headed like "Police force area" / "Police force",
  else in the last column before the first drug;
- long (an open data table): a force column, a drug column ("Drug type") and a count column
  ("Number of seizures", "Seizures", "Count", "Value"), one row per force and drug.

The year of each row comes from a year column ("Financial year", "Year") when there is one,
else from the one year named in the text above the header, the header, or the sheet name.
Tables of quantities, rates or shares (said so in their title) are passed over. Rows are
forces (Home Office names, the Welsh forces and "London, City of" included), region
subtotals (skipped), totals (kept for the check in ``check_totals``) or notes; a row with
figures whose label is none of these is refused. What it cannot find it refuses, naming
the file, the sheets it read and what it looked for.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bot.ingest import release_long
from bot.ingest.clean import CellError
from bot.ingest.force_table import LayoutError
from bot.ingest.release_text import (
    Figure,
    NewDrug,
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
from bot.ingest.vocab import drug_for, region_for

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


def read_release(path: Path) -> list[Table]:
    """Every seizures-by-force table in one file (ODS, XLSX or CSV)."""
    sheets = _sheets(path)
    tables, problems = [], []
    for name, frame in sheets.items():
        try:
            table = read_sheet(name, frame)
        except (LayoutError, CellError) as exc:
            problems.append(f"{name}: {exc}")
            continue
        if table is not None:
            tables.append(table)
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
            frame = pd.read_csv(path, header=None, dtype=object, keep_default_na=False)
            return {path.stem: frame}
        engine = "odf" if path.suffix.lower() == ".ods" else "openpyxl"
        sheets = pd.read_excel(path, sheet_name=None, header=None, engine=engine, dtype=object)
    except Exception as exc:  # a damaged file fails in many ways, all of them "unreadable"
        raise ReleaseError(
            f"{path.name}: cannot be read as a spreadsheet ({type(exc).__name__})"
        ) from None
    return {str(name): frame for name, frame in sheets.items()}


def read_sheet(name: str, frame: pd.DataFrame) -> Table | None:
    """The table of one sheet, or None when the sheet holds none. LayoutError says why a
    sheet that looked like one was refused."""
    cells = [[c if not _blank(c) else None for c in row] for row in frame.itertuples(index=False)]
    for row_index, row in enumerate(cells[:HEADER_ROWS]):
        keys = [key(c) for c in row]
        drugs = {i: drug_for(label(c)) for i, c in enumerate(row) if c is not None}
        wide = [i for i, d in drugs.items() if d]
        long = release_long.columns(keys)
        if len(wide) < 3 and long is None:
            continue
        above = [str(c) for r in cells[:row_index] for c in r if c is not None]
        if any(word in " ".join(above).lower() for word in NOT_COUNTS):
            return None
        year = _table_year(name, above, row)
        if len(wide) >= 3:
            return _wide(name, cells[row_index + 1 :], row, keys, wide, year)
        assert long is not None
        return release_long.read(Table(name), cells[row_index + 1 :], long, year)
    return None


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


def _wide(
    name: str,
    rows: list[list[object]],
    header: list[object],
    keys: list[str],
    drug_cols: list[int],
    year: int | None,
) -> Table:
    table = Table(name)
    force_col = next((i for i, k in enumerate(keys) if k in FORCE_HEADERS), None)
    if force_col is None:
        force_col = max((i for i in range(drug_cols[0]) if header[i] is not None), default=0)
    year_col = next((i for i, k in enumerate(keys) if k in YEAR_HEADERS), None)
    if year_col is None and year is None:
        raise LayoutError("no year in a column, the title or the header")
    columns = _drug_columns(header, rows, force_col, year_col, table)
    labels = [label(r[force_col]) if force_col < len(r) else "" for r in rows]
    forces = dict(force_rows(labels))
    for position, row in enumerate(rows):
        fye = year_cell(row[year_col]) if year_col is not None else year
        values = {drug: _cell(row, i, labels[position], header) for i, drug in columns.items()}
        if position in forces:
            if fye is None:
                raise LayoutError(f"no year for the row {labels[position]!r}")
            force_id = forces[position].force_id
            table.figures += [
                Figure(fye, force_id, d, v, blank_meaning(row[i] if i < len(row) else None))
                for (i, d), v in zip(columns.items(), values.values(), strict=True)
            ]
        else:
            _other_row(table, labels[position], fye, values)
    if not table.figures:
        raise LayoutError("a drug header but no police force rows under it")
    return table


def _drug_columns(
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
        if i in (force_col, year_col) or cell is None:
            continue
        drug = drug_for(label(cell))
        if drug is None or i < force_col:
            if _text_column(rows, i) or "code" in key(cell).split():
                table.skipped_columns[label(cell)] = "words, not counts"
                continue
            drug = _new_drug(header, i, table) if i > force_col else None
            if drug is None:
                raise LayoutError(
                    f"column {_column_name(i)} {label(cell)!r}: numbers under a header that "
                    "names no drug I know, and no class total to its right to place it in"
                )
        if drug in columns.values():
            raise LayoutError(f"two columns are both {label(cell)!r}")
        columns[i] = drug
    return columns


CLASS_OF_TOTAL = {"class_a": "A", "class_b": "B", "class_c": "C"}
NOT_A_DRUG = {"total", "rate", "per", "change", "percent", "percentage", "year", "population"}


def _new_drug(header: list[object], index: int, table: Table) -> str | None:
    """A drug the tables do not hold yet (``Nitrous oxide``): a header of a few words with
    counts under it, in the class of the first class total to its right (Home Office tables
    list each class's drugs before its total). None when it cannot be placed."""
    words = key(header[index]).split()
    if not words or len(words) > 5 or NOT_A_DRUG & set(words):
        return None
    right = (drug_for(label(c)) for c in header[index + 1 :] if c is not None)
    drug_class = next((CLASS_OF_TOTAL[d] for d in right if d in CLASS_OF_TOTAL), None)
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


def _column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as a spreadsheet names it."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(row: list[object], index: int, row_label: str, header: list[object]) -> int | None:
    try:
        return count(row[index] if index < len(row) else None)
    except CellError:
        raise LayoutError(
            f"{row_label!r}, {label(header[index])!r}: {row[index]!r} is not a count"
        ) from None


def _other_row(table: Table, row_label: str, fye: int | None, values: dict[str, int | None]):
    """A row that is not a force: a total is kept, a region or a note passed over; a row
    with figures and an unknown label is refused (Home Office force names only)."""
    if not row_label or all(v is None for v in values.values()):
        return
    if is_total(row_label):
        if fye is not None:
            table.totals += [
                Total(fye, d, row_label, v) for d, v in values.items() if v is not None
            ]
        return
    if region_for(row_label) is None and key(row_label) not in {"england", "wales"}:
        raise LayoutError(f"{row_label!r} has figures but is not a police force I know")
