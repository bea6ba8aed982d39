"""The bot's callbacks: what python-telegram-bot hands the bot, answered by the core.

    Handlers(core, state, ...)   command, text, group_text, edited, button, inline,
                                 member, migration, polling_error, error

Handlers only translate: message text or button payload in, ``core.answer`` in a worker
thread (DuckDB and charts take tens of milliseconds, which must not block the event loop),
the Reply out through ``bot.adapters.telegram.sender``. The core does all parsing and
formatting. Each update passes the flood guard per person first (guard); each chat's
settings are read from memory (bot.adapters.state) and written through before the reply
that confirms them goes; in a forum the default force is the topic's and in a group the
last answer is each person's; a group upgraded to a supergroup takes them along. Groups:
small talk is left alone, settings are for administrators, the bot's membership is
followed (groups). A failed getUpdates never reaches the chat error handler:
``polling_error`` takes it first (see bot.adapters.telegram.client.PollWatch).
"""

from __future__ import annotations

import asyncio
import html
import logging
import time

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes, ExtBot

from bot.adapters.state import Asker, ChatState, remember
from bot.adapters.telegram.client import TelegramBot, polling_report
from bot.adapters.telegram.groups import (
    NOT_ADMIN,
    Admins,
    addressed,
    edited_question,
    membership,
    settings_command,
    small_talk,
)
from bot.adapters.telegram.guard import SLOW_DOWN, FloodGuard, Verdict, person_key
from bot.adapters.telegram.outbox import Outbox
from bot.adapters.telegram.send import Target, article, send_reply
from bot.adapters.telegram.sender import GROUP_CHATS, Sender, notice
from bot.commands import reads
from bot.core import Core, command_name
from bot.reading.parse import split_command
from bot.releases.reload import CoreSlot
from bot.reply import MAX_PAYLOAD, ChatContext

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
INLINE_CACHE_SECONDS = 300  # the data change only with a new release
APOLOGY = "Sorry, something went wrong on my side. Please try again in a minute."
STALE_BUTTON = "Sorry, that button no longer works. Type a force's name, or /help."
PRESS_SLOWER = "You're pressing faster than I can answer; please press again in a few seconds."


class Handlers:
    """The bot's callbacks: each asks the core in a worker thread and sends the reply."""

    def __init__(
        self,
        core: Core | CoreSlot,
        state: ChatState,
        developer_chat_id: int | None = None,
        guard: FloodGuard | None = None,
        outbox: Outbox | None = None,
        admins_only: bool = True,
    ) -> None:
        self.cores = core if isinstance(core, CoreSlot) else CoreSlot(core)
        self.state = state
        self.developer_chat_id = developer_chat_id
        self.guard = guard or FloodGuard()
        self.sender = Sender(state, outbox or Outbox(None), self.migrated)
        self.admins_only = admins_only  # GROUP_SETTINGS=admins
        self.admins = Admins()

    @property
    def core(self) -> Core:
        """The core in use now (a new one is swapped in when the data change:
        bot.releases.reload)."""
        return self.cores.current

    async def command(self, update: Update, context: Context) -> None:
        """Any of the bot's commands (one handler for them all: python-telegram-bot checks
        each handler in turn, and the core reads the command itself)."""
        message = update.effective_message
        if message and message.text:
            await self.answer(update, context, message.text, f"/{command_name(message.text)}")

    async def text(self, update: Update, context: Context) -> None:
        """Any text in a private chat is a question, except small talk in reply to the bot."""
        message = update.effective_message
        if message and message.text:
            if addressed(message, None, context.bot.id) and small_talk(message.text):
                log.info("text: small talk in reply to the bot, left alone")
                return
            await self.answer(update, context, message.text, "text")

    async def group_text(self, update: Update, context: Context) -> None:
        """Plain words in a group: answered only when addressed to the bot (a mention, or a
        reply to one of its messages); other talk in the group is left alone."""
        message = update.effective_message
        if message and message.text:
            question = addressed(message, context.bot.username, context.bot.id)
            if question and small_talk(question):
                log.info("group text: small talk, left alone")
            elif question:
                await self.answer(update, context, question, "group text")

    async def edited(self, update: Update, context: Context) -> None:
        """An edited question or command that the bot answered within 48 hours: answered
        again, the earlier reply edited in place (in groups only when it is addressed to the
        bot, as a new one would be). Edits of other messages are left alone."""
        message = update.edited_message
        if message is None or not message.text:
            return
        if not self.sender.answered_lately(message.chat.id, message.message_id):
            return
        text = edited_question(message, context.bot.username, context.bot.id)
        if text:
            await self.answer(update, context, text, "edit")

    async def button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        chat = update.effective_chat
        if query is None:
            return
        admitted = chat is None or self.guard.check(person_key(update)) is Verdict.ANSWER
        try:  # a press refused by the flood guard is told so, never answered and dropped
            await query.answer(None if admitted else PRESS_SLOWER)
        except TelegramError as exc:  # e.g. a query too old to answer: send the reply anyway
            log.info("Could not answer a button press (%s)", exc)
        if chat is None:  # under an inline message: no chat to answer in
            return
        if not admitted:
            log.info("button in a %s chat: refused (flood), told in its pop-up", chat.type)
            return
        if not is_payload(query.data):
            log.info("button with unusable data in a %s chat", chat.type)
            await self.sender.send(context.bot, self.sender.target(update), notice(STALE_BUTTON))
            return
        await self.respond(update, context, str(query.data), "button")

    async def inline(self, update: Update, context: Context) -> None:
        """``@TheBot west mercia`` in any chat: the best card, one per close match, or help."""
        query = update.inline_query
        if query is None or not await self.admitted(update, context, "inline query"):
            return
        with self.cores.lease() as core:
            results = await asyncio.to_thread(core.inline, query.query)
        articles = [
            article(result.id, result.title, result.description, result.reply) for result in results
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
        chat, person = update.effective_chat, update.effective_user
        if chat is None:
            return
        where = self.sender.target(update)
        in_group = chat.type in GROUP_CHATS
        if in_group and settings_command(text) and not await self.may_change(update, context):
            log.info("%s in a %s chat: a setting, refused (not an administrator)", label, chat.type)
            await self.sender.dispatch(context.bot, where, notice(NOT_ADMIN), first_name(update))
            return
        user = person.id if in_group and person else None
        kept = self.state.chat(chat.id, where.thread, user)
        last = self.sender.replied_card(update) if answers_the_last_card(text) else None
        asked = ChatContext(
            chat_id=chat.id,
            is_group=in_group,
            default_force=kept.default_force,
            last_query=last or kept.last_query,
            subscriptions=kept.subscriptions,
            place="topic" if where.thread else "chat",
            default_force_of=kept.force_of,
        )
        started = time.perf_counter()
        with self.cores.lease() as core:  # one core for the whole answer
            reply = core.cached(text, asked)  # known answers skip the worker thread
            if reply is None:
                reply = await asyncio.to_thread(core.answer, text, asked)
        elapsed = (time.perf_counter() - started) * 1000
        log.info("%s in a %s chat: %s, %.0f ms", label, chat.type, reply.kind, elapsed)
        remember(self.state, Asker(chat.id, where.thread, user), kept, reply)  # before the reply
        said = update.message or update.edited_message
        question = said.message_id if said else None
        if update.edited_message and question is not None:
            await self.sender.edit(context.bot, where, reply, first_name(update), question)
        else:
            await self.sender.dispatch(context.bot, where, reply, first_name(update), question)

    async def may_change(self, update: Update, context: Context) -> bool:
        """Whether the person may change the group's settings (GROUP_SETTINGS)."""
        return not self.admins_only or await self.admins.allows(context.bot, update)

    async def member(self, update: Update, context: Context) -> None:
        """The bot's own membership changed (bot.adapters.telegram.groups.membership)."""
        change = update.my_chat_member
        note = membership(change, self.state, context.bot.username) if change else None
        if change and note:
            await self.sender.send(context.bot, Target(change.chat.id), notice(note))

    async def migration(self, update: Update, context: Context) -> None:
        """The service message of a group upgraded to a supergroup (in either chat)."""
        message = update.effective_message
        if message and message.migrate_to_chat_id:
            self.migrated(message.chat.id, message.migrate_to_chat_id)
        elif message and message.migrate_from_chat_id:
            self.migrated(message.migrate_from_chat_id, message.chat.id)

    def migrated(self, old_id: int, new_id: int) -> None:
        moved = self.state.migrate(old_id, new_id)
        log.info(
            "Group %s became supergroup %s; %s",
            old_id,
            new_id,
            "its settings moved" if moved else "no settings to move",
        )

    async def admitted(self, update: Update, context: Context, label: str) -> bool:
        """Whether the flood guard lets this update through: per person (in a group, each
        reporter has an allowance of their own). The first one it refuses in a row gets the
        polite notice (when there is a chat to send it to), the rest are dropped."""
        chat, person = update.effective_chat, update.effective_user
        key = chat.id if chat else ("inline", person.id if person else 0)
        verdict = self.guard.check(person_key(update) if chat else key)
        if verdict is Verdict.ANSWER:
            return True
        place = f"a {chat.type} chat" if chat else "inline mode"
        log.info("%s in %s: refused (flood), %s", label, place, verdict.value)
        if verdict is Verdict.WARN and chat is not None:
            where, name = self.sender.target(update), first_name(update)
            await self.sender.dispatch(context.bot, where, notice(SLOW_DOWN), name)
        return False

    async def polling_error(self, update: object, context: Context) -> None:
        """A failed getUpdates (run_polling hands it to the error handlers with no update):
        one log line, the developer told at most once an hour per error, and the chat error
        handler never sees it."""
        error, bot = context.error, context.bot
        if update is not None or context.job is not None or not isinstance(error, TelegramError):
            return
        if isinstance(bot, TelegramBot) and bot.watch.failed(error) and self.developer_chat_id:
            await _try_send(bot, Target(self.developer_chat_id), polling_report(error))
        raise ApplicationHandlerStop

    async def error(self, update: object, context: Context) -> None:
        """Traceback to the log, a plain apology to the chat, a one-line report to the
        developer; never the exception's text in a chat."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("Unexpected error handling update %s", update_id, exc_info=context.error)
        chat = update.effective_chat if isinstance(update, Update) else None
        if isinstance(update, Update) and chat is not None:
            await _try_send(context.bot, self.sender.target(update), APOLOGY)
        if self.developer_chat_id is not None:
            where = f" in a {chat.type} chat" if chat else ""
            name = html.escape(type(context.error).__name__)
            report = f"seizure-bot: {name} on update {update_id}{where}. Details in the log."
            await _try_send(context.bot, Target(self.developer_chat_id), report)


def is_payload(data: object) -> bool:
    """Button data the core can answer: a command of at most 64 bytes, as Button makes."""
    return isinstance(data, str) and data.startswith("/") and len(data.encode()) <= MAX_PAYLOAD


def answers_the_last_card(text: str) -> bool:
    """A bare command whose answer reads the chat's last card (its declaration reads
    ``last_query``: /csv); sent as a reply to one of the bot's cards, it answers that card."""
    name = command_name(text)
    return name is not None and "last_query" in reads(name) and not split_command(text)[1]


def first_name(update: Update) -> str:
    return update.effective_user.first_name if update.effective_user else ""


async def _try_send(bot: ExtBot, where: Target, text: str) -> None:
    try:
        await send_reply(bot, where, notice(text))
    except TelegramError as exc:
        log.warning("Could not send an error notice to chat %s (%s)", where.chat_id, exc)
