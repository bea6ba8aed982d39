"""End to end: the real ``seizure-bot`` process against a fake Bot API on 127.0.0.1.

The fake serves getMe, deleteWebhook, setMyCommands and getUpdates (each queued update once),
records sendMessage, and is reached only through TELEGRAM_API_BASE_URL. The bot runs at
DEBUG, and its whole output is checked for the token. Every wait is bounded.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot import paths
from tests.support.fake_bot_api import (
    BOT_USERNAME,
    GROUP_CHAT,
    PRIVATE_CHAT,
    FakeBotApiServer,
    message_update,
)

pytestmark = pytest.mark.process  # starts the real bot (python -m bot)

E2E_TOKEN = "654321:E2E-SECRET-TOKEN-xyz"
WEBHOOK_SECRET = "e2e-webhook-secret"
REPLY_TIMEOUT = 30.0
EXIT_TIMEOUT = 20.0
ENV_EXAMPLE = (paths.PROJECT_ROOT / ".env.example").read_text()
SETTING_KEYS = set(re.findall(r"^([A-Z_]+)=", ENV_EXAMPLE, re.MULTILINE))  # every key read


def wait_for(condition: Callable[[], bool], timeout: float, what: str, bot=None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if bot is not None and bot.poll() is not None:
            pytest.fail(f"the bot exited with {bot.returncode} before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def server() -> Iterator[FakeBotApiServer]:
    with FakeBotApiServer(E2E_TOKEN) as fake:
        yield fake
    assert fake.api.unexpected == []


def start_bot(server: FakeBotApiServer, tmp_path: Path, cache_dir: Path, **settings: str):
    """``python -m bot`` (what the seizure-bot script runs), all output into bot.log."""
    env = {key: value for key, value in os.environ.items() if key not in SETTING_KEYS}
    env |= {key: "" for key in SETTING_KEYS}  # beat any developer's .env: blank is "not set"
    env |= {
        "TELEGRAM_BOT_TOKEN": E2E_TOKEN,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "LOG_LEVEL": "DEBUG",
        "DATA_DIR": str(paths.DATA_DIR),
        "CACHE_DIR": str(cache_dir),
        "STATE_PATH": str(tmp_path / "state" / "bot.sqlite3"),
        **settings,
    }
    log = (tmp_path / "bot.log").open("wb")
    command = [sys.executable, "-m", "bot"]
    return subprocess.Popen(command, env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)


def stop_bot(bot: subprocess.Popen, tmp_path: Path) -> str:
    """SIGINT, then the exit code must be 0; returns the bot's output."""
    if bot.poll() is None:
        bot.send_signal(signal.SIGINT)
    try:
        code = bot.wait(timeout=EXIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        bot.kill()
        bot.wait()
        pytest.fail("the bot did not stop within the timeout after SIGINT")
    output = (tmp_path / "bot.log").read_text(errors="replace")
    assert code == 0, output[-3000:]
    return output


def test_polling_bot_answers_private_and_group_chats(server, tmp_path, cache_dir, core):
    card = core.answer("/force West Mercia").html
    group_update = message_update(f"/force@{BOT_USERNAME} West Mercia", GROUP_CHAT)
    server.push(message_update("/force West Mercia", PRIVATE_CHAT))
    server.push(group_update)
    bot = start_bot(server, tmp_path, cache_dir)
    try:
        wait_for(
            lambda: len(server.api.sent("sendMessage")) >= 2, REPLY_TIMEOUT, "two replies", bot
        )
    finally:
        output = stop_bot(bot, tmp_path)
    replies = {call.params["chat_id"]: call.params for call in server.api.sent("sendMessage")}
    assert set(replies) == {PRIVATE_CHAT["id"], GROUP_CHAT["id"]}
    for reply in replies.values():
        assert reply["text"] == card and reply["parse_mode"] == "HTML"
    quoted = replies[GROUP_CHAT["id"]]["reply_parameters"]["message_id"]
    assert quoted == group_update["message"]["message_id"]
    assert "reply_parameters" not in replies[PRIVATE_CHAT["id"]]
    started = [call.method for call in server.api.calls]
    assert started[0] == "getMe" and {"deleteWebhook", "setMyCommands"} <= set(started)
    assert E2E_TOKEN not in output and "[token]" in output
    assert output.count("/force in a private chat: answer") == 1
    assert output.count("/force in a supergroup chat: answer") == 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accepts_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def post_update(url: str, update: dict, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.skipif(
    importlib.util.find_spec("tornado") is None,
    reason="webhook mode needs python-telegram-bot[webhooks]",
)
def test_webhook_bot_checks_the_secret_token(server, tmp_path, cache_dir, core):
    port = free_port()
    settings = {
        "MODE": "webhook",
        "WEBHOOK_URL": "https://bot.example.invalid/telegram/hook",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET_TOKEN": WEBHOOK_SECRET,
    }
    bot = start_bot(server, tmp_path, cache_dir, **settings)
    url = f"http://127.0.0.1:{port}/telegram/hook"
    try:
        wait_for(lambda: bool(server.api.sent("setWebhook")), REPLY_TIMEOUT, "setWebhook", bot)
        wait_for(lambda: accepts_connections(port), REPLY_TIMEOUT, "the webhook server", bot)
        [webhook] = server.api.sent("setWebhook")
        assert webhook.params["url"] == settings["WEBHOOK_URL"]
        assert webhook.params["secret_token"] == WEBHOOK_SECRET
        assert post_update(url, message_update("/force Kent"), None) == 403
        assert post_update(url, message_update("/force Kent"), "wrong-secret") == 403
        assert post_update(url, message_update("/force West Mercia"), WEBHOOK_SECRET) == 200
        wait_for(lambda: bool(server.api.sent("sendMessage")), REPLY_TIMEOUT, "a reply", bot)
    finally:
        output = stop_bot(bot, tmp_path)
    [reply] = server.api.sent("sendMessage")
    assert reply.params["text"] == core.answer("/force West Mercia").html
    assert E2E_TOKEN not in output and WEBHOOK_SECRET not in output


def test_a_bad_setting_stops_start_up_with_one_line(server, tmp_path, cache_dir):
    bot = start_bot(server, tmp_path, cache_dir, MODE="webhook")
    assert bot.wait(timeout=EXIT_TIMEOUT) == 2
    output = (tmp_path / "bot.log").read_text().strip().splitlines()
    assert output == [
        "seizure-bot: MODE=webhook needs WEBHOOK_URL, the public https URL Telegram posts to"
    ]
    assert server.api.calls == []


@pytest.mark.skipif(importlib.util.find_spec("tornado") is not None, reason="tornado is installed")
def test_webhook_mode_without_tornado_stops_with_one_line(server, tmp_path, cache_dir):
    settings = {
        "MODE": "webhook",
        "WEBHOOK_URL": "https://bot.example.invalid/hook",
        "WEBHOOK_SECRET_TOKEN": WEBHOOK_SECRET,
    }
    bot = start_bot(server, tmp_path, cache_dir, **settings)
    assert bot.wait(timeout=EXIT_TIMEOUT) == 2
    output = (tmp_path / "bot.log").read_text().strip().splitlines()
    assert output == [
        "seizure-bot: MODE=webhook needs python-telegram-bot[webhooks] (tornado) installed"
    ]


def test_a_rejected_token_stops_with_one_clear_error(tmp_path, cache_dir):
    with FakeBotApiServer("111:SOME-OTHER-BOT") as other:  # answers 401 to our token
        bot = start_bot(other, tmp_path, cache_dir, LOG_LEVEL="INFO")
        assert bot.wait(timeout=EXIT_TIMEOUT) == 3
    output = (tmp_path / "bot.log").read_text()
    [line] = [line for line in output.splitlines() if " ERROR " in line]
    assert "refused the token (401 or 404)" in line and "exit status 3" in line
    assert E2E_TOKEN not in output and "Traceback" not in output
