"""One row per force, one column per drug: the layout shared by every per-force source.

The CSV transcriptions and the Home Office spreadsheets differ only in how the header and
the rows are found; once found, this module turns them into tidy records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.ingest.clean import clean_label, name_key, parse_count, parse_number, strip_footnotes
from bot.ingest.vocab import Force, drug_for, force_for, region_for


class LayoutError(ValueError):
    """A table that does not have the expected layout; the message says what is wrong."""


def fix_header(labels: Sequence[str], *, repair: bool = True) -> list[str]:
    """Header labels with the known transcription defects repaired, by position.

    In both layouts the column just before "Anabolic steroids" is "Total Class B" and the
    one just before "Unknown" is "Total Class C". Two transcriptions repeat a label there
    ("Other Class C" twice in 2014-15, "Total Class C" twice in 2015-16).
    """
    fixed = [strip_footnotes(clean_label(label)) for label in labels]
    keys = [name_key(label) for label in fixed]
    for i, key in enumerate(keys if repair else []):
        if i and key in {"anabolic steroids", "anabolic0steroids"}:
            fixed[i - 1] = "Total Class B"
        if i and key == "unknown":
            fixed[i - 1] = "Total Class C"
    return fixed


def drug_columns(header: Sequence[str], *, repair: bool = True) -> dict[int, str]:
    """Column index -> drug id, for every column after the first. Unknown headers refuse.

    ``repair`` applies the count-table header repairs (not for quantity tables, whose
    columns have no class totals).
    """
    fixed = fix_header(header, repair=repair)
    columns: dict[int, str] = {}
    for index, label in enumerate(fixed[1:], start=1):
        if not label:
            continue
        drug = drug_for(label)
        if drug is None:
            raise LayoutError(f"column {index + 1} has a header I do not recognise: {label!r}")
        if drug in columns.values():
            raise LayoutError(f"two columns are both {label!r}")
        columns[index] = drug
    if "all_drugs" not in columns.values() and "cocaine" not in columns.values():
        raise LayoutError("no drug columns found in the header")
    return columns


def row_kind(label: str) -> str:
    """force | region | total | blank | other, for the first cell of a row."""
    if not label:
        return "blank"
    if force_for(label) is not None:
        return "force"
    key = name_key(label)
    if region_for(label) is not None or key in {"england", "england and wales"}:
        return "region"
    if key.startswith(("total", "all forces", "england and wales", "all police")):
        return "total"
    return "other"


def tidy_rows(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    value_column: str,
    skip_non_forces: bool,
    repair: bool = True,
) -> list[tuple[Force, str, object]]:
    """(force, drug, raw cell) for each force row and drug column.

    With ``skip_non_forces`` region, total, note and blank rows are passed over (spreadsheet
    layout); without it every non-blank row must be a force (transcribed CSV layout).
    """
    columns = drug_columns(header, repair=repair)
    seen: set[str] = set()
    out: list[tuple[Force, str, object]] = []
    for row in rows:
        label = strip_footnotes(clean_label(row[0] if row else ""))
        kind = row_kind(label)
        if kind != "force":
            if kind == "blank" or skip_non_forces:
                continue
            raise LayoutError(f"a row is not a force I know: {label!r}")
        force = force_for(label)
        assert force is not None
        if force.force_id in seen:
            raise LayoutError(f"{label!r} appears twice")
        if len(row) < len(header):
            raise LayoutError(
                f"{label!r} has {len(row)} cells but the header has {len(header)} (cut short?)"
            )
        seen.add(force.force_id)
        for index, drug in columns.items():
            cell = row[index] if index < len(row) else None
            out.append((force, drug, cell))
    if not seen:
        raise LayoutError(f"no force rows found (expected {value_column} by force)")
    return out


def count_records(
    triples: Iterable[tuple[Force, str, object]], *, fye: int, source: str
) -> list[dict[str, object]]:
    return [
        {
            "fye": fye,
            "force_id": f.force_id,
            "drug": d,
            "seizures": parse_count(c),
            "source": source,
        }
        for f, d, c in triples
    ]


def quantity_records(
    triples: Iterable[tuple[Force, str, object]], *, fye: int, source: str, units: dict[str, str]
) -> list[dict[str, object]]:
    return [
        {
            "fye": fye,
            "force_id": f.force_id,
            "drug": d,
            "quantity": parse_number(c),
            "unit": units[d],
            "source": source,
        }
        for f, d, c in triples
    ]
