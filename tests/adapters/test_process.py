"""The real ``seizure-bot`` process (``python -m bot``) against the fake Bot API on 127.0.0.1:
settings that survive kill -9 and a group's upgrade to a supergroup, a corrupt or unusable
state file, a refused token, a deploy's minutes of 409 Conflict, and SIGTERM.

The 409 scenario must last 20 s of real time (python-telegram-bot's polling back-off cannot
be scaled), so its bot starts with the module and runs while the other tests do; its test
comes last and only waits for what is left of the 20 s.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adapters.telegram.test_telegram_e2e import (
    E2E_TOKEN,
    EXIT_TIMEOUT,
    REPLY_TIMEOUT,
    start_bot,
    stop_bot,
    wait_for,
)
from tests.support.fake_bot_api import PRIVATE_CHAT, FakeBotApiServer, message_update

pytestmark = pytest.mark.process  # starts the real bot (python -m bot)

CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"  # noqa: E501 (Telegram's words)
UPGRADED = "Bad Request: group chat was upgraded to a supergroup chat"
OLD_GROUP = {"id": -4001, "type": "group", "title": "Newsroom"}
SUPERGROUP = {"id": -1004001, "type": "supergroup", "title": "Newsroom"}
DEVELOPER = 777
CONFLICT_SECONDS = 20.0


def replies_to(server: FakeBotApiServer, chat_id: int) -> list[str]:
    """What the bot got through to a chat (answered 200 by the fake), in order."""
    return [
        c.params["text"]
        for c in server.api.delivered("sendMessage")
        if c.params["chat_id"] == chat_id
    ]


def ask(server: FakeBotApiServer, bot: subprocess.Popen, text: str, chat: dict) -> str:
    """Push a message and wait for the bot's next reply in that chat."""
    before = len(replies_to(server, chat["id"]))
    server.push(message_update(text, chat))
    wait_for(
        lambda: len(replies_to(server, chat["id"])) > before,
        REPLY_TIMEOUT,
        f"a reply to {text!r}",
        bot,
    )
    return replies_to(server, chat["id"])[before]


def output_of(tmp_path: Path) -> str:
    return (tmp_path / "bot.log").read_text(errors="replace")


class Conflicted:
    """A bot polling while getUpdates answers 409 Conflict (an old process still polling
    during a deploy), started when the module starts."""

    def __init__(self, tmp_path: Path, cache_dir: Path) -> None:
        self.tmp_path = tmp_path
        self.server = FakeBotApiServer(E2E_TOKEN).__enter__()
        self.fault = self.server.api.fail("getUpdates", 409, CONFLICT, times=10**6)
        self.started = time.monotonic()
        self.bot = start_bot(
            self.server, tmp_path, cache_dir, LOG_LEVEL="INFO", DEVELOPER_CHAT_ID=str(DEVELOPER)
        )


@pytest.fixture(scope="module", autouse=True)
def conflicted(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Iterator[Conflicted]:
    running = Conflicted(tmp_path_factory.mktemp("conflict"), cache_dir)
    yield running
    if running.bot.poll() is None:
        running.bot.kill()
        running.bot.wait()
    running.server.__exit__(None, None, None)


def test_a_default_force_survives_kill_9_one_second_after_it_is_confirmed(
    tmp_path, cache_dir, core
):
    with FakeBotApiServer(E2E_TOKEN) as server:
        bot = start_bot(server, tmp_path, cache_dir)
        confirmed = ask(server, bot, "/setforce Kent", PRIVATE_CHAT)
        assert confirmed.startswith("Default force for this chat: <b>Kent Police</b>")
        time.sleep(1.0)
        bot.send_signal(signal.SIGKILL)
        bot.wait(timeout=EXIT_TIMEOUT)
        bot = start_bot(server, tmp_path, cache_dir)  # the same STATE_PATH
        try:
            card = ask(server, bot, "/force", PRIVATE_CHAT)
            assert card == core.answer("/force Kent").html
            bot.send_signal(signal.SIGTERM)  # a supervisor stopping it
            started = time.monotonic()
            assert bot.wait(timeout=10) == 0
            assert time.monotonic() - started < 10
        finally:
            stop_bot(bot, tmp_path)
    assert "Traceback" not in output_of(tmp_path)


def test_a_group_upgraded_to_a_supergroup_keeps_its_default(tmp_path, cache_dir):
    with FakeBotApiServer(E2E_TOKEN) as server:
        bot = start_bot(server, tmp_path, cache_dir)
        try:
            ask(server, bot, "/setforce Kent", OLD_GROUP)
            server.api.fail(
                "sendMessage",
                400,
                UPGRADED,
                chat_id=OLD_GROUP["id"],
                migrate_to_chat_id=SUPERGROUP["id"],
                times=100,
            )
            server.push(message_update("/force", OLD_GROUP))  # sent before the upgrade
            wait_for(
                lambda: bool(replies_to(server, SUPERGROUP["id"])),
                REPLY_TIMEOUT,
                "the reply re-sent to the supergroup",
                bot,
            )
            [card] = replies_to(server, SUPERGROUP["id"])
            assert "Kent Police" in card
            mine = ask(server, bot, "/myforce", SUPERGROUP)
            assert mine.startswith("This chat's default force is <b>Kent Police</b>")
        finally:
            output = stop_bot(bot, tmp_path)
    refused = [c for c in server.api.sent("sendMessage") if c.status == 400]
    assert [c.params["chat_id"] for c in refused] == [OLD_GROUP["id"]]
    assert f"Group {OLD_GROUP['id']} became supergroup {SUPERGROUP['id']}" in output
    assert "Traceback" not in output


def test_a_corrupt_state_file_is_moved_aside_and_the_bot_runs(tmp_path, cache_dir, core):
    state = tmp_path / "state" / "bot.sqlite3"  # start_bot's STATE_PATH
    state.parent.mkdir()
    state.write_bytes(b"\x00garbage, not SQLite" * 200)
    with FakeBotApiServer(E2E_TOKEN) as server:
        bot = start_bot(server, tmp_path, cache_dir, LOG_LEVEL="INFO")
        try:
            assert ask(server, bot, "/force Kent", PRIVATE_CHAT) == core.answer("/force Kent").html
        finally:
            output = stop_bot(bot, tmp_path)
    [warning] = [line for line in output.splitlines() if " WARNING " in line]
    assert f"STATE_PATH {state} was not a readable database" in warning
    assert len(list(state.parent.glob("bot.sqlite3.corrupt-*"))) == 1
    assert "Traceback" not in output


def test_an_unusable_state_path_stops_start_up_with_one_line(tmp_path, cache_dir):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the state's folder should be")
    with FakeBotApiServer(E2E_TOKEN) as server:
        bot = start_bot(server, tmp_path, cache_dir, STATE_PATH=str(blocker / "bot.sqlite3"))
        assert bot.wait(timeout=EXIT_TIMEOUT) == 2
        assert server.api.calls == []  # stopped before it reached the Bot API
    assert output_of(tmp_path).splitlines() == [
        f"seizure-bot: STATE_PATH {blocker / 'bot.sqlite3'}: cannot make its folder "
        "(a file is in the way)"
    ]


def test_one_401_on_get_updates_stops_the_process_with_exit_3(tmp_path, cache_dir):
    with FakeBotApiServer(E2E_TOKEN) as server:
        server.api.fail("getUpdates", 401, "Unauthorized")
        bot = start_bot(server, tmp_path, cache_dir, LOG_LEVEL="INFO")
        assert bot.wait(timeout=EXIT_TIMEOUT) == 3
    output = output_of(tmp_path)
    [line] = [line for line in output.splitlines() if " ERROR " in line]
    assert "refused the token (401 or 404)" in line and line.endswith("exit status 3")
    assert [c.status for c in server.api.sent("getUpdates")] == [401]  # no call after it
    assert "Traceback" not in output and E2E_TOKEN not in output


def test_20_seconds_of_409_conflict_are_quiet(conflicted, core):
    """Runs last: its bot has been polling into 409s since the module started."""
    server, bot = conflicted.server, conflicted.bot
    wait_for(
        lambda: time.monotonic() - conflicted.started >= CONFLICT_SECONDS,
        CONFLICT_SECONDS + 5,
        "20 s of 409 Conflict",
        bot,
    )
    conflicted.fault.times = 0  # the old process has stopped
    output = output_of(conflicted.tmp_path)
    failures = [line for line in output.splitlines() if "getUpdates failed" in line]
    assert len(failures) >= 4 and all(CONFLICT in line for line in failures)
    assert sum(" WARNING " in line for line in failures) == 1  # the rest are INFO
    assert "Traceback" not in output and "Unexpected error" not in output
    told = [
        c.params["text"] for c in server.api.sent("sendMessage") if c.params["chat_id"] == DEVELOPER
    ]
    assert 1 <= len(told) <= 2 and "polling fails" in told[0]
    server.push(message_update("/force Kent"))
    wait_for(lambda: bool(replies_to(server, PRIVATE_CHAT["id"])), 40, "a reply", bot)
    assert replies_to(server, PRIVATE_CHAT["id"]) == [core.answer("/force Kent").html]
    output = stop_bot(bot, conflicted.tmp_path)
    assert "Polling works again after" in output
