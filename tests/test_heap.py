"""A long-running core's start-up heap is set aside from the garbage collector (bot.heap),
and stays the same size however many times new data are loaded."""

from __future__ import annotations

import gc
from pathlib import Path

from bot import paths
from bot.core import open_core
from bot.releases.reload import close_core


def test_a_long_running_core_is_frozen_and_a_one_shot_is_not(cache_dir: Path) -> None:
    core = open_core(paths.DATA_DIR, cache_dir, long_running=True)
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the figures of every command, the question reader
        one_shot = open_core(paths.DATA_DIR, cache_dir, long_running=False)
        assert gc.get_freeze_count() == frozen
        close_core(one_shot)
    finally:
        close_core(core)


def test_reloads_do_not_grow_the_frozen_heap(cache_dir: Path) -> None:
    """Each reload opens a new core (which settles the heap again) and closes the old one:
    the old one's objects go with it, none kept frozen for good."""
    core = open_core(paths.DATA_DIR, cache_dir, long_running=True)
    sizes = []
    for _ in range(3):
        new = open_core(paths.DATA_DIR, cache_dir, long_running=True)
        close_core(core)
        core = new
        sizes.append(gc.get_freeze_count())
    close_core(core)
    assert max(sizes) - min(sizes) < 0.02 * min(sizes)  # the same heap, give or take
