"""Cells, labels and years as Home Office release spreadsheets write them, and the records
a release table yields (figures and total rows).

Cell policy (on top of ``clean.parse_count``):
- the accessible-layout shorthand in square brackets marks a cell: ``[x]`` not available,
  ``[z]`` not applicable, ``[c]`` confidential, ``[low]`` rounds to nothing, ``[u]`` low
  reliability, ``[r]`` revised, ``[p]`` provisional, ``[e]`` estimated. A cell that is only
  shorthand is "not reported" (None, never 0); a number followed by it keeps the number
  (``1,234 [r]`` is 1234);
- labels lose ``[note 3]`` markers, footnote digits and the same shorthand.

Years are financial years ending 31 March (``fye``): ``April 2023 to March 2024``,
``2023/24``, ``2023-24``, ``2023 to 2024``, ``year ending March 2024``, ``financial year
ending 2024`` and ``FYE 2024`` are all 2024.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.ingest.clean import clean_label, parse_count, strip_footnotes
from bot.ingest.vocab import force_for

# Drugs later releases count that the bundled tables do not hold, with their class under the
# Misuse of Drugs Act 1971 (a key of ``key``): where a release's own layout does not place
# one in a class (a long table, or a column after the class totals), this does. Nitrous
# oxide became class C on 8 November 2023; synthetic cannabinoid receptor agonists class B
# (2009, extended 2013); fentanyl is class A.
NEW_DRUG_CLASSES = {
    "nitrous oxide": "C",
    "synthetic cannabinoid receptor agonists": "B",
    "synthetic cannabinoids": "B",
    "fentanyl": "A",
}

_SHORTHAND = re.compile(r"\[\s*(?:x|z|c|low|u|r|p|e|w|b|note\s*\d+[a-z]?)\s*\]", re.IGNORECASE)
_MONTH_SPAN = re.compile(r"april\s+(\d{4})\s+to\s+march\s+(\d{4})", re.IGNORECASE)
_ENDING = re.compile(
    r"(?:financial\s+year\s+ending|year\s+ending|fye|ye)\s*(?:31\s+)?(?:march\s+)?(\d{4})",
    re.IGNORECASE,
)
_SPAN = re.compile(r"(?<![\d/])(\d{4})\s*(?:/|-|–|to)\s*(\d{4}|\d{2})(?![\d/])", re.IGNORECASE)


def count(cell: object) -> int | None:
    """A whole count, or None for "not reported". Raises CellError for anything else."""
    if isinstance(cell, str):
        text = _SHORTHAND.sub(" ", clean_label(cell)).strip()
        return parse_count(text) if text else None
    return parse_count(cell)


MEANINGS = {
    "x": "not available in this release",
    "c": "suppressed for confidentiality",
    "z": "not applicable",
    "low": "rounds to zero",
    "u": "low reliability",
}
_ONLY_SHORTHAND = re.compile(r"^\s*\[\s*(x|c|z|low|u)\s*\]\s*$", re.IGNORECASE)


def blank_meaning(cell: object) -> str:
    """What a cell that is only shorthand means (``[c]`` -> "suppressed for
    confidentiality"); "" for any other cell."""
    match = _ONLY_SHORTHAND.match(cell) if isinstance(cell, str) else None
    return MEANINGS[match.group(1).lower()] if match else ""


def label(cell: object) -> str:
    """A row or column label without ``[note 3]``, shorthand or footnote marks."""
    return strip_footnotes(_SHORTHAND.sub(" ", clean_label(cell)).strip())


def key(cell: object) -> str:
    """A lower-case comparison key of a header: letters and single spaces only."""
    return " ".join(re.sub(r"[^a-z]+", " ", label(cell).lower()).split())


def years_in(text: object) -> list[int]:
    """Every financial year ending named in ``text``, in order, without repeats."""
    rest = clean_label(text)
    found: list[tuple[int, int]] = []
    for pattern, end in ((_MONTH_SPAN, _month_span), (_ENDING, _ending), (_SPAN, _span)):
        for match in pattern.finditer(rest):
            fye = end(match)
            if fye is not None:
                found.append((match.start(), fye))
        rest = pattern.sub(lambda m: " " * len(m.group(0)), rest)
    return list(dict.fromkeys(fye for _, fye in sorted(found)))


def year_cell(cell: object) -> int | None:
    """The one year a cell names (a year column or header), or None."""
    if isinstance(cell, (int, float)) or cell is None:
        return None  # a bare number is a count, never a year here
    years = years_in(cell)
    return years[0] if len(years) == 1 else None


def _month_span(match: re.Match[str]) -> int | None:
    start, end = int(match.group(1)), int(match.group(2))
    return end if end == start + 1 else None


def _ending(match: re.Match[str]) -> int | None:
    return int(match.group(1))


def _span(match: re.Match[str]) -> int | None:
    start, end_text = int(match.group(1)), match.group(2)
    end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
    if len(end_text) == 2 and end < start:
        end += 100
    return end if end == start + 1 else None


class ReleaseError(ValueError):
    """A release file the reader cannot use; the message names the file and what it saw."""


class NoTable(ReleaseError):
    """A readable file with no seizures-by-force table in it."""


@dataclass(frozen=True)
class Figure:
    fye: int
    force_id: str
    drug: str
    seizures: int | None
    meaning: str = ""  # a blank's meaning by the release's own shorthand (``blank_meaning``)
    cell: str = ""  # where the release has it: "Table_2a row 12, column C"


@dataclass(frozen=True)
class Total:
    """A total row of the file (``England and Wales``, ``Total 43 forces``), or a region's
    subtotal (``label`` is then the region id)."""

    fye: int
    drug: str
    label: str
    value: int
    cell: str = ""


@dataclass(frozen=True)
class NewDrug:
    """A drug column the tables did not hold: its label and class, as the release gives."""

    label: str
    drug_class: str


@dataclass
class Table:
    sheet: str
    first_row: int = 0  # the body's first row, counted from 0 (for "row 12" in messages)
    figures: list[Figure] = field(default_factory=list)
    totals: list[Total] = field(default_factory=list)
    region_totals: list[Total] = field(default_factory=list)
    skipped_columns: dict[str, str] = field(default_factory=dict)  # header -> why
    new_drugs: dict[str, NewDrug] = field(default_factory=dict)  # drug id -> label, class


def is_total(row_label: str) -> bool:
    words = key(row_label)
    return (
        words in {"england and wales", "total", "all forces", "all police forces"}
        or (words.startswith(("total ", "all forces", "all police", "england and wales")))
        and force_for(row_label) is None
    )
