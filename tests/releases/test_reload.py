"""A running bot reads new data without a restart (bot.releases.reload): the whole core swapped,
never one built from a folder met half written, the old store closed once unused; and the
real process reloads on SIGHUP."""

from __future__ import annotations

import logging
import signal
import time
from pathlib import Path

import duckdb
import pytest

from bot.core import open_core
from bot.releases.reload import CoreSlot, DataWatch
from bot.releases.update import update
from tests.adapters.telegram.test_telegram_e2e import (
    E2E_TOKEN,
    REPLY_TIMEOUT,
    start_bot,
    stop_bot,
    wait_for,
)
from tests.support.fake_bot_api import PRIVATE_CHAT, FakeBotApiServer, message_update
from tests.support.release_books import bundled, save, workbook

KENT_2020 = bundled([2019])[(2019, "kent", "all_drugs")] + 10  # a test value


def add_2020(data_dir: Path, tmp_path: Path) -> None:
    """`update --file` with 2019-20 figures made from the real 2018-19 ones, each plus 10."""
    figures = {
        (2020, f, d): None if v is None else v + 10 for (_, f, d), v in bundled([2019]).items()
    }
    book = save(workbook("accessible", "wide", figures, [2020]), tmp_path / "fye2020.xlsx")
    assert update(data_dir, files=[book]).years_added == [2020]


def kent_2020(core) -> str:
    return core.answer("/force Kent 2019-20").text


def test_new_data_are_noticed_and_answered(tmp_path, data_dir, cache_dir):
    core = open_core(data_dir, cache_dir, long_running=True)
    watch = DataWatch(data_dir, cache_dir, core.store.version)
    assert watch.check() is None  # nothing new
    assert f"{KENT_2020:,}" not in kent_2020(core)
    add_2020(data_dir, tmp_path)
    fresh = watch.check()
    assert fresh is not None and fresh.store.version != core.store.version
    assert f"{KENT_2020:,} drug seizures in 2019-20" in kent_2020(fresh)
    assert len(fresh.cache) == 1  # its own reply cache, not the old one's
    assert watch.check() is None  # the same data again: nothing to do


def test_a_folder_met_mid_swap_keeps_the_core_in_use(tmp_path, data_dir, cache_dir, caplog):
    core = open_core(data_dir, cache_dir, long_running=False)
    watch = DataWatch(data_dir, cache_dir, core.store.version)
    aside = tmp_path / "aside"
    data_dir.rename(aside)  # between update's two renames, DATA_DIR is not there
    assert watch.check() is None
    aside.rename(data_dir)
    seizures = (data_dir / "seizures.csv").read_bytes()
    (data_dir / "seizures.csv").unlink()  # a copy into the folder still at work
    with caplog.at_level(logging.WARNING, logger="bot.releases.reload"):
        assert watch.check() is None  # refused: the old core answers on
    assert "cannot be read" in caplog.text and "seizures.csv" in caplog.text
    assert watch.check() is None  # not tried again until the folder changes
    (data_dir / "seizures.csv").write_bytes(seizures[: len(seizures) // 2])
    assert watch.check(quiet=60.0) is None  # the timer waits for a folder left alone
    (data_dir / "seizures.csv").write_bytes(seizures)
    assert watch.check() is None  # whole again: the version in use, nothing to swap
    assert "Kent Police" in core.answer("/force Kent").text


def test_an_old_core_is_closed_only_when_its_last_answer_is_done(data_dir, cache_dir):
    old = open_core(data_dir, cache_dir, long_running=False)
    new = open_core(data_dir, cache_dir, long_running=False)
    slot = CoreSlot(old)
    with slot.lease() as leased:
        slot.swap(new)
        assert slot.current is new and leased is old
        assert "Kent Police" in leased.answer("/force Kent 2016-17").text  # still open
    with pytest.raises(duckdb.ConnectionException):
        old.store.rows("force-card", force_id="nowhere", fye=1999)  # closed: no query runs
    newer = open_core(data_dir, cache_dir, long_running=False)
    slot.swap(newer)  # no lease held: closed at once
    with pytest.raises(duckdb.ConnectionException):
        new.store.rows("force-card", force_id="nowhere", fye=1999)
    assert "Kent Police" in slot.current.answer("/force Kent").text


@pytest.mark.process
def test_the_bot_process_reloads_on_sighup(tmp_path, data_dir, cache_dir):
    question = "/force Kent 2019-20"
    with FakeBotApiServer(E2E_TOKEN) as server:
        bot = start_bot(server, tmp_path, cache_dir, DATA_DIR=str(data_dir),
                        UPDATE_CHECK_HOURS="0", LOG_LEVEL="INFO")  # fmt: skip
        try:
            server.push(message_update(question, PRIVATE_CHAT))
            wait_for(lambda: len(server.api.sent("sendMessage")) == 1, REPLY_TIMEOUT, "a reply",
                     bot)  # fmt: skip
            assert f"{KENT_2020:,}" not in server.api.sent("sendMessage")[0].params["text"]
            add_2020(data_dir, tmp_path)
            bot.send_signal(signal.SIGHUP)
            wait_for(lambda: "Now answering from data version" in log_of(tmp_path),
                     REPLY_TIMEOUT, "the reload", bot)  # fmt: skip
            server.push(message_update(question, PRIVATE_CHAT))
            wait_for(lambda: len(server.api.sent("sendMessage")) == 2, REPLY_TIMEOUT, "a reply",
                     bot)  # fmt: skip
            card = server.api.sent("sendMessage")[1].params["text"]
            assert f"{KENT_2020:,} drug seizures in 2019-20" in card
        finally:
            output = stop_bot(bot, tmp_path)
    assert "SIGHUP: looking for new data" in output and "Traceback" not in output


def log_of(tmp_path: Path) -> str:
    time.sleep(0.05)
    return (tmp_path / "bot.log").read_text(errors="replace")
