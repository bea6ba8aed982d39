"""The chat state read from memory, written through to SQLite (bot.adapters.state and
bot.adapters.chat_memory): a fresh handle on the file sees every confirmed write, kill -9
right after a confirmation loses nothing, reads never touch SQLite (preloaded, as the bot is:
not even for a new chat), a failed write is read again from the file, memory is bounded, and
another process's writes are seen at the next refresh() (the rule for two processes). Each
test runs with memory filled as it is asked ("lazy", the console and ``ask``) and filled at
start ("preloaded")."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
from collections.abc import Callable
from itertools import product
from pathlib import Path

import pytest

from bot.adapters.local_chat import LocalChat
from bot.adapters.state import LOCAL_CHAT_ID, ChatSettings, ChatState, open_state

CHATS, THREADS, USERS = (1, -1005), (None, 7, 8), (None, 42, 43)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    open_state(tmp_path / "state.sqlite3").close()
    return tmp_path / "state.sqlite3"


@pytest.fixture(params=["lazy", "preloaded"])
def opened(request: pytest.FixtureRequest) -> Callable[[Path], ChatState]:
    def open_it(path: Path) -> ChatState:
        state = ChatState(path)
        if request.param == "preloaded":
            assert state.preload()
        return state

    return open_it


def every_key() -> list[tuple[int, int | None, int | None]]:
    return list(product(CHATS, THREADS, USERS))


def seen(state: ChatState) -> dict[tuple[int, int | None, int | None], ChatSettings]:
    return {key: state.chat(*key) for key in every_key()}


def test_a_fresh_handle_sees_every_confirmed_write(path, opened):
    state = opened(path)
    seen(state)  # everything in memory first, so the writes below must go through it
    state.set_default_force(1, "kent")
    state.set_default_force(-1005, "essex")
    state.set_default_force(-1005, "dorset", 7)  # a forum topic's own
    state.subscribe(1, "release")
    state.subscribe(1, "kent")
    state.subscribe(-1005, "release", 7)
    state.unsubscribe(1, "kent")
    state.set_default_force(1, "west-mercia")
    state.set_last_query(1, "/national")  # not a confirmed setting: written by flush()
    state.set_last_query(-1005, "/force dorset", 7, 42)
    state.flush()
    memory = seen(state)
    fresh = ChatState(path)
    assert seen(fresh) == memory
    assert memory[(1, None, None)] == ChatSettings("west-mercia", "/national", ("release",))
    assert memory[(-1005, 7, 42)] == ChatSettings("dorset", "/force dorset", ("release",), "topic")
    assert memory[(-1005, 8, 42)] == ChatSettings("essex", None, ("release",))
    state.migrate(-1005, -1006)  # a group upgraded: both chats read again from the file
    moved = ChatSettings("dorset", "/force dorset", ("release",), "topic")
    assert state.chat(-1006, 7, 42) == moved
    assert state.chat(-1005, 7) == ChatSettings()
    fresh.close()
    state.close()


def test_warm_reads_never_touch_sqlite(path, opened):
    state = opened(path)
    state.set_default_force(-1005, "dorset", 7)
    state.subscribe(-1005, "release")
    seen(state)
    statements: list[str] = []
    state._db.set_trace_callback(statements.append)  # every statement SQLite runs
    for _ in range(3):
        seen(state)
        state.set_last_query(-1005, "/force kent", 7, 42)  # an answer: no commit either
    assert statements == []
    state.set_default_force(1, "kent")  # a confirmed setting: committed at once, synced
    assert "COMMIT" in statements and state.chat(1).default_force == "kent"
    state.close()


def _confirm_then_wait(path: str, count: int, told: multiprocessing.synchronize.Event) -> None:
    state = ChatState(Path(path))
    for chat_id in range(1, count + 1):
        state.set_default_force(chat_id, f"force-{chat_id}")
        state.subscribe(chat_id, "release", 3)
    told.set()  # "saved", as the reply would say; killed with -9 from here on
    signal.pause()


def test_kill_9_right_after_a_confirmation_loses_nothing(path):
    spawn = multiprocessing.get_context("spawn")
    told = spawn.Event()
    writer = spawn.Process(target=_confirm_then_wait, args=(str(path), 20, told))
    writer.start()
    assert told.wait(timeout=60)
    assert writer.pid is not None
    os.kill(writer.pid, signal.SIGKILL)  # no close(), no flush: at once
    writer.join(timeout=30)
    assert writer.exitcode == -signal.SIGKILL
    fresh = ChatState(path)
    for chat_id in range(1, 21):
        assert fresh.chat(chat_id) == ChatSettings(f"force-{chat_id}", None, ("release",))
        assert fresh.subscription_thread(chat_id, "release") == 3
    fresh.close()


def test_a_write_that_fails_is_read_again_from_the_file(path, opened):
    state = opened(path)
    state.set_default_force(1, "kent")
    other = sqlite3.connect(path)  # the disk refuses the next write, as a full one would
    other.execute(
        "CREATE TRIGGER refuse BEFORE UPDATE ON chat BEGIN SELECT RAISE(ABORT, 'full'); END"
    )
    other.commit()
    with pytest.raises(sqlite3.DatabaseError):
        state.set_default_force(1, "essex")
    assert state.chat(1).default_force == "kent"  # what the file holds, never "essex"
    other.close()
    state.close()


def test_memory_is_bounded(path, opened):
    state = opened(path)
    memory = state._memory
    memory.chats.limit = memory.lasts.limit = 10
    for chat_id in range(100):
        state.set_default_force(chat_id, f"force-{chat_id}")
        state.set_last_query(chat_id, f"/force {chat_id}")
    assert len(memory.chats) <= 10 and len(memory.lasts) == 10 and not memory.complete
    assert state.chat(5) == ChatSettings("force-5", "/force 5")  # forgotten, read again
    state.flush()
    assert not state.preload()  # 100 chats do not fit in 10: read when asked
    assert state.chat(77) == ChatSettings("force-77", "/force 77")
    state.close()


def test_preloaded_memory_reads_nothing_even_for_a_new_chat(path):
    writer = ChatState(path)
    writer.set_default_force(-1005, "dorset", 7)
    writer.set_last_query(-1005, "/force kent", 7, 42)
    writer.subscribe(3, "release")  # a chat with a subscription and no other row
    writer.close()
    state = ChatState(path)
    assert state.preload()
    statements: list[str] = []
    state._db.set_trace_callback(statements.append)
    assert state.chat(-1005, 7, 42) == ChatSettings("dorset", "/force kent", (), "topic")
    assert state.chat(3) == ChatSettings(None, None, ("release",))
    assert state.chat(99, 5, 6) == ChatSettings()  # never seen: known to have nothing
    assert statements == []
    state.set_default_force(99, "kent")  # a new chat's first setting: memory follows
    state.subscribe(99, "national")
    assert state.chat(99) == ChatSettings("kent", None, ("national",))
    assert seen(state) == seen(ChatState(path))
    state.close()


def test_another_process_is_seen_at_the_next_refresh(path, opened):
    """The rule for two processes on one file: each keeps every write (column by column);
    one sees the other's at its next refresh(): the bot with each flush (every 2 s), the
    console and ``ask`` before each question. Telegram's chats are written only by the bot;
    ``ask`` and the console write only the local chat (id 0), which the bot never reads."""
    bot, console = opened(path), LocalChat(ChatState(path))
    assert bot.chat(1) == ChatSettings() and console.context().default_force is None
    other = ChatState(path)  # e.g. a second `ask` or the old bot during a deploy
    other.set_default_force(1, "kent")
    other.set_default_force(LOCAL_CHAT_ID, "essex")
    assert bot.chat(1).default_force is None  # memory, until the next refresh
    assert console.context().default_force == "essex"  # the console refreshes per question
    bot.flush()
    assert bot.chat(1).default_force == "kent"
    assert not bot.refresh()  # nothing new since
    bot.set_default_force(1, "dorset")  # its own writes are no news to it
    assert not bot.refresh() and bot.chat(1).default_force == "dorset"
    for state in (bot, other):
        state.close()
    console.close()
