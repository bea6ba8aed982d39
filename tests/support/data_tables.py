"""The bundled tables read straight from data/ with the csv module, for tests that check
the bot's figures independently of its store."""

from __future__ import annotations

import csv
from functools import cache

from bot import paths


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Every row of data/<name>.csv, as text (read once per test session)."""
    with (paths.DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))
