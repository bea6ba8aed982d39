"""Telegram's send limits kept chat by chat: a 429 in one group holds back that group only.

    ChatRateLimiter(overall_max_rate, group_max_rate, group_time_period, reserve, max_retries)
        overall   at most ``overall_max_rate`` calls naming a chat in any second (0: none)
        groups    at most ``group_max_rate`` messages in any ``group_time_period`` seconds to
                  one group (chat id below 0); ordinary calls leave ``reserve`` of them free
                  for urgent ones (``rate_limit_args=URGENT``: the notices that say when a
                  queued question will be answered), which also go first
        429       the chat that got it waits ``retry_after`` (+0.1 s) and the call is tried
                  again, up to ``max_retries`` times; every other chat carries on
        eta(chat_id, ahead)   seconds until an ordinary message could go with ``ahead``
                              ordinary messages queued before it (the notices' "when")

python-telegram-bot's AIORateLimiter holds every outgoing call back after any 429, so one busy
group stalls private chats and other groups for the length of its penalty; this one keeps a
window per chat. A chat's calls go one at a time in the order they came (asyncio.Lock is
fair), urgent ones in a line of their own. Windows are counted a little long (``MARGIN``) so
that a message arriving late at Telegram never lands in the window before.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

URGENT = "urgent"  # rate_limit_args of a call that may use the reserve and goes first
MARGIN = 0.05  # seconds added to each window
GROUP_MESSAGES = 20  # Telegram: about 20 messages a minute to one group
GROUP_SECONDS = 60.0
RESERVE = 3  # of a group's messages a window, kept for urgent notices
TRACKED_CHATS = 2048  # above this, chats with nothing in their window are forgotten
Callback = Callable[..., Coroutine[Any, Any, Any]]


class Window:
    """Recent sends to one chat (or all chats), and until when a 429 holds it back."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds + MARGIN if seconds else 0.0
        self.sent: deque[float] = deque()
        self.blocked_until = 0.0
        self.line = asyncio.Lock()  # ordinary calls, in order
        self.urgent_line = asyncio.Lock()

    def delay(self, now: float, limit: int) -> float:
        """Seconds until one more may go with at most ``limit`` in the window."""
        self._forget(now)
        wait = self.blocked_until - now
        if limit and len(self.sent) >= limit:
            wait = max(wait, self.sent[len(self.sent) - limit] + self.seconds - now)
        return max(0.0, wait)

    def after(self, now: float, limit: int, ahead: int) -> float:
        """Seconds until a message could go with ``ahead`` going first, each at its earliest."""
        self._forget(now)
        moments = list(self.sent)
        start = max(now, self.blocked_until)
        for _ in range(ahead + 1):
            moment = start
            if limit and len(moments) >= limit:
                moment = max(moment, moments[len(moments) - limit] + self.seconds)
            moments.append(moment)
        return max(0.0, moments[-1] - now)

    def idle(self, now: float) -> bool:
        self._forget(now)
        free = not (self.line.locked() or self.urgent_line.locked())
        return free and not self.sent and self.blocked_until <= now

    def _forget(self, now: float) -> None:
        while self.sent and self.sent[0] <= now - self.seconds:
            self.sent.popleft()


class ChatRateLimiter(BaseRateLimiter[str]):
    """Telegram's limits, one window per chat (see the module's docstring)."""

    def __init__(
        self,
        *,
        overall_max_rate: int = 30,
        group_max_rate: int = GROUP_MESSAGES,
        group_time_period: float = GROUP_SECONDS,
        reserve: int = RESERVE,
        max_retries: int = 3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.overall_max_rate = overall_max_rate
        self.group_max_rate = group_max_rate
        self.group_time_period = group_time_period
        self.reserve = min(reserve, max(0, group_max_rate - 1))
        self.max_retries = max_retries
        self.clock = clock
        self._overall = Window(1.0)
        self._chats: dict[int, Window] = {}

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def limit(self, chat_id: int, urgent: bool) -> int:
        """How many messages may be in a chat's window (0: no limit)."""
        if chat_id >= 0 or not self.group_time_period or not self.group_max_rate:
            return 0
        return self.group_max_rate if urgent else self.group_max_rate - self.reserve

    def eta(self, chat_id: int, ahead: int = 0) -> float:
        """Seconds until an ordinary message to the chat could go, ``ahead`` going before it."""
        window = self._chats.get(chat_id)
        if window is None:
            window = Window(self._period(chat_id))
        return window.after(self.clock(), self.limit(chat_id, False), ahead)

    def eta_urgent(self, chat_id: int) -> float:
        """Seconds until an urgent message to the chat could go."""
        window = self._chats.get(chat_id)
        if window is None:
            return 0.0
        return window.after(self.clock(), self.limit(chat_id, True), 0)

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> Any:
        chat_id = _chat_id(data.get("chat_id"))
        if chat_id is None:  # getMe, answerCallbackQuery: no chat's limit applies
            return await callback(*args, **kwargs)
        urgent = rate_limit_args == URGENT
        window = self._window(chat_id)
        for attempt in range(self.max_retries + 1):
            await self._turn(window, chat_id, urgent or attempt > 0)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == self.max_retries:
                    raise
                wait = retry_seconds(exc)
                window.blocked_until = max(window.blocked_until, self.clock() + wait + 0.1)
                log.info("429 from chat %s: it waits %.1f s, other chats carry on", chat_id, wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _turn(self, window: Window, chat_id: int, urgent: bool) -> None:
        """Wait for a free place in the chat's window, then in the overall one."""
        limit = self.limit(chat_id, urgent)
        if not (limit or self.overall_max_rate) and self._free(window):
            return  # nothing counts this chat's sends and nothing holds it back
        async with window.urgent_line if urgent else window.line:
            while (wait := window.delay(self.clock(), limit)) > 0:
                await asyncio.sleep(wait)
            while not urgent and window.urgent_line.locked():  # a notice waiting goes first
                await asyncio.sleep(0.01)
                while (wait := window.delay(self.clock(), limit)) > 0:
                    await asyncio.sleep(wait)
            window.sent.append(self.clock())
        async with self._overall.line:
            while (wait := self._overall.delay(self.clock(), self.overall_max_rate)) > 0:
                await asyncio.sleep(wait)
            self._overall.sent.append(self.clock())

    def _free(self, window: Window) -> bool:
        """Nothing waits in the chat's lines and no 429 holds it back."""
        busy = window.line.locked() or window.urgent_line.locked()
        return not busy and window.blocked_until <= self.clock()

    def _period(self, chat_id: int) -> float:
        return self.group_time_period if chat_id < 0 else 0.0

    def _window(self, chat_id: int) -> Window:
        window = self._chats.get(chat_id)
        if window is None:
            if len(self._chats) >= TRACKED_CHATS:
                now = self.clock()
                for key in [k for k, w in self._chats.items() if w.idle(now)]:
                    del self._chats[key]
            window = self._chats[chat_id] = Window(self._period(chat_id))
        return window


def retry_seconds(exc: RetryAfter) -> float:
    """A 429's retry_after in seconds (read as python-telegram-bot's own limiter does, which
    avoids its deprecation warning about the attribute's type)."""
    return float(exc._retry_after.total_seconds())  # noqa: SLF001


def _chat_id(value: object) -> int | None:
    """A numeric chat id; an @username (a channel) is left unlimited here."""
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None
