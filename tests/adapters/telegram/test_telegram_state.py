"""Chat state and polling failures through the real Application over the fake transport:
a group's upgrade to a supergroup, a setting saved before it is confirmed, and failed
getUpdates kept away from the chat error handler (bot.adapters.telegram.client.PollWatch's
rules)."""

from __future__ import annotations

import logging
import sqlite3

from telegram.error import Conflict, NetworkError

from bot.adapters.state import ChatState, open_state
from bot.adapters.telegram.client import PollWatch
from bot.adapters.telegram.handlers import APOLOGY
from tests.support.fake_bot_api import make_app, message_update, process

OLD_GROUP = {"id": -4001, "type": "group", "title": "Newsroom"}
SUPERGROUP = {"id": -1004001, "type": "supergroup", "title": "Newsroom"}
UPGRADED = "Bad Request: group chat was upgraded to a supergroup chat"
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"  # noqa: E501


def service_message(chat: dict, **field: int) -> dict:
    """The message Telegram sends when a group is upgraded (no text, one migrate_* field)."""
    update = message_update("", chat)
    del update["message"]["text"]
    update["message"].update(field)
    return update


async def test_the_migration_message_moves_the_chat_settings(core, api, tmp_path):
    async with make_app(core, api, tmp_path) as app:
        await process(app, message_update("/setforce Kent", OLD_GROUP))
        await process(app, service_message(OLD_GROUP, migrate_to_chat_id=SUPERGROUP["id"]))
        await process(app, service_message(SUPERGROUP, migrate_from_chat_id=OLD_GROUP["id"]))
        await process(app, message_update("/myforce", SUPERGROUP))
    state = ChatState(tmp_path / "state.sqlite3")
    assert state.default_force(SUPERGROUP["id"]) == "kent"
    assert state.default_force(OLD_GROUP["id"]) is None
    assert "Kent Police" in api.sent()[-1].params["text"]
    assert [c.params["chat_id"] for c in api.sent()] == [OLD_GROUP["id"], SUPERGROUP["id"]]


async def test_a_reply_to_an_upgraded_group_goes_to_the_supergroup(core, api, tmp_path):
    async with make_app(core, api, tmp_path) as app:
        await process(app, message_update("/setforce Kent", OLD_GROUP))
        api.fail(
            "sendMessage",
            400,
            UPGRADED,
            chat_id=OLD_GROUP["id"],
            migrate_to_chat_id=SUPERGROUP["id"],
        )
        await process(app, message_update("/force", OLD_GROUP))
    refused, resent = api.sent()[1:]
    assert refused.status == 400 and refused.params["chat_id"] == OLD_GROUP["id"]
    assert resent.status == 200 and resent.params["chat_id"] == SUPERGROUP["id"]
    assert "Kent Police" in resent.params["text"] and "reply_parameters" not in resent.params
    assert ChatState(tmp_path / "state.sqlite3").default_force(SUPERGROUP["id"]) == "kent"


class FullDisk(ChatState):
    """A state whose disk is full: every durable write fails, as SQLite reports it."""

    def set_default_force(self, chat_id: int, force_id: str | None) -> None:
        raise sqlite3.OperationalError("database or disk is full")


async def test_a_setting_that_cannot_be_saved_is_never_confirmed(core, api, tmp_path):
    open_state(tmp_path / "full.sqlite3").close()
    state = FullDisk(tmp_path / "full.sqlite3")
    async with make_app(core, api, tmp_path, state=state) as app:
        await process(app, message_update("/setforce Kent"))
    assert [c.params["text"] for c in api.sent()] == [APOLOGY]


async def test_a_failed_get_updates_never_reaches_the_chat_error_handler(
    core, api, tmp_path, caplog
):
    caplog.set_level(logging.INFO)
    async with make_app(core, api, tmp_path, developer_chat_id=42) as app:
        for _ in range(3):
            await app.process_error(None, Conflict(CONFLICT))
        await app.process_error(None, NetworkError("Bad Gateway"))
    told = [c.params["text"] for c in api.sent()]
    assert len(told) == 2 and all(c.params["chat_id"] == 42 for c in api.sent())
    assert "Conflict: terminated by other getUpdates request" in told[0]
    assert "Bad Gateway" in told[1] and APOLOGY not in told
    lines = [r for r in caplog.records if "getUpdates failed" in r.getMessage()]
    assert [r.levelname for r in lines] == ["WARNING", "INFO", "INFO", "INFO"]
    assert not any(r.exc_info for r in caplog.records)
    assert "Unexpected error" not in caplog.text


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_poll_watch_warns_once_a_minute_and_tells_once_an_hour(caplog):
    caplog.set_level(logging.INFO)
    clock = Clock()
    watch = PollWatch(clock=clock)
    told = []
    for _ in range(130):  # a failure every 30 s for 65 minutes
        told.append(watch.failed(Conflict(CONFLICT)))
        clock.now += 30
    assert told.count(True) == 2 and told.index(True, 1) == 120  # again after an hour
    levels = [r.levelname for r in caplog.records]
    assert levels.count("WARNING") == 65 and levels[:4] == ["WARNING", "INFO"] * 2
    assert watch.failed(NetworkError("Bad Gateway"))  # another error: told at once
    watch.worked()
    assert caplog.records[-1].getMessage() == (
        "Polling works again after 131 failed getUpdates over 3900 s"
    )
    assert not watch.failed(Conflict(CONFLICT))  # the hour is not over for this one
