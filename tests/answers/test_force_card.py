"""The /force card (bot/answers/force/force_card.py): hand-made ForceCard values -> the exact lines
of the Reply, one row per branch (issue 13, point 5). The other two cards are in
tests/answers/test_force_reported.py, the CSV table in tests/answers/test_force_table.py, real
answers in tests/answers/test_force_answers.py."""

from __future__ import annotations

import pytest

from bot.reply import Button
from bot.results import DrugShare, LeftOut, Rank, Trend, Unusual, YearValue
from bot.writing.release_notes import Revision
from bot.writing.render import render
from tests.support.force_cards import DRUGS, FOOTER, SEVERAL, card, later, lines, middle


def test_the_plain_card_line_by_line():
    reply = render(card())
    assert reply.html.split("\n") == [
        "<b>Kent Police: 1,000 drug seizures in 2018-19</b>",
        "<b>500 per million people</b>.",
        FOOTER,
    ]
    assert reply.text.split("\n") == [
        "Kent Police: 1,000 drug seizures in 2018-19",
        "500 per million people.",
        "Source: Home Office, Seizures of drugs in England and Wales, 2018-19; ONS mid-2018 "
        "population. Caveats: /sources",
    ]
    assert reply.kind == "answer"
    assert reply.csv_query == "/force kent 2018-19"
    assert reply.buttons == (
        (Button("Trend", "/trend kent"), Button("By drug", "/drug all kent 2018-19")),
        (Button("vs national", "/compare kent vs national 2018-19"),),
    )


def test_the_previous_year_button_only_when_the_tables_hold_it():
    buttons = render(card(has_previous_year=True)).buttons
    assert buttons[1] == (
        Button("vs national", "/compare kent vs national 2018-19"),
        Button("Previous year", "/force kent 2017-18"),
    )


def test_no_figure():
    reply = render(
        card(
            seizures=None,
            has_previous_year=True,
            population_mid_year=2018,
            rate=None,
            drugs=(DrugShare("cannabis", "Cannabis", 5),),
        )
    )
    assert reply.html.split("\n") == [
        "<b>Kent Police: no figure in the Home Office table for 2018-19</b>",
        "The force's data were missing or incomplete that year; the national total includes "
        "an estimate for it.",
        "<i>Source: Home Office, Seizures of drugs in England and Wales, 2018-19. Caveats: "
        "/sources</i>",
    ]
    assert reply.csv_query is None  # nothing to download
    assert reply.buttons[1][-1] == Button("Previous year", "/force kent 2017-18")


def test_no_figure_keeps_the_preamble():
    assert lines(card(seizures=None, fuzzy_from="kant", bare_year="2019"))[:3] == [
        "<i>Did you mean Kent Police? Showing it for “kant”.</i>",
        "<i>2019 read as the year ending March 2019 (2018-19).</i>",
        "<b>Kent Police: no figure in the Home Office table for 2018-19</b>",
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, []),
        ({"fuzzy_from": "kant"}, ["<i>Did you mean Kent Police? Showing it for “kant”.</i>"]),
        ({"bare_year": "2019"}, ["<i>2019 read as the year ending March 2019 (2018-19).</i>"]),
    ],
)
def test_preambles(fields, expected):
    found = lines(card(**fields))
    assert found[: len(expected)] == expected
    assert found[len(expected)] == "<b>Kent Police: 1,000 drug seizures in 2018-19</b>"


def test_an_incomplete_figure_is_neither_compared_nor_ranked():
    found = middle(
        card(
            partial_note="one month <missing>",
            national_rate=2432.0,
            national_rank=Rank(3, 37),
            region_rank=Rank(1, 4),
        )
    )
    assert found == [
        "<i>Incomplete: one month &lt;missing&gt;. It is not compared or ranked here.</i>"
    ]


@pytest.mark.parametrize(
    ("fields", "footer_names_population"),
    [({}, True), ({"partial_note": "one month missing"}, False), ({"rate": None}, False)],
)
def test_the_footer_names_a_population_only_where_a_rate_is_shown(fields, footer_names_population):
    footer = lines(card(**fields))[-1]
    assert ("population" in footer) is footer_names_population, footer


def test_a_revised_figure_says_so():
    revision = Revision(950, "2019 edition", "release of 12 February 2026")
    assert middle(card(revision=revision)) == [
        "<i>Revised in the release of 12 February 2026: first published as 950 (2019 edition).</i>",
        "<b>500 per million people</b>.",
    ]


def test_the_trend_line_follows_the_headline():
    found = Trend(YearValue(2018, 900), None, None, True, False, 2010, 8, 3, 0)
    assert middle(card(trend=found))[0] == (
        "Up 100 (+11.1%) on 900 in 2017-18; the highest since records here begin, 2009-10; "
        "the third annual rise in a row."
    )


def test_unusual_figures_under_the_trend():
    flag = Unusual(2019, "kent", "all_drugs", "All drugs", "above_parts", 1000, part=900)
    assert middle(card(unusual=(flag, flag))) == [
        "<i>Unusual figure: the total (1,000) is more than its classes and unknown drugs "
        "together (900), so seizures are missing from the parts; check with the force before "
        "use.</i>",
    ] * 2 + ["<b>500 per million people</b>."]


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        ("transport", "British Transport Police has no resident population"),
        ("border", "Border Force works at the border, not in a force area"),
        ("territorial", "no usable population is bundled for this force area"),
    ],
)
def test_no_rate_says_why(kind, why):
    found = middle(card(kind=kind, rate=None, national_rate=2432.0, national_rank=Rank(3, 37)))
    assert found == [f"No rate per million: {why}."]


def test_no_rate_ranks_a_territorial_force_by_count_in_its_region():
    found = middle(
        card(rate=None, region_rank_by_count=Rank(5, 5), left_out=(LeftOut("Hampshire", "blank"),))
    )
    assert found == [
        "No rate per million: no usable population is bundled for this force area.",
        "By number of seizures: lowest of five forces with a figure in the South East "
        "(Hampshire has no figure).",
    ]


@pytest.mark.parametrize("kind", ["transport", "border"])
def test_no_count_rank_for_a_force_without_an_area(kind):
    found = middle(card(kind=kind, rate=None, region_rank_by_count=Rank(1, 2)))
    assert len(found) == 1 and found[0].startswith("No rate per million: ")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "<b>500 per million people</b>."),
        (
            {"national_rate": 2432.4},
            "<b>500 per million people</b> (average: England and Wales 2,432).",
        ),
        (
            {"region_rate": 0.0},  # a rate of 0 is still a rate
            "<b>500 per million people</b> (average: South East region 0).",
        ),
        (
            {"national_rate": 0.0, "region_rate": 2181.5, "region_name": "A & B"},
            "<b>500 per million people</b> (average: England and Wales 0; A &amp; B region 2,182).",
        ),
        ({"rate": 0.0}, "<b>0 per million people</b>."),
    ],
)
def test_the_rate_and_its_averages(fields, expected):
    assert middle(card(**fields)) == [expected]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"region_rank": Rank(1, 4)},
            "Rate rank: highest of four forces with a rate in the South East.",
        ),
        ({"national_rank": Rank(18, 37)}, "Rate rank: 18th of 37 forces with a rate nationally."),
        (
            {
                "region_rank": Rank(3, 4),
                "national_rank": Rank(1, 37),
                "left_out": (LeftOut("Thames Valley", "population"),),
                "region_name": "London",
            },
            "Rate rank: third of four forces with a rate in London (Thames Valley has no usable "
            "population); 1st of 37 forces with a rate nationally.",
        ),
    ],
)
def test_rate_ranks(fields, expected):
    assert middle(card(**fields)) == ["<b>500 per million people</b>.", expected]


def test_a_count_rank_is_not_shown_beside_a_rate():
    assert middle(card(region_rank_by_count=Rank(2, 5))) == ["<b>500 per million people</b>."]


@pytest.mark.parametrize(
    ("fields", "mix"),
    [
        (
            {},
            "Drug mix (share of seizures): cannabis 60%, cocaine 15%, LSD &lt;1%, "
            "other class A 1%.",
        ),
        (
            {"unknown": 0},
            "Drug mix (share of seizures): cannabis 60%, cocaine 15%, LSD &lt;1%, "
            "other class A 1%; drug unknown 0%.",
        ),
        (
            {"unknown": 310, "class_a": 3},
            "Drug mix (share of seizures): cannabis 60%, cocaine 15%, LSD &lt;1%, "
            "other class A 1%; drug unknown 31%, any class A &lt;1%.",
        ),
        (
            {"class_a": 160},
            "Drug mix (share of seizures): cannabis 60%, cocaine 15%, LSD &lt;1%, "
            "other class A 1%; any class A 16%.",
        ),
    ],
)
def test_the_drug_mix_shows_four_drugs(fields, mix):
    found = middle(card(rate=None, kind="border", drugs=DRUGS, **fields))
    assert found[1:] == [mix, SEVERAL]


def test_the_drug_mix_text_twin_reads_the_lt_sign():
    text = render(card(drugs=DRUGS)).text
    assert "LSD <1%, other class A 1%." in text


@pytest.mark.parametrize(
    "fields",
    [{"drugs": ()}, {"seizures": 0, "drugs": DRUGS, "unknown": 1}],
)
def test_no_drug_mix_without_drugs_or_seizures(fields):
    assert not any(line.startswith("Drug mix") for line in lines(card(**fields)))


def test_later_published_figures_with_their_change_where_the_year_before_is_known():
    found = middle(
        card(
            rate=None,
            kind="border",
            later=(
                later(2020, 1100),
                later(2021, 1100.4),
                later(2023, 900),
                later(2024, 450),
            ),
        )
    )
    link = '<a href="https://www.example.org/news?a=1&amp;b=2">example.org</a>'
    assert found[1:] == [
        "Published since (not in the complete tables):",
        f"• 2019-20: 1,100 seizures, +10.0%, reported; {link}",
        f"• 2020-21: 1,100 seizures, 0.0%, reported; {link}",
        f"• 2022-23: 900 seizures, reported; {link}",  # 2021-22 was not published
        f"• 2023-24: 450 seizures, -50.0%, reported; {link}",
    ]


def test_a_later_figure_on_a_year_without_one_has_no_change():
    found = middle(card(seizures=None, later=(later(2020, 10),)))
    assert found == [  # the no-figure card shows no later figures at all
        "The force's data were missing or incomplete that year; the national total includes "
        "an estimate for it."
    ]
    zero = middle(card(seizures=0, rate=None, kind="border", later=(later(2020, 10),)))
    assert zero[-1] == f"• 2019-20: 10 seizures, reported; {zero[-1].split('; ')[-1]}"


def test_also_region_points_to_the_region():
    found = middle(card(also_region="West Midlands"))
    assert found[-1] == (
        "<i>This is the force. For the West Midlands region, ask /region West Midlands.</i>"
    )
    assert middle(card(also_region=""))[-1] == "<b>500 per million people</b>."


def test_the_footer_names_the_population_year_only_with_one():
    assert lines(card(population_mid_year=None))[-1] == (
        "<i>Source: Home Office, Seizures of drugs in England and Wales, 2018-19. "
        "Caveats: /sources</i>"
    )


def test_the_whole_card_in_order():
    found = Trend(YearValue(2018, 900), None, None, False, False, 2010, 8, 1, 0)
    flag = Unusual(2019, "kent", "all_drugs", "All drugs", "above_parts", 1000, part=900)
    full = card(
        fuzzy_from="kant",
        trend=found,
        unusual=(flag,),
        national_rate=2000.0,
        region_rank=Rank(2, 4),
        drugs=DRUGS[:1],
        later=(later(2020, 1000),),
        also_region="Kent",
        revision=Revision(None, "2019 edition", "2026 release"),
    )
    heads = [line.split(" ")[0].removeprefix("<i>").removeprefix("<b>") for line in lines(full)]
    assert heads == [
        "Did",
        "Kent",
        "Revised",
        "Up",
        "Unusual",
        "500",
        "Rate",
        "Drug",
        "A",
        "Published",
        "•",
        "This",
        "Source:",
    ]
    assert "first published as blank (2019 edition)" in lines(full)[2]
