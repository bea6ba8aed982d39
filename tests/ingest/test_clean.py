"""Pure tables for the cleaning policy (bot/ingest/clean.py) and the vocabularies (vocab.py)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.ingest.clean import CellError, clean_label, name_key, parse_count, strip_footnotes
from bot.ingest.force_table import LayoutError, drug_columns, fix_header
from bot.ingest.vocab import FORCES, drug_for, force_for, region_for


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeffPolice force", "Police force"),
        ("Mephedrone\r\n(non-injection)", "Mephedrone (non-injection)"),
        ("Mephedrone\n(non-injection)", "Mephedrone (non-injection)"),
        ("Total\rClass A", "Total Class A"),
        ("All  drugs", "All drugs"),
        ("  Kent   ", "Kent"),
        ("Other\tClass B", "Other Class B"),
        (None, ""),
        (math.nan, ""),
        ("", ""),
    ],
)
def test_clean_label(raw: object, expected: str) -> None:
    assert clean_label(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kent 2", "Kent"),
        ("Total (1)", "Total"),
        ("Dorset*", "Dorset"),
        ("Cocaine [x]", "Cocaine"),
        ("Kent 1,2", "Kent"),
        ("Border Force 4", "Border Force"),
        ("Avon & Somerset 3", "Avon & Somerset"),
        ("Total 43 forces", "Total 43 forces"),  # inner digits stay
        ("Dyfed-Powys", "Dyfed-Powys"),
        ("Class A", "Class A"),
    ],
)
def test_strip_footnotes(raw: str, expected: str) -> None:
    assert strip_footnotes(raw) == expected


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Avon & Somerset", "Avon and Somerset"),
        ("Avon & Somerset", "Avon and Somerset Constabulary"),
        ("London, City of", "City of London Police"),
        ("Kent   ", "Kent"),
        ("Kent 2 ", "Kent Police"),
        ("Metropolitan Police", "Metropolitan Police Service"),
        ("DEVON & CORNWALL", "Devon and Cornwall"),
        ("\ufeffDurham", "Durham Constabulary"),
    ],
)
def test_name_key_matches_spellings(left: str, right: str) -> None:
    assert name_key(left) == name_key(right)


def test_name_key_keeps_different_forces_apart() -> None:
    assert name_key("West Midlands") != name_key("West Mercia")
    assert name_key("North Wales") != name_key("South Wales")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,234", 1234),
        (3292.0, 3292),
        (3292, 3292),
        (" 12 ", 12),
        ("0", 0),
        (0, 0),
        ("", None),
        ("..", None),
        (None, None),
        (math.nan, None),
        ("   ", None),
        ("[x]", None),
    ],
)
def test_parse_count(cell: object, expected: int | None) -> None:
    assert parse_count(cell) == expected


@pytest.mark.parametrize("blank", ["", "..", None, math.nan, " ", "-"])
def test_parse_count_never_turns_blank_into_zero(blank: object) -> None:
    assert parse_count(blank) is None


@pytest.mark.parametrize("cell", ["abc", 1.5, "1.5", "-3", -3, "12 kg"])
def test_parse_count_refuses(cell: object) -> None:
    with pytest.raises(CellError):
        parse_count(cell)


@given(st.integers(min_value=0, max_value=10**9))
def test_parse_count_reads_its_own_formats(n: int) -> None:
    assert parse_count(str(n)) == parse_count(f"{n:,}") == parse_count(float(n)) == n


@given(st.text())
def test_clean_label_is_idempotent(text: str) -> None:
    once = clean_label(text)
    assert clean_label(once) == once
    assert "\n" not in once and "\r" not in once and "  " not in once


@pytest.mark.parametrize(
    ("label", "drug"),
    [
        ("Anabolic0steroids", "anabolic_steroids"),
        ("Anabolic-steroids", "anabolic_steroids"),
        ("Mephedrone\n(non-injection)", "mephedrone"),
        ("Total Class C", "class_c"),
        ("All Class A", "class_a"),
        ("All Cannabis", "cannabis"),
        ("Total cannabis", "cannabis"),
        ("All drugs", "all_drugs"),
        ("Crack", "crack"),
        ("Powder cocaine", "cocaine"),
        ("Cocaine 2", "cocaine"),
        ("Other Class A", "other_class_a"),
        ("LSD", "lsd"),
        ("GHB", "ghb"),
        ("Herbal Cannabis", "herbal_cannabis"),
        ("Unknown", "unknown"),
    ],
)
def test_drug_for(label: str, drug: str) -> None:
    assert drug_for(label) == drug


@pytest.mark.parametrize("label", ["Police force", "Police force area", "Unicorn dust", ""])
def test_drug_for_refuses_non_drugs(label: str) -> None:
    assert drug_for(label) is None


HOME_OFFICE_FORCES = [
    ("Cleveland", "cleveland"),
    ("Durham", "durham"),
    ("Northumbria", "northumbria"),
    ("Cheshire", "cheshire"),
    ("Cumbria", "cumbria"),
    ("Greater Manchester", "greater-manchester"),
    ("Lancashire", "lancashire"),
    ("Merseyside", "merseyside"),
    ("Humberside", "humberside"),
    ("North Yorkshire", "north-yorkshire"),
    ("South Yorkshire", "south-yorkshire"),
    ("West Yorkshire", "west-yorkshire"),
    ("Derbyshire", "derbyshire"),
    ("Leicestershire", "leicestershire"),
    ("Lincolnshire", "lincolnshire"),
    ("Northamptonshire", "northamptonshire"),
    ("Nottinghamshire", "nottinghamshire"),
    ("Staffordshire", "staffordshire"),
    ("Warwickshire", "warwickshire"),
    ("West Mercia", "west-mercia"),
    ("West Midlands", "west-midlands"),
    ("Bedfordshire", "bedfordshire"),
    ("Cambridgeshire", "cambridgeshire"),
    ("Essex", "essex"),
    ("Hertfordshire", "hertfordshire"),
    ("Norfolk", "norfolk"),
    ("Suffolk", "suffolk"),
    ("London, City of", "city-of-london"),
    ("Metropolitan Police", "metropolitan"),
    ("Hampshire", "hampshire"),
    ("Kent", "kent"),
    ("Surrey", "surrey"),
    ("Sussex", "sussex"),
    ("Thames Valley", "thames-valley"),
    ("Avon & Somerset", "avon-and-somerset"),
    ("Devon & Cornwall", "devon-and-cornwall"),
    ("Dorset", "dorset"),
    ("Gloucestershire", "gloucestershire"),
    ("Wiltshire", "wiltshire"),
    ("Dyfed-Powys", "dyfed-powys"),
    ("Gwent", "gwent"),
    ("North Wales", "north-wales"),
    ("South Wales", "south-wales"),
    ("British Transport Police", "btp"),
    ("Border Force", "border-force"),
]


def test_home_office_force_list_is_complete() -> None:
    assert len(HOME_OFFICE_FORCES) == 45
    assert {force_id for _, force_id in HOME_OFFICE_FORCES} == {f.force_id for f in FORCES}


@pytest.mark.parametrize(("label", "force_id"), HOME_OFFICE_FORCES)
def test_force_for_home_office_name(label: str, force_id: str) -> None:
    force = force_for(label)
    assert force is not None and force.force_id == force_id
    assert force_for(f"{label} 2 ") == force  # footnote mark and trailing space


@pytest.mark.parametrize("force", FORCES, ids=lambda f: f.force_id)
def test_force_for_full_name(force) -> None:
    assert force_for(force.full_name) == force


@pytest.mark.parametrize(
    "label", ["North East", "Eastern", "Wales", "Total 43 forces", "England and Wales", "Atlantis"]
)
def test_force_for_refuses_regions_and_totals(label: str) -> None:
    assert force_for(label) is None


@pytest.mark.parametrize(
    ("label", "region_id"),
    [
        ("Eastern", "east-of-england-region"),
        ("East of England", "east-of-england-region"),
        ("Yorkshire and the Humber", "yorkshire-and-the-humber-region"),
        ("West Midlands", "west-midlands-region"),
        ("Wales", "wales"),
    ],
)
def test_region_for(label: str, region_id: str) -> None:
    region = region_for(label)
    assert region is not None and region.region_id == region_id


HEADER_2016 = [
    "Police force",
    "All drugs",
    "Cocaine",
    "Crack",
    "Ecstasy",
    "Heroin",
    "LSD",
    "Methadone",
    "Morphine",
    "Other Class A",
    "Total Class A",
    "All Cannabis",
    "Amphetamines",
    "Barbiturates",
    "Ketamine",
    "Mephedrone\n(non-injection)",
    "Other Class B",
    "Total Class C",
    "Anabolic-steroids",
    "Benzodiazepines",
    "GHB",
    "Temazepam",
    "Other Class C",
    "Total Class C",
    "Unknown",
]
HEADER_2015 = [
    "\ufeffPolice force",
    "All drugs",
    "Cocaine",
    "Crack",
    "Ecstasy",
    "Heroin",
    "LSD",
    "Methadone",
    "Morphine",
    "Other Class A",
    "Total Class A",
    "All Cannabis",
    "Amphetamines",
    "Barbiturates",
    "Other Class B",
    "Total Class B",
    "Anabolic-steroids",
    "Benzodiazepines",
    "GHB",
    "Ketamine",
    "Temazepam",
    "Other Class C",
    "Other Class C",
    "Unknown",
]


def test_fix_header_repairs_2015_16_duplicate_total_class_c() -> None:
    fixed = fix_header(HEADER_2016)
    assert fixed[17] == "Total Class B"
    assert fixed[18] == "Anabolic-steroids"
    assert fixed.count("Total Class C") == 1


def test_fix_header_repairs_2014_15_duplicate_other_class_c() -> None:
    fixed = fix_header(HEADER_2015)
    assert fixed[0] == "Police force"
    assert fixed[-2:] == ["Total Class C", "Unknown"]
    assert fixed.count("Other Class C") == 1


def test_fix_header_cleans_labels() -> None:
    assert fix_header(["Police force ", "Cocaine 2", "Mephedrone\r\n(non-injection)"]) == [
        "Police force",
        "Cocaine",
        "Mephedrone (non-injection)",
    ]


def test_fix_header_without_repair_keeps_the_duplicate() -> None:
    assert fix_header(HEADER_2016, repair=False)[17] == "Total Class C"


def test_drug_columns_after_repair() -> None:
    columns = drug_columns(HEADER_2016)
    assert len(columns) == 24 and len(set(columns.values())) == 24
    assert columns[17] == "class_b" and columns[23] == "class_c"


def test_drug_columns_refuses_unrepaired_duplicate() -> None:
    with pytest.raises(LayoutError, match="two columns"):
        drug_columns(HEADER_2016, repair=False)


def test_drug_columns_refuses_unknown_header() -> None:
    with pytest.raises(LayoutError, match="Unicorn dust"):
        drug_columns(["Police force", "All drugs", "Cocaine", "Unicorn dust"])
