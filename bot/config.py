"""Settings, read from the environment in one place into a frozen object.

``.env`` is loaded only by ``main()`` (through ``load_settings``), from the working folder
(or the nearest folder above it holding one), by a checkout and an installed copy alike; the
environment wins over it; tests pass a mapping. Every key is listed, with a comment, in
``.env.example``; a blank value means unset. A missing, malformed or unusable setting (a
folder that cannot be written) raises ConfigError with one line that names the key and never
repeats a secret.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict
from urllib.parse import urlsplit

from bot import paths

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MODES = ("polling", "webhook")
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_GOVUK_BASE_URL = "https://www.gov.uk"
DEFAULT_STATE_PATH = Path(".state/seizure-bot.sqlite3")
OLD_PICKLE_PATH = Path(".state/bot-persistence.pickle")  # PERSISTENCE_PATH's old default
MESSAGES_PER_SECOND = 30  # Telegram's limit for messages to all chats together
GROUP_MESSAGES = 20  # Telegram's limit for messages to one group...
GROUP_WINDOW_SECONDS = 60.0  # ...in this many seconds (tests shrink it to stay fast)
GROUP_SETTINGS = ("admins", "everyone")
STARTUP_RETRIES = 8  # start-up tries the Bot API again 8 times, waits growing to ~26 s
SEND_RETRY_DELAYS = (0.5, 1.0)  # waits before the 2nd and 3rd try of a call that got 5xx
UPDATE_CHECK_HOURS = 6  # a running bot runs `update` this often; 0: never
RELOAD_CHECK_SECONDS = 60.0  # and looks this often for new data in DATA_DIR
CONTAINER_MARKS = ("/.dockerenv", "/run/.containerenv")  # files Docker and Podman make
_TOKEN = re.compile(r"^[0-9]+:[A-Za-z0-9_-]+$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # Telegram's rule for secret_token


class _Webhook(TypedDict):
    mode: str
    webhook_url: str | None
    webhook_listen: str
    webhook_port: int
    webhook_secret_token: str | None


class ConfigError(ValueError):
    """A missing or malformed setting; the message is one line naming it."""


@dataclass(frozen=True)
class Settings:
    token: str | None = field(default=None, repr=False)  # never printed
    data_dir: Path = paths.DATA_DIR
    cache_dir: Path | None = None  # None: queries.store's default
    log_level: str = "INFO"
    output_dir: Path = Path("out")
    api_base_url: str = DEFAULT_API_BASE_URL
    mode: str = "polling"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret_token: str | None = field(default=None, repr=False)
    developer_chat_id: int | None = None
    state_path: Path = DEFAULT_STATE_PATH
    old_pickle_path: Path = OLD_PICKLE_PATH  # imported once into state_path, if it exists
    messages_per_second: int = MESSAGES_PER_SECOND  # 0: no overall limit (emulators only)
    startup_retries: int = STARTUP_RETRIES  # python-telegram-bot's bootstrap_retries
    send_retry_delays: tuple[float, ...] = SEND_RETRY_DELAYS  # or timed out; not from env
    govuk_base_url: str = DEFAULT_GOVUK_BASE_URL  # where `update` finds the releases
    update_check_hours: int = UPDATE_CHECK_HOURS  # 0: a running bot never runs `update`
    reload_check_seconds: float = RELOAD_CHECK_SECONDS  # 0: only on SIGHUP; not from env
    group_messages: int = GROUP_MESSAGES  # Telegram's limit per group per window (0: none)...
    group_window_seconds: float = GROUP_WINDOW_SECONDS  # ...of this many seconds; not from env
    group_settings: str = "admins"  # who may /setforce, /subscribe, /unsubscribe in a group

    @property
    def api_file_url(self) -> str:
        """The Bot API file URL that goes with api_base_url: ``.../bot`` -> ``.../file/bot``."""
        root = self.api_base_url.removesuffix("/bot")
        return f"{root}/file/bot"

    @property
    def webhook_path(self) -> str:
        """The path the webhook server listens on: WEBHOOK_URL's path, without the slash."""
        return urlsplit(self.webhook_url or "").path.lstrip("/")


def load_settings(env: Mapping[str, str] | None = None, *, dotenv: bool = True) -> Settings:
    if env is None:
        if dotenv:
            from dotenv import find_dotenv, load_dotenv

            load_dotenv(find_dotenv(usecwd=True), override=False)
        env = os.environ
    level = _value(env, "LOG_LEVEL", "INFO").upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
    data_dir = Path(_value(env, "DATA_DIR", str(paths.default_data_dir())))
    if not data_dir.is_dir():
        raise ConfigError(f"DATA_DIR {data_dir} is not a folder")
    return Settings(
        token=_token(env),
        data_dir=data_dir,
        cache_dir=_writable(env, "CACHE_DIR", _default_cache(env), make=True),
        log_level=level,
        output_dir=_writable(env, "OUTPUT_DIR", "out"),
        api_base_url=_api_base_url(env),
        developer_chat_id=_integer(env, "DEVELOPER_CHAT_ID"),
        state_path=Path(_value(env, "STATE_PATH", str(DEFAULT_STATE_PATH))),
        old_pickle_path=Path(_value(env, "PERSISTENCE_PATH", str(OLD_PICKLE_PATH))),
        messages_per_second=_count(env, "MESSAGES_PER_SECOND", MESSAGES_PER_SECOND),
        startup_retries=_count(env, "STARTUP_RETRIES", STARTUP_RETRIES),
        govuk_base_url=_govuk_base_url(env),
        update_check_hours=_count(env, "UPDATE_CHECK_HOURS", UPDATE_CHECK_HOURS),
        group_messages=_count(env, "GROUP_MESSAGES_PER_MINUTE", GROUP_MESSAGES),
        group_settings=_group_settings(env),
        **_webhook(env),
    )


def _group_settings(env: Mapping[str, str]) -> str:
    value = _value(env, "GROUP_SETTINGS", "admins").lower()
    if value not in GROUP_SETTINGS:
        raise ConfigError(f"GROUP_SETTINGS must be admins or everyone, not {value[:40]!r}")
    return value


def _value(env: Mapping[str, str], key: str, default: str = "") -> str:
    """A setting with surrounding blanks removed; blank counts as not set."""
    return (env.get(key) or "").strip() or default


def _default_cache(env: Mapping[str, str]) -> str:
    """Without CACHE_DIR: systemd's CacheDirectory= (CACHE_DIRECTORY), else XDG_CACHE_HOME or
    ~/.cache, each with seizure-bot/ under it."""
    systemd = (env.get("CACHE_DIRECTORY") or "").split(":")[0].strip()
    if systemd:
        return systemd
    base = (env.get("XDG_CACHE_HOME") or "").strip() or str(Path.home() / ".cache")
    return str(Path(base) / "seizure-bot")


def _writable(env: Mapping[str, str], key: str, default: str, *, make: bool = False) -> Path:
    """A folder the program may make and write: not a file, and its nearest existing
    folder writable (``make``: made now). Checked now, so an unusable one is one line, not
    a traceback later."""
    path = Path(_value(env, key, default))
    if make:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"{key} {path} cannot be made ({exc.strerror})") from None
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise ConfigError(f"{key} {path} cannot be a folder: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(f"{key} {path} cannot be written ({existing} is read-only here)")
    return path


def _integer(env: Mapping[str, str], key: str) -> int | None:
    text = _value(env, key)
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ConfigError(f"{key} must be a whole number, not {text[:40]!r}") from None


def _count(env: Mapping[str, str], key: str, default: int) -> int:
    """A whole number of at least 0; blank means ``default``."""
    number = _integer(env, key)
    if number is None:
        return default
    if number < 0:
        raise ConfigError(f"{key} must be 0 or more, not {number}")
    return number


def _token(env: Mapping[str, str]) -> str | None:
    token = _value(env, "TELEGRAM_BOT_TOKEN")
    if token and not _TOKEN.match(token):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token "
            "(digits, a colon, then letters, digits, - or _; ask @BotFather)"
        )
    return token or None


def _api_base_url(env: Mapping[str, str]) -> str:
    url = _value(env, "TELEGRAM_API_BASE_URL", DEFAULT_API_BASE_URL).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or not url.endswith("/bot"):
        raise ConfigError(
            f"TELEGRAM_API_BASE_URL must be an http(s) URL ending in /bot, "
            f"like {DEFAULT_API_BASE_URL}, not {url[:80]!r}"
        )
    return url


def _govuk_base_url(env: Mapping[str, str]) -> str:
    url = _value(env, "GOVUK_BASE_URL", DEFAULT_GOVUK_BASE_URL).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"GOVUK_BASE_URL must be an http(s) URL like {DEFAULT_GOVUK_BASE_URL}")
    return url


def _webhook(env: Mapping[str, str]) -> _Webhook:
    """MODE and the WEBHOOK_* settings; URL and secret token are required for webhooks."""
    mode = _value(env, "MODE", "polling").lower()
    if mode not in MODES:
        raise ConfigError(f"MODE must be polling or webhook, not {mode[:40]!r}")
    port = _integer(env, "WEBHOOK_PORT")
    port = 8443 if port is None else port
    if not 0 < port < 65536:
        raise ConfigError(f"WEBHOOK_PORT must be between 1 and 65535, not {port}")
    url = _value(env, "WEBHOOK_URL") or None
    secret = _value(env, "WEBHOOK_SECRET_TOKEN") or None
    if mode == "webhook":
        _check_webhook(url, secret)
    return {
        "mode": mode,
        "webhook_url": url,
        "webhook_listen": _value(env, "WEBHOOK_LISTEN", _default_listen()),
        "webhook_port": port,
        "webhook_secret_token": secret,
    }


def _default_listen() -> str:
    """This machine only, except in a container (Docker's /.dockerenv, Podman's
    /run/.containerenv), where a published port reaches only the container's other interfaces."""
    in_container = any(Path(p).exists() for p in CONTAINER_MARKS)
    return "0.0.0.0" if in_container else "127.0.0.1"


def _check_webhook(url: str | None, secret: str | None) -> None:
    if not url:
        raise ConfigError("MODE=webhook needs WEBHOOK_URL, the public https URL Telegram posts to")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"WEBHOOK_URL must be an https URL, not {url[:80]!r}")
    if not secret:
        raise ConfigError("MODE=webhook needs WEBHOOK_SECRET_TOKEN (1-256 of A-Z a-z 0-9 _ -)")
    if not _SECRET.match(secret):
        raise ConfigError("WEBHOOK_SECRET_TOKEN must be 1-256 characters of A-Z a-z 0-9 _ -")
