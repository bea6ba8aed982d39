"""Figures quoted from published pages: national headlines and per-force figures.

Kept exactly as published, one row per figure with its page and edition. Revisions between
editions stay as separate rows. Nothing here is mixed into the complete force tables.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bot.ingest import sources as src
from bot.ingest.clean import clean_label, format_quantity, parse_number
from bot.ingest.force_table import LayoutError
from bot.ingest.vocab import drug_for, force_for, region_for

AUTHORITIES = {
    "police+border_force": "all",
    "police": "police",
    "police_territorial": "territorial",
    "border_force": "border-force",
}

# Areas that are not a single force but appear in the per-force pages.
AREA_IDS = {
    "Wales (4 forces)": "wales",
    "England and Wales": "england-and-wales",
    "England and Wales (territorial forces)": "england-and-wales",
    "North West region (5 forces)": "north-west-region",
}

# Who published a per-force figure: news pages report the Home Office statistics and say so;
# third-party compilations and analyses (DrugHelpline.org, UKAT), blogs and secondary pages
# are their own work on them, and are not said to be Home Office figures.
NOT_HOME_OFFICE = ("third-party", "UKAT", "blog", "secondary")
REPORTING = "reporting Home Office figures"


def publisher(source_type: str) -> str:
    """``PA local news (Apr 2023)`` -> ``PA local news (Apr 2023), reporting Home Office
    figures``; third parties' own work is left as it is."""
    if any(word in source_type for word in NOT_HOME_OFFICE):
        return source_type
    return f"{source_type}, {REPORTING}"


_MEASURE_PREFIXES = ("seizures_", "quantity_", "share_", "change_", "rate_")


def split_measure(measure: str) -> tuple[str, str]:
    """``seizures_cocaine`` -> (``seizures``, ``cocaine``); ``total_seizures`` -> all drugs."""
    if measure in {"total_seizures", "seizures"}:
        return "seizures", "all_drugs"
    if measure == "change_total_seizures":
        return "change_percent", "all_drugs"
    if measure in {"share_of_seizures", "rate_per_million", "rate_per_million_national_average"}:
        kind = "share_percent" if measure.startswith("share") else "rate_per_million"
        return kind, "all_drugs"
    for prefix in _MEASURE_PREFIXES:
        if measure.startswith(prefix):
            rest = measure[len(prefix) :]
            of_known = rest.endswith("_of_known")
            rest = rest.removesuffix("_of_known").removesuffix("_seizures")
            drug = drug_for(rest.replace("_", " "))
            kind = (
                "share_of_known_percent"
                if of_known
                else {
                    "seizures_": "seizures",
                    "quantity_": "quantity",
                    "share_": "share_percent",
                    "change_": "change_percent",
                    "rate_": "rate",
                }[prefix]
            )
            if drug is not None:
                return kind, drug
    return measure, ""


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _value(cell: str) -> str:
    number = parse_number(cell, signed=True)
    return "" if number is None else format_quantity(number)


def read_national_headlines(path: Path, registry: src.SourceRegistry) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for row in _read(path):
        authority = AUTHORITIES.get(row["authority"])
        if authority is None:
            raise LayoutError(f"{path.name}: unknown authority {row['authority']!r}")
        measure, drug = split_measure(row["measure"])
        edition = clean_label(row["as_published_in"])
        out.append(
            {
                "fye": int(row["fye"]),
                "authority": authority,
                "measure": measure,
                "drug": drug,
                "value": _value(row["value"]),
                "unit": clean_label(row["unit"]),
                "edition": edition,
                "source": registry.add_page(row["source_url"]),
                "note": clean_label(row["note"]),
            }
        )
    return out


def area_id_for(label: str) -> str:
    force = force_for(label)
    if force is not None:
        return force.force_id
    if label in AREA_IDS:
        return AREA_IDS[label]
    region = region_for(label)
    if region is not None:
        return region.region_id
    raise LayoutError(f"per-force figures: unknown area {label!r}")


def read_reported(path: Path, registry: src.SourceRegistry) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for row in _read(path):
        measure, drug = split_measure(row["measure"])
        published = publisher(clean_label(row["source_type"]))
        out.append(
            {
                "fye": int(row["fye"]),
                "area_id": area_id_for(clean_label(row["force"])),
                "measure": measure,
                "drug": drug,
                "value": _value(row["value"]),
                "unit": clean_label(row["unit"]),
                "source_type": published,
                "source": registry.add_page(row["source_url"]),
                "source_url": row["source_url"].strip(),
                "note": clean_label(row["note"]),
            }
        )
    return out


def read_border_force_history(path: Path, registry: src.SourceRegistry) -> list[dict[str, object]]:
    """Border Force seizures by drug, 2006-07 to 2017-18, from the FYE2018 Summary_Table_1."""
    source = registry.add(src.LESSCRIME_BORDER_FORCE)
    out: list[dict[str, object]] = []
    for row in _read(path):
        drug = drug_for(row["drug"])
        if drug is None:
            raise LayoutError(f"{path.name}: unknown drug {row['drug']!r}")
        number = parse_number(row["seizures"])
        out.append(
            {
                "fye": int(row["year_ending"][:4]),
                "authority": "border-force",
                "measure": "seizures",
                "drug": drug,
                "value": "" if number is None else format_quantity(number),
                "unit": "seizures",
                "edition": src.LESSCRIME_BORDER_FORCE.edition,
                "source": source,
                "note": "",
            }
        )
    return out
