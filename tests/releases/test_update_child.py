"""The running bot's own update runs in a child process with limits: a GOV.UK stand-in that
trickles ends the update at its deadline while the bot keeps answering and reloading, and a
child that runs out of memory fails the update, never the bot."""

from __future__ import annotations

import asyncio
import shutil
import time

import pytest

from bot.adapters.telegram.jobs import DATA_JOBS
from bot.core import open_core
from bot.paths import DATA_DIR
from bot.releases.update_child import run_update_child
from tests.support.fake_bot_api import PRIVATE_CHAT, FakeBotApi, make_app, message_update, process
from tests.support.fake_govuk import FakeGovuk
from tests.support.release_books import bundled, save, workbook

TITLE = "Seizures of drugs in England and Wales, financial year ending 2020"


@pytest.fixture()
def govuk():
    server = FakeGovuk().start()
    yield server
    server.stop()


async def test_a_trickling_release_ends_at_the_deadline_while_the_bot_answers(
    tmp_path, cache_dir, govuk, caplog
):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    book = save(workbook("accessible", "wide", bundled([2019]), [2019]), tmp_path / "t.xlsx")
    govuk.add_release("fye-2020", TITLE, "2026-03-06T09:30:00.000+00:00",
                      {"t.xlsx": book.read_bytes()}, trickle=0.5)  # fmt: skip
    api = FakeBotApi()
    settings = {"data_dir": data_dir, "cache_dir": cache_dir, "govuk_base_url": govuk.base_url}
    core = open_core(data_dir, cache_dir, long_running=False)
    async with make_app(core, api, tmp_path, **settings) as app:
        jobs = app.bot_data[DATA_JOBS]
        jobs.update_seconds = 4.0
        started = time.monotonic()
        running = asyncio.create_task(jobs.update(app.bot))
        await asyncio.sleep(1.0)  # the child is downloading, a byte every half second
        await process(app, message_update("/force Kent 2018-19", PRIVATE_CHAT))
        assert "3,678 drug seizures in 2018-19" in api.sent()[-1].params["text"]
        assert await asyncio.wait_for(jobs.reload(app.bot), 2.0) is False  # not held up
        assert time.monotonic() - started < 3.0
        assert await running is False
        assert time.monotonic() - started < 7.0
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("took longer than 4 s and was stopped" in e for e in errors)
    assert (data_dir / "seizures.csv").read_bytes() == (DATA_DIR / "seizures.csv").read_bytes()


async def test_a_child_out_of_memory_fails_the_update_not_the_bot(tmp_path):
    target = tmp_path / "data"
    result = await run_update_child(target, "https://www.gov.uk", memory_bytes=150 * 1024**2)
    assert result.error and not result.changed and not target.exists()
