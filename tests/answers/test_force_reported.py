"""/force beyond the complete tables (bot/answers/force/force_card.py): hand-made ReportedCard
and PublishedSeries values -> the exact lines of the Reply, one row per branch (issue 13,
point 5). The ForceCard itself is in tests/answers/test_force_card.py."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answers.force import force_card  # noqa: F401  (registers the renderers)
from bot.results import PublishedSeries, Reported, ReportedCard, YearValue
from bot.writing.render import render

URL = "https://www.example.org/a?b=1&c=2"
LINK = '<a href="https://www.example.org/a?b=1&amp;c=2">example.org</a>'
OTHER = "https://news.test/b"
NOT_AVAILABLE = (
    "Not available for 2020-21: the complete Home Office force table (the bundled tables end "
    "in 2018-19), so no rank or full drug mix."
)


def figure(
    value: float,
    measure: str = "seizures",
    drug: str = "all_drugs",
    fye: int = 2021,
    url: str = URL,
    source_type: str = "local news",
    unit: str = "seizures",
    note: str = "",
    label: str = "",
) -> Reported:
    return Reported(fye, measure, drug, value, unit, source_type, url, note, label)


TOTAL = figure(4152)


def reported_card(**fields: Any) -> ReportedCard:
    """West Mercia in 2020-21 with a published total and nothing else, but for ``fields``."""
    values: dict[str, Any] = {
        "force_id": "west-mercia",
        "full_name": "West Mercia Police",
        "kind": "territorial",
        "fye": 2021,
        "figures": (TOTAL,),
        "total": TOTAL,
        "first_published": None,
        "previous": None,
        "previous_is_table": False,
        "series_high_since": None,
        "rate": None,
        "population_mid_year": None,
        "population_note": "",
        "national_reported_rate": None,
        "last_complete_fye": 2019,
    }
    values.update(fields)
    return ReportedCard(**values)


def lines(result: object) -> list[str]:
    return render(result).html.split("\n")


def test_the_plain_reported_card():
    reply = render(reported_card())
    assert reply.html.split("\n") == [
        "<b>West Mercia Police: 4,152 drug seizures in 2020-21</b> (as reported)",
        "No rate per million: no usable population is bundled for that year.",
        NOT_AVAILABLE,
        f"<i>Source: {LINK} (local news). Caveats: /sources</i>",
    ]
    assert reply.buttons == ()
    assert reply.csv_query is None


def test_no_total_published():
    assert lines(reported_card(total=None, figures=())) == [
        "<b>West Mercia Police: no total published for 2020-21</b>",
        NOT_AVAILABLE,
        "<i>Caveats: /sources</i>",  # no figure, so no source to name
    ]


def test_the_preambles_come_first():
    found = lines(reported_card(fuzzy_from="w mercai", bare_year="2021"))
    assert found[:2] == [
        "<i>Did you mean West Mercia Police? Showing it for “w mercai”.</i>",
        "<i>2021 read as the year ending March 2021 (2020-21).</i>",
    ]


def test_first_published_figure():
    assert lines(reported_card(first_published=4000.0))[0] == (
        "<b>West Mercia Police: 4,152 drug seizures in 2020-21</b> (as reported; first "
        "published as 4,000)"
    )


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"previous": YearValue(2020, 3508)},
            "Change: +644 (+18.4%) on 3,508 in 2019-20 (as reported).",
        ),
        (
            {"previous": YearValue(2020, 5000), "previous_is_table": True},
            "Change: -848 (-17.0%) on 5,000 in 2019-20 (Home Office table).",
        ),
        (
            {"previous": YearValue(2020, 3508), "series_high_since": 2010},
            "Change: +644 (+18.4%) on 3,508 in 2019-20 (as reported); the highest since "
            "records here begin, 2009-10.",
        ),
    ],
)
def test_the_change_on_the_year_before(fields, expected):
    assert lines(reported_card(**fields))[1] == expected


@pytest.mark.parametrize("previous", [None, YearValue(2020, 0), YearValue(2020, None)])
def test_no_change_without_a_figure_the_year_before(previous):
    found = lines(reported_card(previous=previous, series_high_since=2010))
    assert not any(line.startswith("Change:") for line in found)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"rate": 3197.7, "population_mid_year": 2020},
            ["<b>3,198 per million people</b> (ONS mid-2020)."],
        ),
        (
            {"rate": 0.0, "population_mid_year": 2020},
            ["<b>0 per million people</b> (ONS mid-2020)."],
        ),
        ({}, ["No rate per million: no usable population is bundled for that year."]),
        ({"kind": "transport"}, []),
        ({"kind": "border"}, []),
        (
            {
                "national_reported_rate": figure(
                    2432.2, "rate_per_million", source_type="computed", note="Home Office table"
                )
            },
            [
                "No rate per million: no usable population is bundled for that year.",
                "England and Wales average: 2,432 per million (43 territorial forces, "
                "Home Office table).",
            ],
        ),
        (
            {"kind": "border", "national_reported_rate": figure(2808, "rate_per_million")},
            [f"National average as reported: 2,808 per million ({LINK})."],
        ),
    ],
)
def test_rates(fields, expected):
    assert lines(reported_card(**fields))[1:-2] == expected


@pytest.mark.parametrize(
    ("extra", "also"),
    [
        (
            (figure(62, "share_of_known_percent", "cannabis"),),
            "cannabis 62% of seizures where the drug was known",
        ),
        ((figure(12.4, "share_percent", "crack_cocaine"),), "crack cocaine 12% of seizures"),
        ((figure(598, "seizures", "class_a"),), "class a 598 seizures"),  # no label known
        ((figure(598, "seizures", "class_a", label="Class A"),), "class A 598 seizures"),
        ((figure(113, "seizures", "lsd", label="LSD"),), "LSD 113 seizures"),
        (
            (figure(3013, "quantity", "cannabis_plants", unit="plants"),),
            "cannabis plants 3,013 plants",
        ),
        ((figure(2.5, "quantity", "heroin", unit="kg"),), "heroin 2.5 kg"),
        ((figure(18, "change_percent"),), "change on the year before +18%"),
        ((figure(-7.5, "change_percent"),), "change on the year before -7.5%"),
        (  # a change for one drug, and a rate, are not repeated here
            (figure(9, "change_percent", "cocaine"), figure(99, "rate_per_million")),
            None,
        ),
        (
            (figure(1, "share_percent", "a<b"), figure(2, "seizures", "c&d")),
            "a&lt;b 1% of seizures; c&amp;d 2 seizures",
        ),
    ],
)
def test_also_reported(extra, also):
    found = lines(reported_card(figures=(TOTAL, *extra)))
    if also is None:
        assert not any(line.startswith("Also reported") for line in found)
    else:
        assert found[2] == f"Also reported: {also}."


def test_sources_once_each_and_only_for_seizures():
    figures = (
        TOTAL,
        figure(598, "seizures", "class_a"),
        figure(1, "seizures", "heroin", url=OTHER, source_type="BBC <News>"),
        figure(62, "share_percent", "cannabis", url="https://skipped.test/"),
    )
    assert lines(reported_card(figures=figures))[-1] == (
        f'<i>Source: {LINK} (local news), <a href="{OTHER}">news.test</a> (BBC &lt;News&gt;). '
        "Caveats: /sources</i>"
    )


def series(**fields: Any) -> PublishedSeries:
    values: dict[str, Any] = {
        "force_id": "gwent",
        "full_name": "Gwent Police",
        "totals": (),
        "first_fye": 2010,
        "last_complete_fye": 2019,
        "asked_fye": None,
    }
    values.update(fields)
    return PublishedSeries(**values)


HEAD = [
    "<b>Gwent Police: not in the bundled Home Office force tables</b>",
    "The tables here (2009-10 to 2018-19) cover the 39 English forces, British Transport "
    "Police and Border Force; the four Welsh forces are missing from them.",
]
TAIL = "<i>Caveats and gaps: /sources</i>"


def test_a_force_with_nothing_published():
    reply = render(series())
    assert reply.html.split("\n") == [*HEAD, TAIL]
    assert reply.csv_query is None and reply.buttons == ()


def test_a_year_asked_that_has_no_total():
    assert lines(series(asked_fye=2013, fuzzy_from="gwnet")) == [
        "<i>Did you mean Gwent Police? Showing it for “gwnet”.</i>",
        *HEAD,
        "No total has been found published for 2012-13.",
        TAIL,
    ]


def test_totals_as_published_with_their_revisions():
    totals = (
        figure(2046, fye=2014),
        figure(1000, fye=2017),
        figure(1079, fye=2017, url=OTHER),
        figure(983, fye=2020),
        figure(983, fye=2020, url=OTHER),
    )
    assert lines(series(totals=totals)) == [
        *HEAD,
        "Totals as published:",
        f"• 2013-14: 2,046 seizures; {LINK}",
        f'• 2016-17: 1,079 seizures (first published as 1,000); <a href="{OTHER}">news.test</a>',
        f'• 2019-20: 983 seizures; <a href="{OTHER}">news.test</a>',
        "Ask for one year, e.g. <code>/force gwent 2019-20</code>.",
        TAIL,
    ]
