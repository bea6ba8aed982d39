"""bot.writing.render's short phrases: counts, ranks and what they leave out, unusual figures,
links and footers; hand-made values -> exact text (issue 13, point 5)."""

from __future__ import annotations

import pytest

from bot.results import LeftOut, Rank, Reported, Unusual
from bot.writing.release_notes import naming_releases
from bot.writing.render import footer, left_out_text, link, rank_text, seizure_count, unusual_line


@pytest.mark.parametrize(
    ("value", "label", "expected"),
    [
        (0, "", "0 seizures"),
        (1, "", "1 seizure"),
        (1.4, "", "1 seizure"),
        (2, "heroin", "2 heroin seizures"),
        (1, "crack cocaine", "1 crack cocaine seizure"),
        (12345, "", "12,345 seizures"),
    ],
)
def test_seizure_count(value, label, expected):
    assert seizure_count(value, label) == expected


@pytest.mark.parametrize(
    ("rank", "left", "what", "expected"),
    [
        (Rank(1, 1), (), "a rate", "the only force with a rate in Wales"),
        (Rank(1, 4), (), "a rate", "highest of four forces with a rate in Wales"),
        (Rank(4, 4), (), "a figure", "lowest of four forces with a figure in Wales"),
        (Rank(2, 4), (), "a rate", "second of four forces with a rate in Wales"),
        (Rank(3, 4), (), "a rate", "third of four forces with a rate in Wales"),
        (Rank(12, 37), (), "a rate", "12th of 37 forces with a rate in Wales"),
        (Rank(2, 2), (), "a rate", "lowest of two forces with a rate in Wales"),
        (
            Rank(1, 2),
            (LeftOut("Gwent", "blank"), LeftOut("A & B", "population")),
            "a rate",
            "highest of two forces with a rate in Wales (Gwent has no figure; "
            "A &amp; B has no usable population)",
        ),
        (
            Rank(1, 1),
            (LeftOut("Gwent", "partial"),),
            "a rate",
            "the only force with a rate in Wales (Gwent's figure is incomplete)",
        ),
    ],
)
def test_rank_text(rank, left, what, expected):
    assert rank_text(rank, "in Wales", left, what) == expected


def test_rank_text_counts_a_rate_by_default():
    assert rank_text(Rank(2, 3), "nationally") == "second of three forces with a rate nationally"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (LeftOut("Thames Valley", "population"), "Thames Valley has no usable population"),
        (LeftOut("Hampshire", "blank"), "Hampshire has no figure"),
        (LeftOut("Surrey", "partial"), "Surrey's figure is incomplete"),
        (LeftOut("<Surrey>", "partial"), "&lt;Surrey&gt;'s figure is incomplete"),
    ],
)
def test_left_out_text(item, expected):
    assert left_out_text(item) == expected


@pytest.mark.parametrize(
    ("flag", "lead", "expected"),
    [
        (
            Unusual(2018, "suffolk", "crack", "Crack cocaine", "spike", 414, 30, 26),
            "",
            "<i>Unusual figure: 414 is more than three times both 2016-17 (30) and 2018-19 "
            "(26), which agree with each other; check with the force before use.</i>",
        ),
        (
            Unusual(
                2016,
                "leics",
                "all_drugs",
                "All drugs",
                "below_part",
                1069,
                part_label="Class B",
                part=1180,
            ),
            "",
            "<i>Unusual figure: the total (1,069) is below its class B count (1,180), so "
            "shares of it are overstated; check with the force before use.</i>",
        ),
        (
            Unusual(
                2010, "merseyside", "all_drugs", "All drugs", "spike", 12946, None, 1797, part=1948
            ),  # fmt: skip
            "! Merseyside: ",
            "<i>! Merseyside: Unusual figure: 12,946 is more than three times both 2010-11 "
            "(1,797) and 2011-12 (1,948), which agree with each other; check with the force "
            "before use.</i>",
        ),
        (  # missing neighbours are written as 0, never as None
            Unusual(2011, "kent", "all_drugs", "All drugs", "spike", 4934),
            "",
            "<i>Unusual figure: 4,934 is more than three times both 2011-12 (0) and 2012-13 "
            "(0), which agree with each other; check with the force before use.</i>",
        ),
        (
            Unusual(
                2019,
                "avon",
                "all_drugs",
                "All drugs",
                "unknown_rise",
                4324,
                3070,
                1264,
                part_label="Unknown",
                part=1264,
            ),  # fmt: skip
            "",
            "<i>The whole rise on 2017-18 (+1,254) is in seizures of unknown drugs (0 to "
            "1,264).</i>",
        ),
        (
            Unusual(
                2019, "wm", "all_drugs", "All drugs", "unknown_rise", 2898, 3195, 226, part=-221
            ),  # fmt: skip
            "",
            "<i>221 of the fall on 2017-18 (-297) is in seizures of unknown drugs (447 to "
            "226).</i>",
        ),
        (
            Unusual(2016, "x", "all_drugs", "All drugs", "below_part", 5, part_label="Class <B>"),
            "",
            "<i>Unusual figure: the total (5) is below its class &lt;B&gt; count (0), so "
            "shares of it are overstated; check with the force before use.</i>",
        ),
    ],
)
def test_unusual_line(flag, lead, expected):
    assert unusual_line(flag, lead) == expected


def source(url: str) -> Reported:
    return Reported(2020, "seizures", "all_drugs", 1.0, "seizures", "news", url, "")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.gov.uk/x", '<a href="https://www.gov.uk/x">gov.uk</a>'),
        (
            "https://shropshirestar.com/a?b=1&c=2",
            '<a href="https://shropshirestar.com/a?b=1&amp;c=2">shropshirestar.com</a>',
        ),
        (
            "https://news.www.example.org/",
            '<a href="https://news.www.example.org/">news.www.example.org</a>',
        ),
    ],
)
def test_link(url, expected):
    assert link(source(url)) == expected


@pytest.mark.parametrize(
    ("fye", "population_year", "notes", "expected"),
    [
        (
            2019,
            2018,
            {},
            "<i>Source: Home Office, Seizures of drugs in England and Wales, 2018-19; ONS "
            "mid-2018 population. Caveats: /sources</i>",
        ),
        (
            2019,
            None,
            {},
            "<i>Source: Home Office, Seizures of drugs in England and Wales, 2018-19. "
            "Caveats: /sources</i>",
        ),
        (
            2020,
            2019,
            {2020: "release of 12 February 2026 & more", 2019: "other"},
            "<i>Source: Home Office, Seizures of drugs in England and Wales, 2019-20, release "
            "of 12 February 2026 &amp; more; ONS mid-2019 population. Caveats: /sources</i>",
        ),
    ],
)
def test_footer(fye, population_year, notes, expected):
    with naming_releases(notes):
        assert footer(fye, population_year) == expected
