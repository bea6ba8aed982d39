"""Text -> Command: names, aliases, misspellings, years, usage errors. Pure tables."""

from __future__ import annotations

import pytest

from bot.answers.force import ForceQuery
from bot.errors import BadYear, UnknownName, UsageError
from bot.reading.parse import Simple, clean_text, split_command


@pytest.fixture(scope="module")
def parser(core):
    return core.parser


@pytest.mark.parametrize(
    ("text", "force_id"),
    [
        ("/force West Mercia", "west-mercia"),
        ("/force west mercia", "west-mercia"),
        ("/force WEST MERCIA POLICE", "west-mercia"),
        ("/force W Mercia", "west-mercia"),
        ("/force the Met", "metropolitan"),
        ("/force Met", "metropolitan"),
        ("/force MPS", "metropolitan"),
        ("/force Metropolitan Police Service", "metropolitan"),
        ("/force GMP", "greater-manchester"),
        ("/force City of London", "city-of-london"),
        ("/force London, City of", "city-of-london"),
        ("/force BTP", "btp"),
        ("/force Avon and Somerset", "avon-and-somerset"),
        ("/force Avon & Somerset Constabulary", "avon-and-somerset"),
        ("/force Devon & Cornwall", "devon-and-cornwall"),
        ("/force Dyfed Powys", "dyfed-powys"),
        ("/force dyfed-powys", "dyfed-powys"),
        ("/force Notts", "nottinghamshire"),
        ("/force herts", "hertfordshire"),
        ("/force Border Force", "border-force"),
        ("/force West Midlands", "west-midlands"),
        ("/force@SeizureBot Kent", "kent"),
        ("/FORCE kent", "kent"),
        ("kent", "kent"),
        ("  west   mercia  ", "west-mercia"),
    ],
)
def test_force_names_aliases_and_short_forms(parser, text, force_id):
    command = parser.parse(text)
    assert isinstance(command, ForceQuery)
    assert command.force.id == force_id
    assert command.force.exact


@pytest.mark.parametrize(
    ("text", "force_id"),
    [
        ("/force west merica", "west-mercia"),
        ("/force Sufolk", "suffolk"),
        ("/force essexx", "essex"),
        ("/force Glocestershire", "gloucestershire"),
        ("/force Northumbira", "northumbria"),
    ],
)
def test_close_misspellings_answer_with_a_did_you_mean(parser, text, force_id):
    command = parser.parse(text)
    assert command.force.id == force_id
    assert not command.force.exact


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        ("/force london", {"metropolitan", "city-of-london"}),
        ("/force west", {"west-mercia", "west-midlands", "west-yorkshire"}),
        (
            "/force yorkshire 2018-19",
            {"west-yorkshire", "south-yorkshire", "north-yorkshire", "humberside"},
        ),
    ],
)
def test_ambiguous_names_offer_choices(parser, text, choices):
    with pytest.raises(UnknownName) as caught:
        parser.parse(text)
    assert {item for item, _ in caught.value.suggestions} == choices


def test_choices_keep_the_year_asked_for(parser):
    with pytest.raises(UnknownName) as caught:
        parser.parse("/force london 2016/17")
    assert caught.value.rest == "2016-17"


@pytest.mark.parametrize("text", ["/force xyzzy", "/force Atlantis Constabulary", "/force !!!"])
def test_unknown_names_have_no_suggestions(parser, text):
    with pytest.raises(UnknownName) as caught:
        parser.parse(text)
    assert caught.value.suggestions == ()


@pytest.mark.parametrize(
    ("text", "fye"),
    [
        ("/force Kent", None),
        ("/force Kent 2019", 2019),
        ("/force Kent 2018-19", 2019),
        ("/force Kent 2018/19", 2019),
        ("/force Kent 18/19", 2019),
        ("/force Kent 2018-2019", 2019),
        ("/force Kent FYE 2019", 2019),
        ("/force Kent year ending March 2019", 2019),
        ("/force the met 2016/17", 2017),
        ("/force West Mercia 2019-20", 2020),
    ],
)
def test_years_in_commands(parser, text, fye):
    assert parser.parse(text).fye == fye


@pytest.mark.parametrize(
    "text", ["/force Kent 2031", "/force Kent 1999", "/force Kent -5", "/force Kent 2019-21"]
)
def test_years_outside_the_data_are_refused(parser, text):
    with pytest.raises(BadYear):
        parser.parse(text)


@pytest.mark.parametrize("text", ["/force", "/force   ", "/force 2018-19", "/nonsense kent"])
def test_usage_errors(parser, text):
    with pytest.raises(UsageError):
        parser.parse(text)


def test_help_and_start_are_simple_commands(parser):
    assert parser.parse("/help") == Simple("help")
    assert parser.parse("/start@SeizureBot") == Simple("start")


def test_west_midlands_force_notes_the_region(parser):
    assert parser.parse("/force West Midlands").also_region == "West Midlands"
    assert parser.parse("/force West Mercia").also_region is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/force@OurBot West Mercia", ("force", "West Mercia", "OurBot")),
        ("west mercia 2019", ("force", "west mercia 2019", None)),
        ("/help", ("help", "", None)),
        ("/force\u200bKent", ("force", "Kent", None)),
    ],
)
def test_split_command(text, expected):
    assert split_command(text) == expected


def test_clean_text_removes_controls_and_bidi_marks():
    assert clean_text("\u202eKent\x00 \n\t 2019\ufeff") == "Kent 2019"
    assert len(clean_text("x" * 10_000)) == 4096
