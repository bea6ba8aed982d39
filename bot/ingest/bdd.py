"""Readers for the BritishDrugDynamics transcriptions of the Home Office tables.

Layouts handled: the 2009-10..2014-15 and 2015-16..2018-19 per-force tables (ketamine moves
from class C to B, mephedrone appears), header labels that span two lines, byte-order marks,
CRLF, force names with trailing spaces, blank cells (not reported, never zero).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from bot.ingest import sources as src
from bot.ingest.clean import CellError, clean_label, format_quantity, parse_count, parse_number
from bot.ingest.force_table import LayoutError, count_records, quantity_records, tidy_rows
from bot.ingest.vocab import drug_for

# Units of the quantity tables. The national seizure-size bands file lists ecstasy, LSD,
# methadone, morphine and anabolic steroids under "doses" with totals such as 2,248.85
# ecstasy doses in 2018-19 against 3,147 seizures, and the FYE2021 release speaks of
# "1.4 million doses" of ecstasy and "1.64 million doses" of steroids: doses are thousands.
QUANTITY_UNITS = {
    "cocaine": "kg",
    "crack": "kg",
    "heroin": "kg",
    "herbal_cannabis": "kg",
    "cannabis_resin": "kg",
    "amphetamines": "kg",
    "ketamine": "kg",
    "cannabis_plants": "plants",
    "ecstasy": "thousand doses",
    "lsd": "thousand doses",
    "methadone": "thousand doses",
    "morphine": "thousand doses",
    "barbiturates": "thousand doses",
    "benzodiazepines": "thousand doses",
    "ghb": "thousand doses",
    "temazepam": "thousand doses",
    "anabolic_steroids": "thousand doses",
}

# The 2009-10 force table records cannabis plants in thousands: its forces sum to 707.5
# against 758,943 plants nationally, while every later year sums to 91-96% of the national
# count (Border Force makes up the rest).
PLANT_UNITS_BY_FYE = {2010: "thousand plants"}

# The 2014-15 quantity table carries the older header over columns in the 2015-16 order:
# its "Benzodiazepines" column sums to the national anabolic steroids figure (15,961 of
# 16,000) and its "GHB" column to 76% of benzodiazepines. Read it with the newer header.
QUANTITY_HEADER_2016 = [
    "Police Force",
    "Cocaine",
    "Crack",
    "Ecstasy",
    "Heroin",
    "LSD",
    "Methadone",
    "Morphine",
    "Herbal Cannabis",
    "Cannabis Resin",
    "Cannabis Plants",
    "Amphetamines",
    "Barbiturates",
    "Ketamine",
    "Anabolic steroids",
    "Benzodiazepines",
    "GHB",
    "Temazepam",
]
QUANTITY_HEADER_OVERRIDES = {2015: QUANTITY_HEADER_2016}

# The 2014-15 seizure table carries the 2009-10 header (ketamine among class C, "Other Class
# C" twice) over columns already in the newer order, ketamine among class B and no mephedrone
# column. Evidence: its "Anabolic-steroids" column sums to 119,981 (national class B 132,327;
# national steroids 1,057), and read as labelled every force's cannabis exceeds its class B
# total. Read with the labels the columns really have.
SEIZURE_HEADER_OVERRIDES = {
    2015: [
        "Police force",
        "All drugs",
        "Cocaine",
        "Crack",
        "Ecstasy",
        "Heroin",
        "LSD",
        "Methadone",
        "Morphine",
        "Other Class A",
        "Total Class A",
        "All Cannabis",
        "Amphetamines",
        "Barbiturates",
        "Ketamine",
        "Other Class B",
        "Total Class B",
        "Anabolic steroids",
        "Benzodiazepines",
        "GHB",
        "Temazepam",
        "Other Class C",
        "Total Class C",
        "Unknown",
    ]
}


def read_csv(path: Path) -> list[list[str]]:
    """All rows of a CSV, BOM and CRLF handled, quoted line breaks kept inside cells."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]


def fye_from_filename(path: Path) -> int:
    """``Seizures18-19.csv`` -> 2019."""
    match = re.search(r"(\d{2})-(\d{2})\.csv$", path.name)
    if not match:
        raise LayoutError(f"{path.name}: cannot tell the financial year from the file name")
    return 2000 + int(match.group(2))


def read_seizure_table(path: Path, registry: src.SourceRegistry) -> list[dict[str, object]]:
    fye = fye_from_filename(path)
    rows = read_csv(path)
    header = SEIZURE_HEADER_OVERRIDES.get(fye, rows[0])
    source = registry.add(src.bdd_table("seizures", fye, path.name))
    try:
        triples = tidy_rows(header, rows[1:], value_column="seizures", skip_non_forces=False)
        return count_records(triples, fye=fye, source=source)
    except (LayoutError, CellError) as exc:
        raise LayoutError(f"{path.name}: {exc}") from None


def read_quantity_table(path: Path, registry: src.SourceRegistry) -> list[dict[str, object]]:
    fye = fye_from_filename(path)
    rows = read_csv(path)
    header = QUANTITY_HEADER_OVERRIDES.get(fye, rows[0])
    units = QUANTITY_UNITS | {"cannabis_plants": PLANT_UNITS_BY_FYE.get(fye, "plants")}
    source = registry.add(src.bdd_table("quantities", fye, path.name))
    try:
        triples = tidy_rows(
            header, rows[1:], value_column="quantities", skip_non_forces=False, repair=False
        )
        records = quantity_records(triples, fye=fye, source=source, units=units)
    except (LayoutError, CellError) as exc:
        raise LayoutError(f"{path.name}: {exc}") from None
    for record in records:
        if record["quantity"] is not None:
            record["quantity"] = format_quantity(float(record["quantity"]))  # type: ignore[arg-type]
    return records


def read_national(path: Path, source: str, measure: str) -> list[dict[str, object]]:
    """The national series by drug: one row per year, one column per drug."""
    rows = read_csv(path)
    header = [clean_label(h) for h in rows[0]]
    out: list[dict[str, object]] = []
    for row in rows[1:]:
        fye = int(row[0])
        for label, cell in zip(header[1:], row[1:], strict=True):
            drug = drug_for(label)
            if drug is None:
                raise LayoutError(f"{path.name}: unknown column {label!r}")
            value: int | str | None
            if measure == "seizures":
                value, unit = parse_count(cell), "seizures"
            else:
                number = parse_number(cell)
                value = None if number is None else format_quantity(number)
                unit = QUANTITY_UNITS[drug]
            out.append(
                {
                    "fye": fye,
                    "authority": "all",
                    "measure": measure,
                    "drug": drug,
                    "value": value,
                    "unit": unit,
                    "edition": src.BDD_EDITION,
                    "source": source,
                    "note": "",
                }
            )
    return out


def read_source_dir(root: Path, registry: src.SourceRegistry) -> dict[str, list[dict[str, object]]]:
    base = root / "BritishDrugDynamics"
    seizures = [
        record
        for path in sorted((base / "seizures_by_force").glob("Seizures*.csv"))
        for record in read_seizure_table(path, registry)
    ]
    quantities = [
        record
        for path in sorted((base / "quantities_by_force").glob("Quantities*.csv"))
        for record in read_quantity_table(path, registry)
    ]
    national = read_national(
        base / "national" / "seizures_EW.csv",
        registry.add(src.BDD_NATIONAL_SEIZURES),
        "seizures",
    ) + read_national(
        base / "national" / "quantities_EW.csv",
        registry.add(src.BDD_NATIONAL_QUANTITIES),
        "quantity",
    )
    return {"seizures": seizures, "quantities": quantities, "national": national}
