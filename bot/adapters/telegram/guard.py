"""Fair shares between chats: a flood guard, and one update at a time per chat.

FloodGuard.check(key) -> Verdict   a token bucket per person (person_key): a burst of 5,
                                   then one update every 2 seconds. The first refused
                                   update of a streak gets one polite notice (WARN); later
                                   ones are dropped (DROP) until the person has been quiet
                                   for 2 seconds.
ChatTurns                          the update processor: a chat's updates are handled one
                                   at a time and in order, and an update waiting for its
                                   turn holds no worker. A group's answers wait in
                                   bot.adapters.telegram.outbox, not here: a turn waits at most
                                   AT_ONCE for its answer to go, so colleagues' questions
                                   are heard (and told when) while the group's queue drains.
arrival()                          when the update being handled arrived, stamped by
                                   ChatTurns before any wait: the guard's clock, so time
                                   spent queueing never counts as a chat calming down.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

FLOOD_BURST = 5  # updates a chat may send at once
FLOOD_INTERVAL = 2.0  # seconds for one more, up to the burst
CHATS_AT_ONCE = 64  # chats whose updates are handled at the same time
BACKLOG = 4096  # updates held in hand (most of them waiting for their chat's turn)
TRACKED_CHATS = 10_000  # above this, chats with a full allowance are forgotten
SLOW_DOWN = "You're asking faster than I can answer; please wait a few seconds."

_ARRIVAL: ContextVar[float | None] = ContextVar("arrival", default=None)


def arrival() -> float:
    """When the update being handled arrived (now, outside ChatTurns)."""
    stamped = _ARRIVAL.get()
    return time.monotonic() if stamped is None else stamped


def chat_key(update: object) -> int | None:
    """Whose turn an update uses: its chat's, or its sender's when it has no chat (inline
    queries, buttons under inline messages)."""
    if not isinstance(update, Update):
        return None
    where = update.effective_chat or update.effective_user
    return where.id if where else None


def person_key(update: Update) -> int:
    """Whose allowance an update uses: the person's (the chat's if no person is named)."""
    who = update.effective_user or update.effective_chat
    return who.id if who else 0


class Verdict(Enum):
    ANSWER = "answer"
    WARN = "warn"  # refused, with the one notice of this streak
    DROP = "drop"  # refused silently


@dataclass
class _Allowance:
    tokens: float
    moment: float
    refusing: bool = False


class FloodGuard:
    """A token bucket per chat. A refused update also uses up what has come back, so a chat
    that keeps flooding stays refused until it pauses for ``interval`` seconds."""

    def __init__(self, burst: int = FLOOD_BURST, interval: float = FLOOD_INTERVAL) -> None:
        self.burst = burst
        self.interval = interval
        self._chats: dict[Hashable, _Allowance] = {}

    def check(self, key: Hashable, moment: float | None = None) -> Verdict:
        moment = arrival() if moment is None else moment
        allowance = self._chats.get(key)
        if allowance is None:
            self._forget_calm(moment)
            allowance = self._chats[key] = _Allowance(float(self.burst), moment)
        elapsed = max(0.0, moment - allowance.moment)
        allowance.tokens = min(float(self.burst), allowance.tokens + elapsed / self.interval)
        allowance.moment = max(allowance.moment, moment)
        if allowance.tokens >= 1:
            allowance.tokens -= 1
            allowance.refusing = False
            return Verdict.ANSWER
        allowance.tokens = 0.0
        streak, allowance.refusing = allowance.refusing, True
        return Verdict.DROP if streak else Verdict.WARN

    def _forget_calm(self, moment: float) -> None:
        if len(self._chats) < TRACKED_CHATS:
            return
        full = self.burst * self.interval
        for key in [k for k, a in self._chats.items() if moment - a.moment >= full]:
            del self._chats[key]


class ChatTurns(BaseUpdateProcessor):
    """One update at a time per chat, in the order they came; at most ``chats_at_once``
    chats at a time. An update waiting for its chat's turn holds no worker. Turns and
    workers are handed on in order (first come, first served), each waiter a future of its
    own: the work asyncio's Lock and Semaphore do, without their per-call coroutines, which
    ran for every update."""

    def __init__(self, chats_at_once: int = CHATS_AT_ONCE, backlog: int = BACKLOG) -> None:
        super().__init__(backlog)
        self._chats_at_once = chats_at_once
        self._working = 0  # updates holding a worker
        self._for_worker: deque[asyncio.Future[None]] = deque()  # their turn, no worker yet
        self._lines: dict[int, deque[asyncio.Future[None]]] = {}  # a chat at work -> its next

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        _ARRIVAL.set(time.monotonic())
        key = chat_key(update)
        turn = worker = False
        try:
            if key is not None:
                await self._take_turn(key)
                turn = True
            await self._take_worker()
            worker = True
            await coroutine
        finally:
            if worker:
                self._pass_worker()
            elif inspect.iscoroutine(coroutine):  # cancelled before it ran (at shutdown)
                coroutine.close()
            if turn and key is not None:
                self._pass_turn(key)

    async def _take_turn(self, key: int) -> None:
        line = self._lines.get(key)
        if line is None:  # nobody at work for this chat: its turn at once
            self._lines[key] = deque()
        else:
            await _wait(line, lambda: self._pass_turn(key))

    async def _take_worker(self) -> None:
        if self._working < self._chats_at_once and not self._for_worker:
            self._working += 1
        else:  # handed on by the update that ends: the count stays
            await _wait(self._for_worker, self._pass_worker)

    def _pass_turn(self, key: int) -> None:
        """The chat's turn to its next update still waiting; none: the chat is idle."""
        line = self._lines[key]
        if not _hand_on(line):
            del self._lines[key]

    def _pass_worker(self) -> None:
        """The worker to the first update waiting for one; none: one more worker free."""
        if not _hand_on(self._for_worker):
            self._working -= 1

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


async def _wait(line: deque[asyncio.Future[None]], hand_on: Callable[[], None]) -> None:
    """Wait in ``line`` until handed what it leads to; cancelled just as it was handed,
    hand it on (never lost)."""
    place: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    line.append(place)
    try:
        await place
    except asyncio.CancelledError:
        if place.done() and not place.cancelled():
            hand_on()
        raise


def _hand_on(line: deque[asyncio.Future[None]]) -> bool:
    """Wake the first still waiting in ``line`` (those cancelled meanwhile are skipped)."""
    while line:
        place = line.popleft()
        if not place.done():
            place.set_result(None)
            return True
    return False
