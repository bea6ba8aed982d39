"""bot.answers.figures: series -> Trend field by field, region rows -> what a rank leaves out,
published rows -> totals, store rows -> ranks; then the store-reading helpers on the real
data (issue 13, point 5). The words these become are tested in tests/writing/test_render.py."""

from __future__ import annotations

import pytest

from bot.answers.figures import (
    left_out,
    national_computed_rate,
    national_reported_rate,
    population_note,
    rank_of,
    reported_rows,
    source_lines,
    totals,
    trend,
    unusual,
)
from bot.results import LeftOut, Rank, Reported, Trend, YearValue


def series(*values: int | None, first: int = 2010) -> list[YearValue]:
    return [YearValue(first + i, v) for i, v in enumerate(values)]


def year(fye: int, seizures: int | None) -> YearValue:
    return YearValue(fye, seizures)


# (values from 2010, fye, incomplete) -> the Trend, every field
TRENDS = [
    (  # three falls' worth of years: lowest since the start, a run of two
        (100, 90, 80),
        2012,
        set(),
        Trend(year(2011, 90), year(2011, 90), None, False, True, 2010, 2, -2, 0),
    ),
    (  # equal to the year before: both "at or above" and "at or below", no run
        (100, 100),
        2011,
        set(),
        Trend(year(2010, 100), year(2010, 100), year(2010, 100), False, False, 2010, 1, 0, 0),
    ),
    (  # the first year: nothing before it
        (100,),
        2010,
        set(),
        Trend(None, None, None, False, False, 2010, 0, 0, 0),
    ),
    (  # later years are not compared
        (100, 200, 50),
        2011,
        set(),
        Trend(year(2010, 100), None, year(2010, 100), True, False, 2010, 1, 1, 0),
    ),
    (  # one fall after two rises
        (10, 20, 30, 20),
        2013,
        set(),
        Trend(year(2012, 30), year(2012, 30), year(2011, 20), False, False, 2010, 3, -1, 2),
    ),
    (  # one rise after two falls
        (30, 20, 10, 20),
        2013,
        set(),
        Trend(year(2012, 10), year(2011, 20), year(2012, 10), False, False, 2010, 3, 1, -2),
    ),
    (  # an unchanged year ends a run: no run before it is counted
        (10, 20, 20, 30),
        2013,
        set(),
        Trend(year(2012, 20), None, year(2012, 20), True, False, 2010, 3, 1, 0),
    ),
    (  # a blank year is a gap: comparisons start after it
        (50, None, 100, 110, 120),
        2014,
        set(),
        Trend(year(2013, 110), None, year(2013, 110), True, False, 2012, 2, 2, 0, 2011, False),
    ),
    (  # an incomplete year is a gap too, and is called incomplete
        (50, 10, 100, 110, 120),
        2014,
        {2011},
        Trend(year(2013, 110), None, year(2013, 110), True, False, 2012, 2, 2, 0, 2011, True),
    ),
    (  # the year before is the gap
        (500, None, 100),
        2012,
        set(),
        Trend(None, None, None, False, False, 2012, 0, 0, 0, 2011, False),
    ),
    (  # a blank first year is a gap as well
        (None, 100, 110),
        2012,
        set(),
        Trend(year(2011, 100), None, year(2011, 100), True, False, 2011, 1, 1, 0, 2010, False),
    ),
    (  # the highest since a year inside the series
        (999, None, 300, 200, 250),
        2014,
        set(),
        Trend(
            year(2013, 200),
            year(2012, 300),
            year(2013, 200),
            False,
            False,
            2012,
            2,
            1,
            -1,
            2011,
            False,
        ),
    ),
]


@pytest.mark.parametrize(("values", "fye", "incomplete", "expected"), TRENDS)
def test_trend(values, fye, incomplete, expected):
    assert trend(series(*values), fye, incomplete) == expected


@pytest.mark.parametrize(
    ("values", "fye", "incomplete"),
    [
        ((100, 90), 2015, set()),  # a year the series does not hold
        ((100, None), 2011, set()),  # a blank year
        ((100, 90), 2011, {2011}),  # an incomplete year
    ],
)
def test_no_trend_for_a_year_without_a_complete_figure(values, fye, incomplete):
    assert trend(series(*values), fye, incomplete) is None


@pytest.mark.parametrize(
    ("values", "run"),
    [
        ((1, 2, 3, 4, 5, 6), (5, 0)),
        ((6, 5, 4, 3, 2, 1), (-5, 0)),
        ((1, 2, 3, 2, 1, 0), (-3, 2)),
        ((5, 4, 5, 6), (2, -1)),
        ((5, 5, 6), (1, 0)),
        ((5, 6, 6), (0, 0)),
    ],
)
def test_runs_end_at_the_year_asked(values, run):
    found = trend(series(*values), 2010 + len(values) - 1)
    assert found is not None
    assert (found.run_length, found.previous_run) == run


@pytest.mark.parametrize(("earlier", "claimable"), [(0, False), (1, False), (2, True), (9, True)])
def test_a_record_needs_two_earlier_years(earlier, claimable):
    found = Trend(None, None, None, True, False, 2010, earlier, 0, 0)
    assert found.record_claimable is claimable


def region_row(force_id, seizures=100, partial_note=None, rate=1.0):
    return {
        "force_id": force_id,
        "name": force_id.title(),
        "seizures": seizures,
        "partial_note": partial_note,
        "rate_per_million": rate,
    }


REGION = [
    region_row("kent"),
    region_row("surrey", partial_note="one month missing"),
    region_row("hampshire", seizures=None, rate=None),
    region_row("thames", rate=None),
    region_row("sussex", seizures=None, partial_note="both"),
    region_row("essex", partial_note="x", rate=None),
]


@pytest.mark.parametrize(
    ("force_id", "by", "expected"),
    [
        (
            "kent",
            "rate",
            (
                LeftOut("Surrey", "partial"),
                LeftOut("Hampshire", "blank"),
                LeftOut("Thames", "population"),
                LeftOut("Sussex", "blank"),
                LeftOut("Essex", "partial"),
            ),
        ),
        (
            "kent",
            "count",
            (
                LeftOut("Surrey", "partial"),
                LeftOut("Hampshire", "blank"),
                LeftOut("Sussex", "blank"),
                LeftOut("Essex", "partial"),
            ),
        ),
        (
            "thames",
            "count",
            (
                LeftOut("Surrey", "partial"),
                LeftOut("Hampshire", "blank"),
                LeftOut("Sussex", "blank"),
                LeftOut("Essex", "partial"),
            ),
        ),
    ],
)
def test_left_out_names_the_others_and_why(force_id, by, expected):
    assert left_out(REGION, force_id, by) == expected


@pytest.mark.parametrize(("force_id", "by"), [("surrey", "rate"), ("hampshire", "count")])
def test_left_out_never_names_the_force_ranked(force_id, by):
    assert force_id.title() not in {item.name for item in left_out(REGION, force_id, by)}
    assert len(left_out(REGION, force_id, by)) == len(left_out(REGION, "kent", by)) - 1


def test_left_out_of_a_complete_region_is_empty():
    assert left_out([region_row("a"), region_row("b")], "a", "rate") == ()


def reported(fye, value, measure="seizures", drug="all_drugs", note=""):
    return Reported(fye, measure, drug, value, "seizures", "news", "https://x.test/", note)


def test_totals_are_all_drugs_seizures_by_year_the_revised_last():
    rows = [
        reported(2021, 130, note="Revised in the 2023 edition"),
        reported(2021, 120),
        reported(2020, 100),
        reported(2020, 40, drug="cannabis"),
        reported(2020, 60, measure="share_percent"),
        reported(2022, 150, note="revised"),
    ]
    assert totals(rows) == [rows[2], rows[1], rows[0], rows[5]]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({}, None),
        ({"region_rank": None, "region_count": 4}, None),
        ({"region_rank": 2.0, "region_count": 4.0}, Rank(2, 4)),
        ({"region_rank": 1, "region_count": 1}, Rank(1, 1)),
    ],
)
def test_rank_of(row, expected):
    found = rank_of(row, "region_rank", "region_count")
    assert found == expected
    if found is not None:
        assert type(found.rank) is int and type(found.of) is int


# --- on the real data ----------------------------------------------------------------------


def test_unusual_picks_the_year_force_and_drug(core):
    data = core.data
    suffolk = unusual(data, 2018, "suffolk")
    assert any(flag.drug == "crack" and flag.rule == "spike" for flag in suffolk)
    assert all(flag.fye == 2018 and flag.force_id == "suffolk" for flag in suffolk)
    assert unusual(data, 2018, "suffolk", "all_drugs") == tuple(
        flag for flag in suffolk if flag.drug == "all_drugs"
    )
    every = unusual(data, 2018, notes=True)
    assert set(suffolk) <= set(every)
    assert {flag.force_id for flag in every} != {"suffolk"}
    assert unusual(data, 2017, "suffolk", "crack") == ()
    assert all(not flag.note for flag in unusual(data, 2018))
    assert any(flag.note for flag in every)  # North Yorkshire, Northumbria: unknown drugs


def test_reported_rows_keep_only_figures_with_a_value(core):
    rows = reported_rows(core.data, "west-mercia")
    assert rows and all(row.value is not None for row in rows)
    assert {row.fye for row in totals(rows)} >= {2020, 2021}


def test_national_rates(core):
    data = core.data
    computed = national_computed_rate(data, 2019)
    assert len(computed) == 1
    assert computed[0].source_type == "computed"
    assert computed[0].value > 0  # equal to /force's: tests/answers/test_force_answers.py
    assert national_computed_rate(data, data.last_fye + 1) == []
    assert all(r.measure == "rate_per_million" for r in national_reported_rate(data, 2020))


def test_population_note_only_where_a_force_has_no_rate(core):
    assert population_note(core.data, "west-mercia") == ""
    assert population_note(core.data, "thames-valley").startswith("unusable: ")


def test_source_lines_name_title_publisher_edition_and_address(core):
    (line,) = source_lines(core.data, ["ons-population"])
    assert line.startswith("ONS mid-year population: ")
    assert "(Office for National Statistics / StatsWales (POPU1009); 2011-Census-based" in line
    assert line.endswith(
        ") https://statswales.gov.wales/Catalogue/Population-and-Migration/Population/Estimates"
    )
