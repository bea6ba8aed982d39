"""/drug: parsing in either order, everyday names, the default force; figures against data/
(read here with the csv module, not through the store); the breakdown by drug; the Welsh
forces and later years (published figures only); errors; the /csv table."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers.drug import DrugBreakdown, DrugCard, DrugPublished, DrugQuery
from bot.errors import BadYear, NoData, UnknownName, UsageError
from bot.reply import ChatContext
from bot.run import run
from bot.writing.tables import to_table
from tests.support.data_tables import table

PRE = re.compile(r"<pre>(.*?)</pre>", re.DOTALL)
PHONE_WIDTH = 33


def seized(fye: int, force_id: str, drug: str) -> int | None:
    for row in table("seizures"):
        if (int(row["fye"]), row["force_id"], row["drug"]) == (fye, force_id, drug):
            return int(row["seizures"]) if row["seizures"] else None
    raise KeyError((fye, force_id, drug))


def national(fye: int, drug: str) -> int:
    return next(
        int(r["value"])
        for r in table("national")
        if (int(r["fye"]), r["drug"], r["authority"], r["measure"], r["source"])
        == (fye, drug, "all", "seizures", "bdd-national-seizures")
    )


@pytest.fixture(scope="module")
def parser(core):
    return core.parser


# --- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "drug", "force", "fye"),
    [
        ("/drug coke West Mercia", "cocaine", "west-mercia", None),
        ("/drug West Mercia coke", "cocaine", "west-mercia", None),
        ("/drug cocaine west-mercia 2018-19", "cocaine", "west-mercia", 2019),
        ("/drug weed Kent 2016/17", "cannabis", "kent", 2017),
        ("/drug Kent weed 2016/17", "cannabis", "kent", 2017),
        ("/drug MDMA the Met", "ecstasy", "metropolitan", None),
        ("/drug smack", "heroin", None, None),
        ("/drug crack cocaine Kent", "crack", "kent", None),
        ("/drug class a West Mercia", "class_a", "west-mercia", None),
        ("/drug 2018-19 heroin Kent", "heroin", "kent", 2019),
        ("/drug all west-mercia 2018-19", "all_drugs", "west-mercia", 2019),
        ("/drug West Mercia all", "all_drugs", "west-mercia", None),
        ("/drug all", "all_drugs", None, None),
        ("/drug cocaine national", "cocaine", None, None),
        ("/drug cocaine England and Wales 2017-18", "cocaine", None, 2018),
        ("/drug canabis", "cannabis", None, None),
    ],
)
def test_drug_and_place_in_either_order(parser, text, drug, force, fye):
    query = parser.parse(text)
    assert isinstance(query, DrugQuery)
    assert (query.drug.id, query.force.id if query.force else None, query.fye) == (
        drug,
        force,
        fye,
    )


@pytest.mark.parametrize(
    ("text", "force"), [("/drug cocaine", "kent"), ("/drug cocaine national", None)]
)
def test_the_chat_default_force_unless_national_is_named(parser, text, force):
    query = parser.parse(text, ChatContext(default_force="kent"))
    assert (query.force.id if query.force else None) == force


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("/drug", UsageError),
        ("/drug unobtainium", NoData),
        ("/drug cocaine Narnia", UnknownName),
        ("/drug cocaine Kent 2030", BadYear),
        ("/drug cocaine Kent 2005-06", BadYear),
    ],
)
def test_parse_errors(parser, text, error):
    with pytest.raises(error):
        parser.parse(text)


def test_a_misspelt_drug_offers_choices_that_keep_the_force(core):
    reply = core.answer("/drug cocain Kent")
    payloads = [b.payload for row in reply.buttons for b in row]
    assert reply.kind == "choices"
    assert "/drug cocaine kent" in payloads
    assert all("Class" not in b.label for row in reply.buttons for b in row)


def test_a_misspelt_force_offers_choices_that_keep_the_drug(core):
    reply = core.answer("/drug cocaine London 2017-18")
    payloads = [b.payload for row in reply.buttons for b in row]
    assert "/drug metropolitan cocaine 2017-18" in payloads


# --- figures ---------------------------------------------------------------------------------


def test_acceptance_coke_west_mercia(core):
    reply = core.answer("/drug coke West Mercia")
    assert "coke: read as cocaine (powder cocaine, Home Office category)" in reply.html
    assert "265 cocaine seizures in 2018-19" in reply.html
    assert "8% of its 3,292 drug seizures" in reply.html
    assert seized(2019, "west-mercia", "cocaine") == 265
    assert seized(2019, "west-mercia", "all_drugs") == 3292


@pytest.mark.parametrize(
    ("force", "drug", "fye"),
    [
        ("west-mercia", "cocaine", 2019),
        ("kent", "cannabis", 2017),
        ("metropolitan", "heroin", 2016),
        ("lancashire", "crack", 2012),
        ("border-force", "cocaine", 2019),
    ],
)
def test_card_figures_agree_with_data(core, force, drug, fye):
    card = run(
        core.parser.parse(f"/drug {drug} {force} {fye - 1}-{fye % 100:02d}"), core.data, None
    )
    assert isinstance(card, DrugCard)
    assert card.seizures == seized(fye, force, drug)
    assert card.all_seizures == seized(fye, force, "all_drugs")
    assert card.previous and card.previous.seizures == seized(fye - 1, force, drug)


def test_territorial_comparison_is_national_less_btp_and_border_force(core):
    card = run(core.parser.parse("/drug cocaine west-mercia 2018-19"), core.data, None)
    expected = national(2019, "cocaine") - sum(
        seized(2019, f, "cocaine") or 0 for f in ("btp", "border-force")
    )
    assert card.comparison.seizures == expected == 16573
    assert card.comparison.all_seizures == 153135 - 8937 - 438


def test_national_card(core):
    reply = core.answer("/drug cocaine 2018-19")
    assert f"{national(2019, 'cocaine'):,} cocaine seizures in 2018-19" in reply.html
    assert f"of all {national(2019, 'all_drugs'):,} drug seizures" in reply.html
    assert f"on {national(2018, 'cocaine'):,} in 2017-18" in reply.html
    assert "9,645 kg" in reply.html


def test_quantities_for_cannabis_by_form(core):
    reply = core.answer("/drug weed West Mercia 2018-19")
    assert "herbal cannabis 63.84 kg; cannabis resin 1.75 kg; 3,608 plants" in reply.html


def test_a_blank_year_is_said_plainly(core):
    reply = core.answer("/drug cannabis Hampshire 2012-13")
    assert "no cannabis figure in the Home Office table for 2012-13" in reply.html


# --- breakdown by drug ----------------------------------------------------------------------


def test_breakdown_by_every_drug_sorted_with_totals(core):
    result = run(core.parser.parse("/drug all west-mercia 2018-19"), core.data, None)
    assert isinstance(result, DrugBreakdown)
    counts = [d.seizures for d in result.drugs]
    assert counts == sorted(counts, reverse=True)
    for item in result.drugs:
        assert item.seizures == seized(2019, "west-mercia", item.drug)
    assert result.total == 3292 and result.unknown == 1007
    assert [c.drug for c in result.classes] == ["class_a", "class_b", "class_c"]
    assert "Barbiturates" in result.none_seized


def test_breakdown_table_fits_a_phone_and_says_drugs_count_once_each(core):
    reply = core.answer("/drug all west-mercia 2018-19")
    block = html.unescape(PRE.search(reply.html).group(1))
    assert max(len(line) for line in block.splitlines()) <= PHONE_WIDTH
    assert "Cannabis            1,990  60%" in block
    assert "once per drug" in reply.html
    assert len(reply.html) < 1800


def test_national_breakdown_lists_cannabis_forms_under_cannabis(core):
    block = PRE.search(core.answer("/drug all").html).group(1).splitlines()
    index = next(i for i, line in enumerate(block) if line.startswith("Cannabis "))
    assert block[index + 1].startswith("  Herbal cannabis")


# --- published figures only -----------------------------------------------------------------


def test_welsh_force_has_no_by_drug_table_figures_but_published_ones(core):
    result = run(core.parser.parse("/drug cocaine North Wales"), core.data, None)
    assert isinstance(result, DrugPublished) and result.welsh
    reply = core.answer("/drug cocaine North Wales")
    assert "no by-drug figures for the Welsh forces" in reply.html
    assert "231 cocaine seizures" in reply.html and "leaderlive.co.uk" in reply.html


def test_later_year_gives_published_figures_with_sources(core):
    reply = core.answer("/drug coke West Mercia 2019-20")
    assert "published figures only" in reply.html
    assert "cocaine 12% of seizures" in reply.html and "shropshirestar.com" in reply.html


def test_later_year_with_nothing_published_says_so(core):
    reply = core.answer("/drug heroin West Mercia 2020-21")
    assert "None has been found published for 2020-21" in reply.html


def test_third_party_measures_are_never_shown(core):
    result = run(core.parser.parse("/drug all Cambridgeshire 2019-20"), core.data, None)
    assert not any("drughelpline" in f.measure for f in result.figures)


# --- /csv -----------------------------------------------------------------------------------


def test_card_table_for_csv(core):
    card = run(core.parser.parse("/drug coke west-mercia 2018-19"), core.data, None)
    rows = to_table(card).rows
    assert ("west-mercia", "2018-19", "seizures", "cocaine", 265, "seizures") in rows
    assert ("west-mercia", "2018-19", "quantity", "cocaine", 2.62, "kg") in rows


def test_csv_of_a_drug_question(core):
    reply = core.answer("/csv drug all west-mercia 2018-19")
    assert reply.csv and b"west-mercia,2018-19,seizures,cannabis,1990,seizures" in reply.csv


# --- any text -------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "coke",
        "cocain",
        "all",
        "West Mercia",
        "west merica",
        "Kent",
        "national",
        "2018-19",
        "2030",
        "region",
        "&",
        "<b>",
        "x" * 70,
        "the avon and somerset constabulary police",
        "e",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.one_of(WORDS, st.text(max_size=15)), max_size=6))
def test_any_drug_question_gets_a_safe_reply(core, words):
    reply = core.answer("/drug " + " ".join(words))
    assert reply.html and len(reply.html) <= 4096
    assert all(len(b.payload.encode()) <= 64 for row in reply.buttons for b in row)


def test_an_incomplete_year_is_shown_with_its_note_and_never_compared(core):
    reply = core.answer("/drug cocaine Surrey 2012-13")
    assert "Incomplete: The Home Office reported insufficient data from Surrey" in reply.html
    assert "on 227 in 2011-12" not in reply.html and "per million" not in reply.html
    after = core.answer("/drug cocaine Surrey 2013-14")
    assert "The 2012-13 figure is incomplete: no change given." in after.html
