"""Replies into Telegram messages: 4,096-character texts cut at lines, captions within
1,024, files, buttons on the last message, the quote on the first."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from telegram import InputFile, Message, ReplyParameters

from bot.adapters.telegram import send
from bot.adapters.telegram.limiter import URGENT
from bot.adapters.telegram.post import Part, Target, post
from bot.adapters.telegram.send import CAPTION_LIMIT, TEXT_LIMIT, split_html
from bot.reply import Button, Reply
from tests.support.fake_bot_api import (
    GROUP_CHAT,
    FakeBotApi,
    FixedCore,
    make_app,
    message_update,
    process,
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


async def ptb_way(bot: Any, target: Target, part: Part, markup: Any = None) -> Message:
    """The same message sent through python-telegram-bot's own methods (the reference)."""
    quote = target.quote
    options: dict[str, Any] = {
        "message_thread_id": target.thread,
        "reply_markup": markup,
        "reply_parameters": (
            ReplyParameters(quote, allow_sending_without_reply=True) if quote is not None else None
        ),
    }
    if part.plain:
        options["parse_mode"] = None  # None, not left out: the bot's default is HTML
    if target.urgent:
        options["rate_limit_args"] = URGENT
    if part.kind == "text":
        return await bot.send_message(target.chat_id, part.text or "", **options)
    file = InputFile(part.data or b"", filename=part.filename)
    if part.kind == "photo":
        return await bot.send_photo(target.chat_id, file, caption=part.text, **options)
    return await bot.send_document(target.chat_id, file, caption=part.text, **options)


async def test_the_bots_messages_go_out_as_python_telegram_bot_sends_them(tmp_path, monkeypatch):
    """``post`` skips python-telegram-bot's objects (a Message built from each answer, the
    defaults walked over twenty parameters): the requests are the very ones its own methods
    make, field by field and file by file, and what the bot reads of the answer is there."""
    markup = send.keyboard(((Button("Kent Police", "/force kent"), Button("Trend", "/trend k")),))
    group = GROUP_CHAT["id"]
    messages = [
        (Target(group, 42, 17), Part("text", "<b>Kent</b>: 1,234"), markup),
        (Target(1001), Part("text", "Kent: 1 < 2 & more", plain=True), None),
        (Target(group, 42, urgent=True), Part("text", "Many questions here at once"), None),
        (Target(1001), Part("photo", "<b>Kent</b> chart", b"\x89PNG fake", "kent.png"), markup),
        (Target(group, quote=9), Part("document", None, b"fye,seizures\n", "kent.csv"), None),
    ]
    built: list[object] = []
    de_json = Message.de_json

    def counted(data: Any, bot: Any = None) -> Message | None:
        built.append(data)
        return de_json(data, bot)

    api = FakeBotApi()
    async with make_app(FixedCore(Reply(html="", text="")), api, tmp_path) as app:
        monkeypatch.setattr(Message, "de_json", counted)
        kept = [await post(app.bot, *message) for message in messages]
        ours = api.sent()
        assert not built  # no Message made of what Telegram answered
        api.calls.clear()
        full = [await ptb_way(app.bot, *message) for message in messages]
        theirs = api.sent()
        assert len(built) == len(messages)

    assert len(ours) == len(theirs) == len(messages)
    for mine, before in zip(ours, theirs, strict=True):
        assert (mine.method, mine.params, mine.files) == (
            before.method,
            before.params,
            before.files,
        )
    assert [s and s.message_id for s in kept] == [c.message_id for c in ours]
    assert [s and (s.chat_id, s.thread_id, s.text) for s in kept] == [
        (m.chat.id, m.message_thread_id, m.text) for m in full
    ]
