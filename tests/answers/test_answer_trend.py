"""/trend: what is charted (against data/, read with the csv module), gaps as gaps, rates or
counts, the reference line, published later figures, the caption, errors and the /csv table."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers.trend import TrendQuery, TrendSeries, caption_of, chart_of
from bot.errors import BadYear, CoreError, UnknownName, UsageError
from bot.reply import ChatContext
from bot.run import run
from bot.writing.tables import to_table
from tests.support.data_tables import table

CAPTION_LIMIT = 1024


def population(area_id: str, fye: int) -> int | None:
    for row in table("population"):
        if (row["area_id"], int(row["mid_year"]), row["basis"], row["usable"]) == (
            area_id,
            fye - 1,
            "mid-year",
            "true",
        ):
            return int(row["population"])
    return None


def series_of(core, text: str) -> TrendSeries:
    result = run(core.parser.parse(text), core.data, ChatContext())
    assert isinstance(result, TrendSeries)
    return result


# --- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "place", "drug"),
    [
        ("/trend West Mercia", "force", "west-mercia", "all_drugs"),
        ("/trend west-mercia", "force", "west-mercia", "all_drugs"),
        ("/trend West Mercia heroin", "force", "west-mercia", "heroin"),
        ("/trend smack West Mercia", "force", "west-mercia", "heroin"),
        ("/trend national cocaine", "national", None, "cocaine"),
        ("/trend coke national", "national", None, "cocaine"),
        ("/trend England and Wales", "national", None, "all_drugs"),
        ("/trend West Midlands", "force", "west-midlands", "all_drugs"),
        ("/trend West Midlands region", "region", "west-midlands-region", "all_drugs"),
        ("/trend West Midlands region heroin", "region", "west-midlands-region", "heroin"),
        ("/trend west-midlands-region heroin", "region", "west-midlands-region", "heroin"),
        ("/trend East of England", "region", "east-of-england-region", "all_drugs"),
        ("/trend Wales", "region", "wales", "all_drugs"),
        ("/trend the Met 2018-19", "force", "metropolitan", "all_drugs"),
        ("/trend west merica", "force", "west-mercia", "all_drugs"),
    ],
)
def test_place_and_drug(core, text, kind, place, drug):
    query = core.parser.parse(text)
    assert isinstance(query, TrendQuery)
    assert (query.kind, query.place.id if query.place else None, query.drug.id) == (
        kind,
        place,
        drug,
    )


@pytest.mark.parametrize(("text", "drug"), [("/trend", "all_drugs"), ("/trend cocaine", "cocaine")])
def test_no_place_uses_the_chat_default_force(core, text, drug):
    query = core.parser.parse(text, ChatContext(default_force="kent"))
    assert (query.place.id, query.drug.id) == ("kent", drug)


@pytest.mark.parametrize(
    ("text", "error"),
    [("/trend", UsageError), ("/trend Narnia", UnknownName), ("/trend Kent 2030", BadYear)],
)
def test_parse_errors(core, text, error):
    with pytest.raises(error):
        core.parser.parse(text)


def test_a_misspelt_drug_offers_choices_that_keep_the_force(core):
    reply = core.answer("/trend kent cocain")
    assert "/trend cocaine kent" in [b.payload for row in reply.buttons for b in row]


# --- figures --------------------------------------------------------------------------------


def test_force_rates_agree_with_data(core):
    series = series_of(core, "/trend West Mercia")
    assert series.per_million
    seizures = {
        int(r["fye"]): int(r["seizures"])
        for r in table("seizures")
        if r["force_id"] == "west-mercia" and r["drug"] == "all_drugs"
    }
    assert [p.fye for p in series.points] == list(range(2010, 2020))
    for point in series.points:
        assert point.seizures == seizures[point.fye]
        assert point.value == pytest.approx(
            seizures[point.fye] * 1e6 / population("west-mercia", point.fye)
        )
    assert round(series.points[-1].value) == 2567


def test_later_published_totals_are_drawn_as_reported_where_a_rate_exists(core):
    series = series_of(core, "/trend West Mercia")
    # 2019-20 on mid-2019, 2020-21 on mid-2020 (ONS district estimates)
    assert [(p.fye, p.seizures, round(p.value)) for p in series.reported] == [
        (2020, 3508, 2716), (2021, 4152, 3198)
    ]  # fmt: skip
    assert [(p.fye, p.seizures, p.value) for p in series.uncharted] == []


def test_gaps_stay_none_never_zero(core):
    series = series_of(core, "/trend Hampshire")
    values = dict((p.fye, p.value) for p in series.points)
    assert values[2013] is None and values[2015] is None
    chart_points = dict(chart_of(series).lines[0].points)
    assert chart_points[2013] is None and chart_points[2015] is None
    assert "Gaps (no figure, not zero): 2012-13, 2014-15." in core.answer("/trend Hampshire").html


def test_no_usable_population_gives_counts_and_no_reference_line(core):
    series = series_of(core, "/trend Nottinghamshire")
    assert not series.per_million and not series.reference
    assert "no usable population" in series.no_rate
    assert all(line.style != "reference" for line in chart_of(series).lines)


def test_reference_is_the_territorial_rate(core):
    series = series_of(core, "/trend Kent")
    reference = {p.fye: p.value for p in series.reference}
    assert round(reference[2019]) == 2432  # (153,135 - 8,937 - 438) / 59,115,809
    assert reference[2011] is None  # no England and Wales population before mid-2011


def test_reference_says_why_it_starts_where_the_population_does(core):
    first_mid_year = min(
        int(r["mid_year"])
        for r in table("population")
        if r["area_id"] == "england-and-wales" and r["usable"] == "true"
    )
    start = f"{first_mid_year}-{(first_mid_year + 1) % 100:02d}"  # mid-2011 -> 2011-12
    series = series_of(core, "/trend Kent")
    assert series.reference_start == (
        f"from {start}, the first year with a population estimate for England and Wales"
    )
    assert series.reference_forces == sum(r["kind"] == "territorial" for r in table("forces"))
    assert f"from {start}" in core.answer("/trend Kent").html


def test_reference_starting_later_for_a_drug_says_why(core):
    series = series_of(core, "/trend methadone Kent")  # no Border Force figure 2010-11 to 2014-15
    assert series.reference_start == (
        "from 2015-16; 2014-15 lacks the Border Force or British Transport Police figure it needs"
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "/trend Devon and Cornwall",
            "Devon and Cornwall Police: drug seizures per million people",
        ),
        ("/trend West Midlands", "West Midlands Police: drug seizures per million people"),
        ("/trend West Midlands region", "West Midlands region: drug seizures per million people"),
        (
            "/trend national cocaine",
            "England and Wales: cocaine seizures by police and Border Force",
        ),
        ("/trend Nottinghamshire", "Nottinghamshire Police: drug seizures"),
    ],
)
def test_one_title_for_chart_and_caption(core, text, title):
    series = series_of(core, text)
    assert chart_of(series).title == title
    assert f"<b>{title}</b>" in caption_of(series)


def test_sources_in_words_from_sources_csv(core):
    sources = {r["source"]: r for r in table("sources")}
    series = series_of(core, "/trend West Mercia")
    tables, population = series.cited
    assert tables[0] == "Home Office, Seizures of drugs in England and Wales, 2009-10 to 2018-19"
    assert sources["bdd-seizures-fye2019"]["edition"].endswith(tables[1])
    assert population[0] == "ONS mid-year population estimates"
    assert sources["bdd-population"]["edition"].startswith(population[1])


def test_national_series_from_2008_09_with_latest_published_editions(core):
    series = series_of(core, "/trend national")
    assert not series.per_million
    table_years = {p.fye: p.seizures for p in series.points}
    assert table_years[2009] == 241473 and table_years[2019] == 153135
    assert {p.fye: p.seizures for p in series.reported} == {
        2020: 183646,
        2021: 219578,
        2022: 188929,
        2023: 192145,
        2024: 217633,
        2025: 269321,
    }


def test_national_cocaine_leaves_2019_20_as_a_gap(core):
    series = series_of(core, "/trend national cocaine")
    assert 2020 not in {p.fye for p in series.reported}
    assert "Gaps (no figure, not zero): 2019-20." in core.answer("/trend national cocaine").html


def test_region_rate_with_reference(core):
    series = series_of(core, "/trend West Midlands region")
    rows = {
        int(r["fye"]): int(r["seizures"])
        for r in table("seizures")
        if r["drug"] == "all_drugs"
        and r["force_id"] in ("west-midlands", "west-mercia", "staffordshire", "warwickshire")
    }
    total = sum(
        int(r["seizures"])
        for r in table("seizures")
        if r["drug"] == "all_drugs"
        and r["fye"] == "2019"
        and r["force_id"] in ("west-midlands", "west-mercia", "staffordshire", "warwickshire")
    )
    assert rows and series.per_million and series.reference
    point = next(p for p in series.points if p.fye == 2019)
    assert point.seizures == total
    assert point.value == pytest.approx(total * 1e6 / population("west-midlands-region", 2019))


def test_welsh_force_is_published_totals_only(core):
    series = series_of(core, "/trend North Wales")
    assert not series.points and not series.per_million
    assert {p.fye for p in series.reported} == {2009, 2011, 2013, 2017, 2019}


# --- reply ----------------------------------------------------------------------------------


def test_caption_gives_first_last_peak_change_and_source(core):
    reply = core.answer("/trend West Mercia")
    assert "First: 2,569 per million in 2009-10." in reply.html
    assert "Last: 3,198 per million in 2020-21 (as reported)." in reply.html
    assert "Peak: 3,198 per million in 2020-21 (as reported)." in reply.html
    assert "Change 2009-10 to 2020-21: +24.5%." in reply.html
    assert "Source: Home Office, Seizures of drugs in England and Wales" in reply.html
    assert reply.png_name == "trend-west-mercia.png" and reply.png.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "text",
    [
        "/trend national",
        "/trend national cocaine",
        "/trend Metropolitan",
        "/trend Wales",
        "/trend North Wales",
        "/trend Dyfed-Powys",
        "/trend West Yorkshire cannabis",
        "/trend South East region",
        "/trend Border Force",
        "/trend BTP",
    ],
)
def test_caption_fits_a_photo(core, text):
    reply = core.answer(text)
    assert reply.kind == "answer" and reply.png
    assert len(reply.html) <= CAPTION_LIMIT


def test_every_force_and_region_has_a_caption_within_the_limit(core):
    for place in [*core.data.forces, *core.data.regions]:
        for drug in ("", " cocaine"):
            text = caption_of(series_of(core, f"/trend {place}{drug}"))
            assert text is None or len(text) <= CAPTION_LIMIT, place


def test_nothing_to_chart_is_said_plainly(core):
    reply = core.answer("/trend Gwent ketamine")
    assert reply.kind == "not_found" and reply.png is None
    assert "No ketamine figures for Gwent Police" in reply.html


def test_series_table_for_csv(core):
    rows = to_table(series_of(core, "/trend Hampshire")).rows
    assert (
        "hampshire",
        "2012-13",
        "rate_per_million",
        "all_drugs",
        None,
        None,
        "Home Office table",
        "",
    ) in rows


WORDS = st.sampled_from(
    [
        "heroin",
        "cocain",
        "national",
        "West Mercia",
        "west merica",
        "region",
        "West Midlands",
        "Wales",
        "2018-19",
        "&",
        "<i>",
        "x" * 70,
        "the avon and somerset constabulary police",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.one_of(WORDS, st.text(max_size=15)), max_size=6))
def test_any_trend_question_parses_to_a_query_or_a_core_error(core, words):
    try:
        query = core.parser.parse("/trend " + " ".join(words))
    except CoreError as exc:
        reply = core.answer("/trend " + " ".join(words))  # the error reply is safe too
        assert reply.kind != "answer" and reply.png is None, exc
        assert all(len(b.payload.encode()) <= 64 for row in reply.buttons for b in row)
        return
    assert isinstance(query, TrendQuery)
    text = caption_of(run(query, core.data, ChatContext()))
    assert text is None or len(text) <= CAPTION_LIMIT


def test_an_incomplete_year_is_a_gap_with_its_note(core):
    series = series_of(core, "/trend Surrey")
    point = next(p for p in series.points if p.fye == 2013)
    assert point.value is None and point.seizures == 469 and point.partial_note
    assert "2012-13: The Home Office reported insufficient data" in caption_of(series)
