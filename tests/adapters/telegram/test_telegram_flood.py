"""Flood: one person sending 50 commands in a second gets five answers and one polite notice,
then silence until they calm down, and other chats are answered meanwhile within a second
(the guard counts people, so colleagues in the same group keep their own allowance).

The guard's arithmetic is tested on its own with explicit clocks; the rest goes through the
real Application (started, fed through its update queue as polling feeds it) over the fake
transport, where a group's sends can be made slow, as they are when Telegram's limit of
20 messages a minute in a group makes python-telegram-bot's rate limiter hold them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import Application

from bot.adapters.telegram.guard import SLOW_DOWN, ChatTurns, FloodGuard, Verdict
from bot.adapters.telegram.handlers import PRESS_SLOWER
from tests.support.fake_bot_api import (
    GROUP_CHAT,
    PRIVATE_CHAT,
    FakeBotApi,
    button_update,
    inline_update,
    make_app,
    message_update,
    person,
    process,
)

ANSWER, WARN, DROP = Verdict.ANSWER, Verdict.WARN, Verdict.DROP
SLOW_GROUP_SEND = 0.5  # seconds each message to the flooding group takes


def verdicts(guard: FloodGuard, moments: list[float], key: int = 1) -> list[Verdict]:
    return [guard.check(key, moment) for moment in moments]


def test_fifty_in_a_second_get_five_answers_one_notice_then_silence():
    got = verdicts(FloodGuard(), [n / 50 for n in range(50)])
    assert got == [ANSWER] * 5 + [WARN] + [DROP] * 44


def test_a_chat_that_keeps_flooding_stays_silent_until_it_pauses():
    guard = FloodGuard()
    flood = [n * 0.5 for n in range(40)]  # 2 a second for 20 s: four times the allowance
    got = verdicts(guard, flood)
    # the burst of 5 and one more that came back meanwhile; then one notice, however long
    assert got == [ANSWER] * 6 + [WARN] + [DROP] * 33
    assert guard.check(1, flood[-1] + 1.9) is DROP
    assert guard.check(1, flood[-1] + 1.9 + 2.0) is ANSWER  # 2 s of quiet: heard again
    assert verdicts(guard, [flood[-1] + 4] * 2) == [WARN, DROP]  # a new streak, a new notice


def test_one_every_two_seconds_is_always_answered_and_chats_are_apart():
    guard = FloodGuard()
    assert verdicts(guard, [0, 0, 0, 0] + [2.0 * n for n in range(1, 30)]) == [ANSWER] * 33
    assert verdicts(guard, [0.0] * 5, key=2) == [ANSWER] * 5  # another chat: its own burst
    assert verdicts(guard, [0.0] * 2, key=3) == [ANSWER] * 2


@asynccontextmanager
async def running(app: Application) -> AsyncIterator[Application]:
    """The application running as under polling: updates go through its queue and its
    update processor (ChatTurns), not straight to process_update."""
    async with app:
        await app.start()
        try:
            yield app
        finally:
            await app.stop()


async def feed(app: Application, data: dict) -> float:
    await app.update_queue.put(Update.de_json(data, app.bot))
    return time.monotonic()


async def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


def to_chat(api: FakeBotApi, chat: dict) -> list:
    return [c for c in api.delivered() if c.params["chat_id"] == chat["id"]]


async def test_a_flooding_group_does_not_hold_up_another_chat(core, tmp_path):
    api = FakeBotApi()
    api.slow_chats[GROUP_CHAT["id"]] = SLOW_GROUP_SEND
    flooder = {"from": person(2)}  # the guard is per person: not the private chat's
    flood = [
        message_update(f"/force Kent {2010 + n % 9}", GROUP_CHAT, **flooder) for n in range(50)
    ]
    async with running(make_app(core, api, tmp_path)) as app:
        for n, update in enumerate(flood):  # 50 commands in one second
            if n == 25:
                asked = await feed(app, message_update("/force West Mercia", PRIVATE_CHAT))
            await feed(app, update)
            await asyncio.sleep(0.02)
        await wait_until(lambda: len(to_chat(api, GROUP_CHAT)) >= 6)
        await asyncio.sleep(2.2)  # the group calms down...
        await feed(app, calm := message_update("/force Kent", GROUP_CHAT, **flooder))
        await wait_until(lambda: len(to_chat(api, GROUP_CHAT)) >= 7)
        await asyncio.sleep(0.3)  # anything more would show now
    [other] = to_chat(api, PRIVATE_CHAT)
    assert other.params["text"] == core.answer("/force West Mercia").html
    print(f"other chat answered {other.at - asked:.3f} s after asking")
    assert other.at - asked < 1.0  # meanwhile the group's five answers take 2.5 s to go
    group = to_chat(api, GROUP_CHAT)
    quoted = [c.params["reply_parameters"]["message_id"] for c in group]
    ids = [u["message"]["message_id"] for u in [*flood[:6], calm]]
    assert quoted == ids  # five answers, the notice, the answer after the calm: in order
    texts = [c.params["text"] for c in group]
    assert texts[5] == SLOW_DOWN and SLOW_DOWN not in texts[:5] + texts[6:]
    assert texts[:5] == [core.answer(f"/force Kent {2010 + n}").html for n in range(5)]
    assert group[4].at - group[0].at >= 4 * SLOW_GROUP_SEND * 0.9  # they really were slow


async def test_buttons_and_inline_queries_count_too(core, tmp_path):
    api = FakeBotApi()
    async with make_app(core, api, tmp_path) as app:
        for _ in range(8):
            await process(app, button_update("/force kent 2017-18"))
        for _ in range(8):
            await process(app, inline_update("kent"))
    spinners = api.sent("answerCallbackQuery")
    assert len(spinners) == 8  # every spinner stops; the presses refused are told so
    assert [c.params.get("text") for c in spinners] == [None] * 5 + [PRESS_SLOWER] * 3
    texts = [c.params["text"] for c in api.delivered("sendMessage")]
    assert texts == [core.answer("/force kent 2017-18").html] * 5  # never acknowledged, dropped
    assert len(api.sent("answerInlineQuery")) == 5  # the person's own allowance for inline
    assert api.unexpected == []


async def test_a_chat_waiting_for_its_turn_holds_no_worker():
    """ChatTurns on its own: two workers; one chat with five slow updates, run in order and
    one at a time; another chat's update is not kept waiting behind them."""
    ran: list[tuple[str, float]] = []

    async def work(label: str, seconds: float) -> None:
        ran.append((label, time.monotonic()))
        await asyncio.sleep(seconds)
        ran.append((label + " done", time.monotonic()))

    def update(chat: dict) -> Update:
        return Update.de_json(message_update("/help", chat), None)

    async with ChatTurns(chats_at_once=2) as turns:
        started = time.monotonic()
        jobs = [turns.process_update(update(GROUP_CHAT), work(f"g{n}", 0.1)) for n in range(5)]
        jobs.append(turns.process_update(update(PRIVATE_CHAT), work("p", 0)))
        await asyncio.gather(*jobs)
    order = [label for label, _ in ran]
    group = [label for label in order if label.startswith("g")]
    assert group == [x for n in range(5) for x in (f"g{n}", f"g{n} done")]  # one at a time
    assert dict(ran)["p done"] - started < 0.05


async def test_a_cancelled_update_neither_blocks_its_chat_nor_keeps_a_worker():
    """An update cancelled while it waits for its chat's turn or a worker (the application
    stopping) is skipped; one cancelled just as it was handed its turn hands it on; and once
    all is done, no chat and no worker is held."""
    gate, ran = asyncio.Event(), []

    async def work(label: str) -> None:
        ran.append(label)
        await gate.wait()

    def update(chat_id: int) -> Update:
        return Update.de_json(message_update("/help", {**PRIVATE_CHAT, "id": chat_id}), None)

    async with ChatTurns(chats_at_once=1) as turns:
        first = asyncio.ensure_future(turns.process_update(update(1), work("a1")))
        waiting = asyncio.ensure_future(turns.process_update(update(1), work("a2")))
        handed = asyncio.ensure_future(turns.process_update(update(1), work("a3")))
        other = asyncio.ensure_future(turns.process_update(update(2), work("b1")))
        last = asyncio.ensure_future(turns.process_update(update(1), work("a4")))
        await asyncio.sleep(0.01)
        waiting.cancel()  # waiting for chat 1's turn
        other.cancel()  # its turn, waiting for the one worker
        gate.set()
        await asyncio.sleep(0)  # a1 ends: a3 is handed chat 1's turn...
        handed.cancel()  # ...and cancelled before it runs: the turn goes on to a4
        results = await asyncio.gather(first, waiting, handed, other, last, return_exceptions=True)
    assert ran == ["a1", "a4"]
    assert [type(r).__name__ for r in results] == [
        "NoneType", "CancelledError", "CancelledError", "CancelledError", "NoneType"
    ]  # fmt: skip
    assert turns._lines == {} and turns._working == 0 and not turns._for_worker
