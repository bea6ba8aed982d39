"""The fake Bot API keeps Telegram's own rules: it refuses what Telegram refuses, with
Telegram's words, so a reply that would need the plain-text fallback fails the tests
(tests/conftest.py: telegram_refused_nothing)."""

from __future__ import annotations

import pytest

from bot.reply import Reply
from tests.support.fake_bot_api import (
    BUTTON_DATA_INVALID,
    FakeBotApi,
    FixedCore,
    inline_update,
    make_app,
    message_update,
    process,
    take_refusals,
)

UNPARSED = "Bad Request: can't parse entities: "


def answer(api: FakeBotApi, method: str, **params) -> tuple[int, str]:
    status, body = api.respond(method, {"chat_id": 1001, **params})
    return status, body.get("description", "")


@pytest.mark.parametrize(
    ("method", "params", "description"),
    [
        (
            "sendMessage",
            {"text": "Ketamine 6 <1% of all", "parse_mode": "HTML"},
            UNPARSED + 'Unsupported start tag "1%" at byte offset 11',
        ),
        (
            "sendMessage",
            {"text": "<b>Kent", "parse_mode": "HTML"},
            UNPARSED + "Can't find end tag corresponding to start tag b",
        ),
        (
            "editMessageText",
            {"text": "<p>x</p>", "parse_mode": "HTML"},
            UNPARSED + 'Unsupported start tag "p" at byte offset 0',
        ),
        ("sendMessage", {"text": "x" * 4097}, "Bad Request: message is too long"),
        ("sendMessage", {"text": " \n "}, "Bad Request: message text is empty"),
        (
            "sendPhoto",
            {"caption": "<b>" + "x" * 1025 + "</b>", "parse_mode": "HTML"},
            "Bad Request: message caption is too long",
        ),
        (
            "sendDocument",
            {"caption": "a <b", "parse_mode": "HTML"},
            UNPARSED + "Unclosed start tag at byte offset 2",
        ),
        (
            "answerInlineQuery",
            {
                "results": [
                    {
                        "type": "article",
                        "id": "1",
                        "title": "t",
                        "input_message_content": {
                            "message_text": "6 <1% of all",
                            "parse_mode": "HTML",
                        },
                    }
                ]
            },
            UNPARSED + 'Unsupported start tag "1%" at byte offset 2',
        ),
        (
            "sendMessage",
            {
                "text": "Kent",
                "reply_markup": {
                    "inline_keyboard": [[{"text": "Kent", "callback_data": "/force " + "k" * 58}]]
                },
            },
            BUTTON_DATA_INVALID,
        ),
    ],
)
def test_what_telegram_refuses_the_fake_refuses_in_its_words(method, params, description):
    api = FakeBotApi()
    assert answer(api, method, **params) == (400, description)
    assert [call.description for call in api.refused] == [description]
    assert take_refusals() == [f"{method}: {description}"]
    assert api.refused == [] and take_refusals() == []


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("sendMessage", {"text": "Other class A 13 &lt;1%", "parse_mode": "HTML"}),
        ("sendMessage", {"text": "a <1% b"}),  # no parse mode: any text
        ("sendMessage", {"text": "x" * 4096}),
        ("sendPhoto", {"caption": "<b>" + "x" * 1024 + "</b>", "parse_mode": "HTML"}),
        ("sendDocument", {}),  # no caption at all
        (
            "sendMessage",
            {
                "text": "Kent",
                "reply_markup": {
                    "inline_keyboard": [[{"text": "Kent", "callback_data": "/force " + "k" * 57}]]
                },
            },
        ),
    ],
)
def test_what_telegram_takes_the_fake_takes(method, params):
    api = FakeBotApi()
    assert answer(api, method, **params)[0] == 200
    assert api.refused == []


async def test_a_refused_reply_goes_as_plain_text_and_is_reported(tmp_path):
    api = FakeBotApi()
    html = "<pre>Other class A    13 <1%\nKetamine          6 <1%</pre>\nAll seizures 3,678"
    reply = Reply(html=html, text="the plain twin")
    async with make_app(FixedCore(reply), api, tmp_path) as app:
        await process(app, message_update("/drug all kent"))
    refused, plain = api.sent("sendMessage")
    assert refused.status == 400 and refused.params["text"] == html
    assert refused.description == UNPARSED + 'Unsupported start tag "1%" at byte offset 25'
    assert plain.status == 200 and plain.params["text"] == "the plain twin"
    assert "parse_mode" not in plain.params
    assert take_refusals() == [f"sendMessage: {refused.description}"]  # else this test fails


async def test_the_real_replies_and_inline_results_are_taken(core, tmp_path):
    api = FakeBotApi()
    async with make_app(core, api, tmp_path) as app:
        for question in ("/drug all kent", "/force GMP 2014-15", "/drug crack herts 2018-19"):
            await process(app, message_update(question))
        await process(app, inline_update("leicestershire 2015-16"))
    assert len(api.delivered("sendMessage")) == 3
    assert [call.status for call in api.sent("answerInlineQuery")] == [200]
    assert api.refused == []


GROUP = -1001234567890


def send(api: FakeBotApi, chat_id: int, **params) -> tuple[int, dict]:
    return api.respond("sendMessage", {"chat_id": chat_id, "text": "hi", **params})


def test_a_group_gets_20_messages_a_window_then_429_with_retry_after():
    api = FakeBotApi(group_window=60.0)
    assert [send(api, GROUP)[0] for _ in range(20)] == [200] * 20
    status, body = send(api, GROUP)
    assert status == 429 and 59 <= body["parameters"]["retry_after"] <= 60
    assert send(api, -42)[0] == 200 and send(api, 1001)[0] == 200  # other chats carry on
    assert api.too_fast == [api.calls[20]]


def test_30_messages_a_second_overall_then_429():
    api = FakeBotApi()
    assert [send(api, 5000 + n)[0] for n in range(30)] == [200] * 30
    status, body = send(api, 9999)
    assert status == 429 and body["parameters"]["retry_after"] == 1


def test_forum_topics_blocked_chats_and_administrators():
    api = FakeBotApi()
    api.topics[GROUP] = {5: True, 9: False}
    assert send(api, GROUP, message_thread_id=5)[0] == 200
    assert send(api, GROUP, message_thread_id=9)[1]["description"] == "Bad Request: TOPIC_CLOSED"
    assert "thread not found" in send(api, GROUP, message_thread_id=7)[1]["description"]
    assert send(api, GROUP, message_thread_id=5)[1]["result"]["message_thread_id"] == 5
    api.blocked.add(1001)
    assert send(api, 1001)[0] == 403
    api.admins[GROUP] = {1002}
    member = api.respond("getChatMember", {"chat_id": GROUP, "user_id": 1002})[1]["result"]
    assert member["status"] == "administrator"
    member = api.respond("getChatMember", {"chat_id": GROUP, "user_id": 1001})[1]["result"]
    assert member["status"] == "member"
