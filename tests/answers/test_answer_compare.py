"""/compare: how sides are split and named, figures against data/ (read here with the csv
module, not through the store), the difference in words, errors, the /csv table, phone width."""

from __future__ import annotations

import html
import itertools
import re

import pytest

from bot.answers.compare import CompareQuery, Comparison
from bot.errors import BadYear, UnknownName, UsageError
from bot.reply import ChatContext
from bot.run import run
from bot.writing import fmt
from bot.writing.tables import to_table
from tests.support.data_tables import table

PRE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)
PHONE_WIDTH = 32


def seizures(fye: int, force_id: str, drug: str = "all_drugs") -> int:
    (row,) = [
        r
        for r in table("seizures")
        if int(r["fye"]) == fye and r["force_id"] == force_id and r["drug"] == drug
    ]
    return int(row["seizures"])


def population(area_id: str, mid_year: int) -> int:
    (row,) = [
        r
        for r in table("population")
        if r["area_id"] == area_id
        and r["basis"] == "mid-year"
        and int(r["mid_year"]) == mid_year
        and r["usable"] == "true"
    ]
    return int(row["population"])


def comparison(core, text: str) -> Comparison:
    return run(core.parser.parse(text), core.data, ChatContext())


def sides(core, text: str) -> tuple[tuple[str, str], tuple[str, str]]:
    command = core.parser.parse(text)
    assert isinstance(command, CompareQuery)
    return (command.a.kind, command.a.id), (command.b.kind, command.b.id)


# --- Parsing: separators, national, regions -----------------------------------------------

WM, WK = ("force", "west-mercia"), ("force", "warwickshire")
NATIONAL = ("national", "national")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/compare West Mercia vs Warwickshire 2018-19", (WM, WK)),
        ("/compare West Mercia vs. Warwickshire", (WM, WK)),
        ("/compare West Mercia v Warwickshire", (WM, WK)),
        ("/compare West Mercia versus Warwickshire", (WM, WK)),
        ("/compare West Mercia against Warwickshire", (WM, WK)),
        ("/compare West Mercia, Warwickshire", (WM, WK)),
        ("/compare West Mercia and Warwickshire", (WM, WK)),
        ("/compare west mercia VS warwickshire 18/19", (WM, WK)),
        ("/compare Avon and Somerset vs Devon and Cornwall",
         (("force", "avon-and-somerset"), ("force", "devon-and-cornwall"))),
        ("/compare Avon and Somerset and Devon and Cornwall",
         (("force", "avon-and-somerset"), ("force", "devon-and-cornwall"))),
        ("/compare Hampshire and Isle of Wight and Kent",
         (("force", "hampshire"), ("force", "kent"))),
        ("/compare Avon & Somerset, Kent", (("force", "avon-and-somerset"), ("force", "kent"))),
        ("/compare Kent vs London, City of", (("force", "kent"), ("force", "city-of-london"))),
        ("/compare Kent vs national", (("force", "kent"), NATIONAL)),
        ("/compare Kent vs England and Wales", (("force", "kent"), NATIONAL)),
        ("/compare Kent vs the national average", (("force", "kent"), NATIONAL)),
        ("/compare national vs Kent", (NATIONAL, ("force", "kent"))),
        ("/compare West Mercia vs West Midlands region",
         (WM, ("region", "west-midlands-region"))),
        ("/compare West Mercia vs West Midlands", (WM, ("force", "west-midlands"))),
        ("/compare Kent vs the North West", (("force", "kent"), ("region", "north-west-region"))),
        ("/compare Kent vs Wales", (("force", "kent"), ("region", "wales"))),
        ("/compare Kent vs London", (("force", "kent"), ("region", "london-region"))),
        ("/compare Kent vs Yorkshire", (("force", "kent"),
                                        ("region", "yorkshire-and-the-humber-region"))),
        ("/compare Kent vs east-of-england-region",
         (("force", "kent"), ("region", "east-of-england-region"))),
    ],
)  # fmt: skip
def test_sides(core, text, expected):
    assert sides(core, text) == expected


def test_a_force_that_is_also_a_region_is_the_force_and_says_so(core):
    command = core.parser.parse("/compare West Midlands vs Kent")
    assert command.a.id == "west-midlands" and command.a.also_region == "West Midlands"
    assert (
        "for the region, write “West Midlands region”"
        in core.answer("/compare West Midlands vs Kent").html
    )


def test_close_names_are_found_and_said(core):
    command = core.parser.parse("/compare west merica vs warwickshre")
    assert (command.a.id, command.b.id) == ("west-mercia", "warwickshire")
    assert not command.a.exact and not command.b.exact
    assert "Did you mean West Mercia Police?" in core.answer("/compare west merica vs kent").html


def test_the_chat_default_force_fills_a_missing_first_side(core):
    command = core.parser.parse("/compare vs national", ChatContext(default_force="kent"))
    assert (command.a.id, command.b.id) == ("kent", "national")


# --- Parsing: errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "error", "words"),
    [
        ("/compare", UsageError, "Compare what with what?"),
        ("/compare Kent", UsageError, "Compare Kent Police with what?"),
        ("/compare vs national", UsageError, "Compare England and Wales with what?"),
        ("/compare Kent vs", UsageError, "Compare Kent Police with what?"),
        ("/compare Kent vs Kent", UsageError, "Kent Police on both sides"),
        ("/compare national vs England and Wales", UsageError, "on both sides"),
        ("/compare Kent, Essex, Surrey", UsageError, "Compare takes two sides"),
        ("/compare Kent and Essex and Surrey", UsageError, "Compare takes two sides"),
        ("/compare Kent vs Essex vs national", UsageError, "Compare takes two sides"),
        ("/compare Kent vs Essex 2030-31", BadYear, ""),
        ("/compare Kent vs Zzyzx", UnknownName, ""),
    ],
)
def test_errors(core, text, error, words):
    with pytest.raises(error) as caught:
        core.parser.parse(text)
    assert words in str(caught.value)


def test_fifty_forces_get_a_kind_reply(core):
    names = [f["full_name"] for f in table("forces")] * 2
    reply = core.answer("/compare " + ", ".join(names[:50]))
    assert reply.kind == "usage"
    assert "Compare takes two sides, and I found 50" in reply.text and "/rank" in reply.text


def test_usage_reply_has_an_example(core):
    reply = core.answer("/compare Kent vs")
    assert "for example /compare West Mercia vs Warwickshire 2018-19" in reply.text


def test_choices_keep_the_other_side_and_the_year(core):
    reply = core.answer("/compare kent vs midlands 2017-18")
    payloads = [b.payload for row in reply.buttons for b in row]
    assert "/compare kent vs west-mercia 2017-18" in payloads
    reply = core.answer("/compare midlands vs national")
    assert "/compare west-mercia vs national" in [b.payload for r in reply.buttons for b in r]


# --- Figures against data/ ----------------------------------------------------------------


def test_west_mercia_vs_warwickshire_2018_19(core):
    result = comparison(core, "/compare West Mercia vs Warwickshire 2018-19")
    wm, wk = seizures(2019, "west-mercia"), seizures(2019, "warwickshire")
    assert (wm, wk) == (3_292, 1_446)
    assert (result.a.seizures, result.b.seizures) == (wm, wk)
    assert (result.a.previous, result.b.previous) == (
        seizures(2018, "west-mercia"), seizures(2018, "warwickshire"))  # fmt: skip
    rate_wm = wm * 1e6 / population("west-mercia", 2018)
    rate_wk = wk * 1e6 / population("warwickshire", 2018)
    assert result.a.rate == pytest.approx(rate_wm) and round(rate_wm) == 2567
    assert result.b.rate == pytest.approx(rate_wk)
    words = round(100 * (rate_wm / rate_wk - 1))
    reply = core.answer("/compare West Mercia vs Warwickshire 2018-19")
    assert f"West Mercia’s rate was {words}% higher than Warwickshire’s" in reply.html
    text = html.unescape(PRE.search(reply.html).group(1))
    assert re.search(r"Seizures\s+3,292\s+1,446", text)
    assert re.search(r"Per mill\.\s+2,567\s+2,532", text)
    cocaine = fmt.percent(seizures(2019, "west-mercia", "cocaine"), wm)
    assert re.search(rf"Cocaine\s+{cocaine}", text)


def test_kent_vs_national(core):
    result = comparison(core, "/compare Kent vs national")
    kent = seizures(2019, "kent")
    national = next(
        int(r["value"])
        for r in table("national")
        if r["fye"] == "2019" and r["authority"] == "all" and r["drug"] == "all_drugs"
        and r["measure"] == "seizures" and r["source"] == "bdd-national-seizures"
    )  # fmt: skip
    territorial = national - seizures(2019, "border-force") - seizures(2019, "btp")
    national_rate = territorial * 1e6 / population("england-and-wales", 2018)
    kent_rate = kent * 1e6 / population("kent", 2018)
    assert (result.a.seizures, result.b.seizures) == (kent, territorial)
    assert result.b.rate == pytest.approx(national_rate)
    lower = round(100 * (1 - kent_rate / national_rate))
    reply = core.answer("/compare Kent vs national")
    assert f"Kent’s rate was {lower}% lower than the England and Wales average" in reply.html
    assert "the 43 territorial forces, excluding British Transport Police" in reply.html


def test_no_rate_is_said_not_guessed(core):
    result = comparison(core, "/compare Nottinghamshire vs Kent 2018-19")
    assert result.a.rate is None and result.a.seizures == seizures(2019, "nottinghamshire")
    reply = core.answer("/compare Nottinghamshire vs Kent 2018-19")
    assert "No rate for Nottinghamshire Police: no usable population" in reply.html
    assert "rate was" not in reply.html


def test_welsh_force_uses_its_published_total(core):
    result = comparison(core, "/compare North Wales vs Kent 2018-19")
    assert result.a.basis == "published" and result.a.seizures == 2_034
    assert result.a.rate == pytest.approx(2_034 * 1e6 / population("north-wales", 2018))
    assert "total as published" in core.answer("/compare North Wales vs Kent").html


def test_welsh_forces_with_nothing_published_are_explained(core):
    reply = core.answer("/compare Gwent vs Dyfed-Powys 2018-19")
    assert "<pre>" not in reply.html
    assert reply.html.count("not in the Home Office force tables") == 2


def test_a_published_year(core):
    result = comparison(core, "/compare West Mercia vs Warwickshire 2019-20")
    assert result.a.basis == "published" and result.a.seizures == 3_508
    assert result.a.previous == seizures(2019, "west-mercia")
    assert result.b.basis == "none"
    assert (
        "no complete Home Office table after 2018-19"
        in core.answer("/compare West Mercia vs Warwickshire 2019-20").html
    )


def test_region_figures(core):
    result = comparison(core, "/compare Kent vs West Midlands region 2018-19")
    forces = [f["force_id"] for f in table("forces") if f["region"] == "west-midlands-region"]
    total = sum(seizures(2019, force) for force in forces)
    assert result.b.seizures == total
    assert result.b.rate == pytest.approx(total * 1e6 / population("west-midlands-region", 2018))
    assert result.b.rank is not None and result.b.rank.of == 7


# --- Phone width, buttons, /csv ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "/compare Avon and Somerset vs Devon and Cornwall",
        "/compare Greater Manchester vs the Met",
        "/compare Northamptonshire vs Gloucestershire 2016-17",
        "/compare Yorkshire vs East of England",
        "/compare BTP vs Border Force",
        "/compare London, City of vs national 2012-13",
    ],
)
def test_table_fits_a_phone(core, text):
    reply = core.answer(text)
    lines = html.unescape(PRE.search(reply.html).group(1)).splitlines()
    assert all(len(line) <= PHONE_WIDTH for line in lines)
    header = lines[0].split()
    assert header and "." not in header[0][:-1]


def test_every_force_pair_has_short_buttons(core):
    ids = [f["force_id"] for f in table("forces")] + [r["region_id"] for r in table("regions")]
    for a, b in itertools.islice(itertools.combinations(ids, 2), 0, None, 7):
        a_text = a if not a.endswith("region") else a.replace("-", " ")
        reply = core.answer(f"/compare {a_text} vs {b} 2018-19")
        for row in reply.buttons:
            for button in row:
                assert len(button.payload.encode()) <= 64, button.payload
                assert core.parser.parse(button.payload)


def test_csv_table(core):
    result = to_table(comparison(core, "/compare West Mercia vs Warwickshire 2018-19"))
    assert result.columns[:7] == ("side", "kind", "id", "name", "year", "basis", "seizures")
    assert [row[6] for row in result.rows] == [3_292, 1_446]
    assert "bdd-seizures-fye2019" in result.sources
    reply = core.answer("/csv compare Kent vs national")
    assert reply.csv and b"kent" in reply.csv and b"143760" in reply.csv


def test_a_figure_flagged_partial_gets_no_change_rate_or_rank(core):
    (flag,) = [f for f in table("flags") if f["flag"] == "partial"]
    fye, force_id = int(flag["fye"]), flag["force_id"]
    result = comparison(core, f"/compare {force_id} vs Kent {fmt.fye(fye)}")
    assert result.a.seizures == seizures(fye, force_id)
    assert (result.a.previous, result.a.rate, result.a.rank) == (None, None, None)
    assert (
        html.escape(flag["note"], quote=False)
        in core.answer(f"/compare {force_id} vs Kent {fmt.fye(fye)}").html
    )
    after = comparison(core, f"/compare {force_id} vs Kent {fmt.fye(fye + 1)}")
    assert after.a.previous is None  # no change on a partial figure either
