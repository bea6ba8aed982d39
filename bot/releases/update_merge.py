"""How one checked release joins the tables held (``seizure-bot update``, step 3).

    merge_figures(tables, figures, new_drugs, source) -> Merged

- a figure for a force-year-drug not held is added; one that differs from the figure
  held is a revision (the old row moves to revisions.csv, superseded by ``source``);
- a blank never replaces a figure held, and a force-year the release leaves wholly
  blank (Welsh rows all ``[x]``) adds nothing: figures held from elsewhere (reported.csv)
  stay what the bot answers with. Each blank is named with its own meaning
  ("not available in this release", "suppressed for confidentiality"), and a blank added
  keeps it in flags.csv (flag "blank-<drug>") for the cards to say;
- a drug the tables do not hold (a new column, ``Nitrous oxide``) joins drugs.csv with the
  label and class the release gives it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bot.ingest.release_text import Figure, NewDrug
from bot.releases.update_files import Row, Tables
from bot.writing import fmt

MAX_BLANK_NOTES = 12
BLANK_FLAG = "blank-"  # flags.csv: "blank-cocaine", its note the blank's meaning


@dataclass
class Merged:
    added: int = 0
    years_added: list[int] = field(default_factory=list)
    revisions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_drugs: list[str] = field(default_factory=list)  # labels


def merge_figures(
    tables: Tables, figures: list[Figure], new_drugs: dict[str, NewDrug], source: str
) -> Merged:
    merged = Merged()
    _add_drugs(tables, new_drugs, merged)
    rows = {(r["fye"], r["force_id"], r["drug"]): r for r in tables["seizures.csv"]}
    held_years = {key[0] for key in rows}
    blank_years = _wholly_blank(figures)
    blanks: list[str] = []
    for figure in figures:
        key = (figure.fye, figure.force_id, figure.drug)
        row = rows.get(key)
        held = None if row is None else row["seizures"]
        if figure.seizures is None and figure.meaning and (row is None or held is not None):
            blanks.append(_blank(figure, (figure.fye, figure.force_id) in blank_years, held))
        if (figure.fye, figure.force_id) in blank_years:
            continue
        if row is None:
            rows[key] = _add(tables, figure, source)
            merged.added += 1
            if figure.seizures is None and figure.meaning:
                _blank_flag(tables, figure, source)
            if figure.fye not in held_years and figure.fye not in merged.years_added:
                merged.years_added.append(figure.fye)
        elif figure.seizures is not None and row["seizures"] != figure.seizures:
            tables["revisions.csv"].append({**row, "superseded_by": source})
            merged.revisions.append(
                f"{figure.force_id} {fmt.fye(figure.fye)} {figure.drug}: "
                f"{_figure(row['seizures'])} -> {figure.seizures:,}"
            )
            row.update(seizures=figure.seizures, source=source)
    merged.notes = _blank_notes(blanks)
    return merged


def _wholly_blank(figures: list[Figure]) -> set[tuple[int, str]]:
    """Force-years the release gives no figure for at all."""
    known: dict[tuple[int, str], bool] = defaultdict(bool)
    for figure in figures:
        known[(figure.fye, figure.force_id)] |= figure.seizures is not None
    return {key for key, any_known in known.items() if not any_known}


def _add(tables: Tables, figure: Figure, source: str) -> Row:
    row: Row = {
        "fye": figure.fye,
        "force_id": figure.force_id,
        "drug": figure.drug,
        "seizures": figure.seizures,
        "source": source,
    }
    tables["seizures.csv"].append(row)
    return row


def _blank_flag(tables: Tables, figure: Figure, source: str) -> None:
    """A blank added with its meaning, for the cards to say ("blank-cocaine": "suppressed
    for confidentiality"), never "missing or incomplete"."""
    tables["flags.csv"].append(
        {
            "fye": figure.fye,
            "force_id": figure.force_id,
            "flag": f"{BLANK_FLAG}{figure.drug}",
            "note": figure.meaning,
            "source": source,
        }
    )


def _add_drugs(tables: Tables, new_drugs: dict[str, NewDrug], merged: Merged) -> None:
    held = {row["drug"] for row in tables["drugs.csv"]}
    for drug, new in sorted(new_drugs.items()):
        if drug in held:
            continue
        tables["drugs.csv"].append(
            {
                "drug": drug,
                "label": new.label,
                "kind": "drug",
                "drug_class": new.drug_class,
                "class_to_fye2014": "",
            }
        )
        merged.new_drugs.append(f"{new.label} (class {new.drug_class})")


def _blank(figure: Figure, whole_year: bool, held: object) -> str:
    """A blank of the release in words: what it means and what was kept."""
    where = f"{figure.force_id} {fmt.fye(figure.fye)}"
    if whole_year:
        return f"{where}: {figure.meaning}; nothing added, figures held from elsewhere kept"
    kept = f"the figure held ({fmt.count(held)}) kept" if isinstance(held, int) else "left blank"
    return f"{where} {figure.drug}: {figure.meaning}; {kept}"


def _blank_notes(blanks: list[str]) -> list[str]:
    unique = list(dict.fromkeys(blanks))
    more = len(unique) - MAX_BLANK_NOTES
    return [f"Blank in the release: {line}" for line in unique[:MAX_BLANK_NOTES]] + (
        [f"Blank in the release: and {more} more"] if more > 0 else []
    )


def _figure(value: object) -> str:
    return fmt.count(value) if isinstance(value, int) else "blank"
