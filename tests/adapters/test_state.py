"""The chats' state in SQLite (bot.adapters.state): settings, subscriptions, migration, two writers,
a corrupt or unusable file, and the one-time import of the old pickle."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import pickle
import sqlite3
from pathlib import Path

import pytest
from telegram.ext import PersistenceInput, PicklePersistence

from bot.adapters.state import ChatSettings, ChatState, StateError, open_state

GROUP, SUPERGROUP = -4001, -1004001


@pytest.fixture
def state(tmp_path: Path):
    opened = open_state(tmp_path / "state.sqlite3")
    yield opened
    opened.close()


def test_settings_are_kept_per_chat_and_column_by_column(state, tmp_path):
    assert state.chat(1) == ChatSettings() and state.default_force(1) is None
    state.set_default_force(1, "kent")
    state.set_last_query(1, "/force kent 2018-19")
    state.set_last_query(2, "/national")
    state.set_default_force(1, "west-mercia")
    assert state.chat(1) == ChatSettings("west-mercia", "/force kent 2018-19")
    assert state.chat(2) == ChatSettings(None, "/national")
    other = ChatState(tmp_path / "state.sqlite3")  # another connection sees every commit
    assert other.default_force(1) == "west-mercia"
    other.close()


def test_subscriptions(state):
    assert state.subscribe(1, "release") and not state.subscribe(1, "release")
    state.subscribe(2, "release")
    state.subscribe(1, "kent")
    assert state.subscriptions(1) == ["kent", "release"]
    assert state.subscribers("release") == [1, 2]
    assert state.unsubscribe(1, "release") and not state.unsubscribe(1, "release")
    assert state.subscribers("release") == [2] and state.subscriptions(3) == []


def test_migration_moves_the_rows_and_the_new_chat_keeps_its_own(state):
    state.set_default_force(GROUP, "kent")
    state.set_last_query(GROUP, "/force kent")
    state.subscribe(GROUP, "release")
    assert state.migrate(GROUP, SUPERGROUP)
    assert state.chat(SUPERGROUP) == ChatSettings("kent", "/force kent", ("release",))
    assert state.chat(GROUP) == ChatSettings() and state.subscriptions(GROUP) == []
    assert state.subscribers("release") == [SUPERGROUP]
    assert not state.migrate(GROUP, SUPERGROUP)  # both service messages: the second is a no-op
    state.set_default_force(GROUP, "essex")  # a late write to the old id, then moved again
    state.migrate(GROUP, SUPERGROUP)
    assert state.default_force(SUPERGROUP) == "kent"


def test_the_question_for_csv_is_written_by_flush_not_by_each_answer(tmp_path):
    """set_last_query costs no commit: a second handle sees it after flush() (or close),
    once it refreshes (as the bot does with its own flush, every 2 s)."""
    path = tmp_path / "state.sqlite3"
    first, second = open_state(path), ChatState(path)
    first.set_last_query(7, "/force kent")
    assert first.chat(7).last_query == "/force kent" and second.chat(7).last_query is None
    assert first.flush() == 1 and first.flush() == 0
    assert second.refresh() and second.chat(7).last_query == "/force kent"
    first.close()
    second.close()


def _write(path: str, column: str, count: int) -> None:
    state = ChatState(Path(path))
    for chat_id in range(count):
        if column == "default_force":
            state.set_default_force(chat_id, f"force-{chat_id}")
        else:
            state.set_last_query(chat_id, f"/force {chat_id}")
        state.subscribe(chat_id, column)
    state.close()


def test_two_processes_on_one_file_keep_every_write(tmp_path):
    path = str(tmp_path / "state.sqlite3")
    open_state(Path(path)).close()
    spawn = multiprocessing.get_context("spawn")
    writers = [
        spawn.Process(target=_write, args=(path, column, 50))
        for column in ("default_force", "last_query")
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)
        assert writer.exitcode == 0
    state = ChatState(Path(path))
    for chat_id in range(50):
        both = ("default_force", "last_query")
        assert state.chat(chat_id) == ChatSettings(f"force-{chat_id}", f"/force {chat_id}", both)
        assert state.subscriptions(chat_id) == ["default_force", "last_query"]
    state.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_corrupt_file_is_moved_aside_with_one_warning(tmp_path, caplog, damage):
    path = tmp_path / "state.sqlite3"
    if damage == "garbage":
        path.write_bytes(b"this is not a database\n" * 100)
    else:
        open_state(path).close()
    original = path.read_bytes() if damage == "garbage" else _truncated(path)
    with caplog.at_level(logging.WARNING):
        state = open_state(path)
    [warning] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert f"STATE_PATH {path} was not a readable database" in warning
    [aside] = tmp_path.glob("state.sqlite3.corrupt-*")
    assert aside.name in warning and aside.read_bytes() == original
    state.set_default_force(1, "kent")  # a fresh, working database
    assert state.default_force(1) == "kent"
    state.close()


def _truncated(path: Path) -> bytes:
    """A database of many pages, cut off in the middle as a full disk might leave it."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = DELETE")
    db.executemany(
        "INSERT INTO chat (chat_id, last_query) VALUES (?, ?)",
        [(n, "x" * 200) for n in range(2000)],
    )
    db.commit()
    db.close()
    data = path.read_bytes()[: 4096 * 20 + 100]
    path.write_bytes(data)
    return data


def test_an_unusable_path_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StateError) as under_a_file:
        open_state(blocker / "state.sqlite3")
    with pytest.raises(StateError) as a_folder:
        open_state(tmp_path)
    for caught in (under_a_file, a_folder):
        assert str(caught.value).startswith("STATE_PATH ") and "\n" not in str(caught.value)


def _old_pickle(path: Path, chats: dict[int, dict[str, str]]) -> None:
    """A PicklePersistence file as earlier versions of the bot wrote it."""
    persistence = PicklePersistence(
        path, store_data=PersistenceInput(bot_data=False, user_data=False, callback_data=False)
    )

    async def write() -> None:
        for chat_id, data in chats.items():
            await persistence.update_chat_data(chat_id, data)
        await persistence.flush()

    asyncio.run(write())


def test_the_old_pickle_is_imported_once_then_left_alone(tmp_path, caplog):
    old = tmp_path / "bot-persistence.pickle"
    _old_pickle(
        old,
        {
            1001: {"default_force": "kent", "last_query": "/force kent"},
            GROUP: {"default_force": "essex"},
        },
    )
    before = old.read_bytes()
    caplog.set_level(logging.INFO)
    state = open_state(tmp_path / "state.sqlite3", old)
    assert state.chat(1001) == ChatSettings("kent", "/force kent")
    assert state.default_force(GROUP) == "essex"
    assert "Imported the settings of 2 chats" in caplog.text
    state.set_default_force(1001, "surrey")
    state.close()
    state = open_state(tmp_path / "state.sqlite3", old)  # a restart: not imported again
    assert state.default_force(1001) == "surrey"
    state.close()
    assert old.read_bytes() == before


def test_a_pickle_holding_anything_but_plain_data_is_not_loaded(tmp_path, caplog):
    old = tmp_path / "bot-persistence.pickle"
    old.write_bytes(pickle.dumps({"chat_data": {1: {"default_force": Path("kent")}}}))
    state = open_state(tmp_path / "state.sqlite3", old)
    assert state.default_force(1) is None
    assert "Could not read the old settings file" in caplog.text
    state.close()
