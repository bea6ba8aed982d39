"""Named bad inputs, each with the helpful reply it must get (never an error, never a
traceback, always within Telegram's limits)."""

from __future__ import annotations

import pytest

FIFTY = ", ".join(["Kent"] * 25 + ["Essex"] * 25)

CASES = [
    # (what a person typed, the kind of reply, words the reply must contain)
    ("/force", "usage", "Usage: /force <force> [year]"),
    ("/force   ", "usage", "for example /force West Mercia"),
    ("/compare", "usage", "Usage: /compare"),
    ("/region", "usage", "Which region?"),
    ("/drug", "usage", "Which drug?"),
    ("/setforce", "usage", "Usage: /setforce"),
    ("/force Atlantis", "not_found", "I don't know a force called “Atlantis”"),
    ("/force xyzzy 2018-19", "not_found", "Try a name like West Mercia"),
    ("/force london", "choices", "Did you mean Metropolitan Police Service, City of London"),
    ("/force west", "choices", "Did you mean"),
    ("/force Kent 2031", "usage", "I have no figures for 2031"),
    ("/force Kent 2031-32", "usage", "Force tables cover 2009-10 to 2018-19"),
    ("/force Kent 1999", "usage", "Force tables cover 2009-10 to 2018-19"),
    ("/force Kent -5", "usage", "“-5” is not a year I can read"),
    ("/force Kent 2019-21", "usage", "is not one financial year"),
    ("/national 2031", "usage", "I have no figures for 2031"),
    ("/compare Kent vs", "usage", "Compare Kent Police with what?"),
    ("/compare vs Kent", "usage", "Usage: /compare"),
    (f"/compare {FIFTY}", "usage", "Compare takes two sides, and I found 50"),
    ("/compare Kent vs Kent", "usage", "on both sides"),
    ("/drug unobtainium", "not_found", "I don't know a drug called “unobtainium”"),
    ("/drug unobtainium Kent", "not_found", "I don't know a drug"),
    ("/rank narnia", "not_found", "East of England"),
    ("/region Narnia", "not_found", "East of England"),
    ("/nonsense", "usage", "I don't know the command /nonsense"),
    ("/csv", "usage", "Ask a question first"),
]


@pytest.mark.parametrize(("text", "kind", "words"), CASES, ids=[c[0][:40] for c in CASES])
def test_bad_input_gets_a_helpful_reply(core, text, kind, words):
    reply = core.answer(text)
    assert reply.kind == kind, reply.text
    assert words in reply.text
    assert "Traceback" not in reply.text and len(reply.html) <= 4096


def test_a_region_that_is_also_a_force_answers_for_the_force_and_says_how_to_ask(core):
    reply = core.answer("/force West Midlands")
    assert "West Midlands Police: 5,573 drug seizures in 2018-19" in reply.text
    assert "For the West Midlands region, ask /region West Midlands" in reply.text
    region = core.answer("/region West Midlands")
    assert "West Midlands region: 12,868 drug seizures in 2018-19" in region.text


def test_sql_text_is_only_ever_a_name(core, store):
    for text in (
        "/force '; DROP TABLE seizures; --",
        "/rank '); DELETE FROM forces; --",
        "/compare Kent vs '; DROP TABLE flags; --",
        "/drug ' OR 1=1 --",
    ):
        core.answer(text)
    assert store.one("coverage")["last_fye"] == 2019  # the tables are all still there
    assert len(store._execute("forces", {})) == 45
