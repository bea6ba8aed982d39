"""The one place numbers, shares, changes and financial years are written for people."""

from __future__ import annotations

import html


def esc(value: object) -> str:
    """HTML-escape any dynamic value for Telegram's HTML parse mode."""
    return html.escape(str(value), quote=False)


def short(text: str, limit: int = 40) -> str:
    """User text echoed back, cut to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def count(value: int | float) -> str:
    """3292 -> "3,292"."""
    return f"{round(value):,}"


def quantity(value: float) -> str:
    """Amounts seized: whole numbers from 100 up (9,645), else up to two decimals (2.62)."""
    if value >= 100:
        return count(value)
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def rate(value: float) -> str:
    """Rates per million are whole numbers: 2567.39 -> "2,567"."""
    return f"{round(value):,}"


def fye(value: int) -> str:
    """Financial year ending: 2019 -> "2018-19"."""
    return f"{value - 1}-{value % 100:02d}"


def percent(part: float, whole: float) -> str:
    """Share as a whole per cent: 519/3292 -> "16%"; above nothing but rounding to
    nothing (half a per cent and under) -> "<1%", never "0%".

    Plain text, unlike the other numbers here: it can hold a "<", so HTML takes it
    through ``esc`` (the sweep in tests/adapters/telegram/test_sweep.py checks every reply for
    this)."""
    share = 100 * part / whole
    if share > 0 and round(share) == 0:
        return "<1%"
    return f"{round(share)}%"


def change_percent(new: float, old: float, digits: int = 1) -> str:
    """Signed change: 3508 on 3292 -> "+6.6%"."""
    value = 100 * (new - old) / old
    text = f"{value:+.{digits}f}%"
    return text.replace("+0.0%", "0.0%").replace("-0.0%", "0.0%")


def signed(value: int) -> str:
    """394 -> "+394", -20 -> "-20"."""
    return f"{value:+,}"


def and_list(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"; one item as it is, none as ""."""
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)


def ordinal(value: int) -> str:
    """12 -> "12th", 1 -> "1st", 22 -> "22nd"."""
    teens = 10 <= value % 100 <= 20
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


ORDINAL_WORDS = (
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)


def ordinal_word(value: int) -> str:
    """2 -> "second"; beyond ten, digits."""
    return ORDINAL_WORDS[value] if 0 < value < len(ORDINAL_WORDS) else ordinal(value)


_NO_ARTICLE = {"london", "wales", "yorkshire and the humber", "england", "england and wales"}


def region_phrase(name: str) -> str:
    """ "West Midlands" -> "the West Midlands"; "London" -> "London"."""
    return name if name.lower() in _NO_ARTICLE else f"the {name}"


def drug_label(label: str) -> str:
    """A drug's label inside a sentence: "Other class A" -> "other class A"; "LSD" stays."""
    if label[:2].isupper():
        return label
    return label[:1].lower() + label[1:]


NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(value: int) -> str:
    """Newsroom style: one to nine in words, 10 and above in figures."""
    return NUMBER_WORDS[value] if 0 <= value < 10 else count(value)
