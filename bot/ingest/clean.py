"""Small pure cleaning functions with an explicit policy for odd cells and labels.

Policy:
- A blank cell, ``..``, ``-``, ``*`` or ``n/a`` means "not reported" and becomes ``None``;
  it is never turned into 0.
- Labels lose byte-order marks, line breaks, repeated spaces and trailing footnote marks
  (``Cocaine 1``, ``Kent (2)``, ``Dorset*``).
- Force names compare on a key that ignores case, punctuation, ``&`` versus ``and``,
  ``London, City of`` versus ``City of London`` and the words Police/Constabulary.
"""

from __future__ import annotations

import math
import re

MISSING_MARKS = {"", "..", "...", "-", "–", "*", "n/a", "na", "x", ":", "z", "[x]", "[z]", "[c]"}

_FOOTNOTE = re.compile(r"(?:\s*\(\d+\)|\s*\[\w{1,3}\]|[\s,]*\d+(?:\s*,\s*\d+)*|\*+)$")


class CellError(ValueError):
    """A cell that is neither a number nor one of the missing marks."""


def clean_label(text: object) -> str:
    """A label without BOM, line breaks, doubled spaces or footnote marks."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    label = str(text).replace("\ufeff", "").replace("\r", " ").replace("\n", " ")
    label = re.sub(r"\s+", " ", label).strip()
    return label


def strip_footnotes(label: str) -> str:
    """``"Kent 2"`` -> ``"Kent"``; ``"Total (1)"`` -> ``"Total"``; keeps inner digits."""
    previous = None
    while previous != label:
        previous = label
        label = _FOOTNOTE.sub("", label).strip()
    return label


def name_key(name: object) -> str:
    """A comparison key for force, region and drug names."""
    text = strip_footnotes(clean_label(name)).lower()
    text = text.replace("&", " and ")
    if text.startswith("london, city of"):
        text = "city of london" + text[len("london, city of") :]
    text = re.sub(r"[^a-z0-9]+", " ", text)
    words = [w for w in text.split() if w not in {"police", "constabulary", "service", "force"}]
    return " ".join(words)


def parse_count(cell: object) -> int | None:
    """An integer count, or None for "not reported". Refuses fractions and text."""
    value = parse_number(cell)
    if value is None:
        return None
    if value != int(value) or value < 0:
        raise CellError(f"not a whole count: {cell!r}")
    return int(value)


def parse_number(cell: object, *, signed: bool = False) -> float | None:
    """A number (non-negative unless ``signed``), or None for "not reported"."""
    if cell is None:
        return None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if isinstance(cell, float) and math.isnan(cell):
            return None
        if cell < 0 and not signed:
            raise CellError(f"not a number: {cell!r}")
        return float(cell)
    text = clean_label(cell).replace(",", "")
    if text.lower() in MISSING_MARKS:
        return None
    try:
        value = float(text)
    except ValueError:
        raise CellError(f"not a number: {cell!r}") from None
    if (value < 0 and not signed) or math.isnan(value):
        raise CellError(f"not a number: {cell!r}")
    return value


def format_quantity(value: float) -> str:
    """Quantities keep the precision they were published with (at most 5 decimals)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
