"""Settings, read from the environment in one place into a frozen object.

``.env`` is loaded only by ``main()`` (through ``load_settings``); tests pass a mapping.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot import paths

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A missing or malformed setting; the message is one line naming it."""


@dataclass(frozen=True)
class Settings:
    token: str | None = None
    data_dir: Path = paths.DATA_DIR
    cache_dir: Path | None = None
    log_level: str = "INFO"
    output_dir: Path = Path("out")

    def __repr__(self) -> str:  # never print the token
        return f"Settings(data_dir={self.data_dir!s}, log_level={self.log_level})"


def load_settings(env: Mapping[str, str] | None = None, *, dotenv: bool = True) -> Settings:
    if env is None:
        if dotenv:
            from dotenv import load_dotenv

            load_dotenv(override=False)
        env = os.environ
    level = env.get("LOG_LEVEL", "INFO").upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
    data_dir = Path(env.get("DATA_DIR") or paths.DATA_DIR)
    if not data_dir.is_dir():
        raise ConfigError(f"DATA_DIR {data_dir} is not a folder")
    cache = env.get("CACHE_DIR")
    return Settings(
        token=env.get("TELEGRAM_BOT_TOKEN") or None,
        data_dir=data_dir,
        cache_dir=Path(cache) if cache else None,
        log_level=level,
        output_dir=Path(env.get("OUTPUT_DIR") or "out"),
    )
