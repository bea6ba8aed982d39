"""bot.writing.render, the words several answers share: hand-made Trend, Rank and Unusual values ->
exact text, one row per branch (issue 13, point 5). tests/answers/test_claims.py checks the same
words from series computed by bot.answers.figures."""

from __future__ import annotations

import pytest

from bot.results import Trend, YearValue
from bot.writing.render import (
    gap_clause,
    preamble,
    record_claim,
    record_note,
    render,
    run_claim,
    run_note,
    trend_lines,
    trend_notes,
)


def make_trend(**fields: object) -> Trend:
    """A Trend with nothing to claim, but for ``fields``."""
    values: dict[str, object] = {
        "previous": YearValue(2018, 100),
        "high_since": None,
        "low_since": None,
        "series_high": False,
        "series_low": False,
        "series_first": 2010,
        "earlier_years": 8,
        "run_length": 0,
        "previous_run": 0,
    }
    values.update(fields)
    return Trend(**values)  # type: ignore[arg-type]


def test_render_refuses_what_no_answer_registered():
    with pytest.raises(TypeError, match="no renderer for object"):
        render(object())


@pytest.mark.parametrize(
    ("fuzzy_from", "bare_year", "expected"),
    [
        (None, None, []),
        (
            "west merica",
            None,
            ["<i>Did you mean West Mercia Police? Showing it for “west merica”.</i>"],
        ),
        (
            None,
            "2019",
            ["<i>2019 read as the year ending March 2019 (2018-19).</i>"],
        ),
        (
            "w<est",
            "19",
            [
                "<i>Did you mean West Mercia Police? Showing it for “w&lt;est”.</i>",
                "<i>19 read as the year ending March 2019 (2018-19).</i>",
            ],
        ),
        (
            "x" * 50,
            None,
            [f"<i>Did you mean West Mercia Police? Showing it for “{'x' * 39}…”.</i>"],
        ),
        ("", "", []),
    ],
)
def test_preamble(fuzzy_from, bare_year, expected):
    assert preamble(fuzzy_from, "West Mercia Police", bare_year, 2019) == expected


def test_preamble_escapes_the_name():
    assert preamble("x", "A & B", None, 2019) == [
        "<i>Did you mean A &amp; B? Showing it for “x”.</i>"
    ]


@pytest.mark.parametrize(
    ("found", "seizures", "expected"),
    [
        (None, 100, []),
        (make_trend(previous=None), 100, ["This is the first year in the series."]),
        (
            make_trend(previous=None, gap=2018),
            100,
            ["No complete figure for the year before to compare: 2017-18 was not reported."],
        ),
        (
            make_trend(previous=None, gap=2018, gap_incomplete=True),
            100,
            [
                "No complete figure for the year before to compare: the 2017-18 figure is "
                "incomplete."
            ],
        ),
        (make_trend(), 110, ["Up 10 (+10.0%) on 100 in 2017-18."]),
        (make_trend(), 1100, ["Up 1,000 (+1000.0%) on 100 in 2017-18."]),
        (make_trend(), 99, ["Down 1 (-1.0%) on 100 in 2017-18."]),
        (make_trend(), 100, ["Unchanged on 2017-18."]),
        (
            make_trend(run_length=3),
            110,
            ["Up 10 (+10.0%) on 100 in 2017-18; the third annual rise in a row."],
        ),
        (
            make_trend(series_low=True, run_length=-2),
            90,
            [
                "Down 10 (-10.0%) on 100 in 2017-18; the lowest since records here begin, "
                "2009-10; the second annual fall in a row."
            ],
        ),
        (
            make_trend(high_since=YearValue(2015, 1234)),
            100,
            ["Unchanged on 2017-18; the highest since 2014-15 (1,234)."],
        ),
    ],
)
def test_trend_lines(found, seizures, expected):
    assert trend_lines(found, seizures) == expected


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (make_trend(series_high=True, earlier_years=1), ("", False)),  # one year is no record
        (make_trend(series_low=True, earlier_years=1), ("", False)),
        (
            make_trend(series_high=True, earlier_years=2),
            ("the highest since records here begin, 2009-10", False),
        ),
        (
            make_trend(series_low=True, series_first=2012),
            ("the lowest since records here begin, 2011-12", False),
        ),
        (
            make_trend(series_high=True, earlier_years=2, series_first=2012, gap=2011),
            ("the highest of the three years from 2011-12", True),
        ),
        (
            make_trend(series_low=True, earlier_years=9, series_first=2009, gap=2008),
            ("the lowest of the 10 years from 2008-09", True),
        ),
        (  # a record set the year before is just the change
            make_trend(high_since=YearValue(2018, 100)),
            ("", False),
        ),
        (
            make_trend(high_since=YearValue(2017, 3447)),
            ("the highest since 2016-17 (3,447)", False),
        ),
        (
            make_trend(low_since=YearValue(2014, 50)),
            ("the lowest since 2013-14 (50)", False),
        ),
        (  # the highest wins over the lowest
            make_trend(high_since=YearValue(2014, 150), low_since=YearValue(2012, 50)),
            ("the highest since 2013-14 (150)", False),
        ),
        (  # no year before to stand on: any earlier year is worth naming
            make_trend(previous=None, low_since=YearValue(2016, 50)),
            ("the lowest since 2015-16 (50)", False),
        ),
        (
            make_trend(high_since=YearValue(2018, 100), low_since=YearValue(2012, 50)),
            ("the lowest since 2011-12 (50)", False),
        ),
    ],
)
def test_record_claim(found, expected):
    assert record_claim(found) == expected


@pytest.mark.parametrize(
    ("length", "before", "earlier", "expected"),
    [
        (0, 0, 8, ("", False)),
        (1, 0, 8, ("", False)),
        (-1, 1, 8, ("", False)),  # one fall after one rise: nothing to say
        (2, 0, 8, ("the second annual rise in a row", False)),
        (-2, 0, 8, ("the second annual fall in a row", False)),
        (3, -1, 3, ("the third annual rise in a row", True)),  # back to the first year
        (3, 0, 4, ("the third annual rise in a row", False)),
        (11, 0, 11, ("the 11th annual rise in a row", True)),
        (1, -2, 8, ("the first rise after two annual falls", False)),
        (-1, 3, 8, ("the first fall after three annual rises", False)),
        (1, -2, 3, ("the first rise after two annual falls", True)),
        (1, -2, 4, ("the first rise after two annual falls", False)),
        (-1, 12, 13, ("the first fall after 12 annual rises", True)),
    ],
)
def test_run_claim(length, before, earlier, expected):
    found = make_trend(run_length=length, previous_run=before, earlier_years=earlier)
    assert run_claim(found) == expected


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (make_trend(gap=2011), "2010-11 was not reported"),
        (make_trend(gap=2011, gap_incomplete=True), "the 2010-11 figure is incomplete"),
    ],
)
def test_gap_clause(found, expected):
    assert gap_clause(found) == expected


GAP_RECORD = make_trend(series_high=True, earlier_years=2, series_first=2012, gap=2011)
GAP_RUN = make_trend(run_length=2, earlier_years=2, series_first=2012, gap=2011)


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (make_trend(), []),
        (GAP_RECORD, ["the highest of the three years from 2011-12", "2010-11 was not reported"]),
        (GAP_RUN, ["the second annual rise in a row", "2010-11 was not reported"]),
        (  # neither claim reaches the gap: it goes unmentioned
            make_trend(run_length=2, earlier_years=5, gap=2011),
            ["the second annual rise in a row"],
        ),
        (  # a run back to the start of a gapless series needs no gap clause
            make_trend(run_length=2, earlier_years=2),
            ["the second annual rise in a row"],
        ),
        (
            make_trend(series_low=True, run_length=-4, earlier_years=4, gap=2013),
            [
                "the lowest of the five years from 2009-10",
                "the fourth annual fall in a row",
                "2012-13 was not reported",
            ],
        ),
    ],
)
def test_trend_notes(found, expected):
    assert trend_notes(found) == expected


@pytest.mark.parametrize(
    ("found", "record", "run"),
    [
        (make_trend(), "", ""),
        (
            GAP_RECORD,
            "the highest of the three years from 2011-12; 2010-11 was not reported",
            "",
        ),
        (GAP_RUN, "", "the second annual rise in a row; 2010-11 was not reported"),
        (
            make_trend(run_length=2, earlier_years=2),  # reaches the start; there is no gap
            "",
            "the second annual rise in a row",
        ),
        (
            make_trend(high_since=YearValue(2015, 7), run_length=2, earlier_years=4, gap=2011),
            "the highest since 2014-15 (7)",
            "the second annual rise in a row",
        ),
    ],
)
def test_record_and_run_notes(found, record, run):
    assert record_note(found) == record
    assert run_note(found) == run
