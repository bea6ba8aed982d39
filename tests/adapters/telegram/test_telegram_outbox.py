"""The queue per chat on its own (bot.adapters.telegram.outbox): answers in order, a bounded queue,
notices told together, and the words that say when; plus the chat state it relies on (the
topic's default force, each person's last answer, paused and moved subscriptions)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import ExtBot

from bot.adapters.state import ChatSettings, ChatState
from bot.adapters.telegram.limiter import ChatRateLimiter
from bot.adapters.telegram.outbox import Outbox, when
from bot.adapters.telegram.send import Target
from tests.support.fake_bot_api import TOKEN, FakeBotApi, FakeRequest

GROUP = -100


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "5 seconds"), (12, "15 seconds"), (54, "55 seconds"), (61, "2 minutes"), (60, "1 minute")],
)
def test_when_rounds_up(seconds, words):
    assert when(seconds) == words


async def test_answers_go_in_order_and_the_queue_is_bounded():
    outbox, went = Outbox(None, queue_limit=3), []
    gate = asyncio.Event()

    def job(n: int) -> Any:
        async def run() -> None:
            await gate.wait()
            went.append(n)

        return run

    done = [outbox.queue(GROUP, job(n), 1) for n in range(5)]
    assert done[3] is None and done[4] is None  # the first runs, three wait: full
    assert outbox.busy(GROUP)
    gate.set()
    await asyncio.gather(*(d for d in done if d is not None))
    assert went == [0, 1, 2] and not outbox.busy(GROUP)


async def test_lines_told_while_a_notice_waits_go_in_one_message():
    limiter = ChatRateLimiter(group_max_rate=2, group_time_period=0.3, reserve=1)
    api = FakeBotApi()
    bot, outbox = ExtBot(TOKEN, request=FakeRequest(api)), Outbox(limiter)

    async def sent() -> None:
        pass

    for _ in range(2):  # the group's window is full
        await limiter.process_request(sent, (), {}, "sendMessage", {"chat_id": GROUP}, None)
    outbox.tell(bot, Target(GROUP, quote=11), "Ana, about 5 seconds.")
    outbox.tell(bot, Target(GROUP, quote=12), "Ben, about 5 seconds.")
    await outbox.idle()
    notices = [call.params for call in api.sent() if "about" in call.params["text"]]
    assert [params["text"] for params in notices] == [
        "Ana, about 5 seconds.\nBen, about 5 seconds."
    ]
    assert "reply_parameters" not in notices[0]  # two askers: no one quoted


def test_topic_force_person_answers_pauses_and_moves(tmp_path: Path):
    state = ChatState(tmp_path / "state.sqlite3")
    state.set_default_force(GROUP, "kent", thread=5)
    state.set_default_force(GROUP, "essex")
    state.set_last_query(GROUP, "/force kent 2018-19", 5, 1)
    state.set_last_query(GROUP, "/force essex 2016-17", 9, 2)
    assert state.chat(GROUP, 5, 1) == ChatSettings("kent", "/force kent 2018-19", (), "topic")
    assert state.chat(GROUP, 9, 1) == ChatSettings("essex", None, (), "chat")  # not 2's answer
    state.flush()
    assert state.last_query(GROUP, 9, 2) == "/force essex 2016-17"  # written, read back
    state.subscribe(GROUP, "force:kent", 5)
    assert state.subscription_thread(GROUP, "force:kent") == 5
    assert state.move_subscriptions(GROUP, 5) == 1
    assert state.subscription_thread(GROUP, "force:kent") is None
    assert state.pause(GROUP) == 1 and state.subscribers("force:kent") == []
    assert state.data_year(2019) is False and state.data_year(2020) is True
    assert state.pending_alerts() == []  # paused: nothing queued
    assert state.resume(GROUP) == 1 and state.subscribers("force:kent") == [GROUP]
    state.note_sent(GROUP, 77, 5, "/force kent 2018-19")
    assert state.sent_message(GROUP, 77) == (5, "/force kent 2018-19")
    state.flush()
    assert state.sent_message(GROUP, 77) == (5, "/force kent 2018-19")  # from the file
    assert state.sent_message(GROUP, 78) is None
    state.migrate(GROUP, -200)
    assert state.chat(-200, 5, 1).default_force == "kent"
    state.close()
