"""Years as reporters write them -> fye (the year the financial year ends)."""

from __future__ import annotations

import pytest

from bot.reading.years import YearError, find_year


@pytest.mark.parametrize(
    ("text", "fye", "rest", "bare"),
    [
        ("West Mercia 2019", 2019, "West Mercia", True),
        ("West Mercia 2019-20", 2020, "West Mercia", False),
        ("West Mercia 2019/20", 2020, "West Mercia", False),
        ("West Mercia 19/20", 2020, "West Mercia", False),
        ("West Mercia 19-20", 2020, "West Mercia", False),
        ("West Mercia 2019-2020", 2020, "West Mercia", False),
        ("West Mercia FYE 2020", 2020, "West Mercia", False),
        ("West Mercia fye2020", 2020, "West Mercia", False),
        ("West Mercia year ending March 2020", 2020, "West Mercia", False),
        ("West Mercia in the year ending 31 March 2020", 2020, "West Mercia", False),
        ("2018-19 Kent", 2019, "Kent", False),
        ("Kent in 2017/18", 2018, "Kent", False),
        ("Kent 2018–19", 2019, "Kent", False),
        ("Norfolk FY18/19", 2019, "Norfolk", False),
        ("Norfolk FY 2023-24", 2024, "Norfolk", False),
        ("fy19 Norfolk", 2019, "Norfolk", False),
        ("Norfolk 2018-19FY", 2019, "Norfolk", False),
        ("Norfolk 18/19 FY", 2019, "Norfolk", False),
        ("Kent", None, "Kent", False),
        ("", None, "", False),
    ],
)
def test_years_are_read_in_every_common_form(text, fye, rest, bare):
    year, remainder = find_year(text)
    assert (year.fye if year else None) == fye
    assert remainder == rest
    if year:
        assert year.bare is bare


@pytest.mark.parametrize("text", ["Kent 2019-21", "Kent 2019/18", "Kent -5", "Kent 12.5", "Kent 7"])
def test_malformed_years_are_refused_with_a_reason(text):
    with pytest.raises(YearError):
        find_year(text)
