"""The seizure-bot command: one-shot ask, the console chat, bad usage."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from bot import cli
from bot.adapters.console import console
from bot.config import load_settings


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


@pytest.mark.process
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


def test_ask_keeps_what_it_confirms(env, capsys):
    assert cli.main(["ask", "/setforce Kent"]) == 0
    capsys.readouterr()
    assert cli.main(["ask", "/myforce"]) == 0
    assert "Kent Police" in capsys.readouterr().out


def chat(settings, *lines: str) -> str:
    out = io.StringIO()
    assert console(settings, io.StringIO("".join(f"{line}\n" for line in lines)), out) == 0
    return out.getvalue()


def test_the_console_keeps_settings_and_subscriptions_across_restarts(env):
    settings = load_settings(dotenv=False)
    chat(settings, "/setforce Kent", "/subscribe national")
    text = chat(settings, "/myforce", "/subscriptions")
    assert "Kent Police" in text
    assert "• England and Wales" in text
    chat(settings, "/unsubscribe")
    assert "• England and Wales" not in chat(settings, "/subscriptions")


def test_the_console_and_ask_share_one_local_chat(env, capsys):
    chat(load_settings(dotenv=False), "/setforce West Mercia")
    assert cli.main(["ask", "/myforce"]) == 0
    assert "West Mercia Police" in capsys.readouterr().out


def test_arrow_keys_are_never_taken_as_questions(env):
    text = chat(load_settings(dotenv=False), "\x1b[A", "\x1b[B\x1b[D", "\x1bOA")
    assert text.count("> ") == 4  # four prompts, no reply between them
    assert "England and Wales" not in text.split("\n", 1)[1]


class Interrupted(io.StringIO):
    def readline(self, size: int | None = -1) -> str:
        raise KeyboardInterrupt  # Ctrl-C at the prompt


def test_ctrl_c_ends_the_console_cleanly(env):
    out = io.StringIO()
    assert console(load_settings(dotenv=False), Interrupted(), out) == 0
    assert out.getvalue().endswith("> \n")


def test_an_unusable_state_path_is_one_line_and_exit_2(env, tmp_path, monkeypatch, capsys):
    (tmp_path / "folder").mkdir()
    monkeypatch.setenv("STATE_PATH", str(tmp_path / "folder"))
    assert cli.main(["ask", "/force Kent"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "STATE_PATH" in err


def test_help_describes_the_bot_with_examples(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["--help"])
    assert caught.value.code == 0
    text = capsys.readouterr().out
    assert "TELEGRAM_BOT_TOKEN" in text and "console" in text
    assert 'seizure-bot ask "/force Kent"' in text and "OUTPUT_DIR" in text


def test_version(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.startswith("seizure-bot ")


def test_a_subcommand_shows_its_own_usage_only(capsys):
    with pytest.raises(SystemExit):
        cli.main(["ask", "--help"])
    assert capsys.readouterr().out.startswith("usage: seizure-bot ask [-h] [--html] text\n")


def test_a_service_without_a_token_stops_with_one_line(env, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TELEGRAM_BOT_TOKEN is not set" in err


def run_here(tmp_path, cache_dir, dotenv: str, **env: str) -> subprocess.CompletedProcess:
    (tmp_path / ".env").write_text(dotenv)
    clean = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "LOG_LEVEL")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/force Kent"],
        capture_output=True,
        text=True,
        env={**clean, "CACHE_DIR": str(cache_dir), **env},
        cwd=tmp_path,
        timeout=60,
    )


@pytest.mark.process
def test_the_working_folders_env_file_is_read_and_the_environment_wins(tmp_path, cache_dir):
    done = run_here(tmp_path, cache_dir, "LOG_LEVEL=loud\n")
    assert done.returncode == 2
    assert (
        done.stderr == "seizure-bot: LOG_LEVEL must be one of DEBUG, INFO, WARNING, "
        "ERROR, CRITICAL, not 'LOUD'\n"
    )
    assert run_here(tmp_path, cache_dir, "LOG_LEVEL=loud\n", LOG_LEVEL="INFO").returncode == 0


@pytest.mark.parametrize(
    ("key", "value"),
    [("CACHE_DIR", "{file}/cache"), ("OUTPUT_DIR", "{file}/out"), ("DATA_DIR", "{file}")],
)
def test_an_unusable_folder_setting_is_one_line_and_exit_2(
    env, tmp_path, monkeypatch, capsys, key, value
):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv(key, value.format(file=tmp_path / "a-file"))
    assert cli.main(["ask", "/force Kent"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and key in err and "Traceback" not in err


def test_a_blank_setting_means_unset(env, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # where a blank CACHE_DIR goes
    for key in ("CACHE_DIR", "OUTPUT_DIR", "DATA_DIR", "STATE_PATH", "LOG_LEVEL"):
        monkeypatch.setenv(key, " ")
    assert cli.main(["ask", "/force Kent"]) == 0
    assert "Kent Police" in capsys.readouterr().out
    assert list((tmp_path / "cache" / "seizure-bot").glob("*.duckdb"))


def test_ask_and_the_console_read_a_leading_mention_as_groups_do(env, capsys):
    assert cli.main(["ask", "@SeizureBot cocaine in kent"]) == 0
    assert "Kent Police: 328 cocaine seizures in 2018-19" in capsys.readouterr().out
    out = io.StringIO()
    assert console(load_settings(dotenv=False), io.StringIO("@bot, the met 2016/17\n"), out) == 0
    assert "Metropolitan Police Service: 33,560 drug seizures in 2016-17" in out.getvalue()
