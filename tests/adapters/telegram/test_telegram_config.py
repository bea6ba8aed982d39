"""Settings for the Telegram bot: defaults, one clear line for each bad value, no secrets
shown, and .env.example listing every key the loader reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import paths
from bot.adapters.telegram.application import webhook_options
from bot.config import DEFAULT_API_BASE_URL, ConfigError, Settings, load_settings

TOKEN = "123456:TEST-SECRET-TOKEN-abcdef"
SECRET = "webhook-secret_42"
WEBHOOK = {
    "MODE": "webhook",
    "WEBHOOK_URL": "https://bot.example.org/telegram/hook",
    "WEBHOOK_SECRET_TOKEN": SECRET,
}


def test_defaults_run_polling_against_telegram():
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.token == TOKEN and settings.mode == "polling"
    assert settings.api_base_url == DEFAULT_API_BASE_URL == "https://api.telegram.org/bot"
    assert settings.api_file_url == "https://api.telegram.org/file/bot"
    assert settings.state_path == Path(".state/seizure-bot.sqlite3")
    assert settings.old_pickle_path == Path(".state/bot-persistence.pickle")
    assert settings.startup_retries == 8
    assert settings.developer_chat_id is None and settings.webhook_port == 8443
    assert settings.data_dir == paths.DATA_DIR


def test_every_setting_is_read():
    env = {
        **WEBHOOK,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "WEBHOOK_LISTEN": "0.0.0.0",
        "WEBHOOK_PORT": "8080",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot/",
        "LOG_LEVEL": "debug",
        "DEVELOPER_CHAT_ID": "-100123",
        "CACHE_DIR": "/tmp/c",
        "PERSISTENCE_PATH": "/var/lib/bot/state.pickle",
        "MODE": " Webhook ",
        "STATE_PATH": "/var/lib/bot/state.sqlite3",
        "STARTUP_RETRIES": "2",
        "GROUP_SETTINGS": " Everyone ",
        "GROUP_MESSAGES_PER_MINUTE": "0",
    }
    settings = load_settings(env)
    assert settings.group_settings == "everyone" and settings.group_messages == 0
    assert (settings.mode, settings.webhook_listen, settings.webhook_port) == (
        "webhook",
        "0.0.0.0",
        8080,
    )
    assert settings.api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.api_file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.log_level == "DEBUG" and settings.developer_chat_id == -100123
    assert settings.cache_dir == Path("/tmp/c")
    assert settings.old_pickle_path == Path("/var/lib/bot/state.pickle")
    assert settings.state_path == Path("/var/lib/bot/state.sqlite3")
    assert settings.startup_retries == 2
    assert settings.webhook_path == "telegram/hook"


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"MODE": "webhook"}, "WEBHOOK_URL"),
        ({**WEBHOOK, "WEBHOOK_SECRET_TOKEN": ""}, "WEBHOOK_SECRET_TOKEN"),
        ({**WEBHOOK, "WEBHOOK_SECRET_TOKEN": "has spaces and ünïcode"}, "WEBHOOK_SECRET_TOKEN"),
        ({**WEBHOOK, "WEBHOOK_URL": "bot.example.org/hook"}, "WEBHOOK_URL"),
        ({"MODE": "sometimes"}, "MODE"),
        ({"WEBHOOK_PORT": "eighty"}, "WEBHOOK_PORT"),
        ({"WEBHOOK_PORT": "70000"}, "WEBHOOK_PORT"),
        ({"DEVELOPER_CHAT_ID": "@someone"}, "DEVELOPER_CHAT_ID"),
        ({"GROUP_SETTINGS": "owners"}, "GROUP_SETTINGS"),
        ({"GROUP_MESSAGES_PER_MINUTE": "-1"}, "GROUP_MESSAGES_PER_MINUTE"),
        ({"TELEGRAM_BOT_TOKEN": "not a token"}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_API_BASE_URL": "https://api.telegram.org"}, "TELEGRAM_API_BASE_URL"),
        ({"TELEGRAM_API_BASE_URL": "file:///bot"}, "TELEGRAM_API_BASE_URL"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"DATA_DIR": "/no/such/folder"}, "DATA_DIR"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it(env, key):
    with pytest.raises(ConfigError) as caught:
        load_settings(env)
    message = str(caught.value)
    assert key in message and "\n" not in message


def test_secrets_are_never_in_messages_or_repr():
    with pytest.raises(ConfigError) as caught:
        load_settings({"TELEGRAM_BOT_TOKEN": "123456:has a space"})
    assert "has a space" not in str(caught.value)
    settings = load_settings({**WEBHOOK, "TELEGRAM_BOT_TOKEN": TOKEN})
    assert TOKEN not in repr(settings) and SECRET not in repr(settings)
    assert "webhook" in repr(settings)


def test_env_example_lists_every_key_the_loader_reads():
    source = Path(paths.PROJECT_ROOT, "bot", "config.py").read_text()
    read = set(re.findall(r'(?:_value|_integer|_count|_writable)\(env, "([A-Z_]+)"', source))
    example = Path(paths.PROJECT_ROOT, ".env.example").read_text().splitlines()
    listed = [line.split("=")[0] for line in example if re.match(r"^[A-Z_]+=", line)]
    assert sorted(listed) == sorted(read) and len(listed) == len(set(listed))
    for index, line in enumerate(example):  # each key has its one-line comment
        if re.match(r"^[A-Z_]+=", line):
            assert example[index - 1].startswith("# "), line


def test_webhook_runs_with_the_secret_token_checked():
    options = webhook_options(load_settings({**WEBHOOK, "TELEGRAM_BOT_TOKEN": TOKEN}))
    assert options["secret_token"] == SECRET
    assert options["webhook_url"] == WEBHOOK["WEBHOOK_URL"]
    assert options["url_path"] == "telegram/hook"
    assert (options["listen"], options["port"]) == ("127.0.0.1", 8443)
    assert options["drop_pending_updates"] is False


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        Settings().mode = "webhook"  # type: ignore[misc]
