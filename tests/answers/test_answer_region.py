"""/region: names and aliases, figures against data/ (read here with the csv module, not
through the store), the gaps said plainly, Wales's published figures, buttons, /csv."""

from __future__ import annotations

import html
import re

import pytest

from bot.answers.region import RegionCard, RegionPublished, RegionQuery
from bot.errors import NoData, UnknownName, UsageError
from bot.reply import ChatContext
from bot.run import run
from bot.writing.tables import to_table
from tests.support.data_tables import table

PRE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)


def force_seizures(fye: int) -> dict[str, int | None]:
    return {
        r["force_id"]: int(r["seizures"]) if r["seizures"] else None
        for r in table("seizures")
        if int(r["fye"]) == fye and r["drug"] == "all_drugs"
    }


def usable_population(area_id: str, fye: int) -> int | None:
    return next(
        (
            int(p["population"])
            for p in table("population")
            if p["area_id"] == area_id
            and p["basis"] == "mid-year"
            and p["usable"] == "true"
            and int(p["mid_year"]) == fye - 1
        ),
        None,
    )


def region_forces(region_id: str) -> list[str]:
    return [f["force_id"] for f in table("forces") if f["region"] == region_id]


@pytest.fixture(scope="module")
def parser(core):
    return core.parser


@pytest.mark.parametrize(
    ("text", "region_id"),
    [
        ("/region West Midlands", "west-midlands-region"),
        ("/region the West Midlands", "west-midlands-region"),
        ("/region East of England", "east-of-england-region"),
        ("/region Eastern", "east-of-england-region"),
        ("/region Yorkshire", "yorkshire-and-the-humber-region"),
        ("/region Yorkshire and the Humber 2016-17", "yorkshire-and-the-humber-region"),
        ("/region yorks", "yorkshire-and-the-humber-region"),
        ("/region the North West", "north-west-region"),
        ("/region north east", "north-east-region"),
        ("/region Wales", "wales"),
        ("/region London", "london-region"),
        ("/region Greater London", "london-region"),
        ("/region 2016/17 south west", "south-west-region"),
        ("/region east-midlands-region", "east-midlands-region"),
    ],
)
def test_region_names_and_common_forms(parser, text, region_id):
    query = parser.parse(text)
    assert isinstance(query, RegionQuery)
    assert query.place.id == region_id and query.place.exact and not query.named_force


def test_west_midlands_is_the_region_and_says_where_the_force_is(parser, core):
    assert parser.parse("/region West Midlands").also_force == "West Midlands Police"
    assert (
        "For the force, ask /force West Midlands Police" in core.answer("/region W Midlands").html
    )


def test_a_force_name_answers_for_its_region(parser, core):
    query = parser.parse("/region West Mercia")
    assert query.named_force and query.place.id == "west-mercia"
    result = run(query, core.data, ChatContext())
    assert result.region_id == "west-midlands-region"
    assert result.via_force == "West Mercia Police"


@pytest.mark.parametrize(
    ("text", "error"),
    [("/region narnia", NoData), ("/region", UsageError), ("/region btp", NoData)],
)
def test_errors(parser, core, text, error):
    with pytest.raises(error):
        run(parser.parse(text), core.data, ChatContext())


def test_unknown_region_lists_the_regions(core):
    reply = core.answer("/region narnia")
    assert reply.kind == "not_found"
    assert all(r["name"] in reply.html for r in table("regions"))


def test_loose_names_offer_choices_that_keep_the_year(parser, core):
    with pytest.raises(UnknownName) as caught:
        parser.parse("/region midlands 2016-17")
    assert {item for item, _ in caught.value.suggestions} == {
        "east-midlands-region",
        "west-midlands-region",
    }
    buttons = [b.payload for row in core.answer("/region midlands 2016-17").buttons for b in row]
    assert "/region west-midlands-region 2016-17" in buttons


def test_west_midlands_acceptance_figures(core):
    reply = core.answer("/region West Midlands")
    assert "West Mercia   3,292 2,567 +13.6" in reply.html
    assert "<b>2,181 per million people</b>" in reply.html
    assert "England and Wales rate of 2,432" in reply.html


@pytest.mark.parametrize("region_id", [r["region_id"] for r in table("regions")][:9])
@pytest.mark.parametrize("fye", [2011, 2013, 2015, 2019])
def test_region_figures_agree_with_data(core, region_id, fye):
    result = run(core.parser.parse(f"/region {region_id} {fye}"), core.data, ChatContext())
    assert isinstance(result, RegionCard)
    now, before = force_seizures(fye), force_seizures(fye - 1)
    partial = {(int(f["fye"]), f["force_id"]) for f in table("flags") if f["flag"] == "partial"}
    forces = region_forces(region_id)
    assert {f.force_id for f in result.forces} == set(forces)
    for force in result.forces:
        assert force.seizures == now[force.force_id]
        incomplete_before = (fye - 1, force.force_id) in partial
        assert force.previous == (None if incomplete_before else before[force.force_id])
        assert force.partial == ((fye, force.force_id) in partial)
        people = usable_population(force.force_id, fye)
        if people and force.seizures and not force.partial:
            assert force.rate == pytest.approx(force.seizures * 1e6 / people)
        else:
            assert force.rate is None
    values = [None if (fye, f) in partial else now[f] for f in forces]
    total = None if None in values else sum(values)
    assert result.seizures == total
    people = usable_population(region_id, fye)
    if total is not None and people:
        assert result.rate == pytest.approx(total * 1e6 / people)
    else:
        assert result.rate is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "/region East Midlands",
            "No region rate: no usable population for this region; see /sources.",
        ),
        ("/region South East", "No region rate: no usable population for this region"),
        ("/region South East 2012-13", "missing: Hampshire Constabulary"),
        ("/region Eastern 2014-15", "missing: Bedfordshire Police"),
        ("/region East Midlands", "no rate for Nottinghamshire: no usable population"),
    ],
)
def test_gaps_are_said_plainly(core, text, words):
    assert words in core.answer(text).html


def test_london_is_the_met_and_the_city(core):
    result = run(core.parser.parse("/region London"), core.data, ChatContext())
    assert [f.force_id for f in result.forces] == ["metropolitan", "city-of-london"]


@pytest.mark.parametrize("fye", [2017, 2019, 2021])
def test_wales_lists_what_was_published_and_what_is_missing(core, fye):
    result = run(core.parser.parse(f"/region Wales {fye}"), core.data, ChatContext())
    assert isinstance(result, RegionPublished)
    welsh = {"wales", *region_forces("wales")}
    published = {
        r["area_id"]: r["value"]
        for r in table("reported")
        if r["area_id"] in welsh
        and int(r["fye"]) == fye
        and r["measure"] == "seizures"
        and r["drug"] == "all_drugs"
    }
    assert {p.area_id for p in result.figures} == set(published)
    reply = core.answer(f"/region Wales {fye}").html
    assert "do not include the four Welsh forces" in reply
    for force_id in region_forces("wales"):
        name = next(f["full_name"] for f in table("forces") if f["force_id"] == force_id)
        assert name in reply
    if "wales" not in published:
        assert "a Wales total" in reply


def test_later_years_give_the_published_totals(core):
    reply = core.answer("/region the North West 2021-22").html
    assert "• North West: 13,331 seizures" in reply
    assert "Cumbria Constabulary, Merseyside Police" in reply


def test_buttons_open_each_force_and_stay_tidy(core):
    for region in table("regions"):
        reply = core.answer(f"/region {region['region_id']}")
        buttons = [b for row in reply.buttons for b in row]
        assert len(buttons) <= 6
        assert all(len(row) <= 2 for row in reply.buttons)
    payloads = [b.payload for row in core.answer("/region London").buttons for b in row]
    assert payloads == [
        "/force metropolitan 2018-19",
        "/force city-of-london 2018-19",
        "/rank 2018-19 london-region",
    ]


def test_csv_table(core):
    result = run(core.parser.parse("/region West Midlands"), core.data, ChatContext())
    rows = {row[0]: row for row in to_table(result).rows}
    assert rows["west-mercia"][2:5] == (3292, 2898, 13.6)
    assert rows["west-midlands-region"][2] == 12868
    assert rows["england-and-wales"][6] == pytest.approx(2431.8)


@pytest.mark.parametrize("region_id", [r["region_id"] for r in table("regions")])
@pytest.mark.parametrize("fye", range(2010, 2025))
def test_every_reply_fits_a_phone(core, region_id, fye):
    reply = core.answer(f"/region {region_id} {fye - 1}-{fye % 100:02d}")
    assert len(reply.html) < 2500
    assert len(reply.html.splitlines()) <= 22
    match = PRE.search(reply.html)
    if match:
        widest = max(len(line) for line in html.unescape(match.group(1)).splitlines())
        assert widest <= 34  # about 32; London (six-figure City rates) and long names 34
