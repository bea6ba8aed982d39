"""One factory opens the core for every mode; long-running modes fetch the /force figures
at start, so the bot that runs is the one the benchmark measures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import paths
from bot.core import open_core


@pytest.mark.parametrize(("long_running", "prefetched"), [(True, True), (False, False)])
def test_open_core_prefetches_only_for_long_running_modes(
    cache_dir: Path, long_running: bool, prefetched: bool
) -> None:
    core = open_core(paths.DATA_DIR, cache_dir, long_running=long_running)
    try:
        kept = {name for name, _ in core.store._memo}
        assert ("force-card" in kept) is prefetched
        assert core.answer("/force Kent").kind == "answer"
    finally:
        core.store.close()

