"""The bot object, and how its Bot API calls cope with Telegram failing.

    RetryingRateLimiter   bot.adapters.telegram.limiter's ChatRateLimiter (30 messages a second, 20
                          a minute per group; a 429 is waited out by its chat alone, up to 3
                          times), which also tries a call again after a 5xx answer or a
                          timeout: 3 attempts, 0.5 s then 1 s apart, one warning each; the
                          last failure is raised.
                          At most 8 calls are in flight at once.
    PollWatch             how polling goes: each failed getUpdates (network, 5xx, 409
                          Conflict, bad JSON) is one log line without a traceback, at most
                          one of them a WARNING a minute; whether to tell the developer (at
                          most once an hour per distinct error); a line when it works again
    TelegramBot           the bot; its getUpdates tells the PollWatch how it went, and a
                          401/404 (token revoked or wrong) stops polling through ``on_refused``.
                          The bot's own messages go the short way, bot.adapters.telegram.post,
                          through the same limiter.

Start-up retries (getMe, deleteWebhook) are python-telegram-bot's own ``bootstrap_retries``.
Errors that retrying cannot mend are raised at once: 400 BadRequest, 403 Forbidden,
401/404 InvalidToken. A timeout may hide a message that did go: trying again risks a rare
duplicate rather than a lost answer. Log lines name the Bot API by its host, never its URL:
the URL holds the token.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import ExtBot

from bot.adapters.telegram.limiter import ChatRateLimiter

log = logging.getLogger(__name__)

API_CONNECTIONS = 8  # Bot API calls in flight at once: the HTTP connection pool's size
OWN_RETRIES = ("getMe", "deleteWebhook", "setWebhook")  # start-up: bootstrap_retries
WARN_EVERY = 60.0  # seconds: at most one WARNING this often while polling fails
TELL_EVERY = 3600.0  # seconds: the developer hears of one polling error at most this often
Callback = Callable[..., Coroutine[Any, Any, Any]]


def transient(exc: BaseException) -> bool:
    """A failure that may go away by itself: a 5xx answer, a timeout, a broken connection."""
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest)


class RetryingRateLimiter(ChatRateLimiter):
    """ChatRateLimiter, and a call answered with 5xx or timed out is tried again. At most
    ``in_flight`` calls go out at once; the others wait here, which costs far less than
    waiting in httpcore's connection pool (it rescans every connection for each waiter)."""

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
        rate_limit_args: str | None,
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
                if endpoint in OWN_RETRIES and transient(exc):  # bootstrap_retries' turn
                    log.warning("Bot API %s failed at start-up (%s)", endpoint, exc.message)
                if delay is None or not transient(exc):
                    raise
                log.warning(
                    "Bot API %s failed (%s); attempt %d of %d, trying again in %g s",
                    endpoint,
                    exc.message,
                    attempt,
                    len(delays) + 1,
                    delay,
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")


class PollWatch:
    """How polling goes. ``failed`` logs one line per failed getUpdates and says whether the
    developer should hear of it; ``worked`` notes the recovery; ``refused`` a revoked token."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        warn_every: float = WARN_EVERY,
        tell_every: float = TELL_EVERY,
    ) -> None:
        self.clock, self.warn_every, self.tell_every = clock, warn_every, tell_every
        self.failures = 0  # in a row, since polling last worked
        self.since = 0.0  # when the first of them happened
        self.last_warning: float | None = None
        self.told: dict[str, float] = {}  # error -> when the developer last heard of it
        self.refusal: InvalidToken | None = None
        self.on_refused: Callable[[], None] | None = None

    def failed(self, exc: TelegramError) -> bool:
        """Log one line (a WARNING at most once a minute); whether to tell the developer."""
        now = self.clock()
        if not self.failures:
            self.since = now
        self.failures += 1
        warn = self.last_warning is None or now - self.last_warning >= self.warn_every
        if warn:
            self.last_warning = now
        log.log(
            logging.WARNING if warn else logging.INFO,
            "getUpdates failed (%s); polling again shortly (%d in a row over %.0f s)",
            describe(exc),
            self.failures,
            now - self.since,
        )
        key = describe(exc)
        if now - self.told.get(key, now - self.tell_every) < self.tell_every:
            return False
        self.told[key] = now
        return True

    def worked(self) -> None:
        if self.failures:
            log.info(
                "Polling works again after %d failed getUpdates over %.0f s",
                self.failures,
                self.clock() - self.since,
            )
            self.failures = 0

    def refused(self, exc: InvalidToken, host: str) -> None:
        self.refusal = exc
        log.error(
            "The Bot API at %s refused the token (401 or 404): it was revoked, or "
            "TELEGRAM_BOT_TOKEN or TELEGRAM_API_BASE_URL is wrong; stopping with exit status 3",
            host,
        )  # not exc.message: it quotes the token


def describe(exc: TelegramError) -> str:
    """An error in a few words, the same each time it happens (no traceback)."""
    name = type(exc).__name__
    if isinstance(exc, NetworkError) or exc.message.startswith(name):
        return exc.message  # 'Bad Gateway', 'Conflict: terminated by other getUpdates ...'
    return f"{name}: {exc.message}"  # 'TelegramError: Invalid server response'


def polling_report(exc: TelegramError) -> str:
    """The developer's one-line message about a polling failure (HTML)."""
    return (
        f"seizure-bot: polling fails ({html.escape(describe(exc))}). Told at most once an "
        "hour per error; details in the log."
    )


class TelegramBot(ExtBot):
    """The bot: getUpdates reports to ``watch``; a refused token stops polling."""

    __slots__ = ("_watch",)

    def __init__(self, token: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(token, *args, **kwargs)
        self._watch = PollWatch()

    @property
    def watch(self) -> PollWatch:
        return self._watch

    @property
    def api_host(self) -> str:
        """The Bot API's host and port: safe to log, unlike its URL."""
        return urlsplit(self.base_url).netloc

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        """Updates, as ExtBot fetches them. With the token refused (401/404) polling stops
        for good: ``watch.on_refused`` stops the process and no more calls are made (PTB
        itself would log a traceback and leave the process running without polling)."""
        if self.watch.refusal is not None:
            return ()
        try:
            updates = await super().get_updates(*args, **kwargs)
        except InvalidToken as exc:
            if self.watch.on_refused is None:
                raise
            self.watch.refused(exc, self.api_host)
            self.watch.on_refused()
            return ()
        self.watch.worked()
        return updates
