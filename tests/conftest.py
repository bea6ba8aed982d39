"""Shared fixtures: the real bundled data in a real DuckDB store, and the core over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import paths
from bot.core import Core
from queries.store import Store


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("duckdb-cache")


@pytest.fixture(scope="session")
def store(cache_dir: Path) -> Store:
    return Store.open(paths.DATA_DIR, cache_dir)


@pytest.fixture(scope="session")
def core(store: Store) -> Core:
    return Core(store)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.txt from the current replies (only on purpose)",
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many replies the sweep (tests/test_sweep.py) checked, and how long it took."""
    reports = [
        report
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
        if report.when == "call" and "replies_checked" in dict(report.user_properties)
    ]
    if reports:
        count = sum(dict(report.user_properties)["replies_checked"] for report in reports)
        seconds = sum(report.duration for report in reports)
        terminalreporter.write_line(
            f"sweep: {count:,} replies checked against Telegram's HTML rules in {seconds:.1f} s"
        )
