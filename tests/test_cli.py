"""The seizure-bot command: one-shot ask, the console chat, bad usage."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from bot import cli
from bot.config import load_settings
from bot.console import console


@pytest.fixture
def env(cache_dir, tmp_path, monkeypatch):
    for key in ("TELEGRAM_BOT_TOKEN", "MODE", "WEBHOOK_URL", "DEVELOPER_CHAT_ID"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("CACHE_DIR", str(cache_dir))
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path / "out"))
    monkeypatch.chdir(tmp_path)  # no stray .env is read from the checkout


def test_ask_prints_one_reply_and_exits_zero(env, capsys):
    assert cli.main(["ask", "/force west mercia"]) == 0
    out = capsys.readouterr().out
    assert "West Mercia Police: 3,292 drug seizures in 2018-19" in out
    assert "<b>" not in out


def test_ask_html_prints_the_html_version(env, capsys):
    assert cli.main(["ask", "/force west mercia", "--html"]) == 0
    assert "<b>West Mercia Police: 3,292" in capsys.readouterr().out


def test_ask_with_no_force_prints_the_usage_and_fails(env, capsys):
    assert cli.main(["ask", "/force"]) == 1
    assert "Usage: /force <force> [year]" in capsys.readouterr().out


def test_bad_usage_prints_the_usage_line_and_fails(env, capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["frobnicate"])
    assert caught.value.code != 0
    assert "usage: seizure-bot" in capsys.readouterr().err


def test_console_answers_until_quit(env):
    settings = load_settings(dotenv=False)
    out = io.StringIO()
    code = console(settings, io.StringIO("/force the met 2016/17\n\n/quit\n/force kent\n"), out)
    assert code == 0
    text = out.getvalue()
    assert "Metropolitan Police Service: 33,560 drug seizures in 2016-17" in text
    assert "Kent Police" not in text  # nothing after /quit


def test_console_leaves_cleanly_at_end_of_input(env):
    out = io.StringIO()
    assert console(load_settings(dotenv=False), io.StringIO("west merica\n"), out) == 0
    assert "I read “west merica” as West Mercia Police." in out.getvalue()


def test_installed_command_runs_as_a_new_user_would(cache_dir, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env["CACHE_DIR"] = str(cache_dir)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/force the met 2016/17"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Metropolitan Police Service: 33,560 drug seizures in 2016-17" in done.stdout


def test_ask_and_the_console_read_a_leading_mention_as_groups_do(env, capsys):
    assert cli.main(["ask", "@SeizureBot cocaine in kent"]) == 0
    assert "Kent Police: 328 cocaine seizures in 2018-19" in capsys.readouterr().out
    out = io.StringIO()
    assert console(load_settings(dotenv=False), io.StringIO("@bot, the met 2016/17\n"), out) == 0
    assert "Metropolitan Police Service: 33,560 drug seizures in 2016-17" in out.getvalue()
