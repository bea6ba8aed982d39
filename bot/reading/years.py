"""Financial years as reporters write them.

Every form becomes ``fye``, the year the financial year ends (31 March): ``2018-19``,
``2018/19``, ``18/19``, ``18-19``, ``2018-2019``, ``FYE 2019``, ``FY19``, ``FY18/19``, ``FY
2018-19``, ``2018-19FY``, ``year ending March 2019``, ``year to March 2019`` are all 2019. A
bare ``2019`` is read the Home Office way, as the year ending March 2019, and replies say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.writing.fmt import short

_RANGE = re.compile(  # also "FY18/19", "FY 2023-24", "2018-19FY"
    r"(?:\bfye?\s*)?(?<![\d-])(\d{4}|\d{2})\s*[-/–—]\s*(\d{4}|\d{2})(?!\d)(?:\s*fy\b)?",
    re.IGNORECASE,
)
_ENDING = re.compile(
    r"\b(?:fye|fy\s*ending|financial\s+year\s+ending|(?:the\s+)?year\s+(?:ending|to)"
    r"(?:\s+(?:31\s+)?march)?|ye(?:\s+march)?|ye?m|fy)\s*(\d{4}|\d{2})\b(?!\s*[-/–—]\s*\d)",
    re.IGNORECASE,
)
_BARE = re.compile(r"(?<![\w-])(\d{4})(?![\w-])")
_NUMBERISH = re.compile(r"(?<![\w])[-+]?\d[\d,.]*(?![\w])")


class YearError(ValueError):
    """Text that looks like a year but is not one; the message says why."""


@dataclass(frozen=True)
class YearMatch:
    fye: int
    text: str  # what the person wrote
    bare: bool  # a lone "2019", read as the year ending March 2019


def _full(year: str, anchor: int | None = None) -> int:
    value = int(year)
    if len(year) == 2:
        century = (anchor // 100) * 100 if anchor else 2000
        value += century
    return value


def find_year(text: str) -> tuple[YearMatch | None, str]:
    """The year in ``text`` and the text without it. Raises YearError for a malformed one."""
    match = _ENDING.search(text)
    if match:
        return YearMatch(_full(match.group(1)), match.group(0), False), _cut(text, match)
    match = _RANGE.search(text)
    if match:
        start = _full(match.group(1))
        end = _full(match.group(2), start)
        if end != start + 1:
            raise YearError(
                f"“{short(match.group(0))}” is not one financial year (they run April to March)"
            )
        return YearMatch(end, match.group(0), False), _cut(text, match)
    match = _BARE.search(text)
    if match:
        return YearMatch(int(match.group(1)), match.group(0), True), _cut(text, match)
    stray = _NUMBERISH.search(text)
    if stray:
        raise YearError(f"“{short(stray.group(0))}” is not a year I can read")
    return None, text.strip()


def _cut(text: str, match: re.Match[str]) -> str:
    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
    rest = re.sub(r"\b(?:in|for|during)\s*$", "", rest, flags=re.IGNORECASE).strip()
    rest = re.sub(r"\s+", " ", rest)
    stray = _NUMBERISH.search(rest)
    if stray:
        raise YearError(f"“{short(stray.group(0))}” is not a year I can read")
    return rest
