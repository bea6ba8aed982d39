"""One factory opens the core for every mode; long-running modes fetch the /force figures
at start, so the bot that runs is the one the benchmark measures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bot.answers  # noqa: F401  (the registry: installs the declarations)
from bot import commands, paths
from bot.core import open_core
from bot.data import YEARS_OF_THE_TABLES
from queries.loader import load_queries
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


@pytest.fixture(scope="module")
def revised_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled tables plus two releases that revised Kent's 2018-19 total twice (the
    bundled tables hold no revision, and force-revision must pick the latest)."""
    folder = tmp_path_factory.mktemp("revised")
    for table in paths.DATA_DIR.glob("*.csv"):
        shutil.copy(table, folder)
    (folder / "releases.csv").write_text(
        "source,title,published,url,years,files\n"
        "rel-a,Release A,2026-01-01,https://example.org/a,2019,a.ods\n"
        "rel-b,Release B,2026-02-01,https://example.org/b,2019,b.ods\n",
        encoding="utf-8",
    )
    (folder / "revisions.csv").write_text(
        "fye,force_id,drug,seizures,source,superseded_by\n"
        "2019,kent,all_drugs,3600,bdd-seizures-fye2019,rel-a\n"
        "2019,kent,all_drugs,3650,rel-a,rel-b\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    "name", [name for name in commands.prefetched() if f"{name}-all" in load_queries()]
)
def test_prefetched_results_equal_the_live_query(
    cache_dir: Path, revised_data: Path, name: str
) -> None:
    """Each "-all" twin in queries/*.sql gives, for every key, exactly what the named query
    gives on its own (checked on every 9th key, and the first and last)."""
    store = Store.open(revised_data, cache_dir)
    try:
        filled = store.prefetch(name, f"{name}-all")
        keys = [params for (query, params) in store._memo if query == name]
        assert filled == len(keys) > 0
        for params in {*keys[::9], keys[0], keys[-1]}:
            live = store._execute(name, dict(params))
            assert store.rows(name, **dict(params)) == live, (name, params)
        if name not in YEARS_OF_THE_TABLES:  # a key the twin did not give has no rows
            for key, value in keys[0]:
                absent = {**dict(keys[0]), key: 1900 if isinstance(value, int) else "nowhere"}
                assert store._execute(name, absent) == store.rows(name, **absent) == []
    finally:
        store.close()
