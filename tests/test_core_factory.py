"""One factory opens the core for every mode; long-running modes fetch the /force figures
at start, so the bot that runs is the one the benchmark measures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bot.answers  # noqa: F401  (the registry: installs the declarations)
from bot import commands, paths
from bot.core import open_core
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


QUERIES = load_queries()
# Every named query with an "-all" form: derived from it (queries.loader.one_key), or, where
# the "-all" form covers only part of the keys (region-card-forces: the years of the
# complete tables), written by hand for the rest. Either way the two must agree.
TWINS = sorted(n for n in QUERIES if f"{n}-all" in QUERIES)


def test_the_all_form_is_the_only_copy_where_it_covers_every_key() -> None:
    by_hand = [n for n in TWINS if not QUERIES[n].derived]
    assert by_hand == ["region-card-forces"]
    assert len(TWINS) == 17
    assert set(commands.prefetched()) >= set(TWINS)


@pytest.mark.parametrize("name", TWINS)
def test_an_all_form_and_its_single_form_agree(
    cache_dir: Path, revised_data: Path, name: str
) -> None:
    """Each "-all" form gives, for every key, exactly what the single form gives on its own
    (checked on every 9th key, and the first and last); with a derived single form, a key
    the "-all" form does not give has no rows."""
    store = Store.open(revised_data, cache_dir)
    try:
        filled = store.prefetch(name)
        keys = [params for (query, params) in store._memo if query == name]
        assert filled == len(keys) > 0
        for params in {*keys[::9], keys[0], keys[-1]}:
            live = store._execute(name, dict(params))
            assert store.rows(name, **dict(params)) == live, (name, params)
        if QUERIES[name].derived:  # a key the "-all" form did not give has no rows
            for key, value in keys[0]:
                absent = {**dict(keys[0]), key: 1900 if isinstance(value, int) else "nowhere"}
                assert store._execute(name, absent) == store.rows(name, **absent) == []
    finally:
        store.close()


def test_a_derived_single_form_reads_one_key_of_the_all_form(
    cache_dir: Path, revised_data: Path
) -> None:
    """ "force-card" has no SQL of its own: one key's rows are those of force-card-all,
    without the key columns, and a key it does not give has none."""
    store = Store.open(revised_data, cache_dir)
    try:
        every = store._execute("force-card-all", {})
        kent = [r for r in every if (r["key_force_id"], r["key_fye"]) == ("kent", 2019)]
        expected = [{k: v for k, v in r.items() if not k.startswith("key_")} for r in kent]
        assert store.rows("force-card", force_id="kent", fye=2019) == expected
        assert expected and expected[0]["seizures"] > 0
        assert store.rows("force-card", force_id="kent", fye=1900) == []
    finally:
        store.close()
