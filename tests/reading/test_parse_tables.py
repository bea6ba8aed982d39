"""The parser built from small tables written here (Parser.from_names), with no store: names,
aliases, misspellings and years read against three forces, two regions and two drugs.
tests/reading/test_parse.py reads against the real tables through the store."""

from __future__ import annotations

import pytest

import bot.answers  # noqa: F401 (the registry: every command's parser)
from bot.answers.drug import DrugQuery
from bot.answers.force import ForceQuery
from bot.errors import BadYear, UnknownName
from bot.reading.parse import Coverage, Parser

FORCES = {"kent": "Kent", "essex": "Essex", "west-mercia": "West Mercia"}
REGIONS = {"south-east": "South East", "east": "East of England"}
DRUGS = {"cocaine": "Cocaine", "cannabis": "Cannabis"}
COVERAGE = Coverage(first_fye=2010, last_fye=2019, last_reported_fye=2020)


@pytest.fixture
def parser() -> Parser:
    return Parser.from_names(FORCES, REGIONS, DRUGS, COVERAGE)


@pytest.mark.parametrize(
    ("text", "force_id", "fye"),
    [
        ("/force Kent", "kent", None),
        ("/force KENT POLICE", "kent", None),
        ("/force west mercia 2016-17", "west-mercia", 2017),
        ("/force@SeizureBot essex 2018/19", "essex", 2019),
        ("essex", "essex", None),
    ],
)
def test_force_names_and_years_from_small_tables(parser, text, force_id, fye):
    command = parser.parse(text)
    assert isinstance(command, ForceQuery)
    assert (command.force.id, command.force.exact, command.fye) == (force_id, True, fye)


def test_a_misspelt_force_is_matched_but_not_exact(parser):
    command = parser.parse("/force west merica")
    assert isinstance(command, ForceQuery)
    assert (command.force.id, command.force.exact) == ("west-mercia", False)


def test_a_force_not_in_the_table_is_unknown(parser):
    with pytest.raises(UnknownName):
        parser.parse("/force Zanzibar")


def test_a_year_outside_the_coverage_is_refused(parser):
    with pytest.raises(BadYear):
        parser.parse("/force kent 1999-00")


def test_a_drug_and_a_force_from_small_tables(parser):
    command = parser.parse("/drug cocaine kent 2017-18")
    assert isinstance(command, DrugQuery)
    assert command.drug.id == "cocaine"
    assert command.force is not None and command.force.id == "kent"
    assert command.fye == 2018
