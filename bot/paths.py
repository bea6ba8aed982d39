"""Where things are: the bundled data, the user's updated data and the default sources."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_SOURCES = PROJECT_ROOT.parent / "shared" / "sources"


def user_data_dir() -> Path:
    """Where `seizure-bot update` keeps its tables when DATA_DIR is not set."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "seizure-bot"


def default_data_dir() -> Path:
    """The user's updated tables when an update has written them, else the bundled ones."""
    user = user_data_dir()
    return user if (user / "seizures.csv").is_file() else DATA_DIR
