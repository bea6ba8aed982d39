"""/rank: parsing in any order, figures against data/ (read here with the csv module, not
through the store), the default force's marker, the notices, the /csv table, phone width."""

from __future__ import annotations

import html
import re

import pytest

from bot.answers.rank import RankNotice, RankQuery, RankTable
from bot.errors import NoData, UnknownName
from bot.reply import ChatContext
from bot.run import run
from bot.writing.tables import to_table
from tests.support.data_tables import table

PRE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)
PHONE_WIDTH = 33


def expected_rates(fye: int, drug: str) -> dict[str, float | None]:
    """force_id -> seizures per million (None without a usable population), from data/;
    a figure flagged partial in flags.csv is not ranked."""
    territorial = {f["force_id"] for f in table("forces") if f["kind"] == "territorial"}
    partial = {(int(f["fye"]), f["force_id"]) for f in table("flags") if f["flag"] == "partial"}
    population = {
        p["area_id"]: int(p["population"])
        for p in table("population")
        if p["basis"] == "mid-year" and p["usable"] == "true" and int(p["mid_year"]) == fye - 1
    }
    rates: dict[str, float | None] = {}
    for row in table("seizures"):
        if (fye, row["force_id"]) in partial:
            continue
        if int(row["fye"]) == fye and row["drug"] == drug and row["force_id"] in territorial:
            people = population.get(row["force_id"])
            seizures = int(row["seizures"]) if row["seizures"] else None
            rates[row["force_id"]] = (
                seizures * 1e6 / people if seizures is not None and people else None
            )
    return rates


def expected_national_rate(fye: int, drug: str) -> float:
    """(national total - BTP - Border Force) / England and Wales, from data/."""
    total = next(
        int(r["value"])
        for r in table("national")
        if int(r["fye"]) == fye
        and r["drug"] == drug
        and r["authority"] == "all"
        and r["measure"] == "seizures"
        and r["source"] == "bdd-national-seizures"
    )
    others = sum(
        int(r["seizures"])
        for r in table("seizures")
        if int(r["fye"]) == fye and r["drug"] == drug and r["force_id"] in ("btp", "border-force")
    )
    people = next(
        int(p["population"])
        for p in table("population")
        if p["area_id"] == "england-and-wales"
        and p["basis"] == "mid-year"
        and int(p["mid_year"]) == fye - 1
    )
    return (total - others) * 1e6 / people


@pytest.fixture(scope="module")
def parser(core):
    return core.parser


@pytest.mark.parametrize(
    ("text", "drug", "fye", "place"),
    [
        ("/rank", None, None, None),
        ("/rank cocaine 2016-17", "cocaine", 2017, None),
        ("/rank 2016-17 cocaine", "cocaine", 2017, None),
        ("/rank coke", "cocaine", None, None),
        ("/rank weed 2018/19", "cannabis", 2019, None),
        ("/rank MDMA", "ecstasy", None, None),
        ("/rank class a", "class_a", None, None),
        ("/rank crack cocaine london", "crack", None, "london-region"),
        ("/rank london crack cocaine", "crack", None, "london-region"),
        ("/rank West Midlands cocaine 2016/17", "cocaine", 2017, "west-midlands-region"),
        ("/rank 2017 eastern heroin", "heroin", 2017, "east-of-england-region"),
        ("/rank East of England", None, None, "east-of-england-region"),
        ("/rank east", None, None, "east-of-england-region"),
        ("/rank ecstasy east", "ecstasy", None, "east-of-england-region"),
        ("/rank Yorkshire crack", "crack", None, "yorkshire-and-the-humber-region"),
        ("/rank the North West", None, None, "north-west-region"),
        ("/rank speed the south west", "amphetamines", None, "south-west-region"),
        ("/rank south east 2013", None, 2013, "south-east-region"),
        ("/rank Wales", None, None, "wales"),
        ("/rank weed wales", "cannabis", None, "wales"),
        ("/rank London", None, None, "london-region"),
    ],
)
def test_arguments_in_any_order(parser, text, drug, fye, place):
    query = parser.parse(text)
    assert isinstance(query, RankQuery)
    assert (query.drug.id if query.drug else None) == drug
    assert query.fye == fye
    assert (query.place.id if query.place else None) == place
    assert not query.named_force


@pytest.mark.parametrize(
    ("text", "drug"), [("/rank cocain", "cocaine"), ("/rank heroine", "heroin")]
)
def test_a_misspelt_drug_is_read_as_the_close_one(parser, text, drug):
    query = parser.parse(text)
    assert query.drug.id == drug and not query.drug.exact


def test_a_force_stands_for_its_region(parser, core):
    query = parser.parse("/rank kent cocaine")
    assert query.place.id == "kent" and query.named_force
    result = run(query, core.data, ChatContext())
    assert result.region_id == "south-east-region"
    assert "Kent Police is in the South East" in core.answer("/rank kent").html


@pytest.mark.parametrize(
    ("text", "choices", "rest"),
    [
        ("/rank west", {"north-west-region", "south-west-region", "west-midlands-region"}, ""),
        (
            "/rank midlands cocaine 2016-17",
            {"east-midlands-region", "west-midlands-region"},
            "cocaine 2016-17",
        ),
    ],
)
def test_loose_region_names_offer_choices_that_keep_the_drug_and_year(parser, text, choices, rest):
    with pytest.raises(UnknownName) as caught:
        parser.parse(text)
    assert {item for item, _ in caught.value.suggestions} == choices
    assert caught.value.rest == rest


def test_unknown_region_gets_the_list_of_regions(parser, core):
    with pytest.raises(NoData):
        parser.parse("/rank narnia")
    reply = core.answer("/rank narnia")
    assert reply.kind == "not_found"
    assert "East of England" in reply.html and "Yorkshire and The Humber" in reply.html


@pytest.mark.parametrize(
    ("fye", "drug"),
    [
        (2019, "all_drugs"),
        (2017, "cocaine"),
        (2013, "all_drugs"),
        (2015, "heroin"),
        (2011, "cannabis"),
    ],
)
def test_ranks_and_rates_agree_with_data(core, fye, drug):
    result = run(
        core.parser.parse(f"/rank {drug} {fye - 1}-{fye % 100:02d}"), core.data, ChatContext()
    )
    expected = expected_rates(fye, drug)
    ranked = {r.force_id: r.rate for r in result.ranked}
    assert ranked.keys() == {f for f, rate in expected.items() if rate is not None}
    for force_id, rate in ranked.items():
        assert rate == pytest.approx(expected[force_id])
    rates = [r.rate for r in result.ranked]
    assert rates == sorted(rates, reverse=True)
    assert [r.rank for r in result.ranked][:3] == [1, 2, 3]
    assert {r.force_id for r in result.by_count} == {"nottinghamshire", "thames-valley"}


@pytest.mark.parametrize(
    ("fye", "drug"), [(2019, "cocaine"), (2017, "all_drugs"), (2013, "heroin")]
)
def test_by_count_ranks_every_force_with_a_figure_most_first_ties_shared(core, fye, drug):
    result = run(
        core.parser.parse(f"/rank {drug} {fye - 1}-{fye % 100:02d} by count"),
        core.data,
        ChatContext(),
    )
    territorial = {f["force_id"] for f in table("forces") if f["kind"] == "territorial"}
    partial = {(int(f["fye"]), f["force_id"]) for f in table("flags") if f["flag"] == "partial"}
    expected = {
        row["force_id"]: int(row["seizures"])
        for row in table("seizures")
        if int(row["fye"]) == fye and row["drug"] == drug and row["seizures"]
        and row["force_id"] in territorial and (fye, row["force_id"]) not in partial
    }  # fmt: skip
    assert {r.force_id: r.seizures for r in result.ranked} == expected
    assert not result.by_count  # every force with a figure is ranked, population or not
    for row in result.ranked:  # competition ranks: one more than the forces with more
        assert row.rank == 1 + sum(1 for n in expected.values() if n > (row.seizures or 0))


def test_the_most_means_counts_and_the_title_says_so(core):
    reply = core.answer("which force seized the most cocaine")
    assert "ranked by number of seizures" in reply.text.splitlines()[0]
    body = PRE.search(reply.html).group(1).splitlines()
    assert body[1].split()[:3] == ["1", "Metropolitan", "2,927"]
    rate = core.answer("which force has the highest rate of cocaine seizures")
    assert "ranked by rate" in rate.text.splitlines()[0]
    assert PRE.search(rate.html).group(1).splitlines()[1].split()[1:3] == ["City", "of"]


def test_the_acceptance_replies_show_figures_from_data(core):
    reply = core.answer("/rank")
    assert "England and Wales: <b>2,432 per million</b>" in reply.html
    assert " 2 Suffolk          3,652  2,770" in reply.html  # 2,770 / 758,556 (mid-2018)
    assert "Nottinghamshire 3,403; Thames Valley 736" in reply.html
    cocaine = core.answer("/rank cocaine 2016-17")
    national = round(expected_national_rate(2017, "cocaine"))
    assert f"England and Wales: <b>{national:,} per million</b>" in cocaine.html
    top = max(
        (r for f, r in expected_rates(2017, "cocaine").items() if r and f != "city-of-london")
    )
    assert f"2 Sussex            {round(top):,} 1,005" in cocaine.html


def test_top_ten_and_bottom_three_with_a_gap(core):
    body = PRE.search(core.answer("/rank").html).group(1).splitlines()
    assert len(body) == 1 + 10 + 1 + 3
    assert body[11] == "..."
    assert body[-1].startswith("37 Lincolnshire")


def test_the_default_force_is_marked_and_shown_when_outside_the_top_and_bottom(core):
    reply = core.answer("/rank", ChatContext(default_force="west-mercia"))
    body = PRE.search(reply.html).group(1).splitlines()
    assert "18 West Mercia*     2,567  3,292" in body
    assert body.count("...") == 2
    assert "* your default force (/setforce)." in reply.html


@pytest.mark.parametrize(
    ("force", "command", "expected"),
    [
        (
            "kent",
            "/rank west midlands",
            "* Your default force, Kent Police: 1,992 per million, 26th",
        ),
        ("nottinghamshire", "/rank", "Nottinghamshire* 3,403"),
        ("hampshire", "/rank 2012-13", "No figure in the 2012-13 table: Hampshire*"),
        ("north-wales", "/rank", "North Wales Police, is not in this table"),
        ("btp", "/rank", "British Transport Police, is not in this table"),
    ],
)
def test_the_default_force_wherever_it_is(core, force, command, expected):
    assert expected in core.answer(command, ChatContext(default_force=force)).html


def test_a_region_lists_all_its_forces_ranked_within_it(core):
    reply = core.answer("/rank East Midlands")
    body = PRE.search(reply.html).group(1).splitlines()
    assert [line.split()[0] for line in body[1:]] == ["1", "2", "3", "4"]
    assert (
        "By count only (no usable population; see /sources): Nottinghamshire 3,403." in reply.html
    )
    assert "no usable population for this region" in reply.html


@pytest.mark.parametrize(
    ("text", "reason", "words"),
    [
        ("/rank wales", "wales", "Welsh forces"),
        ("/rank cocaine wales 2016-17", "wales", "/region Wales 2016-17"),
        ("/rank 2019-20", "later", "/national 2019-20"),
        ("/rank mephedrone 2014-15", "no_drug", "from 2015-16 to 2018-19"),
    ],
)
def test_notices_say_plainly_what_is_missing(core, text, reason, words):
    result = run(core.parser.parse(text), core.data, ChatContext())
    assert isinstance(result, RankNotice) and result.reason == reason
    assert words in core.answer(text).html


def test_csv_table_has_every_force_of_the_year(core):
    result = run(core.parser.parse("/rank cocaine 2016-17"), core.data, ChatContext())
    table = to_table(result)
    assert table.columns[:3] == ("rank", "national_rank", "force_id")
    assert len(table.rows) == len(expected_rates(2017, "cocaine")) == 39
    sussex = next(row for row in table.rows if row[2] == "sussex")
    assert sussex[0] == 2 and sussex[5] == 1005
    assert "bdd-seizures-fye2017" in table.sources


@pytest.mark.parametrize("fye", range(2010, 2020))
@pytest.mark.parametrize("drug", ["", "cocaine", "unknown"])
@pytest.mark.parametrize("region", ["", "london", "south east", "east of england"])
def test_every_table_fits_a_phone(core, fye, drug, region):
    reply = core.answer(f"/rank {drug} {fye - 1}-{fye % 100:02d} {region}")
    assert len(reply.html) < 2500
    assert len(reply.html.splitlines()) <= 26
    match = PRE.search(reply.html)
    assert match, reply.html
    widest = max(len(line) for line in html.unescape(match.group(1)).splitlines())
    london_2010 = region == "london" and fye == 2010  # City of London 103,185 per million
    assert widest <= PHONE_WIDTH + (2 if london_2010 else 0)


def test_run_gives_a_table(core):
    assert isinstance(run(core.parser.parse("/rank"), core.data, ChatContext()), RankTable)
