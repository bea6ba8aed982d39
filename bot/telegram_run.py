"""Running the Telegram bot: logging that hides the token, then polling or the webhook server.

    run_bot(settings) -> exit code   0 after SIGINT or SIGTERM; 1 if the data cannot be
                                     opened or the Bot API never answers at start-up;
                                     2 if the token is refused or a webhook needs tornado

Each problem at start-up is one line on stderr or in the log, naming the Bot API by its
host only: its URL holds the token.
"""

from __future__ import annotations

import importlib.util
import logging
import sys

from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot.config import Settings
from bot.telegram_app import ALLOWED_UPDATES, build_application, webhook_options
from bot.telegram_bot import BotApiUnreachable
from bot.telegram_log import configure_logging

log = logging.getLogger(__name__)


def run_bot(settings: Settings) -> int:
    """Run until SIGINT or SIGTERM: polling by default, MODE=webhook for the webhook server."""
    undo = configure_logging(settings.token, settings.webhook_secret_token)
    try:
        return _start(settings)
    finally:
        undo()


def _start(settings: Settings) -> int:
    if settings.mode == "webhook" and importlib.util.find_spec("tornado") is None:
        print(
            "seizure-bot: MODE=webhook needs python-telegram-bot[webhooks] (tornado) installed",
            file=sys.stderr,
        )
        return 2
    from bot.core import open_core
    from queries.store import DataError

    try:
        app = build_application(
            settings, open_core(settings.data_dir, settings.cache_dir, long_running=True)
        )
    except DataError as exc:
        print(f"seizure-bot: {exc}", file=sys.stderr)
        return 1
    return _run(app, settings)


def _run(app: Application, settings: Settings) -> int:
    try:
        if settings.mode == "webhook":
            app.run_webhook(**webhook_options(settings))
        else:
            app.run_polling(
                allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False, bootstrap_retries=3
            )
    except BotApiUnreachable as exc:
        log.error("Could not start the bot: %s", exc)
        return 1
    except InvalidToken:
        log.error("The Bot API at TELEGRAM_API_BASE_URL did not accept TELEGRAM_BOT_TOKEN")
        return 2
    except TelegramError as exc:
        log.error("Could not start the bot: %s", exc)
        return 1
    return 0
