"""bot.writing.fmt, the one place numbers are written for people: value -> exact text, each
formatter at its boundaries (issue 13, point 5)."""

from __future__ import annotations

import pytest

from bot.writing import fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("\"quoted\" 'too'", "\"quoted\" 'too'"),  # quotes stay: Telegram needs no escape
        (3292, "3292"),
        ("<1%", "&lt;1%"),
    ],
)
def test_esc(value, expected):
    assert fmt.esc(value) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("abc", 3, "abc"),  # exactly the limit: kept whole
        ("abcd", 3, "ab…"),  # one over: cut to the limit, ellipsis included
        ("x" * 40, 40, "x" * 40),
        ("x" * 41, 40, "x" * 39 + "…"),
        ("", 40, ""),
    ],
)
def test_short(text, limit, expected):
    assert fmt.short(text, limit) == expected
    assert len(fmt.short(text, limit)) <= limit


def test_short_default_limit_is_forty():
    assert fmt.short("y" * 40) == "y" * 40
    assert fmt.short("y" * 41) == "y" * 39 + "…"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (3292, "3,292"),
        (1234567, "1,234,567"),
        (1234.6, "1,235"),
        (1234.4, "1,234"),
        (-20, "-20"),
    ],
)
def test_count(value, expected):
    assert fmt.count(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.62, "2.62"),
        (2.6, "2.6"),
        (3.0, "3"),
        (0.5, "0.5"),
        (0.004, "0"),
        (0.125, "0.12"),  # two decimals at most
        (99.99, "99.99"),
        (99.994, "99.99"),
        (100, "100"),
        (100.25, "100"),  # from 100 up: whole numbers
        (150.6, "151"),
        (9645.4, "9,645"),
        (1000, "1,000"),
    ],
)
def test_quantity(value, expected):
    assert fmt.quantity(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2567.39, "2,567"), (2567.6, "2,568"), (0.4, "0"), (999.5, "1,000"), (12, "12")],
)
def test_rate(value, expected):
    assert fmt.rate(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2019, "2018-19"), (2010, "2009-10"), (2001, "2000-01"), (2000, "1999-00"), (2024, "2023-24")],
)
def test_fye(value, expected):
    assert fmt.fye(value) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (519, 3292, "16%"),
        (0, 3292, "0%"),  # none at all is 0%, not "<1%"
        (1, 1000, "<1%"),  # 0.1%
        (49, 10000, "<1%"),  # 0.49%
        (1, 200, "<1%"),  # exactly half a per cent: never "0%" for a share above nothing
        (51, 10000, "1%"),  # 0.51%
        (1, 100, "1%"),
        (15, 1000, "2%"),  # 1.5%
        (1, 1, "100%"),
        (3, 2, "150%"),
    ],
)
def test_percent(part, whole, expected):
    assert fmt.percent(part, whole) == expected


@pytest.mark.parametrize(
    ("new", "old", "digits", "expected"),
    [
        (3508, 3292, 1, "+6.6%"),
        (2898, 3292, 1, "-12.0%"),
        (100, 100, 1, "0.0%"),
        (10001, 10000, 1, "0.0%"),  # +0.01%: no sign on a change that rounds to nothing
        (9999, 10000, 1, "0.0%"),
        (10005, 10000, 1, "+0.1%"),
        (9995, 10000, 1, "-0.1%"),
        (3508, 3292, 2, "+6.56%"),
        (150, 100, 0, "+50%"),
        (200, 100, 1, "+100.0%"),
    ],
)
def test_change_percent(new, old, digits, expected):
    assert fmt.change_percent(new, old, digits) == expected


def test_change_percent_default_is_one_decimal():
    assert fmt.change_percent(3508, 3292) == "+6.6%"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(394, "+394"), (-20, "-20"), (0, "+0"), (1234, "+1,234"), (-1234, "-1,234")],
)
def test_signed(value, expected):
    assert fmt.signed(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (9, "9th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (19, "19th"),
        (20, "20th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (37, "37th"),
        (100, "100th"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
        (121, "121st"),
    ],
)
def test_ordinal(value, expected):
    assert fmt.ordinal(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0th"),
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (7, "seventh"),
        (10, "tenth"),
        (11, "11th"),
        (22, "22nd"),
    ],
)
def test_ordinal_word(value, expected):
    assert fmt.ordinal_word(value) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("West Midlands", "the West Midlands"),
        ("South East", "the South East"),
        ("London", "London"),
        ("Wales", "Wales"),
        ("Yorkshire and the Humber", "Yorkshire and the Humber"),
        ("England", "England"),
        ("England and Wales", "England and Wales"),
        ("london", "london"),  # case-insensitive
        ("North West", "the North West"),
    ],
)
def test_region_phrase(name, expected):
    assert fmt.region_phrase(name) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Other class A", "other class A"),
        ("Cannabis", "cannabis"),
        ("Crack cocaine", "crack cocaine"),
        ("Class B", "class B"),
        ("LSD", "LSD"),
        ("MDMA", "MDMA"),
        ("A", "A"),
        ("", ""),
    ],
)
def test_drug_label(label, expected):
    assert fmt.drug_label(label) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "zero"), (1, "one"), (2, "two"), (9, "nine"), (10, "10"), (37, "37"), (1000, "1,000")],
)
def test_number_word(value, expected):
    assert fmt.number_word(value) == expected
