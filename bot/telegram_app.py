"""The Telegram adapter: python-telegram-bot around the core.

    build_application(settings, core) -> Application   handlers, menus, persistence
    run_bot(settings) -> exit code                      polling (default) or webhook
                                                        (in bot.telegram_run)

Handlers only translate: message text or button payload in, ``core.answer`` in a worker
thread (DuckDB and charts take tens of milliseconds, which must not block the event loop),
the Reply out through ``telegram_send``. The core does all parsing and formatting.
Around them: a flood guard per chat and one update at a time per chat (telegram_guard),
and Bot API calls retried on 5xx and timeouts (telegram_bot).
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    InlineQueryHandler,
    MessageHandler,
    PersistenceInput,
    PicklePersistence,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.commands import COMMANDS
from bot.config import ConfigError, Settings
from bot.core import Core
from bot.reply import ChatContext, Reply
from bot.telegram_bot import API_CONNECTIONS, RetryingRateLimiter, TelegramBot, growing_waits
from bot.telegram_guard import SLOW_DOWN, ChatTurns, FloodGuard, Verdict
from bot.telegram_send import Target, deliver, send_reply

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]
ALLOWED_UPDATES = (Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY)
INLINE_CACHE_SECONDS = 300  # the data change only with a new release
PERSIST_SECONDS = 30  # how often changed chat settings reach PERSISTENCE_PATH
GROUP_CHATS = (ChatType.GROUP, ChatType.SUPERGROUP)
MAX_MESSAGE = 4096
APOLOGY = "Sorry, something went wrong on my side. Please try again in a minute."
STALE_BUTTON = "Sorry, that button no longer works. Type a force's name, or /help."


class Handlers:
    """The bot's callbacks: each asks the core in a worker thread and sends the reply."""

    def __init__(
        self, core: Core, developer_chat_id: int | None = None, guard: FloodGuard | None = None
    ) -> None:
        self.core = core
        self.developer_chat_id = developer_chat_id
        self.guard = guard or FloodGuard()

    def command(self, name: str) -> Callback:
        async def on_command(update: Update, context: Context) -> None:
            message = update.effective_message
            if message and message.text:
                await self.answer(update, context, message.text, f"/{name}")

        return on_command

    async def text(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message and message.text:
            await self.answer(update, context, message.text, "text")

    async def button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        chat = update.effective_chat
        if query is None:
            return
        try:
            await query.answer()
        except TelegramError as exc:  # e.g. a query too old to answer: send the reply anyway
            log.info("Could not answer a button press (%s)", exc)
        if chat is None:  # a button under an inline message: no chat to answer in
            return
        if not await self.admitted(update, context, "button"):
            return
        if not is_payload(query.data):
            log.info("button with unusable data in a %s chat", chat.type)
            await deliver(context.bot, target(update), notice(STALE_BUTTON))
            return
        await self.respond(update, context, str(query.data), "button")

    async def inline(self, update: Update, context: Context) -> None:
        """``@TheBot west mercia`` in any chat: the best card, one per close match, or help."""
        query = update.inline_query
        if query is None or not await self.admitted(update, context, "inline query"):
            return
        results = await asyncio.to_thread(self.core.inline, query.query)
        articles = [
            InlineQueryResultArticle(
                id=result.id,
                title=result.title,
                description=result.description,
                input_message_content=InputTextMessageContent(
                    result.reply.html[:MAX_MESSAGE], parse_mode=ParseMode.HTML
                ),
            )
            for result in results
        ]
        log.info("inline query: %d results", len(articles))
        try:
            await query.answer(articles, cache_time=INLINE_CACHE_SECONDS, is_personal=False)
        except TelegramError as exc:  # too old by now, or Telegram failing: nobody to tell
            log.warning("Could not answer an inline query (%s)", exc)

    async def answer(self, update: Update, context: Context, text: str, label: str) -> None:
        if await self.admitted(update, context, label):
            await self.respond(update, context, text, label)

    async def respond(self, update: Update, context: Context, text: str, label: str) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        chat_data = context.chat_data if context.chat_data is not None else {}
        asked = ChatContext(
            chat_id=chat.id,
            is_group=chat.type in GROUP_CHATS,
            default_force=chat_data.get("default_force"),
            last_query=chat_data.get("last_query"),
        )
        started = time.perf_counter()
        reply = self.core.cached(text, asked)  # known answers skip the worker thread
        if reply is None:
            reply = await asyncio.to_thread(self.core.answer, text, asked)
        elapsed = (time.perf_counter() - started) * 1000
        log.info("%s in a %s chat: %s, %.0f ms", label, chat.type, reply.kind, elapsed)
        remember(chat_data, reply)
        await deliver(context.bot, target(update), reply)

    async def admitted(self, update: Update, context: Context, label: str) -> bool:
        """Whether the flood guard lets this update through: per chat, and per person for
        inline queries. The first one it refuses in a row gets the polite notice (when
        there is a chat to send it to), the rest are dropped."""
        chat, person = update.effective_chat, update.effective_user
        key = chat.id if chat else ("inline", person.id if person else 0)
        verdict = self.guard.check(key)
        if verdict is Verdict.ANSWER:
            return True
        where = f"a {chat.type} chat" if chat else "inline mode"
        log.info("%s in %s: refused (flood), %s", label, where, verdict.value)
        if verdict is Verdict.WARN and chat is not None:
            await deliver(context.bot, target(update), notice(SLOW_DOWN))
        return False

    async def error(self, update: object, context: Context) -> None:
        """Traceback to the log, a plain apology to the chat, a one-line report to the
        developer; never the exception's text in a chat."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("Unexpected error handling update %s", update_id, exc_info=context.error)
        chat = update.effective_chat if isinstance(update, Update) else None
        if isinstance(update, Update) and chat is not None:
            await _try_send(context.bot, target(update), APOLOGY)
        if self.developer_chat_id is not None:
            where = f" in a {chat.type} chat" if chat else ""
            name = html.escape(type(context.error).__name__)
            report = f"seizure-bot: {name} on update {update_id}{where}. Details in the log."
            await _try_send(context.bot, Target(self.developer_chat_id), report)


def remember(chat_data: dict[str, Any], reply: Reply) -> None:
    """Keep what the core asks the chat to remember (persisted with the chat's data)."""
    if reply.set_default_force:
        chat_data["default_force"] = reply.set_default_force
    if reply.csv_query:
        chat_data["last_query"] = reply.csv_query


def target(update: Update) -> Target:
    """Where to answer: the chat, its forum topic if any; in groups, quote the question."""
    chat = update.effective_chat
    in_group = chat is not None and chat.type in GROUP_CHATS
    message = update.message
    if update.callback_query and isinstance(update.callback_query.message, Message):
        message = update.callback_query.message  # not one too old to be seen
    thread = message.message_thread_id if message and message.is_topic_message else None
    quote = update.message.message_id if in_group and update.message else None
    return Target(chat.id if chat else 0, thread, quote)


def is_payload(data: object) -> bool:
    """Button data the core can answer: a command of at most 64 bytes, as Button makes."""
    return isinstance(data, str) and data.startswith("/") and len(data.encode()) <= 64


def notice(html_text: str) -> Reply:
    """A fixed sentence of the adapter's own as a Reply (it holds no dynamic values)."""
    return Reply(html=html_text, text=html_text, kind="error")


async def _try_send(bot: ExtBot, where: Target, text: str) -> None:
    try:
        await send_reply(bot, where, notice(text))
    except TelegramError as exc:
        log.warning("Could not send an error notice to chat %s (%s)", where.chat_id, exc)


async def set_menus(app: Application) -> None:
    """Command menus for private chats and groups; a failure is only a warning."""
    commands = [BotCommand(spec.name, spec.summary) for spec in COMMANDS if spec.menu]
    for scope in (BotCommandScopeAllPrivateChats(), BotCommandScopeAllGroupChats()):
        try:
            await app.bot.set_my_commands(commands, scope=scope)
        except TelegramError as exc:
            log.warning("Could not set the %s command menu (%s); carrying on", scope.type, exc)
    log.info("Bot @%s is ready", app.bot.username)


def build_application(
    settings: Settings, core: Core, *, request: BaseRequest | None = None
) -> Application:
    """The application that runs: handlers for every command, plain text in private
    chats, buttons, one error handler. ``request`` replaces HTTP (tests pass a fake)."""
    if not settings.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    defaults = Defaults(
        parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )
    limiter = RetryingRateLimiter(
        overall_max_rate=settings.messages_per_second,
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
        startup_waits=growing_waits(settings.startup_retry_seconds),
    )
    settings.persistence_path.parent.mkdir(parents=True, exist_ok=True)
    persistence = PicklePersistence(  # per-chat settings in chat_data
        settings.persistence_path,
        store_data=PersistenceInput(bot_data=False, user_data=False, callback_data=False),
        # written once per interval, not once per chat (that rewrote the whole file for
        # each of hundreds of chats, on the event loop); and always at a clean stop
        on_flush=True,
        update_interval=PERSIST_SECONDS,
    )
    app = (
        ApplicationBuilder()
        .bot(bot)
        .persistence(persistence)
        .concurrent_updates(ChatTurns())
        .post_init(set_menus)
        .build()
    )
    add_handlers(app, Handlers(core, settings.developer_chat_id))
    if app.job_queue is not None:
        app.job_queue.run_repeating(flush_persistence, PERSIST_SECONDS, first=PERSIST_SECONDS)
    return app


async def flush_persistence(context: Context) -> None:
    """Write the chats' settings to PERSISTENCE_PATH (one file write for all chats)."""
    if context.application.persistence is not None:
        await context.application.persistence.flush()


def add_handlers(app: Application, handlers: Handlers) -> None:
    new_message = filters.UpdateType.MESSAGE  # edits are not answered again
    for spec in COMMANDS:
        app.add_handler(CommandHandler(spec.name, handlers.command(spec.name), new_message))
    # private chats: plain text is /force, and unknown commands get the core's usage reply
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & new_message, handlers.text)
    )
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(InlineQueryHandler(handlers.inline))
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
        "bootstrap_retries": 3,
    }


def run_bot(settings: Settings) -> int:
    """Run until SIGINT or SIGTERM; see bot.telegram_run."""
    from bot.telegram_run import run_bot as run

    return run(settings)
