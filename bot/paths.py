"""Where things are: the bundled data and the default sources folder."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_SOURCES = PROJECT_ROOT.parent / "shared" / "sources"
