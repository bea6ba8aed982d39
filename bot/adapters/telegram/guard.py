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
import time
from collections import Counter
from collections.abc import Awaitable, Hashable
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
    chats at a time. An update waiting for its chat's turn holds no worker."""

    def __init__(self, chats_at_once: int = CHATS_AT_ONCE, backlog: int = BACKLOG) -> None:
        super().__init__(backlog)
        self._workers = asyncio.BoundedSemaphore(chats_at_once)
        self._turns: dict[int | None, asyncio.Lock] = {}
        self._waiting: Counter[int | None] = Counter()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        _ARRIVAL.set(time.monotonic())
        key = chat_key(update)
        turn = self._turns.get(key)
        if turn is None and key is not None:  # a Lock made only for a chat that has none
            turn = self._turns[key] = asyncio.Lock()
        self._waiting[key] += 1
        try:
            if turn is None:
                async with self._workers:
                    await coroutine
            else:
                async with turn, self._workers:
                    await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                self._turns.pop(key, None)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
