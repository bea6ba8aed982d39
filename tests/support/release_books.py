"""Release workbooks generated from the real bundled figures (data/seizures.csv).

Two layouts, as the Home Office has published them:
- ``older``: an Index sheet, then per year a sheet with title rows, forces under region
  subtotals (the region "West Midlands" above the force), ``..`` for missing cells,
  footnote digits on labels, a national total row, BTP and Border Force;
- ``accessible`` (Analysis Function guidance): Cover, Contents and Notes sheets, then
  tables with the title in A1, text rows above the header, ``[note n]`` markers, ``[x]``
  for missing cells and ``[r]`` after revised numbers, years written "April 2017 to March
  2018", forces without region rows.
Two orientations: ``wide`` (one column per drug; one year per sheet, or several in one
table with a year column) and ``long`` (one row per year, force and drug).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import openpyxl
import pandas as pd

from bot.ingest.vocab import FORCES, REGION_OF, REGIONS
from bot.paths import DATA_DIR

Figures = dict[tuple[int, str, str], int | None]  # (fye, force_id, drug) -> seizures
Rows = list[list[object]]

# Drug columns in Home Office order (FYE2016 onwards) and as the accessible layout heads them.
DRUG_HEADERS = [
    ("all_drugs", "All drugs"),
    ("cocaine", "Cocaine"),
    ("crack", "Crack"),
    ("ecstasy", "Ecstasy"),
    ("heroin", "Heroin"),
    ("lsd", "LSD"),
    ("methadone", "Methadone"),
    ("morphine", "Morphine"),
    ("other_class_a", "Other Class A"),
    ("class_a", "Total Class A"),
    ("cannabis", "All Cannabis"),
    ("amphetamines", "Amphetamines"),
    ("barbiturates", "Barbiturates"),
    ("ketamine", "Ketamine"),
    ("mephedrone", "Mephedrone (non-injection)"),
    ("other_class_b", "Other Class B"),
    ("class_b", "Total Class B"),
    ("anabolic_steroids", "Anabolic steroids"),
    ("benzodiazepines", "Benzodiazepines"),
    ("ghb", "GHB"),
    ("temazepam", "Temazepam"),
    ("other_class_c", "Other Class C"),
    ("class_c", "Total Class C"),
    ("unknown", "Unknown"),
]
NAMES = {f.force_id: f.name for f in FORCES}
NEW_DRUGS = {"nitrous_oxide": "Nitrous oxide"}  # class C, published in later releases


def drug_headers(figures: Figures) -> list[tuple[str, str]]:
    """DRUG_HEADERS, with any drug of ``figures`` they lack (NEW_DRUGS) before Total Class C."""
    known = dict(DRUG_HEADERS)
    new = sorted({d for (_, _, d) in figures} - set(known))
    at = [d for d, _ in DRUG_HEADERS].index("class_c")
    return [*DRUG_HEADERS[:at], *((d, NEW_DRUGS[d]) for d in new), *DRUG_HEADERS[at:]]


def bundled(years: Iterable[int], data_dir: Path = DATA_DIR) -> Figures:
    wanted = set(years)
    with (data_dir / "seizures.csv").open(encoding="utf-8") as handle:
        return {
            (int(r["fye"]), r["force_id"], r["drug"]): int(r["seizures"]) if r["seizures"] else None
            for r in csv.DictReader(handle)
            if int(r["fye"]) in wanted
        }


def span(fye: int) -> str:
    return f"April {fye - 1} to March {fye}"


def _force_ids(figures: Figures, fye: int) -> list[str]:
    present = {f for (y, f, _) in figures if y == fye}
    return [f.force_id for f in FORCES if f.force_id in present]


def _sum(figures: Figures, fye: int, force_ids: list[str], drug: str) -> int | None:
    values = [figures.get((fye, f, drug)) for f in force_ids]
    return None if None in values else sum(values)  # type: ignore[arg-type]


def older_sheet(figures: Figures, fye: int) -> Rows:
    headers = drug_headers(figures)
    width = len(headers) + 1
    present = _force_ids(figures, fye)
    rows: Rows = [
        [
            f"Table 2: Seizures of drugs by police force area and drug type, England and Wales, "
            f"year ending March {fye}"
        ]
        + [None] * (width - 1),
        ["Number of seizures"] + [None] * (width - 1),
        [None] * width,
        ["Police force area"]
        + [f"{text} {n}" if n < 3 else text for n, (_, text) in enumerate(headers, start=1)],
    ]

    def cells(force_ids: list[str]) -> list[object]:
        out = [_sum(figures, fye, force_ids, drug) for drug, _ in headers]
        return [".." if v is None else v for v in out]

    for region in REGIONS:
        members = [f for f in present if REGION_OF.get(f) == region.region_id]
        if members:
            rows.append([region.home_office_name] + cells(members))
            rows += [[f"{NAMES[f]} 4" if f == "kent" else NAMES[f]] + cells([f]) for f in members]
    rows.append(["England and Wales 5"] + cells(present))
    rows += [[NAMES[f]] + cells([f]) for f in ("btp", "border-force") if f in present]
    rows += [[None] * width, ["Source: Home Office, Seizures of drugs in England and Wales"]]
    return rows


def _accessible_value(value: int | None, revised: bool) -> object:
    if value is None:
        return "[x]"
    return f"{value:,} [r]" if revised else value


REGION_NAMES = {r.region_id: r.home_office_name for r in REGIONS}
EXTRA_HEADERS = {"region": "Region", "code": "Police force area code", "notes": "Notes"}


def _extra(column: str, force_id: str) -> object:
    """A cell of an extra column: the force's region, an ONS-style code, or a note."""
    if column == "region":
        return REGION_NAMES.get(REGION_OF.get(force_id, ""), "")
    if column == "code":
        return f"E23{sorted(NAMES).index(force_id):06d}" if force_id else ""
    return "Figures include an estimate [note 4]" if force_id == "kent" else None


def accessible_wide(
    figures: Figures,
    years: list[int],
    revised: set[tuple] = frozenset(),
    extra: tuple[str, ...] = (),
) -> Rows:
    """One table: a year column when there are several years, else the year in the title.
    ``extra``: columns of words beside the force ("region", "code" before it, "notes" at
    the end), as accessible tables often carry."""
    before = [c for c in extra if c != "notes"]
    after = [c for c in extra if c == "notes"]
    several = len(years) > 1
    headers = drug_headers(figures)
    title_year = "" if several else f", {span(years[0])}"
    rows: Rows = [
        [
            f"Table 2: Seizures of drugs by police force area and drug type, England and Wales"
            f"{title_year} [note 1]"
        ],
        ["This worksheet contains one table. Some cells refer to notes in the Notes sheet."],
        ["[x] = not available; [r] = revised"],
        [
            *(["Financial year"] if several else []),
            *(EXTRA_HEADERS[c] for c in before),
            "Police force area [note 2]",
            *(f"{text} [note 3]" if drug == "all_drugs" else text for drug, text in headers),
            *(EXTRA_HEADERS[c] for c in after),
        ],
    ]
    for fye in years:
        present = _force_ids(figures, fye)
        for force_id in present:
            values = [
                _accessible_value(figures.get((fye, force_id, d)), (fye, force_id, d) in revised)
                for d, _ in headers
            ]
            rows.append(
                [
                    *([span(fye)] if several else []),
                    *(_extra(c, force_id) for c in before),
                    NAMES[force_id],
                    *values,
                    *(_extra(c, force_id) for c in after),
                ]
            )
        totals = [_sum(figures, fye, present, d) for d, _ in headers]
        rows.append(
            [
                *([span(fye)] if several else []),
                *("" for _ in before),
                "England and Wales",
                *(_accessible_value(v, False) for v in totals),
                *(None for _ in after),
            ]
        )
    return rows


def long_rows(figures: Figures, years: list[int]) -> Rows:
    """An open data table: one row per year, force and drug."""
    rows: Rows = [["Financial year", "Police force area", "Drug type", "Number of seizures"]]
    labels = dict(drug_headers(figures))
    for (fye, force_id, drug), value in sorted(figures.items()):
        if fye in years:
            rows.append(
                [
                    f"{fye - 1}/{str(fye)[2:]}",
                    NAMES[force_id],
                    labels[drug],
                    "[x]" if value is None else value,
                ]
            )
    return rows


COVER = [
    ["Seizures of drugs in England and Wales"],
    ["Published: 5 March 2026"],
    ["Contact: crimeandpolicestats@homeoffice.gov.uk"],
]
CONTENTS = [
    ["Contents"],
    ["Table number", "Table title"],
    ["Table 2", "Seizures of drugs by police force area and drug type"],
]
NOTES = [
    ["Notes"],
    ["Note number", "Note text"],
    ["note 1", "Figures are for the 43 territorial police forces, BTP and Border Force."],
]


def workbook(
    layout: str,
    orientation: str,
    figures: Figures,
    years: list[int],
    *,
    per_year: bool = True,
    revised: set[tuple] = frozenset(),
    extra: tuple[str, ...] = (),
) -> dict[str, Rows]:
    """Sheet name -> rows of a generated release workbook."""
    if layout == "older":
        sheets: dict[str, Rows] = {"Index": [["Index"], ["Table 2", "Seizures by force"]]}
        if orientation == "long":
            return sheets | {
                "Table_2": [["Table 2: seizures, open data"], *long_rows(figures, years)]
            }
        return sheets | {f"Table_2_{fye}": older_sheet(figures, fye) for fye in years}
    sheets = {"Cover": COVER, "Contents": CONTENTS, "Notes": NOTES}
    if orientation == "long":
        return sheets | {
            "Table_2": [
                ["Table 2: Seizures of drugs, open data [note 1]"],
                ["One row per year, police force area and drug type."],
                *long_rows(figures, years),
            ]
        }
    if per_year:
        return sheets | {
            f"Table_2{chr(97 + i)}": accessible_wide(figures, [fye], revised, extra)
            for i, fye in enumerate(years)
        }
    return sheets | {"Table_2": accessible_wide(figures, years, revised, extra)}


def save(sheets: dict[str, Rows], path: Path) -> Path:
    """Write sheets as XLSX (openpyxl), ODS (odfpy through pandas) or, for one sheet, CSV."""
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        book.remove(book.active)
        for name, rows in sheets.items():
            sheet = book.create_sheet(name)
            for row in rows:
                sheet.append(row)
        book.save(path)
    elif path.suffix == ".ods":
        with pd.ExcelWriter(path, engine="odf") as writer:
            for name, rows in sheets.items():
                width = max(len(r) for r in rows)
                padded = [[*r, *[None] * (width - len(r))] for r in rows]
                pd.DataFrame(padded, dtype=object).to_excel(
                    writer, sheet_name=name, header=False, index=False
                )
    else:
        (rows,) = [r for n, r in sheets.items() if n.startswith("Table")]
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(r for r in rows if len(r) == 4)
    return path


# Variants of the wide table that government spreadsheets use (tests/ingest/test_release_layouts.py)

CLASS_OF_COLUMN = {  # drug -> the class group a two-row header puts it under
    **{d: "Class A" for d in ("cocaine", "crack", "ecstasy", "heroin", "lsd", "methadone")},
    **{d: "Class A" for d in ("morphine", "other_class_a", "class_a")},
    **{d: "Class B" for d in ("cannabis", "amphetamines", "barbiturates", "ketamine")},
    **{d: "Class B" for d in ("mephedrone", "other_class_b", "class_b")},
    **{d: "Class C" for d in ("anabolic_steroids", "benzodiazepines", "ghb", "temazepam")},
    **{d: "Class C" for d in ("other_class_c", "class_c", "nitrous_oxide")},
}


def header_block(headers: list[tuple[str, str]], style: str) -> tuple[Rows, list[str]]:
    """The header rows of a variant table (its first at row 5) and the cell ranges merged
    in it (XLSX): ``one`` row; ``two`` rows, class over drug (merged across the class),
    each class's total headed "Total"; ``merged``: two rows, the drugs below and the labels
    with no drug under them (Police force area, All drugs, Unknown) merged down."""
    if style == "one":
        return [["Police force area", *(text for _, text in headers)]], []
    upper: list[object] = ["Police force area"]
    lower: list[object] = [None]
    merges = ["A5:A6"]
    group_start: dict[str, int] = {}
    for n, (drug, text) in enumerate(headers, start=2):
        letter = openpyxl.utils.get_column_letter(n)
        group = CLASS_OF_COLUMN.get(drug)
        if group is None:  # All drugs, Unknown: one label over two rows
            upper.append(text)
            lower.append(None)
            merges.append(f"{letter}5:{letter}6")
            continue
        if style == "two":
            upper.append(None if group in group_start else group)
            group_start.setdefault(group, n)
            merges = [m for m in merges if not m.startswith(f"{_letter(group_start[group])}5:")]
            merges.append(f"{_letter(group_start[group])}5:{letter}5")
            lower.append("Total" if drug.startswith("class_") else text)
        else:
            upper.append(None)
            lower.append(text)
    return [upper, lower], merges


def _letter(n: int) -> str:
    return openpyxl.utils.get_column_letter(n)


def variant_sheet(
    figures: Figures, fye: int, header: str = "one", subtotals: str = "none"
) -> tuple[Rows, list[str]]:
    """One year's table: title rows, the header (``header_block``), forces with region
    subtotal rows ``before`` or ``after`` them (plain region names), ``total-after``
    ("Total North East"), or ``none``; then the England and Wales row and a note."""
    headers = drug_headers(figures)
    present = _force_ids(figures, fye)
    rows: Rows = [
        [f"Table 3: Seizures of drugs by police force area, {span(fye)} [note 1]"],
        ["Number of seizures"],
        ["Source: Home Office"],
        [None],
    ]
    block, merges = header_block(headers, header)
    rows += block

    def cells(force_ids: list[str]) -> list[object]:
        values = [_sum(figures, fye, force_ids, drug) for drug, _ in headers]
        return ["[x]" if v is None else v for v in values]

    for region in REGIONS:
        members = [f for f in present if REGION_OF.get(f) == region.region_id]
        if not members:
            continue
        name = region.home_office_name
        if subtotals == "before":
            rows.append([name, *cells(members)])
        rows += [[NAMES[f], *cells([f])] for f in members]
        if subtotals in ("after", "total-after"):
            rows.append([f"Total {name}" if subtotals == "total-after" else name, *cells(members)])
    territorial = [f for f in present if f not in ("btp", "border-force")]
    rows.append(["England and Wales [note 2]", *cells(territorial)])
    rows += [[NAMES[f], *cells([f])] for f in ("btp", "border-force") if f in present]
    rows += [[None], ["[note 2] The 43 territorial police forces."]]
    return rows, merges


def on_its_side(rows: Rows, header_at: int) -> Rows:
    """Forces as columns and drugs as rows: the rows from ``header_at`` turned."""
    block = rows[header_at:]
    width = max(len(r) for r in block)
    padded = [[*r, *[None] * (width - len(r))] for r in block]
    return rows[:header_at] + [list(column) for column in zip(*padded, strict=True)]


def save_with_merges(sheets: dict[str, tuple[Rows, list[str]]], path: Path) -> Path:
    """XLSX with merged cells (openpyxl); ODS and CSV as ``save`` writes them (a merged
    cell reads back as its first cell and blanks, which is what these are)."""
    if path.suffix != ".xlsx":
        if path.suffix == ".csv":
            ((rows, _),) = sheets.values()
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(rows)
            return path
        return save({name: rows for name, (rows, _) in sheets.items()}, path)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (rows, merges) in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in merges:
            sheet.merge_cells(cells)
    book.save(path)
    return path
