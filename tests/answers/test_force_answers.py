"""/force on the real data (bot/answers/force/): which card a question gets and the
figures in it, then a few replies through ``core.answer`` (issue 13, point 5). Exact words
are checked on hand-made cards in tests/answers/test_force_card.py and
tests/answers/test_force_reported.py."""

from __future__ import annotations

import pytest

from bot.answers.figures import national_computed_rate
from bot.answers.force import ForceQuery
from bot.results import ForceCard, LeftOut, PublishedSeries, ReportedCard, YearValue
from bot.run import run


def card_for(core, question: str):
    return run(core.parser.parse(question), core.data)


def test_the_name_of_a_force_and_a_region_points_to_both(core):
    query = core.parser.parse("/force West Midlands")
    assert isinstance(query, ForceQuery)
    assert query.also_region == "West Midlands"
    assert query.fye is None and query.year is None
    assert core.parser.parse("/force west midlnds").also_region is None  # a guess: no
    assert core.parser.parse("/force Kent").also_region is None


def test_the_latest_complete_year_by_default(core):
    found = card_for(core, "/force Kent")
    assert isinstance(found, ForceCard)
    assert found.fye == core.data.last_fye == 2019
    assert found.has_previous_year
    assert found.population_mid_year == 2018
    assert all(item.fye > core.data.last_fye for item in found.later)


def test_later_figures_are_those_after_the_tables(core):
    found = card_for(core, "/force West Mercia")  # a 2018-19 total was published too
    assert [item.fye for item in found.later] == [2020, 2021]


@pytest.mark.parametrize(
    ("question", "bare", "previous"),
    [("/force Kent 2010-11", None, True), ("/force Kent 2011", "2011", True)],
)
def test_the_second_year_has_a_previous_year(core, question, bare, previous):
    found = card_for(core, question)
    assert found.fye == core.data.first_fye + 1
    assert found.bare_year == bare
    assert found.has_previous_year is previous


def test_the_first_year_has_no_previous_year(core):
    found = card_for(core, "/force Kent 2010")
    assert isinstance(found, ForceCard)
    assert found.fye == core.data.first_fye
    assert not found.has_previous_year
    assert found.bare_year == "2010"
    assert found.left_out == (LeftOut("Thames Valley", "population"),)


def test_a_blank_year_is_a_gap_for_the_trend(core):
    found = card_for(core, "/force Hampshire 2015-16")
    assert isinstance(found, ForceCard) and found.trend is not None
    assert found.trend.gap == 2015 and found.trend.previous is None
    blank = card_for(core, "/force Hampshire 2014-15")
    assert isinstance(blank, ForceCard)
    assert blank.seizures is None and blank.trend is None


def test_an_incomplete_year_is_a_gap_and_has_no_trend(core):
    found = card_for(core, "/force Surrey 2012-13")
    assert isinstance(found, ForceCard)
    assert found.partial_note and found.trend is None
    after = card_for(core, "/force Surrey 2013-14")
    assert after.trend.gap == 2013 and after.trend.gap_incomplete


def test_drugs_are_drugs_with_seizures(core):
    found = card_for(core, "/force West Mercia 2018-19")
    assert found.drugs and all(d.seizures for d in found.drugs)
    ids = {d.drug for d in found.drugs}
    assert not ids & {"class_a", "class_b", "class_c", "unknown", "all_drugs"}
    assert found.unknown is not None and found.class_a is not None


def test_no_usable_population_ranks_by_count(core):
    found = card_for(core, "/force Thames Valley 2016-17")
    assert found.rate is None and found.population_mid_year is None
    assert found.population_note.startswith("unusable")
    assert found.region_rank_by_count is not None
    text = core.answer("/force Thames Valley 2016-17").text
    assert "No rate per million: no usable population is bundled for this force area." in text
    assert "By number of seizures: lowest of five forces with a figure in the South East." in text


@pytest.mark.parametrize(
    ("question", "kind", "why"),
    [
        ("/force btp", "transport", "British Transport Police has no resident population"),
        ("/force Border Force", "border", "Border Force works at the border, not in a force area"),
    ],
)
def test_forces_without_an_area_have_no_rate_and_no_region(core, question, kind, why):
    found = card_for(core, question)
    assert found.kind == kind and found.rate is None and found.region_rank_by_count is None
    text = core.answer(question).text
    assert f"No rate per million: {why}." in text
    assert "By number of seizures" not in text and "Rate rank" not in text


def test_a_later_year_with_a_published_total(core):
    found = card_for(core, "/force West Mercia 2019-20")
    assert isinstance(found, ReportedCard)
    assert found.previous == YearValue(2019, 3292) and found.previous_is_table
    assert found.series_high_since == 2010
    assert found.total is not None and found.total.value == 3508
    assert found.first_published is None and found.bare_year is None
    assert found.population_mid_year == 2019
    population = core.data.store.one("area-population", area_id="west-mercia", fye=2020)
    assert found.rate == pytest.approx(3508 * 1e6 / population["population"])
    after = card_for(core, "/force West Mercia 2020-21")
    assert after.previous == YearValue(2020, 3508) and not after.previous_is_table


def test_a_revised_published_total_names_the_first(core):
    found = card_for(core, "/force Dyfed-Powys 2020-21")
    assert isinstance(found, ReportedCard)
    assert found.total is not None and found.total.value == 2219
    assert found.first_published == 2225


def test_a_later_year_without_a_total(core):
    found = card_for(core, "/force Kent 2023-24")
    assert isinstance(found, ReportedCard) and found.total is None
    assert "Kent Police: no total published for 2023-24" in core.answer("/force Kent 2023-24").text


@pytest.mark.parametrize(
    ("question", "asked"), [("/force Gwent", None), ("/force Gwent 2012-13", 2013)]
)
def test_a_welsh_force_gets_what_was_published(core, question, asked):
    found = card_for(core, question)
    assert isinstance(found, PublishedSeries)
    assert found.asked_fye == asked
    assert [t.fye for t in found.totals] == sorted(t.fye for t in found.totals)


def test_a_welsh_force_in_a_published_year_gets_the_reported_card(core):
    assert isinstance(card_for(core, "/force Gwent 2019-20"), ReportedCard)


def test_replies_through_the_core(core):
    west_midlands = core.answer("/force West Midlands").html
    assert (
        "<i>This is the force. For the West Midlands region, ask /region West Midlands.</i>"
        in west_midlands
    )
    fuzzy = core.answer("/force west merica").html.split("\n")
    assert fuzzy[0] == "<i>Did you mean West Mercia Police? Showing it for “west merica”.</i>"
    bare = core.answer("/force Kent 2010")
    assert bare.html.startswith("<i>2010 read as the year ending March 2010 (2009-10).</i>\n")
    assert "This is the first year in the series." in bare.text
    assert [b.label for row in bare.buttons for b in row] == ["Trend", "By drug", "vs national"]
    assert bare.csv_query == "/force kent 2009-10"


def test_the_england_and_wales_rate_is_one_figure(core):
    found = card_for(core, "/force Kent 2018-19")
    (computed,) = national_computed_rate(core.data, 2019)
    assert computed.value == pytest.approx(found.national_rate)
