"""How the bot behaves in groups: small talk left alone, settings for administrators, and
the words it says when it joins, leaves and comes back.

    small_talk(text) -> bool          a reply to the bot that asks nothing ("thanks!", "ok",
                                      "great, thanks", "lol", an emoji): no answer at all
    settings_command(text) -> bool    /setforce, /subscribe, /unsubscribe: they change the
                                      group for everyone, so GROUP_SETTINGS=admins keeps
                                      them to its administrators
    addressed(message, username, id)  the question in a group message for the bot, or None
    remember(state, asker, kept, reply)   what an answer leaves behind, kept for its topic
                                      (default force) and its person (last answer)
    membership(change, state, bot)    the bot's own membership changed: removed or blocked,
                                      the chat's alerts pause; back, they resume (said so);
                                      added to a group, the greeting
    set_menus(app)                    command menus; group members' leave the settings out
    Admins().allows(bot, update)      whether the sender administers the group; check(bot,
                                      chat, user) a person administers a group (getChatMember,
                                      kept a minute; at most ``KEPT`` answers kept)

The small-talk words are a short list of data (bot.reading.vocab.PLEASANTRIES, read by
bot.reading.question.small_talk): a message is small talk only if every word in it is on the list
(or it has no letters or digits at all), so anything naming a place, drug, year or intent
is still a question.
"""

from __future__ import annotations

import html
import logging
import re
import time

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    ChatMemberUpdated,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError
from telegram.ext import Application

from bot.adapters.state import ChatState
from bot.adapters.telegram.sender import GROUP_CHATS
from bot.commands import COMMANDS
from bot.core import command_name
from bot.reading.question import small_talk

log = logging.getLogger(__name__)

SETTINGS_COMMANDS = frozenset({"setforce", "subscribe", "unsubscribe"})
KEPT = 1024  # administrators' answers kept at most
KEEP_SECONDS = 60.0

NOT_ADMIN = "Only this group's administrators can change its settings; just ask them."
GREETING = (
    "Hello! I answer questions about police drug seizures in England and Wales. "
    "Mention me or reply to me, e.g. <code>@{bot} cocaine in Kent 2019</code> or "
    "<code>/force West Mercia</code>."
)
RESUMED = "Welcome back: this chat's release alerts ({count}) start again."


def settings_command(text: str) -> bool:
    return command_name(text) in SETTINGS_COMMANDS


MEMBER = ("member", "administrator", "creator", "restricted")
GONE = ("left", "kicked")


def membership(change: ChatMemberUpdated, state: ChatState, username: str | None) -> str | None:
    """What to say about the bot's own membership change (None: nothing), having paused or
    resumed the chat's alerts."""
    chat, status = change.chat, change.new_chat_member.status
    if status in GONE:
        paused = state.pause(chat.id)
        log.info("Bot %s a %s chat: %d alerts paused", status, chat.type, paused)
        return None
    if status not in MEMBER:
        return None
    resumed = state.resume(chat.id)
    lines = []
    if chat.type in GROUP_CHATS and change.old_chat_member.status not in MEMBER:
        lines.append(GREETING.format(bot=html.escape(username or "bot")))
    if resumed:
        lines.append(RESUMED.format(count=resumed))
    log.info("Bot is now %s in a %s chat; %d alerts resumed", status, chat.type, resumed)
    return "\n".join(lines) or None


def for_another_bot(text: str, username: str | None) -> bool:
    """A command addressed to another bot (``/force@OtherBot``)."""
    command = text.split(maxsplit=1)[0] if text.startswith("/") else ""
    _, at, name = command.partition("@")
    return bool(at) and name.lower() != (username or "").lower()


def edited_question(message: Message, username: str | None, bot_id: int) -> str | None:
    """The question in an edited message, as a new one would be read: a command for this
    bot, anything in a private chat, plain words in a group only when addressed to the bot
    and not small talk."""
    text = message.text or ""
    if not text or for_another_bot(text, username):
        return None
    if message.chat.type in GROUP_CHATS and not text.startswith("/"):
        question = addressed(message, username, bot_id)
        return None if question is None or small_talk(question) else question
    return text


async def set_menus(app: Application) -> None:
    """Command menus: private chats and group administrators get them all, other group
    members not those that change the group's settings; a failure is only a warning."""
    commands = [BotCommand(spec.name, spec.summary) for spec in COMMANDS if spec.menu]
    members = [c for c in commands if not settings_command(f"/{c.command}")]
    menus = (
        (BotCommandScopeAllPrivateChats(), commands),
        (BotCommandScopeAllGroupChats(), members),
        (BotCommandScopeAllChatAdministrators(), commands),
    )
    for scope, menu in menus:
        try:
            await app.bot.set_my_commands(menu, scope=scope)
        except TelegramError as exc:
            log.warning("Could not set the %s command menu (%s); carrying on", scope.type, exc)
    log.info("Bot @%s is ready", app.bot.username)


class Admins:
    """Who administers which group, asked of Telegram and kept for a minute."""

    def __init__(self, clock: object = time.monotonic) -> None:
        self._clock = clock if callable(clock) else time.monotonic
        self._kept: dict[tuple[int, int], tuple[bool, float]] = {}

    async def allows(self, bot: Bot, update: Update) -> bool:
        """Whether the sender of an update administers its group (an anonymous
        administrator writes as the group itself)."""
        chat, person, message = update.effective_chat, update.effective_user, update.message
        if chat is None:
            return True
        if message and message.sender_chat and message.sender_chat.id == chat.id:
            return True
        return person is not None and await self.check(bot, chat.id, person.id)

    async def check(self, bot: Bot, chat_id: int, user_id: int) -> bool:
        now = float(self._clock())
        kept = self._kept.get((chat_id, user_id))
        if kept is not None and now - kept[1] < KEEP_SECONDS:
            return kept[0]
        try:
            member = await bot.get_chat_member(chat_id, user_id)
        except TelegramError as exc:  # cannot tell: refuse, as the safer answer
            log.info("Could not ask who administers chat %s (%s)", chat_id, exc)
            return False
        admin = member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
        if len(self._kept) >= KEPT:
            self._kept.clear()
        self._kept[(chat_id, user_id)] = (admin, now)
        return admin


def addressed(message: Message, username: str | None, bot_id: int) -> str | None:
    """The question in a group message addressed to the bot, without the mention; None when
    the message is not for the bot."""
    text = message.text or ""
    mention = re.compile(rf"@{re.escape(username)}\b", re.IGNORECASE) if username else None
    replied = message.reply_to_message
    to_bot = bool(replied and replied.from_user and replied.from_user.id == bot_id)
    if not to_bot and not (mention and mention.search(text)):
        return None
    return (mention.sub(" ", text) if mention else text).strip(" ,:") or None
