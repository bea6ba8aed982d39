"""One factory opens the core for every mode; long-running modes fetch the /force figures
at start, so the bot that runs is the one the benchmark measures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import paths
from bot.core import open_core
from bot.data import PREFETCHED
from queries.store import Store


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



@pytest.mark.parametrize("name", PREFETCHED)
def test_prefetched_results_equal_the_live_query(cache_dir: Path, name: str) -> None:
    """Each "-all" twin in queries/*.sql gives, for every key, exactly what the named query
    gives on its own (checked on every 9th key, and the first and last)."""
    store = Store.open(paths.DATA_DIR, cache_dir)
    try:
        filled = store.prefetch(name, f"{name}-all")
        keys = [params for (query, params) in store._memo if query == name]
        assert filled == len(keys) > 0
        for params in {*keys[::9], keys[0], keys[-1]}:
            live = store._execute(name, dict(params))
            assert store.rows(name, **dict(params)) == live, (name, params)
    finally:
        store.close()
