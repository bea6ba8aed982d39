"""Only claims the figures support (issue 10, point 4): records and runs stop at a gap,
ranks say what they left out, unusual figures carry a caveat, grammar a sub-editor keeps,
and /story names where a figure comes from. Tables of figures -> text, then real answers."""

from __future__ import annotations

import re

import pytest

from bot.answers.figures import trend
from bot.results import LeftOut, Rank, Unusual, YearValue
from bot.writing.render import rank_text, seizure_count, trend_lines, unusual_line


def series(*values: int | None, first: int = 2010) -> list[YearValue]:
    return [YearValue(first + i, v) for i, v in enumerate(values)]


@pytest.mark.parametrize(
    ("values", "fye", "incomplete", "expected"),
    [
        # second year: no "since records here begin"
        ((100, 90), 2011, set(), "Down 10 (-10.0%) on 100 in 2009-10."),
        # third year: the record may be claimed
        (
            (100, 90, 80),
            2012,
            set(),
            "Down 10 (-11.1%) on 90 in 2010-11; the lowest since records here begin, "
            "2009-10; the second annual fall in a row.",
        ),
        # the year before is blank: nothing reaches across it
        (
            (500, None, 100),
            2012,
            set(),
            "No complete figure for the year before to compare: 2010-11 was not reported.",
        ),
        # an incomplete year is a gap too, and is called incomplete
        (
            (500, 10, 100),
            2012,
            {2011},
            "No complete figure for the year before to compare: the 2010-11 figure is incomplete.",
        ),
        # records after a gap stop at it and say so
        (
            (50, None, 100, 110, 120),
            2014,
            set(),
            "Up 10 (+9.1%) on 110 in 2012-13; the highest of the three years from 2011-12; "
            "the second annual rise in a row; 2010-11 was not reported.",
        ),
        # one year after a gap: no record claimed
        ((50, None, 100, 120), 2013, set(), "Up 20 (+20.0%) on 100 in 2011-12."),
        # a record inside the stretch needs no word on the gap
        (
            (999, None, 300, 200, 250),
            2014,
            set(),
            "Up 50 (+25.0%) on 200 in 2012-13; the highest since 2011-12 (300).",
        ),
    ],
)
def test_records_and_runs_stop_at_a_gap(values, fye, incomplete, expected):
    found = trend(series(*values), fye, incomplete)
    assert found is not None
    current = {v.fye: v.seizures for v in series(*values)}[fye]
    assert trend_lines(found, current) == [expected]


def test_the_first_year_says_so():
    found = trend(series(100), 2010)
    assert found is not None
    assert trend_lines(found, 100) == ["This is the first year in the series."]


@pytest.mark.parametrize(
    ("rank", "left_out", "what", "expected"),
    [
        (
            Rank(3, 4),
            (LeftOut("Thames Valley", "population"),),
            "a rate",
            "third of four forces with a rate in the South East "
            "(Thames Valley has no usable population)",
        ),
        (
            Rank(1, 4),
            (LeftOut("Hampshire", "blank"),),
            "a figure",
            "highest of four forces with a figure in the South East (Hampshire has no figure)",
        ),
        (
            Rank(4, 4),
            (LeftOut("Surrey", "partial"),),
            "a rate",
            "lowest of four forces with a rate in the South East (Surrey's figure is incomplete)",
        ),
        (Rank(2, 5), (), "a rate", "second of five forces with a rate in the South East"),
    ],
)
def test_ranks_count_what_was_ranked_and_name_what_was_not(rank, left_out, what, expected):
    assert rank_text(rank, "in the South East", left_out, what) == expected


@pytest.mark.parametrize(
    ("value", "label", "expected"),
    [
        (1, "crack cocaine", "1 crack cocaine seizure"),
        (2, "", "2 seizures"),
        (1_234, "heroin", "1,234 heroin seizures"),
    ],
)
def test_singular_for_one(value, label, expected):
    assert seizure_count(value, label) == expected


@pytest.mark.parametrize(
    ("flag", "words"),
    [
        (
            Unusual(2018, "suffolk", "crack", "Crack cocaine", "spike", 414, 30, 26),
            "414 is more than three times both 2016-17 (30) and 2018-19 (26), which agree",
        ),
        (
            Unusual(
                2016,
                "leicestershire",
                "all_drugs",
                "All drugs",
                "below_part",
                1069,
                part_label="Class B",
                part=1180,
            ),
            "the total (1,069) is below its class B count (1,180)",
        ),
        (
            Unusual(
                2010, "merseyside", "all_drugs", "All drugs", "spike", 12946, None, 1797, part=1948
            ),  # fmt: skip
            "12,946 is more than three times both 2010-11 (1,797) and 2011-12 (1,948)",
        ),
        (
            Unusual(2015, "warwickshire", "class_a", "Class A", "spike", 40, 243, 202),
            "40 is under a third of both 2013-14 (243) and 2015-16 (202)",
        ),
        (
            Unusual(2019, "lincolnshire", "all_drugs", "All drugs", "above_parts", 333, part=300),
            "the total (333) is more than its classes and unknown drugs together (300)",
        ),
    ],
)
def test_unusual_figures_get_one_short_line(flag, words):
    line = unusual_line(flag)
    assert words in line
    assert line.startswith("<i>Unusual figure: ")
    assert line.endswith("check with the force before use.</i>")


# --- through the core, on the real data ----------------------------------------------------


def text(core, question: str) -> str:
    return core.answer(question).text


def test_hampshire_claims_no_record_across_its_blank_years(core):
    reply = text(core, "/force Hampshire 2015-16")
    assert "since records here begin" not in reply
    assert "2014-15 was not reported" in reply
    later = text(core, "/force Hampshire 2018-19")
    assert "records here begin" not in later
    assert "2014-15 was not reported" in later


def test_no_record_in_the_second_year_of_a_series(core):
    assert "since records here begin" not in text(core, "/force Kent 2010-11")


def test_surrey_stops_at_its_incomplete_year(core):
    reply = text(core, "/force Surrey 2013-14")
    assert "the 2012-13 figure is incomplete" in reply
    assert "highest since 2011-12" not in reply


def test_suffolk_crack_is_shown_with_the_unusual_line(core):
    reply = text(core, "/drug crack Suffolk 2017-18")
    assert "414 crack cocaine seizures" in reply
    assert "Unusual figure" in reply and "check with the force before use" in reply


def test_rank_marks_the_unusual_figure_at_the_top(core):
    reply = text(core, "/rank crack 2017-18")
    assert re.search(r"1 Suffolk! +547 +414", reply)
    assert "! Suffolk: Unusual figure" in reply


def test_leicestershire_total_below_its_class_b_is_explained(core):
    reply = text(core, "/force Leicestershire 2015-16")
    assert "below its class B count (1,180)" in reply


def test_rank_in_a_region_names_the_force_without_a_rate(core):
    reply = text(core, "/force Hampshire 2015-16")
    assert (
        "third of four forces with a rate in the South East "
        "(Thames Valley has no usable population)" in reply
    )


def test_cannabis_plants_are_not_plants_twice(core):
    reply = text(core, "/drug cannabis dyfed-powys 2020-21")
    assert "6,940 cannabis plants" in reply
    assert "plants of" not in reply


def test_a_quantity_rounded_to_nothing_is_less_than_half_a_kilo(core):
    reply = text(core, "/drug heroin kent 2018-19")
    assert "less than 0.5 kg (published as 0)" in reply
    assert "Quantity seized: 0 kg" not in reply


def test_story_names_the_outlet_and_lists_checks(core):
    reply = text(core, "/story dyfed-powys 2021-22")
    assert "cambrian-news.co.uk reported, from Home Office figures" in reply
    assert "Home Office figures show" not in reply
    assert "Ready to publish" not in reply
    assert "Before publishing, check" in reply


def test_story_builds_no_sentence_on_an_unusual_total(core):
    reply = text(core, "/story Merseyside 2009-10")
    assert "per cent from" not in reply.split("\n\n")[0]
    assert "the 2009-10 total with the force" in reply


# Every flag the rules give on the bundled tables, with its rule (queries/schema.sql, table
# unusual; data/README.md lists them). Issue 18: the old "jump" rule flagged level
# shifts and the recovery after an odd year; these are the cases it was tested against.
FLAGS = {
    (2010, "merseyside", "all_drugs", "spike"),  # 12,946, about 7 times every later year
    (2010, "merseyside", "class_a", "spike"),
    (2010, "merseyside", "class_b", "spike"),
    (2010, "merseyside", "class_c", "spike"),
    (2011, "merseyside", "benzodiazepines", "spike"),
    (2013, "west-yorkshire", "other_class_b", "spike"),
    (2015, "warwickshire", "class_a", "spike"),  # 40 between 243 and 202
    (2015, "warwickshire", "cocaine", "spike"),
    (2016, "avon-and-somerset", "unknown", "spike"),
    (2016, "thames-valley", "other_class_a", "spike"),
    (2017, "wiltshire", "anabolic_steroids", "spike"),
    (2018, "suffolk", "crack", "spike"),
    (2018, "suffolk", "class_a", "spike"),
    (2016, "leicestershire", "all_drugs", "below_part"),
    (2019, "lincolnshire", "all_drugs", "above_parts"),  # 333 above 300
    (2019, "avon-and-somerset", "all_drugs", "unknown_rise"),  # the whole +1,254
    (2017, "north-yorkshire", "all_drugs", "unknown_rise"),
    (2018, "north-yorkshire", "all_drugs", "unknown_rise"),
    (2019, "north-yorkshire", "all_drugs", "unknown_rise"),
    (2014, "northamptonshire", "all_drugs", "unknown_rise"),
    (2016, "suffolk", "all_drugs", "unknown_rise"),
    (2017, "suffolk", "all_drugs", "unknown_rise"),
    (2015, "warwickshire", "all_drugs", "unknown_rise"),
    (2019, "warwickshire", "all_drugs", "unknown_rise"),
    (2015, "west-mercia", "all_drugs", "unknown_rise"),
    (2019, "west-mercia", "all_drugs", "unknown_rise"),
}


def test_unusual_flags_come_from_the_rules(store):
    rows = store.rows("unusual-all")
    assert {(r["fye"], r["force_id"], r["drug"], r["rule"]) for r in rows} == FLAGS
    for row in rows:
        if row["rule"] == "spike" and row["before"] is not None:
            n, a, b = row["seizures"], row["before"], row["after"]
            assert n > 3 * max(a, b) or 3 * n < min(a, b)
            assert abs(a - b) <= 0.5 * min(abs(n - a), abs(n - b))  # the neighbours agree


@pytest.mark.parametrize(
    "question",
    [
        "/force Kent 2010-11",  # the recovery from 2009-10, not an odd year
        "/force Bedfordshire 2010-11",
        "/force Merseyside 2010-11",
        "/force Thames Valley 2016-17",  # a new level that persists
        "/force Thames Valley 2017-18",
        "/force Cheshire 2017-18",
    ],
)
def test_no_flag_for_a_level_shift_or_a_recovery(core, question):
    assert "Unusual figure" not in text(core, question)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("/force Merseyside 2009-10", "Unusual figure: 12,946 is more than three times both"),
        ("/rank 2009-10", "! Merseyside: Unusual figure: 12,946"),
        ("/drug class a Warwickshire 2014-15", "Unusual figure: 40 is under a third of both"),
        ("/force Lincolnshire 2018-19", "the total (333) is more than its classes and unknown"),
        (
            "/force Avon and Somerset 2018-19",
            "The whole rise on 2017-18 (+1,254) is in seizures of unknown drugs (0 to 1,264)",
        ),
    ],
)
def test_flags_the_issue_found_missing(core, question, words):
    assert words in text(core, question)


def test_a_note_on_unknown_drugs_is_no_warning(core):
    reply = text(core, "/story West Mercia 2018-19")
    assert "the 2018-19 total with the force" not in reply
    ranks = text(core, "/rank 2018-19")
    assert "Lincolnshire!" in ranks  # a warning is marked; a note is not
    assert "West Mercia!" not in ranks and "Avon & Somerset!" not in ranks
