"""Running the Telegram bot: logging that hides the token, then polling or the webhook server.

    run_bot(settings) -> exit code   0 after SIGINT or SIGTERM; 1 if the data cannot be
                                     opened or the Bot API never answers at start-up;
                                     2 if STATE_PATH cannot be used or a webhook needs
                                     tornado; 3 if the Bot API refuses the token (401/404),
                                     at start-up or later while polling

Each problem is one line on stderr or in the log, naming the Bot API by its host only: its
URL holds the token. Start-up retries are python-telegram-bot's ``bootstrap_retries``
(STARTUP_RETRIES); when they run out, its own traceback is left out of the log and the one
line here says what happened.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import sys
from urllib.parse import urlsplit

from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot.adapters.state import ChatState, StateError, open_state
from bot.adapters.telegram.application import ALLOWED_UPDATES, build_application, webhook_options
from bot.adapters.telegram.client import TelegramBot, describe
from bot.adapters.telegram.log import configure_logging
from bot.config import Settings

log = logging.getLogger(__name__)
RETRY_LOOP = "Network Retry Loop"  # how python-telegram-bot's retry loop starts its lines
REFUSED = 3  # the exit status when the Bot API refuses the token


def run_bot(settings: Settings) -> int:
    """Run until SIGINT or SIGTERM: polling by default, MODE=webhook for the webhook server."""
    undo = configure_logging(settings.token, settings.webhook_secret_token)
    ptb = logging.getLogger("telegram.ext")
    ptb.addFilter(without_retry_loop_errors)
    try:
        return _start(settings)
    finally:
        ptb.removeFilter(without_retry_loop_errors)
        undo()


def without_retry_loop_errors(record: logging.LogRecord) -> bool:
    """Leave out the traceback python-telegram-bot logs when its retries give up: the
    runner reports the same failure in one line."""
    return record.levelno < logging.ERROR or not record.getMessage().startswith(RETRY_LOOP)


def _start(settings: Settings) -> int:
    if settings.mode == "webhook" and importlib.util.find_spec("tornado") is None:
        print(
            "seizure-bot: MODE=webhook needs python-telegram-bot[webhooks] (tornado) installed",
            file=sys.stderr,
        )
        return 2
    try:
        state = open_state(settings.state_path, settings.old_pickle_path)
    except StateError as exc:
        print(f"seizure-bot: {exc}", file=sys.stderr)
        return 2
    try:
        return _open_and_run(settings, state)
    finally:
        state.close()


def _open_and_run(settings: Settings, state: ChatState) -> int:
    from bot.core import open_core
    from queries.store import DataError

    try:
        core = open_core(settings.data_dir, settings.cache_dir, long_running=True)
    except DataError as exc:
        print(f"seizure-bot: {exc}", file=sys.stderr)
        return 1
    return _run(build_application(settings, core, state=state), settings)


def _run(app: Application, settings: Settings) -> int:
    host = urlsplit(settings.api_base_url).netloc
    bot = app.bot
    if isinstance(bot, TelegramBot):
        bot.watch.on_refused = _stop_soon
    try:
        if settings.mode == "webhook":
            app.run_webhook(**webhook_options(settings))
        else:
            app.run_polling(
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
                bootstrap_retries=settings.startup_retries,
            )
    except InvalidToken as exc:
        if isinstance(bot, TelegramBot):
            bot.watch.refused(exc, host)
        return REFUSED
    except TelegramError as exc:
        log.error(
            "Could not start the bot: the Bot API at %s did not answer after %d retries (%s); "
            "check the network and TELEGRAM_API_BASE_URL",
            host,
            settings.startup_retries,
            describe(exc),
        )
        return 1
    if isinstance(bot, TelegramBot) and bot.watch.refusal is not None:
        return REFUSED
    return 0


def _stop_soon() -> None:
    """Stop run_polling as SIGTERM does: SystemExit raised in the event loop, then
    python-telegram-bot stops polling and shuts the application down cleanly."""
    asyncio.get_running_loop().call_soon(_exit)


def _exit() -> None:
    raise SystemExit(REFUSED)
