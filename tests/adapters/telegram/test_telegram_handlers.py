"""The Telegram handlers through the real Application, over a fake Bot API transport.

Updates are raw Bot API JSON turned into objects by ``Update.de_json``; every outgoing call
is recorded by the fake, which fails the test on a method it does not know.
"""

from __future__ import annotations

import logging

import pytest

from bot.adapters.state import ChatState
from bot.adapters.telegram.handlers import APOLOGY, STALE_BUTTON
from bot.adapters.telegram.log import MASK, configure_logging
from bot.core import Core
from bot.reply import ChatContext, Reply
from tests.support.fake_bot_api import (
    BOT_USERNAME,
    GROUP_CHAT,
    PRIVATE_CHAT,
    TOKEN,
    FakeBotApi,
    button_update,
    make_app,
    message_update,
    process,
)


class BrokenCore(Core):
    """A core that fails unexpectedly, with internals and the token in its message."""

    def answer(self, text: str, context: ChatContext | None = None) -> Reply:
        raise RuntimeError(f"internal detail /srv/db at https://api.telegram.org/bot{TOKEN}/x")


async def test_private_force_command_sends_the_card(app, api, core):
    await process(app, message_update("/force West Mercia"))
    [call] = api.sent()
    assert call.method == "sendMessage"
    assert call.params["chat_id"] == PRIVATE_CHAT["id"]
    assert call.params["parse_mode"] == "HTML"
    assert "West Mercia Police" in call.params["text"] and "3,292" in call.params["text"]
    assert call.params["text"] == core.answer("/force West Mercia").html
    assert "reply_parameters" not in call.params


async def test_group_command_with_bot_name_quotes_the_question(app, api, core):
    update = message_update(f"/force@{BOT_USERNAME} West Mercia", GROUP_CHAT)
    await process(app, update)
    [call] = api.sent()
    assert call.params["chat_id"] == GROUP_CHAT["id"]
    assert call.params["parse_mode"] == "HTML"
    assert call.params["text"] == core.answer("/force West Mercia").html
    assert call.params["reply_parameters"]["message_id"] == update["message"]["message_id"]


async def test_group_command_for_another_bot_is_left_alone(app, api):
    await process(app, message_update("/force@SomeOtherBot West Mercia", GROUP_CHAT))
    assert api.sent() == []


async def test_plain_text_in_a_private_chat_is_answered(app, api):
    await process(app, message_update("west mercia 2019"))
    [call] = api.sent()
    assert call.params["chat_id"] == PRIVATE_CHAT["id"]
    assert "West Mercia Police" in call.params["text"] and "2018-19" in call.params["text"]


async def test_plain_text_in_a_group_is_ignored(app, api):
    await process(app, message_update("west mercia 2019", GROUP_CHAT))
    assert api.sent() == []


async def test_unknown_command_in_a_private_chat_gets_the_core_reply(app, api, core):
    await process(app, message_update("/frobnicate"))
    [call] = api.sent()
    assert call.params["text"] == core.answer("/frobnicate").html


async def test_edited_messages_the_bot_never_answered_are_left_alone(app, api):
    update = message_update("/force Kent")
    update["edited_message"] = update.pop("message")
    await process(app, update)
    assert api.sent() == []


@pytest.mark.parametrize("text", ["london", "/force yorkshire 2019", "/force west mid", "/start"])
async def test_choices_come_as_an_inline_keyboard(app, api, core, text):
    await process(app, message_update(text))
    [call] = api.sent()
    rows = call.params["reply_markup"]["inline_keyboard"]
    expected = [[(b.label, b.payload) for b in row] for row in core.answer(text).buttons]
    assert [[(b["text"], b["callback_data"]) for b in row] for row in rows] == expected
    assert all(len(b["callback_data"].encode()) <= 64 for row in rows for b in row)


@pytest.mark.parametrize("chat", [PRIVATE_CHAT, GROUP_CHAT], ids=["private", "group"])
async def test_pressing_a_choice_sends_its_card(app, api, core, chat):
    await process(app, message_update("/force london", chat))
    choice = api.sent()[0].params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await process(app, button_update(choice, chat))
    assert [c.method for c in api.calls[-2:]] == ["answerCallbackQuery", "sendMessage"]
    card = api.calls[-1].params
    assert card["chat_id"] == chat["id"] and card["parse_mode"] == "HTML"
    assert card["text"] == core.answer(choice).html
    assert "Metropolitan Police Service" in card["text"]


async def test_replies_in_a_forum_topic_stay_in_the_topic(app, api):
    topic = {"is_topic_message": True, "message_thread_id": 77}
    await process(app, message_update("/force london", GROUP_CHAT, **topic))
    choices = api.sent()[0]
    assert choices.params["message_thread_id"] == 77
    button = button_update("/force kent", GROUP_CHAT)
    button["callback_query"]["message"].update(topic)
    await process(app, button)
    assert api.sent()[-1].params["message_thread_id"] == 77
    assert "reply_parameters" not in api.sent()[-1].params


async def test_a_button_under_a_message_too_old_to_see_still_answers(app, api, recwarn):
    update = button_update("/force kent")
    update["callback_query"]["message"]["date"] = 0  # Telegram's mark of an inaccessible one
    await process(app, update)
    assert "Kent Police" in api.sent()[-1].params["text"]
    assert not [w for w in recwarn if "InaccessibleMessage" in str(w.message)]


@pytest.mark.parametrize(
    "data", ["'; DROP TABLE seizures; --", "\x00\x7f\ufffd garbage", "", None, "x" * 64]
)
async def test_forged_button_data_gets_a_polite_reply(app, api, data):
    await process(app, button_update(data))
    assert [c.method for c in api.calls[1:]] == ["answerCallbackQuery", "sendMessage"]
    assert api.calls[-1].params["text"] == STALE_BUTTON


@pytest.mark.parametrize("data", ["/nonsense", "/force atlantis", "/force " + "é" * 40])
async def test_stale_command_buttons_get_the_core_reply(app, api, data):
    await process(app, button_update(data))
    assert [c.method for c in api.calls[1:]] == ["answerCallbackQuery", "sendMessage"]
    assert api.calls[-1].params["text"] not in (APOLOGY, "")


async def test_a_button_too_old_to_acknowledge_still_answers(core, tmp_path):
    api = FakeBotApi(failing={"answerCallbackQuery": "Bad Request: query is too old"})
    async with make_app(core, api, tmp_path) as app:
        await process(app, button_update("/force Kent"))
    assert "Kent Police" in api.sent()[0].params["text"]


async def test_unexpected_error_apologises_and_logs_the_traceback(store, tmp_path, caplog):
    api = FakeBotApi()
    async with make_app(BrokenCore(store), api, tmp_path, developer_chat_id=42) as app:
        await process(app, message_update("/force West Mercia"))
    apology, report = api.sent()
    assert apology.params == {
        "chat_id": PRIVATE_CHAT["id"],
        "text": APOLOGY,
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    assert report.params["chat_id"] == 42 and "RuntimeError" in report.params["text"]
    for call in (apology, report):
        assert "internal detail" not in call.params["text"]
        assert "Traceback" not in call.params["text"]
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert error.exc_info and isinstance(error.exc_info[1], RuntimeError)


async def test_a_chat_default_force_is_kept_across_a_restart(core, tmp_path):
    api = FakeBotApi()
    async with make_app(core, api, tmp_path) as app:
        await process(app, message_update("/setforce Kent"))
        await process(app, message_update("/force"))
        assert ChatState(tmp_path / "state.sqlite3").default_force(PRIVATE_CHAT["id"]) == "kent"
    async with make_app(core, api, tmp_path) as app:  # a new process, the same state file
        await process(app, message_update("/force"))
        await process(app, message_update("/force", GROUP_CHAT))  # another chat: no default
    before, after, group = [c.params["text"] for c in api.sent()[1:]]
    assert "Kent Police" in before and before == after
    assert "Kent Police" not in group


async def test_menus_are_set_for_private_chats_and_groups(app, api):
    await app.post_init(app)
    calls = api.sent("setMyCommands")
    scopes = [c.params["scope"]["type"] for c in calls]
    assert scopes == ["all_private_chats", "all_group_chats", "all_chat_administrators"]
    names = [c["command"] for c in calls[0].params["commands"]]
    assert "force" in names and "help" in names and "start" not in names
    members = [c["command"] for c in calls[1].params["commands"]]
    admins = [c["command"] for c in calls[2].params["commands"]]
    assert admins == names and "setforce" in names and "subscribe" in names
    assert "setforce" not in members and "unsubscribe" not in members and "force" in members


async def test_failing_start_up_calls_warn_and_the_bot_runs_on(core, tmp_path, caplog):
    failing = {"setMyCommands": "Bad Request: too many", "deleteWebhook": "Bad Request: nope"}
    api = FakeBotApi(failing=failing)
    async with make_app(core, api, tmp_path) as app:
        await app.post_init(app)
        await process(app, message_update("/force West Mercia"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert sum("command menu" in w for w in warnings) == 3
    assert "West Mercia Police" in api.sent()[0].params["text"]


async def test_one_info_line_per_command_without_private_text(app, api, caplog):
    caplog.set_level(logging.INFO, logger="bot.adapters.telegram.handlers")
    await process(app, message_update("/force West Mercia"))
    await process(app, message_update("west mercia 2017"))
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.adapters.telegram.handlers"]
    assert len(lines) == 2
    assert lines[0].startswith("/force in a private chat: answer")
    assert lines[1].startswith("text in a private chat: answer")
    assert not any("mercia" in line.lower() for line in lines)


async def test_the_token_never_reaches_a_log_record(store, core, tmp_path, caplog):
    undo = configure_logging(TOKEN)
    try:
        caplog.set_level(logging.DEBUG)
        api = FakeBotApi(failing={"setMyCommands": f"Bad Request: bot{TOKEN} refused"})
        async with make_app(core, api, tmp_path) as app:
            await app.post_init(app)
            for update in (
                message_update("/force Kent"),
                button_update("forged"),
                message_update(f"/force@{BOT_USERNAME} Kent", GROUP_CHAT),
            ):
                await process(app, update)
        async with make_app(BrokenCore(store), api, tmp_path) as app:
            await process(app, message_update("/help"))
    finally:
        undo()
    assert len(caplog.records) > 20
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr(record.args)
        assert TOKEN not in (record.exc_text or "")
    assert TOKEN not in caplog.text
    assert MASK in caplog.text  # the token was there to hide (PTB logs its API URL at DEBUG)
