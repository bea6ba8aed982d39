"""Reader for official Home Office spreadsheets (ODS or XLSX), one row per force.

How a sheet is read:
- the header row is the first row where at least three cells name drugs;
- the force labels are in the first column of that row that does not name a drug;
- title rows above the header, region subtotals ("North East", "Eastern", the region
  "West Midlands"), totals ("Total 43 forces", "England and Wales") and notes are skipped;
- ``..`` and blanks are "not reported"; footnote marks are stripped from labels;
- a workbook with no sheet of that shape is refused with a message naming its sheets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from bot.ingest.clean import clean_label, strip_footnotes
from bot.ingest.force_table import LayoutError, row_kind
from bot.ingest.vocab import REGION_OF, Force, drug_for, force_for, region_for

SKIP_SHEETS = {"index", "contents", "cover", "notes", "cover sheet", "introduction"}


def read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    """Every sheet, as raw cells with no header inferred."""
    engine = "odf" if path.suffix.lower() == ".ods" else "openpyxl"
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, engine=engine, dtype=object)
    except Exception as exc:  # any parse failure of a damaged file is a layout problem here
        raise LayoutError(
            f"{path.name}: cannot be read as a spreadsheet ({type(exc).__name__})"
        ) from None
    return {str(name): frame for name, frame in sheets.items()}


def find_header(frame: pd.DataFrame) -> tuple[int, int] | None:
    """(header row, label column) of a force-by-drug table, or None."""
    for row_index in range(min(len(frame), 60)):
        cells = [clean_label(c) for c in frame.iloc[row_index].tolist()]
        drugs = [i for i, c in enumerate(cells) if c and drug_for(strip_footnotes(c))]
        if len(drugs) >= 3:
            label_columns = [i for i, c in enumerate(cells) if i < drugs[0]]
            return row_index, (label_columns[-1] if label_columns else 0)
    return None


def force_rows(labels: list[str]) -> list[tuple[int, Force]]:
    """(position, force) for the labels that are forces, skipping regions and totals.

    A label that names both a region and a force ("West Midlands") is the region when the
    next labelled row is another force of that region.
    """
    out: list[tuple[int, Force]] = []
    cleaned = [strip_footnotes(clean_label(label)) for label in labels]
    for position, label in enumerate(cleaned):
        if row_kind(label) != "force":
            continue
        force = force_for(label)
        assert force is not None
        region = region_for(label)
        if region is not None:
            following = next((c for c in cleaned[position + 1 :] if c), "")
            next_force = force_for(following)
            if next_force is not None and next_force != force and _same_region(next_force, label):
                continue
        out.append((position, force))
    return out


def _same_region(force: Force, region_label: str) -> bool:
    region = region_for(region_label)
    return region is not None and REGION_OF.get(force.force_id) == region.region_id


def read_force_sheet(frame: pd.DataFrame) -> tuple[list[str], list[list[object]]]:
    """The header and the force rows of one sheet, in the shape ``tidy_rows`` takes."""
    found = find_header(frame)
    if found is None:
        raise LayoutError("no header row naming drugs")
    header_row, label_column = found
    body = frame.iloc[header_row + 1 :, label_column:]
    header = [clean_label(c) for c in frame.iloc[header_row, label_column:].tolist()]
    rows = [list(r) for r in body.itertuples(index=False)]
    labels = [clean_label(r[0]) for r in rows]
    kept = [rows[position] for position, _ in force_rows(labels)]
    width = max((i for i, h in enumerate(header) if h), default=0) + 1
    return header[:width], [r[:width] for r in kept]


def read_spreadsheet(path: Path, sheet: str | None = None) -> tuple[list[str], list[list[object]]]:
    """Header and force rows from the first sheet that is a seizures-by-force table."""
    sheets = read_workbook(path)
    names = [sheet] if sheet else [n for n in sheets if n.strip().lower() not in SKIP_SHEETS]
    problems = []
    for name in names:
        if name not in sheets:
            raise LayoutError(
                f"{path.name}: no sheet called {name!r} (sheets: {', '.join(sheets)})"
            )
        try:
            header, rows = read_force_sheet(sheets[name])
        except LayoutError as exc:
            problems.append(f"{name}: {exc}")
            continue
        if len(rows) >= 5:
            return header, rows
        problems.append(f"{name}: only {len(rows)} force rows")
    raise LayoutError(
        f"{path.name}: no sheet looks like seizures by police force and drug "
        f"(sheets: {', '.join(sheets)}; {'; '.join(problems[:3])})"
    )


def fye_from_name(path: Path) -> int:
    """``seizures-drugs-mar2020-tables.ods`` or ``seizures-fye2020.xlsx`` -> 2020."""
    match = re.search(r"(?:mar|fye|ye)[-_ ]?(20\d\d)", path.name.lower())
    if not match:
        raise LayoutError(
            f"{path.name}: name the file with its year, e.g. seizures-fye2020.ods "
            "(financial year ending March 2020)"
        )
    return int(match.group(1))
