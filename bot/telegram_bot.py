"""The bot object, and how its Bot API calls cope with Telegram failing.

    RetryingRateLimiter   python-telegram-bot's AIORateLimiter (30 messages a second, 20 a
                          minute per group; a 429 is waited out, up to 3 times), which also
                          tries a call again after a 5xx answer or a timeout: 3 attempts,
                          0.5 s then 1 s apart, one warning each; the last failure is raised.
                          At most 8 calls are in flight at once.
    TelegramBot           start-up tries getMe with growing waits (1, 2, 4, ... s) for
                          STARTUP_RETRY_SECONDS, one warning per failed attempt naming the
                          Bot API host (never the URL: it holds the token), then raises
                          BotApiUnreachable; a failing deleteWebhook is only a warning

Errors that retrying cannot mend are raised at once: 400 BadRequest, 403 Forbidden,
401/404 InvalidToken. A timeout may hide a message that did go: trying again risks a rare
duplicate rather than a lost answer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, ExtBot

log = logging.getLogger(__name__)

API_CONNECTIONS = 8  # Bot API calls in flight at once: the HTTP connection pool's size
OWN_RETRIES = ("getMe",)  # start-up has its own loop; getUpdates never comes here
Callback = Callable[..., Coroutine[Any, Any, Any]]


class BotApiUnreachable(Exception):
    """The Bot API did not answer getMe at start-up, however long we waited."""


def transient(exc: BaseException) -> bool:
    """A failure that may go away by itself: a 5xx answer, a timeout, a broken connection."""
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest)


def growing_waits(budget: float) -> tuple[float, ...]:
    """Waits of 1, 2, 4, ... seconds (at most 16) adding up to ``budget``."""
    waits: list[float] = []
    wait, left = 1.0, float(budget)
    while left > 0:
        waits.append(min(wait, left))
        left -= waits[-1]
        wait = min(wait * 2, 16.0)
    return tuple(waits)


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter, and a call answered with 5xx or timed out is tried again. At most
    ``in_flight`` calls go out at once; the others wait here, which costs far less than
    waiting in httpcore's connection pool (it rescans every connection for each waiter)."""

    __slots__ = ("_in_flight", "_retry_delays")

    def __init__(
        self,
        *,
        retry_delays: tuple[float, ...] = (0.5, 1.0),
        in_flight: int = API_CONNECTIONS,
        **limits: Any,
    ) -> None:
        super().__init__(**limits)
        self._retry_delays = tuple(retry_delays)
        self._in_flight = asyncio.Semaphore(in_flight)

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        delays = () if endpoint in OWN_RETRIES else self._retry_delays

        async def call(*args: Any, **kwargs: Any) -> Any:
            async with self._in_flight:
                return await callback(*args, **kwargs)

        for attempt, delay in enumerate((*delays, None), start=1):
            try:
                return await super().process_request(
                    call, args, kwargs, endpoint, data, rate_limit_args
                )
            except NetworkError as exc:
                if delay is None or not transient(exc):
                    raise
                log.warning(
                    "Bot API %s failed (%s); attempt %d of %d, trying again in %g s",
                    endpoint, exc.message, attempt, len(delays) + 1, delay,
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")


class TelegramBot(ExtBot):
    """The bot: getMe at start-up is retried for a while; deleteWebhook may fail."""

    __slots__ = ("_startup_waits",)

    def __init__(
        self, token: str, *args: Any, startup_waits: tuple[float, ...] = (), **kwargs: Any
    ) -> None:
        super().__init__(token, *args, **kwargs)
        self._startup_waits = startup_waits

    @property
    def api_host(self) -> str:
        """The Bot API's host and port: safe to log, unlike its URL."""
        return urlsplit(self.base_url).netloc

    async def initialize(self) -> None:
        waits = self._startup_waits
        for attempt, wait in enumerate((*waits, None), start=1):
            try:
                return await super().initialize()
            except TelegramError as exc:
                if not (transient(exc) or isinstance(exc, RetryAfter)):
                    raise
                if wait is None:
                    raise BotApiUnreachable(
                        f"the Bot API at {self.api_host} was not reachable in {attempt} "
                        f"attempts over {sum(waits):.0f} s ({exc.message}); check the network "
                        "and TELEGRAM_API_BASE_URL"
                    ) from exc
                log.warning(
                    "The Bot API at %s is not reachable (attempt %d of %d: %s); "
                    "trying again in %g s", self.api_host, attempt, len(waits) + 1,
                    exc.message, wait,
                )
                await asyncio.sleep(wait)

    async def delete_webhook(self, *args: Any, **kwargs: Any) -> bool:
        """Polling works without it unless a webhook is really set: a failure only warns."""
        try:
            return await super().delete_webhook(*args, **kwargs)
        except TelegramError as exc:
            log.warning("deleteWebhook failed (%s); carrying on", exc)
            return False
