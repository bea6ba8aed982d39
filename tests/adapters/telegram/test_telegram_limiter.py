"""The per-chat rate limiter on its own (bot.adapters.telegram.limiter): a 429 holds back only its
chat, a group's window is kept, urgent notices use the reserve and go first. Windows are
shrunk to a few tenths of a second so the tests stay fast."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.adapters.telegram.limiter import MARGIN, URGENT, ChatRateLimiter

GROUP, OTHER_GROUP, PRIVATE = -100, -200, 42


class Recorder:
    """A Bot API call that notes when it went, raising RetryAfter for chats told to."""

    def __init__(self) -> None:
        self.went: list[tuple[int, float]] = []
        self.refuse: dict[int, int] = {}  # chat -> how many 429s still to give
        self.started = time.monotonic()

    async def __call__(self, chat_id: int) -> bool:
        if self.refuse.get(chat_id):
            self.refuse[chat_id] -= 1
            raise RetryAfter(dt.timedelta(seconds=1))
        self.went.append((chat_id, time.monotonic() - self.started))
        return True

    def times(self, chat_id: int) -> list[float]:
        return [at for chat, at in self.went if chat == chat_id]


async def send(limiter: ChatRateLimiter, call: Recorder, chat_id: int, args: Any = None) -> Any:
    return await limiter.process_request(
        call, (chat_id,), {}, "sendMessage", {"chat_id": chat_id}, args
    )


async def test_a_429_in_one_group_holds_back_that_group_only():
    limiter, call = ChatRateLimiter(group_max_rate=20, group_time_period=0.5), Recorder()
    call.refuse[GROUP] = 1
    waiting = asyncio.create_task(send(limiter, call, GROUP))
    await asyncio.sleep(0.05)
    for chat in (PRIVATE, OTHER_GROUP, PRIVATE):
        await send(limiter, call, chat)
    await waiting
    assert max(call.times(PRIVATE) + call.times(OTHER_GROUP)) < 0.2  # not held by the 429
    [late] = call.times(GROUP)
    assert late >= 1.0  # retry_after honoured, then sent


async def test_a_group_gets_at_most_its_share_of_a_window():
    limiter, call = ChatRateLimiter(group_max_rate=4, group_time_period=0.3, reserve=0), Recorder()
    await asyncio.gather(*(send(limiter, call, GROUP) for _ in range(6)))
    times = call.times(GROUP)
    assert max(times[:4]) < 0.1 and min(times[4:]) >= 0.3
    for first, fifth in zip(times, times[4:], strict=False):
        assert fifth - first >= 0.3  # never 5 in any window


async def test_urgent_notices_use_the_reserve_and_go_first():
    limiter, call = ChatRateLimiter(group_max_rate=3, group_time_period=0.4, reserve=1), Recorder()
    ordinary = [asyncio.create_task(send(limiter, call, GROUP)) for _ in range(3)]
    await asyncio.sleep(0.05)
    await send(limiter, call, GROUP, URGENT)  # the third place in the window
    await asyncio.gather(*ordinary)
    times = call.times(GROUP)
    assert times[2] < 0.1 and times[3] >= 0.4  # the urgent one went third, at once


def test_eta_says_when_a_queued_message_will_go():
    limiter = ChatRateLimiter(group_max_rate=4, group_time_period=10.0, reserve=1)
    assert limiter.eta(GROUP, 0) == 0.0 and limiter.eta(PRIVATE, 50) == 0.0
    assert limiter.eta(GROUP, 2) == 0.0  # three places for ordinary messages
    assert limiter.eta(GROUP, 3) == pytest.approx(10.0 + MARGIN, abs=0.01)
    assert limiter.eta(GROUP, 6) == pytest.approx(2 * (10.0 + MARGIN), abs=0.01)


async def test_calls_without_a_chat_are_not_limited():
    limiter, calls = ChatRateLimiter(overall_max_rate=1), 0

    async def answer_query() -> bool:
        nonlocal calls
        calls += 1
        return True

    started = time.monotonic()
    for _ in range(5):
        await limiter.process_request(answer_query, (), {}, "answerCallbackQuery", {}, None)
    assert calls == 5 and time.monotonic() - started < 0.1
