"""The Telegram adapter: python-telegram-bot around the core.

    build_application(settings, core) -> Application   handlers, menus, chat state
    run_bot(settings) -> exit code                      polling (default) or webhook
                                                        (in bot.adapters.telegram.run)

The callbacks are in bot.adapters.telegram.handlers. Around them (modules of
bot.adapters.telegram): a flood guard per person and one update at a time per chat
(guard), answers to a busy group queued with a notice saying when (outbox), sends paced
chat by chat (limiter), made the short way (post) and retried on 5xx and timeouts
(client). Each chat's settings live in SQLite (bot.adapters.state), loaded into memory at
start.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.adapters.state import ChatState, open_state
from bot.adapters.telegram.client import API_CONNECTIONS, RetryingRateLimiter, TelegramBot
from bot.adapters.telegram.groups import set_menus
from bot.adapters.telegram.guard import ChatTurns
from bot.adapters.telegram.handlers import Handlers
from bot.adapters.telegram.jobs import DataJobs
from bot.adapters.telegram.outbox import Outbox
from bot.adapters.telegram.prepared import NoLinkPreview
from bot.commands import COMMANDS
from bot.config import ConfigError, Settings
from bot.core import Core

ALLOWED_UPDATES = (
    Update.MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
    Update.MY_CHAT_MEMBER,
    Update.EDITED_MESSAGE,
)


def build_application(
    settings: Settings,
    core: Core,
    *,
    request: BaseRequest | None = None,
    state: ChatState | None = None,
) -> Application:
    """The application that runs: handlers for every command, plain text in private
    chats, buttons, migrations, the error handlers. ``request`` replaces HTTP (tests pass a
    fake); ``state`` defaults to the one at STATE_PATH (StateError if it cannot be used)."""
    if not settings.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    defaults = Defaults(parse_mode=ParseMode.HTML, link_preview_options=NoLinkPreview())
    limiter = RetryingRateLimiter(
        overall_max_rate=settings.messages_per_second,
        group_max_rate=settings.group_messages,
        group_time_period=settings.group_window_seconds,
        max_retries=3,  # a 429's retry_after is waited out up to 3 times
        retry_delays=settings.send_retry_delays,
    )
    bot = TelegramBot(
        settings.token,
        base_url=settings.api_base_url,
        base_file_url=settings.api_file_url,
        request=request or HTTPXRequest(connection_pool_size=API_CONNECTIONS),
        get_updates_request=request or HTTPXRequest(),
        defaults=defaults,
        rate_limiter=limiter,
    )
    builder = ApplicationBuilder().bot(bot).concurrent_updates(ChatTurns()).post_init(set_menus)
    if state is None:  # the application's own: closed when it shuts down
        state = open_state(settings.state_path, settings.old_pickle_path)
        builder = builder.post_shutdown(_closing(state))
    state.preload()  # every chat's settings in memory: an update reads no SQLite
    outbox = Outbox(limiter)
    builder = builder.post_stop(lambda app: outbox.close())
    handlers = Handlers(
        core,
        state,
        settings.developer_chat_id,
        outbox=outbox,
        admins_only=settings.group_settings == "admins",
    )
    jobs = DataJobs(settings, handlers.cores, state, handlers.migrated)  # reload, update, alerts
    app = builder.build()
    add_handlers(app, handlers)
    jobs.schedule(app)  # on the job queue; SIGHUP too, once running
    return app


def _closing(state: ChatState) -> Callable[[Application], Coroutine[Any, Any, None]]:
    async def close(app: Application) -> None:
        state.close()

    return close


def add_handlers(app: Application, handlers: Handlers) -> None:
    new_message = filters.UpdateType.MESSAGE  # edits are not answered again
    names = [spec.name for spec in COMMANDS]
    app.add_handler(CommandHandler(names, handlers.command, new_message))
    # private chats: any text is a question, and unknown commands get the core's usage reply
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & new_message, handlers.text)
    )
    # groups: plain words only when addressed to the bot (privacy mode stays on)
    group_words = filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND & new_message
    app.add_handler(MessageHandler(group_words, handlers.group_text))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.migration))
    edits = filters.UpdateType.EDITED_MESSAGE & filters.TEXT
    app.add_handler(MessageHandler(edits, handlers.edited))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(InlineQueryHandler(handlers.inline))
    app.add_handler(ChatMemberHandler(handlers.member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(handlers.polling_error)  # first: it stops the others for polling
    app.add_error_handler(handlers.error)


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Arguments of Application.run_webhook; Telegram's secret token is checked on each post."""
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": settings.webhook_path,
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret_token,
        "allowed_updates": ALLOWED_UPDATES,
        "drop_pending_updates": False,
        "bootstrap_retries": settings.startup_retries,
    }
