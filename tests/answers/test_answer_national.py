"""/national: parsing, figures against data/ (read here with the csv module, not through the
store), editions named, the headline years, the /csv table, phone size."""

from __future__ import annotations

import pytest

from bot.answers.national import NationalCard, NationalHeadlines, NationalQuery
from bot.errors import BadYear, UsageError
from bot.reply import ChatContext
from bot.run import run
from bot.writing import fmt
from bot.writing.tables import to_table
from tests.support.data_tables import table


def national_rows(fye: int, **match: str) -> list[dict[str, str]]:
    return [
        r
        for r in table("national")
        if int(r["fye"]) == fye and all(r[k] == v for k, v in match.items())
    ]


def transcribed_total(fye: int, drug: str = "all_drugs") -> int:
    (row,) = national_rows(fye, authority="all", measure="seizures", drug=drug,
                           source="bdd-national-seizures")  # fmt: skip
    return int(row["value"])


def force_seizures(fye: int, force_id: str, drug: str = "all_drugs") -> int:
    (row,) = [
        r
        for r in table("seizures")
        if int(r["fye"]) == fye and r["force_id"] == force_id and r["drug"] == drug
    ]
    return int(row["seizures"])


def england_and_wales(mid_year: int) -> int:
    (row,) = [
        r
        for r in table("population")
        if r["area_id"] == "england-and-wales"
        and r["basis"] == "mid-year"
        and int(r["mid_year"]) == mid_year
    ]
    return int(row["population"])


def card(core, text: str):
    return run(core.parser.parse(text), core.data, ChatContext())


# --- Parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fye"),
    [
        ("/national", None),
        ("/national 2018-19", 2019),
        ("/national 2018/19", 2019),
        ("/national 2019", 2019),
        ("/national 2006-07", 2007),
        ("/national 2024-25", 2025),
        ("/national england and wales 2019-20", 2020),
        ("/national in 2017-18", 2018),
        ("/national E&W", None),
    ],
)
def test_national_years(core, text, fye):
    command = core.parser.parse(text)
    assert isinstance(command, NationalQuery)
    assert command.fye == fye


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("/national cocaine", UsageError),
        ("/national West Mercia", UsageError),
        ("/national 2030-31", BadYear),
        ("/national 2018-20", BadYear),
        ("/national 12345", BadYear),
    ],
)
def test_national_errors(core, text, error):
    with pytest.raises(error):
        core.parser.parse(text)


# --- 2018-19: the acceptance figures --------------------------------------------------------


def test_default_year_is_the_last_complete_table(core):
    assert card(core, "/national").fye == core.data.last_fye == 2019


def test_2018_19_total_names_both_editions(core):
    reply = core.answer("/national 2018-19")
    total = transcribed_total(2019)
    comparator = [
        r for r in national_rows(2019, authority="all", measure="seizures", drug="all_drugs")
        if "FYE2020" in r["edition"]
    ]  # fmt: skip
    assert total == 153_135 and int(comparator[0]["value"]) == 153_136
    assert f"<b>England and Wales: {fmt.count(total)} drug seizures in 2018-19</b>" in reply.html
    assert "153,136 in the FYE2020 release" in reply.html
    assert "153,135 in the FYE2019 release" in reply.html


def test_2018_19_police_and_border_force_split(core):
    result = card(core, "/national 2018-19")
    total, border = transcribed_total(2019), force_seizures(2019, "border-force")
    assert (result.total, result.border_force) == (total, border)
    police = total - border
    (published,) = national_rows(2019, authority="police", measure="seizures", drug="all_drugs")
    assert police == int(published["value"]) == 144_198
    html = core.answer("/national 2018-19").html
    assert f"Police forces (incl. BTP) {fmt.count(police)} ({fmt.percent(police, total)})" in html
    assert f"Border Force {fmt.count(border)} ({fmt.percent(border, total)})" in html


def test_2018_19_change_on_2017_18(core):
    now, before = transcribed_total(2019), transcribed_total(2018)
    html = core.answer("/national 2018-19").html
    assert (
        f"Up {fmt.count(now - before)} ({fmt.change_percent(now, before)}) on "
        f"{fmt.count(before)} in 2017-18"
    ) in html
    assert "the first rise after six annual falls" in html


def test_2018_19_territorial_rate(core):
    territorial = (
        transcribed_total(2019) - force_seizures(2019, "border-force")
        - force_seizures(2019, "btp")
    )  # fmt: skip
    rate = territorial * 1e6 / england_and_wales(2018)
    assert round(rate) == 2432
    html = core.answer("/national 2018-19").html
    assert (
        f"<b>{fmt.rate(rate)} per million people</b> in the 43 territorial forces, excluding "
        "British Transport Police and Border Force"
    ) in html


@pytest.mark.parametrize("fye", range(2009, 2020))
def test_every_table_year_against_data(core, fye):
    result = card(core, f"/national {fmt.fye(fye)}")
    assert isinstance(result, NationalCard)
    assert result.total == transcribed_total(fye)
    classes = {d.drug: d.seizures for d in result.classes}
    assert classes == {c: transcribed_total(fye, c) for c in ("class_a", "class_b", "class_c")}
    if fye >= 2010:
        assert result.border_force == force_seizures(fye, "border-force")
    if fye >= 2012:  # an England and Wales population from mid-2011
        # the police figure of one release where one gave the split (tests/answers/test_editions.py)
        police = result.split.police if result.split else result.total - result.border_force
        expected = (police - force_seizures(fye, "btp")) * 1e6 / england_and_wales(fye - 1)
        assert result.rate == pytest.approx(expected)
    else:
        assert result.rate is None


def test_leading_drugs_leave_out_the_parts_of_cannabis(core):
    result = card(core, "/national 2018-19")
    names = [d.drug for d in result.drugs[:4]]
    assert names == ["cannabis", "cocaine", "heroin", "crack"]
    assert result.drugs[0].seizures == transcribed_total(2019, "cannabis")


# --- Years with published figures only ----------------------------------------------------


def test_2019_20_headline_revision_and_split(core):
    result = card(core, "/national 2019-20")
    assert isinstance(result, NationalHeadlines)
    assert result.headline.value == 183_068 and "FYE2020" in result.headline.edition
    assert [r.value for r in result.revisions] == [183_646]
    assert result.previous.value == 153_136
    html = core.answer("/national 2019-20").html
    assert "Up 29,932 (+19.5%) on 153,136 in 2018-19 (as the same release gave it)" in html
    assert "Revised to 183,646 in the FYE2021 release" in html
    assert "Police forces (incl. BTP) 169,224 (92%); Border Force 13,844 (8%)" in html
    assert "no per-force table" in html


def test_later_years_say_no_rate_without_population(core):
    html = core.answer("/national 2021-22").html
    assert "No rate is computed: no population after mid-2020 is bundled." in html
    assert "188,929" in html


def test_before_the_national_table_border_force_only(core):
    result = card(core, "/national 2006-07")
    assert isinstance(result, NationalHeadlines) and result.headline is None
    html = core.answer("/national 2006-07").html
    assert "no national total bundled" in html
    (class_a,) = national_rows(2007, authority="border-force", drug="class_a")
    assert f"class A {fmt.count(int(class_a['value']))}" in html


def test_a_year_with_nothing(core):
    reply = core.answer("/national 2004-05")
    assert reply.kind == "not_found"
    assert "2006-07 to 2024-25" in reply.text


@pytest.mark.parametrize("fye", range(2007, 2026))
def test_every_year_fits_a_phone(core, fye):
    reply = core.answer(f"/national {fmt.fye(fye)}")
    assert reply.kind == "answer"
    assert len(reply.text) < 1500 and reply.text.count("\n") < 20
    assert all(len(b.payload.encode()) <= 64 for row in reply.buttons for b in row)
    assert reply.csv_query == f"/national {fmt.fye(fye)}"


# --- /csv -----------------------------------------------------------------------------------


def test_csv_table_2018_19(core):
    result = to_table(card(core, "/national 2018-19"))
    assert result.columns[:6] == ("year", "authority", "measure", "drug", "value", "unit")
    rows = {(r[1], r[2], r[3]): r[4] for r in result.rows[:4]}
    assert rows[("police", "seizures", "all_drugs")] == 144_198
    assert rows[("border-force", "seizures", "all_drugs")] == 8_937
    assert len(result.rows) == 4 + len([r for r in national_rows(2019) if r["value"]])
    assert "bdd-national-seizures" in result.sources


def test_csv_through_the_command(core):
    reply = core.answer("/csv national 2019-20")
    assert reply.csv and b"183068" in reply.csv and b"183646" in reply.csv
