"""Where things are: the bundled tables, the user's updated tables and the default sources.

The bundled tables travel inside the package (bot/bundled/, found through importlib.resources,
so an installed wheel finds them as an editable checkout does); DATA_DIR in the environment
overrides them (bot.config). PROJECT_ROOT and DEFAULT_SOURCES only mean something in a
checkout: the tests, the ingest's default source folder.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def _bundled() -> Path:
    """bot/bundled as a folder on disk: DuckDB reads the CSVs by path (no zipped installs)."""
    folder = resources.files("bot") / "bundled"
    return folder if isinstance(folder, Path) else Path(str(folder))


DATA_DIR = _bundled()
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_ROOT.parent / "shared" / "sources"


def user_data_dir() -> Path:
    """Where `seizure-bot update` keeps its tables when DATA_DIR is not set."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "seizure-bot"


def default_data_dir() -> Path:
    """The user's updated tables when an update has written them, else the bundled ones."""
    user = user_data_dir()
    return user if (user / "seizures.csv").is_file() else DATA_DIR
