"""/setforce, /myforce, /csv and /story through the core, with chat state as adapters keep it."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from bot.reply import ChatContext, Reply


def remember(context: ChatContext, reply: Reply) -> ChatContext:
    """The chat state a reply asks to keep, as an adapter keeps it: a new default force,
    the question for /csv."""
    if reply.set_default_force:
        context = replace(context, default_force=reply.set_default_force)
    if reply.csv_query:
        context = replace(context, last_query=reply.csv_query)
    return context


def test_setforce_then_force_uses_the_default(core):
    reply = core.answer("/setforce Kent")
    assert reply.set_default_force == "kent"
    context = remember(ChatContext(chat_id=1), reply)
    assert "Kent Police: 3,678 drug seizures in 2018-19" in core.answer("/force", context).text
    assert "Kent Police" in core.answer("/myforce", context).text
    assert "Kent Police made 3,678" in core.answer("/story", context).text


def test_setforce_never_remembers_a_guess(core):
    reply = core.answer("/setforce west merica")
    assert reply.set_default_force is None
    assert reply.buttons[0][0].payload == "/setforce west-mercia"


def test_bare_csv_gives_the_figures_of_the_last_answer(core):
    context = remember(ChatContext(chat_id=1), core.answer("/force West Mercia"))
    reply = core.answer("/csv", context)
    assert reply.csv and reply.csv_name == "west-mercia-2018-19.csv"
    rows = list(csv.reader(io.StringIO(reply.csv.decode())))
    assert rows[0] == ["force_id", "year", "measure", "drug", "value", "unit"]
    assert ["west-mercia", "2018-19", "seizures", "all_drugs", "3292", "seizures"] in rows
    assert ["west-mercia", "2018-19", "seizures", "cocaine", "265", "seizures"] in rows
    assert any(
        row and row[0].startswith("Source: ") and "Seizures18-19.csv" in row[0] for row in rows
    )


def test_named_csv(core):
    reply = core.answer("/csv the met 2016/17")
    assert reply.csv_name == "metropolitan-2016-17.csv"
    assert b"metropolitan,2016-17,seizures,all_drugs,33560,seizures" in reply.csv


def test_story_uses_only_the_card_figures_and_carries_the_caveat(core):
    text = core.answer("/story West Mercia").text
    assert "West Mercia Police made 3,292 drug seizures in 2018-19" in text
    assert "up 13.6 per cent from 2,898" in text
    assert "2,567 seizures per million" in text and "2,432" in text
    assert "police activity rather than how common drugs are" in text
    assert "%" not in text


def test_story_for_a_reported_year(core):
    text = core.answer("/story West Mercia 2019-20").text
    assert "3,508 drug seizures in 2019-20, up 6.6 per cent from 3,292" in text
    assert "2,716 seizures per million" in text
    assert "shropshirestar.com" in text


def test_inline_offers_the_best_card_and_choices_and_never_errors(core):
    [best] = core.inline("west mercia")
    assert best.title == "West Mercia Police" and "3,292" in best.reply.text
    assert {r.title for r in core.inline("london")} == {
        "Metropolitan Police Service",
        "City of London Police",
        "London region",
    }
    for query in ("", "xyzzy", "kent 2040", "<b>&", "/force", "'; DROP TABLE seizures; --"):
        results = core.inline(query)
        assert results and all(len(r.id.encode()) <= 64 for r in results)
