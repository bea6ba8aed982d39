"""The second harvest of published figures: words to ids, exact values only, duplicates left
out, revisions kept beside the figure they revise (tables first, then the committed data)."""

from __future__ import annotations

import pytest

from bot.ingest import quoted
from bot.ingest import sources as src
from tests.support.data_tables import table


@pytest.mark.parametrize(
    ("words", "ids"),
    [
        ("total seizures", ("seizures", "all_drugs")),
        ("Class A seizures", ("seizures", "class_a")),
        ("cannabis plants seized", ("quantity", "cannabis_plants")),
        ("LSD seized", ("quantity", "lsd")),
        ("powder cocaine seized", ("quantity", "cocaine")),
        ("heroin seizure rate", ("rate_heroin_per_million", "")),
        ("anabolic steroid seizure rate", ("rate_anabolic_steroids_per_million", "")),
        ("seizure rate", ("rate_per_million", "all_drugs")),
        ("total seizures change", ("change_percent", "all_drugs")),
        ("Class A share of seizures", ("share_percent", "class_a")),
        ("nitrous oxide seizures", ("seizures_nitrous_oxide", "")),
        ("total seizures (as revised in FYE2025 release)", ("seizures", "all_drugs")),
    ],
)
def test_measure_in_words_becomes_the_first_harvest_ids(words, ids) -> None:
    assert quoted.measure_ids(words) == ids


@pytest.mark.parametrize(
    ("cell", "unit", "measure", "kept"),
    [
        ("2111", "seizures", "seizures", ("2111", "seizures")),
        ("148.19", "tonnes", "quantity", ("148190", "kg")),
        ("-3", "percent", "change_percent", ("-3", "percent_change")),
        (
            "5321",
            "per million population",
            "rate_per_million",
            ("5321", "seizures_per_million_population"),
        ),
        (">1000", "seizures", "seizures", None),
        ("~3400", "seizures", "seizures", None),
    ],
)
def test_only_exact_values_are_kept(cell, unit, measure, kept) -> None:
    assert quoted.exact_value(cell, unit, measure) == kept


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("2023-04 (FYE2022 release)", "Apr 2023; FYE2022 release"),
        ("2026-02-12", "12 Feb 2026"),
        ("2016", "2016"),
        ("n/a", ""),
    ],
)
def test_page_date(cell, text) -> None:
    assert quoted.page_date(cell) == text


def figure(value: str, url: str, **more: object) -> dict[str, object]:
    row = {
        "fye": 2021,
        "area_id": "gwent",
        "measure": "seizures",
        "drug": "all_drugs",
        "value": value,
        "source": quoted.page_id(url),
        "note": "",
        "page": url,
    }
    return row | more


def test_held_leaves_out_duplicates_and_labels_a_revision() -> None:
    registry = src.SourceRegistry()
    first = "https://example.org/first-release"
    registry.add_page(first)
    held = quoted.Held([figure("1223", first)], "area_id")
    assert not held.keep(figure("1223", "https://example.org/other"), registry)  # same figure
    assert not held.keep(figure("1223", first, measure="share_percent"), registry)  # same page
    revised = figure("1230", "https://example.org/later-release")
    assert held.keep(revised, registry)
    assert revised["note"] == (
        "published differently elsewhere (1223 on example.org): a revision or a rounding"
    )
    assert "page-example-" in " ".join(registry.items)  # the kept row's page is registered
    assert held.keep(figure("7", first, measure="quantity", drug="heroin"), registry)  # new


# --- the committed tables ------------------------------------------------------------------


def reported(fye: int, area_id: str, measure: str = "seizures", drug: str = "all_drugs"):
    return [
        r
        for r in table("reported")
        if (r["fye"], r["area_id"], r["measure"], r["drug"]) == (str(fye), area_id, measure, drug)
    ]


def test_no_published_figure_is_held_twice() -> None:
    keys = [
        (r["fye"], r["area_id"], r["measure"], r["drug"], float(r["value"]), r["source"])
        for r in table("reported")
    ]
    assert len(keys) == len(set(keys))


def test_a_revision_keeps_both_figures_with_their_pages() -> None:
    """Dyfed-Powys 2020-21: 2,225 as first published, 2,219 as restated a year later."""
    found = {r["value"]: r["source_url"] for r in reported(2021, "dyfed-powys")}
    assert set(found) == {"2225", "2219"}
    assert "countytimes" in found["2225"] and "cambrian-news" in found["2219"]


def test_second_harvest_adds_new_forces_and_years() -> None:
    [cleveland] = reported(2021, "cleveland")
    assert cleveland["value"] == "2973"
    assert cleveland["source_type"] == "news report (Feb 2022), reporting Home Office figures"
    assert [r["value"] for r in reported(2022, "cambridgeshire")] == ["2405"]


def test_figures_equal_to_the_complete_tables_are_not_repeated() -> None:
    """The BBC's Thames Valley 2014-15 figure (3,489) is the table's; its 2008-09 one is not."""
    assert reported(2015, "thames-valley") == []
    assert [r["value"] for r in reported(2009, "thames-valley")] == ["8425"]


def test_approximations_are_left_out() -> None:
    assert reported(2019, "gwent") == []  # "more than 1,000"
    assert not [r for r in table("national") if r["fye"] == "2025" and r["drug"] == "ketamine"]


def test_news_pages_say_they_report_home_office_figures_third_parties_do_not() -> None:
    for row in table("reported"):
        third_party = any(w in row["source_type"] for w in ("third-party", "UKAT", "blog"))
        assert ("reporting Home Office figures" in row["source_type"]) != third_party or (
            "secondary" in row["source_type"]
        ), row


def test_national_figures_name_their_release() -> None:
    [police] = [
        r
        for r in table("national")
        if (r["fye"], r["authority"], r["measure"], r["value"])
        == ("2015", "police", "seizures", "160933")
    ]
    assert police["edition"] == "FYE2015 release (as reported by bbc.com, Nov 2015)"
    nitrous = [
        r
        for r in table("national")
        if r["fye"] == "2025" and r["measure"] == "quantity_nitrous_oxide"
    ]
    assert sorted(r["value"] for r in nitrous) == ["4000000", "4190000"]
