"""Replies into Telegram messages: 4,096-character texts cut at lines, captions within
1,024, files, buttons on the last message, the quote on the first."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from telegram import Message

from bot.adapters.telegram import send
from bot.adapters.telegram.client import Sent, unparsed
from bot.adapters.telegram.send import CAPTION_LIMIT, TEXT_LIMIT, Target, send_reply, split_html
from bot.reply import Button, Reply
from tests.support.fake_bot_api import (
    GROUP_CHAT,
    FakeBotApi,
    FixedCore,
    make_app,
    message_update,
    process,
    sent_message,
)

TAG = re.compile(r"<[^>]+>")


def long_card(lines: int = 300) -> str:
    return "\n".join(f"<b>Force {n}</b>: {n:,} seizures &amp; more, rising" for n in range(lines))


def test_a_long_reply_is_cut_at_line_boundaries():
    html = long_card()
    chunks = split_html(html)
    assert len(chunks) > 2
    assert all(len(chunk) <= TEXT_LIMIT for chunk in chunks)
    assert "\n".join(chunks) == html  # nothing lost, nothing added, every line whole


def test_a_tag_open_across_a_cut_is_closed_and_opened_again():
    html = "<blockquote expandable>" + "\n".join("x" * 60 for _ in range(100)) + "</blockquote>"
    first, *rest = split_html(html, limit=1000)
    assert first.startswith("<blockquote expandable>") and first.endswith("</blockquote>")
    assert all(c.startswith("<blockquote expandable>") for c in rest)
    assert all(c.endswith("</blockquote>") and len(c) <= 1000 for c in rest)


def test_a_line_longer_than_a_message_is_cut_at_spaces_outside_tags_and_entities():
    html = " ".join(['<a href="https://example.org/a b">link</a> &amp; word'] * 400)
    chunks = split_html(html)
    assert all(len(chunk) <= TEXT_LIMIT for chunk in chunks)
    for chunk in chunks:
        assert chunk.count("<a ") == chunk.count("</a>")
        assert not re.search(r"&[a-z]*$", chunk) and not re.match(r"^[a-z]*;", chunk)


def test_short_and_empty_replies():
    assert split_html("<b>Kent</b>") == ["<b>Kent</b>"]
    assert split_html("") == [] and split_html("\n\n") == []


@given(
    st.lists(
        st.text(
            st.characters(codec="utf-8", exclude_characters="<>&\n"), min_size=1, max_size=120
        ).filter(str.strip),
        min_size=1,
        max_size=60,
    ),
    st.integers(min_value=250, max_value=800),
)
def test_chunks_hold_every_line_in_order_within_the_limit(lines, limit):
    lines = [line.strip() for line in lines]
    chunks = split_html("\n".join(lines), limit)
    assert all(len(chunk) <= limit for chunk in chunks)
    assert "\n".join(chunks).split("\n") == lines


async def test_a_long_reply_goes_in_several_messages_with_buttons_on_the_last(tmp_path):
    buttons = ((Button("Kent Police", "/force kent"),),)
    reply = Reply(html=long_card(), text="", buttons=buttons)
    api = FakeBotApi()
    async with make_app(FixedCore(reply), api, tmp_path) as app:
        update = message_update("/force anything", GROUP_CHAT)
        await process(app, update)
    calls = api.sent()
    assert len(calls) == len(split_html(reply.html)) and len(calls) > 1
    assert all(c.method == "sendMessage" and len(c.params["text"]) <= TEXT_LIMIT for c in calls)
    assert calls[0].params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert all("reply_parameters" not in c.params for c in calls[1:])
    assert [("reply_markup" in c.params) for c in calls] == [False] * (len(calls) - 1) + [True]


async def test_a_chart_with_a_short_text_is_one_captioned_photo(tmp_path):
    reply = Reply(
        html="<b>Kent</b>: 1,234",
        text="Kent: 1,234",
        png=b"\x89PNG fake",
        png_name="kent.png",
        buttons=((Button("Kent", "/force kent"),),),
    )
    api = FakeBotApi()
    async with make_app(FixedCore(reply), api, tmp_path) as app:
        await process(app, message_update("/force kent"))
    [photo] = api.sent()
    assert photo.method == "sendPhoto" and photo.params["caption"] == reply.html
    assert photo.params["parse_mode"] == "HTML" and "reply_markup" in photo.params
    assert photo.files["photo"] == b"\x89PNG fake"


async def test_files_with_a_long_text_follow_it_without_captions(tmp_path):
    html = long_card(40)
    assert CAPTION_LIMIT < len(html) < TEXT_LIMIT
    reply = Reply(
        html=html,
        text="",
        png=b"png",
        csv=b"fye,seizures\n2019,1\n",
        csv_name="kent.csv",
        buttons=((Button("Kent", "/force kent"),),),
    )
    api = FakeBotApi()
    async with make_app(FixedCore(reply), api, tmp_path) as app:
        await process(app, message_update("/force kent"))
    text, photo, document = api.sent()
    assert (text.method, photo.method, document.method) == (
        "sendMessage",
        "sendPhoto",
        "sendDocument",
    )
    assert text.params["text"] == html
    assert "caption" not in photo.params and "caption" not in document.params
    assert document.files["document"] == b"fye,seizures\n2019,1\n"
    assert "reply_markup" in document.params and "reply_markup" not in text.params


async def test_a_send_keeps_what_the_bot_reads_and_goes_out_as_python_telegram_bot_sends_it(
    tmp_path, monkeypatch
):
    """The bot's sends skip building a Message from Telegram's answer (a quarter of its time
    under load); what it reads of them (message id, chat, topic, text) is all there, and the
    requests are the very ones python-telegram-bot makes when it does build the Message."""
    reply = Reply(
        html="<b>Kent</b>: 1,234 seizures\n" + long_card(40),
        text="Kent: 1,234 seizures",
        png=b"\x89PNG fake",
        png_name="kent.png",
        buttons=((Button("Kent Police", "/force kent"), Button("Trend", "/trend kent")),),
    )
    where = Target(GROUP_CHAT["id"], thread=42, quote=17)
    notice = Target(GROUP_CHAT["id"], thread=42, urgent=True)

    async def parsed(call: Any) -> Sent:  # python-telegram-bot's own way: a full Message
        message = await call
        assert isinstance(message, Message)
        return Sent.of(message)

    built: list[object] = []
    de_json = Message.de_json

    def counted(data: Any, bot: Any = None) -> Message | None:
        built.append(data)
        return de_json(data, bot)

    api = FakeBotApi()
    async with make_app(FixedCore(reply), api, tmp_path) as app:
        monkeypatch.setattr(Message, "de_json", counted)
        kept = await send_reply(app.bot, where, reply) + await send_reply(app.bot, notice, reply)
        ours = api.sent()
        assert not built  # no Message made of what Telegram answered
        api.calls.clear()
        monkeypatch.setattr(send, "unparsed", parsed)
        full = await send_reply(app.bot, where, reply) + await send_reply(app.bot, notice, reply)
        theirs = api.sent()
        assert len(built) == 4  # python-telegram-bot's way: a Message for each

    assert len(ours) == len(theirs) == len(kept) == len(full) == 4  # text, photo; twice
    assert [c.method for c in ours] == ["sendMessage", "sendPhoto"] * 2
    assert "reply_markup" in ours[1].params and "reply_parameters" in ours[0].params
    for mine, before in zip(ours, theirs, strict=True):
        assert (mine.method, mine.params, mine.files) == (
            before.method,
            before.params,
            before.files,
        )
    assert [s.message_id for s in kept] == [c.message_id for c in ours]
    assert {(s.chat_id, s.thread_id) for s in kept + full} == {(GROUP_CHAT["id"], 42)}
    assert [s.text for s in kept] == [ours[0].params["text"], None] * 2
    assert [replace(s, message_id=0) for s in kept] == [replace(s, message_id=0) for s in full]


async def test_a_bot_that_gives_back_a_message_or_nothing_still_sends():
    message = Message.de_json(sent_message("sendMessage", {"chat_id": 5, "text": "hi"}), None)
    assert message is not None

    async def gives(value: Any) -> Any:
        return value

    assert await unparsed(gives(message)) == Sent(message.message_id, 5, None, "hi")
    assert await unparsed(gives(True)) is None
