"""Secrets: the bot token reaches no output in any mode, and .env stays out of git.

Already covered elsewhere, not repeated here:
    test_telegram_e2e     polling at DEBUG (token masked); webhook at DEBUG rejecting posts
                          without X-Telegram-Bot-Api-Secret-Token or with a wrong one (403,
                          no answer) and answering the right one, token and secret absent;
                          a refused token
    test_telegram_handlers  every log record at DEBUG, including an unexpected error's
                          traceback whose message holds the token
    test_telegram_failures  start-up failing: warnings and the final error name the host only
    test_telegram_config  the token and the webhook secret are not in Settings' repr or in
                          any configuration error
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from bot import paths
from bot.adapters.telegram.log import MASK
from tests.adapters.telegram.test_telegram_e2e import (
    REPLY_TIMEOUT,
    SETTING_KEYS,
    start_bot,
    stop_bot,
    wait_for,
)
from tests.support.fake_bot_api import GROUP_CHAT, FakeBotApiServer, button_update, message_update

SECRET_TOKEN = "987654:SECRET-never-shown_42"


def test_env_is_ignored_by_git():
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    inside = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    if inside.returncode != 0:
        pytest.skip("not a git work tree")
    assert (
        subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=paths.PROJECT_ROOT).returncode
        == 0
    )


def run_cli(args: list[str], tmp_path, cache_dir, stdin: str = "") -> str:
    """``python -m bot ARGS`` at DEBUG with the token set; its stdout and stderr."""
    env = {key: value for key, value in os.environ.items() if key not in SETTING_KEYS}
    env |= {key: "" for key in SETTING_KEYS}
    env |= {
        "TELEGRAM_BOT_TOKEN": SECRET_TOKEN,
        "LOG_LEVEL": "DEBUG",
        "DATA_DIR": str(paths.DATA_DIR),
        "CACHE_DIR": str(cache_dir),
        "OUTPUT_DIR": str(tmp_path / "out"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=tmp_path,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout + done.stderr


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["ask", "/force Kent"], ""),
        (["ask", "/force Kent", "--html"], ""),
        (["console"], "/force Kent\n/help\n/force xyzzy\n/quit\n"),
    ],
    ids=["ask", "ask-html", "console"],
)
@pytest.mark.process
def test_ask_and_console_never_show_the_token(args, stdin, tmp_path, cache_dir):
    output = run_cli(args, tmp_path, cache_dir, stdin)
    assert "Kent Police" in output
    assert SECRET_TOKEN not in output and SECRET_TOKEN.split(":")[1] not in output


@pytest.mark.process
def test_failures_at_debug_never_show_the_token(tmp_path, cache_dir):
    """The real bot at DEBUG, with Telegram's error descriptions quoting the token back
    (as a proxy or a misconfigured Bot API server might): start-up retries, 5xx retries
    and giving up, 403, 400 fallbacks, a forged button. Every line is masked."""
    quoted = f"at /bot{SECRET_TOKEN}/"
    with FakeBotApiServer(SECRET_TOKEN) as server:
        api = server.api
        api.fail("getMe", 502, f"Bad Gateway {quoted}")
        api.fail(
            "sendMessage", 500, f"Internal Server Error {quoted}", times=3, chat_id=GROUP_CHAT["id"]
        )
        api.fail(
            "sendMessage", 403, f"Forbidden: bot was blocked by the user {quoted}", chat_id=1001
        )
        api.fail("sendMessage", 400, f"Bad Request: can't parse entities {quoted}", skip=1)
        server.push(
            message_update("/force Kent", GROUP_CHAT),
            message_update("/force Kent"),
            message_update("/help"),
            button_update("forged data"),
        )
        bot = start_bot(server, tmp_path, cache_dir, TELEGRAM_BOT_TOKEN=SECRET_TOKEN)
        try:
            wait_for(
                lambda: len(api.delivered("sendMessage")) >= 2,
                REPLY_TIMEOUT,
                "the answers that can go",
                bot,
            )
            wait_for(lambda: len(api.sent("sendMessage")) >= 7, REPLY_TIMEOUT, "every try", bot)
        finally:
            output = stop_bot(bot, tmp_path)
    assert [c.status for c in api.sent("getMe")] == [502, 200]
    assert "giving up" in output and "cannot be written to" in output
    assert "sending plain text" in output
    assert SECRET_TOKEN not in output and SECRET_TOKEN.split(":")[1] not in output
    assert output.count(MASK) >= 6  # each quoted token was there, and hidden
