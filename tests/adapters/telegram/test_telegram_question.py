"""Questions in plain words through the real Application and the fake Bot API: any text in
a private chat; in groups only when the bot is mentioned or a message replies to it."""

from __future__ import annotations

import pytest

from tests.support.fake_bot_api import (
    BOT_USER,
    BOT_USERNAME,
    GROUP_CHAT,
    PERSON,
    PRIVATE_CHAT,
    button_update,
    inline_update,
    message_update,
    process,
)


async def test_a_private_question_gets_the_same_card_as_its_command(app, api, core):
    await process(app, message_update("cocaine seizures in kent 2016-17"))
    [call] = api.sent()
    assert call.params["chat_id"] == PRIVATE_CHAT["id"]
    assert call.params["text"] == core.answer("/drug cocaine Kent 2016-17").html


async def test_a_town_says_which_force_polices_it(app, api):
    await process(app, message_update("drug seizures in Leeds 2017-18"))
    [call] = api.sent()
    assert "Leeds is policed by West Yorkshire Police" in call.params["text"]


async def test_scotland_is_outside_the_statistics(app, api):
    await process(app, message_update("drug seizures in Glasgow"))
    [call] = api.sent()
    assert "England and Wales only" in call.params["text"]


async def test_a_group_mention_is_answered_without_the_mention(app, api, core):
    await process(app, message_update(f"@{BOT_USERNAME} cocaine in kent", GROUP_CHAT))
    [call] = api.sent()
    assert call.params["chat_id"] == GROUP_CHAT["id"]
    assert call.params["text"] == core.answer("cocaine in kent").html
    assert "reply_parameters" in call.params  # the reply quotes the question


async def test_a_reply_to_the_bot_in_a_group_is_answered(app, api, core):
    bot_message = {
        "message_id": 5, "date": 0, "chat": dict(GROUP_CHAT), "from": BOT_USER, "text": "Kent",
    }  # fmt: skip
    await process(app, message_update("and essex?", GROUP_CHAT, reply_to_message=bot_message))
    [call] = api.sent()
    assert call.params["text"] == core.answer("essex").html


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"reply_to_message": {"message_id": 5, "date": 0, "chat": GROUP_CHAT, "from": PERSON,
                              "text": "lunch?"}},
    ],
)  # fmt: skip
async def test_group_talk_not_addressed_to_the_bot_gets_no_reply(app, api, extra):
    await process(app, message_update("cocaine in kent", GROUP_CHAT, **extra))
    await process(app, message_update("@someone_else cocaine in kent", GROUP_CHAT))
    assert api.sent() == []


async def test_inline_mode_reads_plain_words(app, api, core):
    await process(app, inline_update("cocaine in kent 2016-17"))
    [call] = api.sent("answerInlineQuery")
    [result] = call.params["results"]
    expected = core.answer("/drug cocaine Kent 2016-17").html
    assert result["input_message_content"]["message_text"] == expected


async def test_another_measure_is_refused_in_a_group_with_a_button_that_answers(app, api, core):
    """No figure for arrests, whoever asks; the button is the seizures card, and pressing it
    answers."""
    await process(app, message_update(f"@{BOT_USERNAME} how many arrests in Essex", GROUP_CHAT))
    [call] = api.sent()
    assert "I have no figures for arrests" in call.params["text"]
    assert not any(ch.isdigit() for ch in call.params["text"])
    [[button]] = call.params["reply_markup"]["inline_keyboard"]
    assert button["callback_data"] == "/force essex"
    await process(app, button_update(button["callback_data"], GROUP_CHAT))
    assert api.sent()[-1].params["text"] == core.answer("/force essex").html
