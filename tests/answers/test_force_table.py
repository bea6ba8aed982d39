"""/csv of a /force card: a hand-made ForceCard -> the rows and sources of its Table
(issue 13, point 5)."""

from __future__ import annotations

from bot.results import Trend, YearValue
from bot.writing.tables import to_table
from tests.support.force_cards import DRUGS, URL, card, later


def test_the_card_as_a_table():
    table = to_table(
        card(
            trend=Trend(YearValue(2018, 900), None, None, False, False, 2010, 8, 1, 0),
            national_rate=2432.44,
            region_rate=None,
            drugs=DRUGS[:2],
            unknown=0,
            class_a=None,
            later=(later(2020, 1100.0),),
            sources=("bdd-force", "ons-population"),
        )
    )
    assert table.name == "kent-2018-19"
    assert table.rows == (
        ("kent", "2018-19", "seizures", "all_drugs", 1000, "seizures"),
        ("kent", "2017-18", "seizures", "all_drugs", 900, "seizures"),
        ("kent", "2018-19", "rate_per_million", "all_drugs", 500.4, "per million"),
        (
            "kent",
            "2018-19",
            "england_and_wales_rate_per_million",
            "all_drugs",
            2432.4,
            "per million",
        ),
        ("kent", "2018-19", "seizures", "cannabis", 600, "seizures"),
        ("kent", "2018-19", "seizures", "cocaine", 150, "seizures"),
        ("kent", "2018-19", "seizures", "unknown", 0, "seizures"),
        ("kent", "2019-20", "seizures (as reported)", "all_drugs", 1100, "seizures"),
    )
    assert table.sources == ("bdd-force", "ons-population", URL)


def test_the_first_year_table_has_one_seizures_row():
    rows = to_table(card(rate=None, trend=Trend(None, None, None, False, False, 2010, 0, 0, 0)))
    assert rows.rows == (("kent", "2018-19", "seizures", "all_drugs", 1000, "seizures"),)
