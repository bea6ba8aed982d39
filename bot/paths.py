"""Where things are: the bundled tables, the user's updated tables and the default sources.

The bundled tables are data/ at the top of the checkout; the wheel carries them as
bot/bundled/ (pyproject.toml maps data/ there), found through importlib.resources. An installed
copy reads those, a checkout (editable or not) its data/. DATA_DIR in the environment
overrides them (bot.config). PROJECT_ROOT, CHECKOUT and DEFAULT_SOURCES only mean something
in a checkout: the tests, the ingest's default source folder.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Whether this is a checkout (pyproject.toml beside bot/), not a copy in site-packages.
CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "data").is_dir()


def _bundled() -> Path:
    """The tables as a folder on disk: DuckDB reads the CSVs by path (no zipped installs)."""
    if CHECKOUT:
        return PROJECT_ROOT / "data"
    folder = resources.files("bot") / "bundled"  # the wheel's copy of data/
    return folder if isinstance(folder, Path) else Path(str(folder))


DATA_DIR = _bundled()
DEFAULT_SOURCES = PROJECT_ROOT.parent / "shared" / "sources"


def user_data_dir() -> Path:
    """Where `seizure-bot update` keeps its tables when DATA_DIR is not set."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "seizure-bot"


def default_data_dir() -> Path:
    """The user's updated tables when an update has written them, else the bundled ones."""
    user = user_data_dir()
    return user if (user / "seizures.csv").is_file() else DATA_DIR
