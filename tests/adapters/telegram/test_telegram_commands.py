"""The command set through Telegram: inline queries, documents, photos, card buttons."""

from __future__ import annotations

import json

import pytest

from tests.support.fake_bot_api import button_update, inline_update, message_update, process


def results_of(call):
    results = call.params["results"]
    return json.loads(results) if isinstance(results, str) else results


async def test_inline_query_offers_the_card(app, api):
    await process(app, inline_update("west mercia"))
    [call] = api.sent("answerInlineQuery")
    [article] = results_of(call)
    assert article["type"] == "article" and article["title"] == "West Mercia Police"
    assert "3,292" in article["input_message_content"]["message_text"]
    assert article["input_message_content"]["parse_mode"] == "HTML"
    assert int(call.params["cache_time"]) > 0


@pytest.mark.parametrize("query", ["", "xyzzy", "london", "kent 2040", "<b>&"])
async def test_inline_query_never_errors(app, api, query):
    await process(app, inline_update(query))
    [call] = api.sent("answerInlineQuery")
    assert results_of(call)


async def test_force_card_buttons_are_within_64_bytes(app, api):
    await process(app, message_update("/force devon and cornwall"))
    [call] = api.sent()
    markup = call.params["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    payloads = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
    assert {p.split()[0] for p in payloads} >= {"/trend", "/drug", "/compare", "/force"}
    assert all(len(p.encode()) <= 64 for p in payloads)


async def test_csv_is_sent_as_a_document(app, api):
    await process(app, message_update("/force West Mercia"))
    await process(app, message_update("/csv"))
    [document] = api.sent("sendDocument")
    assert b"west-mercia,2018-19,seizures,all_drugs,3292" in document.files["document"]


async def test_previous_year_button(app, api):
    await process(app, button_update("/force west-mercia 2017-18"))
    [call] = api.sent("sendMessage")
    assert "West Mercia Police: 2,898 drug seizures in 2017-18" in call.params["text"]
