"""Where replies go and how: at once, or queued behind a busy group's answers with a notice.

Sender(state, outbox, migrated)
    dispatch(bot, where, reply, asker)   send now if it can go at once; else queue it in the
                                         chat's Outbox and tell the asker (by first name)
                                         when, or past the queue to ask again
    send(bot, where, reply)              ``deliver``, following a group upgraded to a
                                         supergroup; a chat that blocked or removed the
                                         bot has its alerts paused; each message sent is
                                         remembered (bot.adapters.state) with its topic and question
    target(update) -> Target             where to answer; a button on a message too old to
                                         be seen answers in the topic its message went to
    replied_card(update) -> str | None   the question behind the card a message replies to
    edit(bot, where, reply, asker, id)   a question edited within EDIT_HOURS: the bot's
                                         earlier reply edited in place when both are one
                                         text message, else a new reply
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Bot, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, ChatMigrated, TelegramError

from bot.adapters.state import ChatState
from bot.adapters.telegram.guard import arrival
from bot.adapters.telegram.outbox import AT_ONCE, Outbox, ask_again_line, queued_line
from bot.adapters.telegram.send import Target, deliver, keyboard, parts
from bot.reply import Reply

log = logging.getLogger(__name__)

GROUP_CHATS = (ChatType.GROUP, ChatType.SUPERGROUP)
ANSWERS_KEPT = 4096  # the questions whose replies an edit may change, remembered
GRACE = 0.5  # seconds a turn waits for an answer that can go at once, however late it is
EDIT_HOURS = 48  # an edited question edits the bot's reply in place for this long
NOT_MODIFIED = "message is not modified"


@dataclass(frozen=True)
class Answered:
    """The bot's reply to a question: its messages, whether it was one text, when it went."""

    message_ids: tuple[int, ...]
    text_only: bool
    at: float


class Sender:
    def __init__(
        self, state: ChatState, outbox: Outbox, migrated: Callable[[int, int], None]
    ) -> None:
        self.state = state
        self.outbox = outbox
        self.migrated = migrated
        # (chat, question's message id) -> the reply it got (for edited questions)
        self.answered: dict[tuple[int, int], Answered] = {}

    async def dispatch(
        self,
        bot: Bot,
        where: Target,
        reply: Reply,
        asker: str = "",
        question: int | None = None,
    ) -> None:
        """A private chat's reply goes at once. A group's joins the chat's queue: if it goes
        within AT_ONCE seconds of the question's arrival it is waited for, as a private one;
        if not (answers queued before it, the group's limit reached, a 429), the asker is
        told when it will go and the update's turn ends. Past the queue, the asker is told
        to ask again."""
        if where.chat_id > 0:
            await self.send(bot, where, reply, question)
            return
        outbox, name = self.outbox, html.escape(asker) or "everyone"
        wait = outbox.delay(where.chat_id)
        job = lambda: self.send(bot, where, reply, question)  # noqa: E731
        done = outbox.queue(where.chat_id, job, len(parts(reply)))
        if done is None:
            log.info("chat %s: its queue is full; asked to ask again", where.chat_id)
            outbox.tell(bot, where, ask_again_line(name, wait))
            return
        budget = AT_ONCE - (time.monotonic() - arrival())  # less the wait for the turn
        if wait <= max(budget, 0.0):  # it can go in time, or at once (a notice is no help)
            try:
                await asyncio.wait_for(asyncio.shield(done), max(budget, GRACE))
                return
            except TimeoutError:  # held back: by a 429, say when; by a failing Bot API,
                wait = outbox.delay(where.chat_id)  # a notice would fail too (it is retried)
                if wait <= 0:
                    return
        log.info("answer queued for chat %s: about %.0f s", where.chat_id, wait)
        outbox.tell(bot, where, queued_line(name, wait))

    async def send(
        self, bot: Bot, where: Target, reply: Reply, question: int | None = None
    ) -> None:
        """``deliver``; if the group has become a supergroup, its state moves and the reply
        goes to the new chat. A chat that blocked or removed the bot has its alerts paused."""
        try:
            sent = await deliver(bot, where, reply, self.gone)
        except ChatMigrated as exc:
            self.migrated(where.chat_id, exc.new_chat_id)
            sent = await deliver(bot, Target(exc.new_chat_id), reply, self.gone)
        for message in sent or ():  # their topic and question, for old buttons and /csv
            self.state.note_sent(message.chat_id, message.message_id, where.thread, reply.csv_query)
        if sent and question is not None:
            if len(self.answered) >= ANSWERS_KEPT:
                del self.answered[next(iter(self.answered))]
            ids = tuple(m.message_id for m in sent)
            one_text = len(sent) == 1 and sent[0].text is not None
            self.answered[(where.chat_id, question)] = Answered(ids, one_text, time.monotonic())

    def answered_lately(self, chat_id: int, question: int) -> bool:
        """Whether the bot answered this question within EDIT_HOURS (and remembers it)."""
        before = self.answered.get((chat_id, question))
        return before is not None and time.monotonic() - before.at < EDIT_HOURS * 3600

    async def edit(self, bot: Bot, where: Target, reply: Reply, asker: str, question: int) -> None:
        """A question edited: the earlier reply edited in place if it was one text message
        sent within EDIT_HOURS and the new one is too; otherwise a new reply."""
        before = self.answered.get((where.chat_id, question))
        pieces = parts(reply)
        fresh = self.answered_lately(where.chat_id, question)
        one_text = len(pieces) == 1 and pieces[0].kind == "text"
        if before is not None and fresh and before.text_only and one_text:
            try:
                await bot.edit_message_text(
                    pieces[0].text or "",
                    chat_id=where.chat_id,
                    message_id=before.message_ids[0],
                    reply_markup=keyboard(reply.buttons),
                )
                return
            except BadRequest as exc:
                if NOT_MODIFIED in exc.message.lower():
                    return  # the edit changed nothing the answer depends on
                log.info("Could not edit a reply in chat %s (%s); sending anew", where.chat_id, exc)
            except TelegramError as exc:
                log.info("Could not edit a reply in chat %s (%s); sending anew", where.chat_id, exc)
        await self.dispatch(bot, where, reply, asker, question)

    def gone(self, chat_id: int) -> None:
        if paused := self.state.pause(chat_id):
            log.info("Chat %s blocked or removed the bot: %d alerts paused", chat_id, paused)

    def target(self, update: Update) -> Target:
        """``target``, and for a button on a message too old to be seen, the topic the
        bot's message was sent to (remembered when it went)."""
        where = target(update)
        query = update.callback_query
        old = query.message if query and query.message and not query.message.is_accessible else None
        if where.thread is None and old is not None and where.chat_id:  # not a visible one
            kept = self.state.sent_message(where.chat_id, old.message_id)
            if kept and kept[0] is not None:
                return Target(where.chat_id, kept[0], where.quote)
        return where

    def replied_card(self, update: Update) -> str | None:
        """The question behind the bot's card that a message replies to (a bare /csv)."""
        message = update.message
        replied = message.reply_to_message if message else None
        if message is None or replied is None:
            return None
        kept = self.state.sent_message(message.chat.id, replied.message_id)
        return kept[1] if kept else None


def target(update: Update) -> Target:
    """Where to answer: the chat, its forum topic if any; in groups, quote the question."""
    chat = update.effective_chat
    in_group = chat is not None and chat.type in GROUP_CHATS
    asked = update.message or update.edited_message
    message = asked
    if update.callback_query and isinstance(update.callback_query.message, Message):
        message = update.callback_query.message  # not one too old to be seen
    thread = message.message_thread_id if message and message.is_topic_message else None
    quote = asked.message_id if in_group and asked else None
    return Target(chat.id if chat else 0, thread, quote)


def notice(html_text: str) -> Reply:
    """A fixed sentence of the adapter's own as a Reply (it holds no dynamic values)."""
    return Reply(html=html_text, text=html_text, kind="error")
