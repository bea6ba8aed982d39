"""Shared fixtures: the real bundled data in a real DuckDB store, the core over it, a copy of
the bundled tables to change, and the real application over the fake Bot API."""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the bundled tables, for tests that change them (update, reload)."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


@pytest.fixture
def api() -> Iterator[Any]:
    """The fake Bot API; a test fails if the bot called a method it does not know."""
    from tests.support.fake_bot_api import FakeBotApi

    fake = FakeBotApi()
    yield fake
    assert fake.unexpected == [], "the bot called Bot API methods the fake does not know"


@pytest.fixture
async def app(core: Core, api: Any, tmp_path: Path) -> AsyncIterator[Any]:
    """The application that runs, built by build_application, over the fake transport."""
    from tests.support.fake_bot_api import make_app

    application = make_app(core, api, tmp_path)
    async with application:
        yield application


@pytest.fixture(autouse=True)
def telegram_refused_nothing() -> Iterator[None]:
    """Fail a test in which the fake Bot API refused something as Telegram would (invalid
    HTML, a text too long, a button's data too long): in production that reply would have
    needed the plain-text fallback. Faults a test scripts itself are not refusals."""
    yield
    fake = sys.modules.get("tests.support.fake_bot_api")
    refused = fake.take_refusals() if fake is not None else []
    if refused:
        pytest.fail("Telegram would refuse:\n" + "\n".join(refused[:10]), pytrace=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.txt from the current replies (only on purpose)",
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many replies the sweep (tests/adapters/telegram/test_sweep.py) checked, and how long
    it took."""
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


@pytest.fixture(autouse=True)
def not_in_a_container(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings as on a plain machine, though the tests may run in a container (where a blank
    WEBHOOK_LISTEN means 0.0.0.0); tests/test_deploy.py sets its own marks."""
    from bot import config

    monkeypatch.setattr(config, "CONTAINER_MARKS", ())
