"""Release alerts: /subscribe, /unsubscribe and /subscriptions (the core's words, the chat
state the adapter keeps), and a release on the GOV.UK stand-in alerting subscribed chats
through the fake Bot API, once, even across a restart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.adapters.state import ChatState
from bot.adapters.telegram.jobs import DATA_JOBS, DataJobs
from bot.core import open_core
from bot.paths import DATA_DIR
from bot.reply import ChatContext
from tests.support.fake_bot_api import (
    GROUP_CHAT,
    PRIVATE_CHAT,
    FakeBotApi,
    make_app,
    message_update,
    process,
)
from tests.support.fake_govuk import FakeGovuk
from tests.support.release_books import bundled, save, workbook

FYE2020 = "Seizures of drugs in England and Wales, financial year ending 2020"


@pytest.mark.parametrize(
    ("text", "held", "kind", "subscribe", "unsubscribe", "words"),
    [
        ("/subscribe West Mercia", (), "answer", "force:west-mercia", (), "alerts on for"),
        ("/subscribe the North West", (), "answer", "region:north-west-region", (), "North West"),
        ("/subscribe national", (), "answer", "national", (), "England and Wales"),
        ("/subscribe W Mercia", ("force:west-mercia",), "answer", None, (), "already gets"),
        ("/subscribe", (), "usage", None, (), "Alerts for what?"),
        ("/subscribe Narnia", (), "not_found", None, (), "Narnia"),
        ("/subscribe wesst mercia", (), "choices", None, (), "Did you mean"),
        ("/unsubscribe kent", ("force:kent",), "answer", None, ("force:kent",), "off for"),
        ("/unsubscribe kent", ("national",), "answer", None, (), "no release alerts for"),
        (
            "/unsubscribe",
            ("force:kent", "national"),
            "answer",
            None,
            ("force:kent", "national"),
            "off for",
        ),  # fmt: skip
        ("/unsubscribe", (), "answer", None, (), "has no release alerts"),
        ("/subscriptions", ("force:kent", "region:wales"), "answer", None, (), "Wales (region)"),
        ("/subscriptions", (), "answer", None, (), "has no release alerts"),
    ],
)
def test_alert_commands(core, text, held, kind, subscribe, unsubscribe, words):
    reply = core.answer(text, ChatContext(chat_id=1, subscriptions=held))
    assert (reply.kind, reply.subscribe, reply.unsubscribe) == (kind, subscribe, unsubscribe)
    assert words in reply.text


def test_a_guess_is_offered_as_a_button_never_kept(core):
    reply = core.answer("/subscribe wesst mercia", ChatContext(chat_id=1))
    assert [b.payload for row in reply.buttons for b in row] == ["/subscribe west-mercia"]


async def test_subscriptions_are_kept_in_the_chat_state(core, tmp_path):
    api = FakeBotApi()
    async with make_app(core, api, tmp_path) as app:
        for text in ("/subscribe West Mercia", "/subscribe national", "/subscribe Narnia",
                     "/subscriptions", "/unsubscribe national", "/subscriptions"):  # fmt: skip
            await process(app, message_update(text, PRIVATE_CHAT))
    texts = [call.params["text"] for call in api.sent("sendMessage")]
    assert "Release alerts on for <b>West Mercia Police</b>" in texts[0]
    assert "Narnia" in texts[2]
    assert "• West Mercia Police" in texts[3] and "• England and Wales" in texts[3]
    assert "England and Wales" not in texts[5]
    state = ChatState(tmp_path / "state.sqlite3")
    assert state.subscriptions(PRIVATE_CHAT["id"]) == ["force:west-mercia"]
    state.close()
    assert api.unexpected == []


@pytest.fixture()
def govuk():
    server = FakeGovuk().start()
    yield server
    server.stop()


def add_2020_release(govuk: FakeGovuk, tmp_path: Path) -> None:
    """2019-20 made from the real 2018-19 figures, each plus 10 (a test value)."""
    figures = {
        (2020, f, d): None if v is None else v + 10 for (_, f, d), v in bundled([2019]).items()
    }
    book = save(workbook("accessible", "wide", figures, [2020]), tmp_path / "fye2020.xlsx")
    govuk.add_release("fye-2020", FYE2020, "2026-03-06T09:30:00.000+00:00",
                      {"fye2020.xlsx": book.read_bytes()})  # fmt: skip


def data_jobs(app) -> DataJobs:
    return app.bot_data[DATA_JOBS]


async def test_a_release_alerts_each_subscribed_chat_once(tmp_path, cache_dir, govuk):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    core = open_core(data_dir, cache_dir, long_running=True)
    api = FakeBotApi()
    settings = {"data_dir": data_dir, "cache_dir": cache_dir, "govuk_base_url": govuk.base_url}
    async with make_app(core, api, tmp_path, **settings) as app:
        await process(app, message_update("/subscribe West Mercia", PRIVATE_CHAT))
        await process(app, message_update("/subscribe national", GROUP_CHAT))
        await process(app, message_update("/subscribe Kent", GROUP_CHAT))
        jobs = data_jobs(app)
        assert await jobs.alerts(app.bot) == 0  # the first start only notes 2018-19
        assert await jobs.update(app.bot) is False  # the collection lists nothing new
        add_2020_release(govuk, tmp_path)
        confirmations = len(api.sent())
        assert await jobs.update(app.bot) is True
        alerts = api.sent()[confirmations:]
        assert await jobs.update(app.bot) is False and await jobs.alerts(app.bot) == 0
        assert len(api.sent()) == confirmations + 3  # nothing sent twice
        await process(app, message_update("/force Kent 2019-20", PRIVATE_CHAT))
        kent = bundled([2019])[(2019, "kent", "all_drugs")] + 10
        assert f"{kent:,} drug seizures in 2019-20" in api.sent()[-1].params["text"]  # new data
    by_chat = {(c.params["chat_id"], c.params["text"].split("\n")[2][:40]): c for c in alerts}
    assert len(by_chat) == 3 and all(c.status == 200 for c in alerts)
    west_mercia = bundled([2019])[(2019, "west-mercia", "all_drugs")] + 10
    private = [c.params["text"] for c in alerts if c.params["chat_id"] == PRIVATE_CHAT["id"]]
    assert private[0].startswith("<b>New Home Office figures for 2019-20.</b>")
    assert f"<b>West Mercia Police: {west_mercia:,} drug seizures in 2019-20</b>" in private[0]
    group = sorted(c.params["text"] for c in alerts if c.params["chat_id"] == GROUP_CHAT["id"])
    assert "England and Wales" in group[0] and "Kent Police" in group[1]
    assert api.unexpected == []

    # a restart on the same chat state sends nothing again
    api = FakeBotApi()
    async with make_app(open_core(data_dir, cache_dir, long_running=False), api, tmp_path,
                        **settings) as app:  # fmt: skip
        assert await data_jobs(app).alerts(app.bot) == 0
    assert api.sent() == []


async def test_an_alert_missed_by_the_network_goes_later_a_blocked_chat_is_skipped(
    tmp_path, cache_dir, govuk
):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    api = FakeBotApi()
    settings = {"data_dir": data_dir, "cache_dir": cache_dir, "govuk_base_url": govuk.base_url,
                "send_retry_delays": ()}  # fmt: skip
    core = open_core(data_dir, cache_dir, long_running=False)
    async with make_app(core, api, tmp_path, **settings) as app:
        await process(app, message_update("/subscribe Kent", PRIVATE_CHAT))
        await process(app, message_update("/subscribe Kent", GROUP_CHAT))
        jobs = data_jobs(app)
        await jobs.alerts(app.bot)
        add_2020_release(govuk, tmp_path)
        api.fail("sendMessage", 403, "Forbidden: bot was blocked by the user",
                 chat_id=PRIVATE_CHAT["id"])  # fmt: skip
        api.fail("sendMessage", 502, "Bad Gateway", chat_id=GROUP_CHAT["id"], times=1)
        before = len(api.sent())
        await jobs.update(app.bot)
        assert [c.status for c in api.sent()[before:]] == [502]  # the run stops there
        assert await jobs.alerts(app.bot) == 1  # the group's, at the next run
        assert sorted(c.status for c in api.sent()[before + 1 :]) == [200, 403]
        assert await jobs.alerts(app.bot) == 0  # and the blocked chat is not tried again
        assert len(api.sent()) == before + 3
    assert api.delivered()[-1].params["chat_id"] == GROUP_CHAT["id"]


def test_queued_alerts_follow_a_group_upgraded_to_a_supergroup(tmp_path):
    state = ChatState(tmp_path / "state.sqlite3")
    state.subscribe(-4001, "national")
    assert state.data_year(2019) is False  # the first year noted: nothing to send
    assert state.data_year(2020) is True and state.data_year(2020) is False
    state.migrate(-4001, -1004001)
    assert state.pending_alerts() == [(-1004001, "national", 2020)]
    assert state.claim_alert(-1004001, "national", 2020)
    assert not state.claim_alert(-1004001, "national", 2020)  # claimed once only
    assert state.pending_alerts() == []
    state.close()


async def test_a_release_not_imported_is_an_error_told_to_the_developer_once_a_day(
    tmp_path, cache_dir, govuk, caplog
):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    book = save({"Cover": [["Workforce"]], "Table_1": [["Force", "Officers"]]}, tmp_path / "w.ods")
    govuk.add_release("fye-2020", FYE2020, "2026-03-06T09:30:00.000+00:00",
                      {"w.ods": book.read_bytes()})  # fmt: skip
    api = FakeBotApi()
    settings = {"data_dir": data_dir, "cache_dir": cache_dir, "govuk_base_url": govuk.base_url,
                "developer_chat_id": PRIVATE_CHAT["id"]}  # fmt: skip
    async with make_app(
        open_core(data_dir, cache_dir, long_running=False), api, tmp_path, **settings
    ) as app:
        assert await data_jobs(app).update(app.bot) is False
        assert await data_jobs(app).update(app.bot) is False
    told = [c.params["text"] for c in api.sent()]
    assert len(told) == 1 and told[0].startswith(f"seizure-bot update: NOT imported: {FYE2020}")
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert f"update: NOT imported: {FYE2020}: w.ods: no table" in errors[0]
