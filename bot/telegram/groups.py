"""How the bot behaves in groups: small talk left alone, settings for administrators, and
the words it says when it joins, leaves and comes back.

    small_talk(text) -> bool          a reply to the bot that asks nothing ("thanks!", "ok",
                                      "great, thanks", "lol", an emoji): no answer at all
    settings_command(text) -> bool    /setforce, /subscribe, /unsubscribe: they change the
                                      group for everyone, so GROUP_SETTINGS=admins keeps
                                      them to its administrators
    Admins(bot).check(chat, user)     whether a person administers a group (getChatMember,
                                      kept a minute; at most ``KEPT`` answers kept)

The small-talk words are a short list of data: a message is small talk only if every word
in it is on the list (or it has no letters or digits at all), so anything naming a place,
drug, year or intent is still a question.
"""

from __future__ import annotations

import logging
import re
import time

from telegram import Bot
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

log = logging.getLogger(__name__)

_PLEASANTRIES = """
    thanks thank thx ty ta cheers you very much so many lots ok okay k kk great good nice
    cool lol lmao haha hah ha brilliant perfect awesome amazing excellent lovely super yes
    yeah yep yup no nope nah sure got it that's thats this is was helpful wow love hi hello
    hey bye morning evening night all right alright fine fab fantastic splendid superb
    legend star top mate guys bot noted understood oh ah right indeed really true
"""
SMALL_TALK = frozenset(_PLEASANTRIES.split())
SETTINGS_COMMANDS = frozenset({"setforce", "subscribe", "unsubscribe"})
KEPT = 1024  # administrators' answers kept at most
KEEP_SECONDS = 60.0
_WORD = re.compile(r"[\w']+")
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)")

NOT_ADMIN = "Only this group's administrators can change its settings; just ask them."
GREETING = (
    "Hello! I answer questions about police drug seizures in England and Wales. "
    "Mention me or reply to me, e.g. <code>@{bot} cocaine in Kent 2019</code> or "
    "<code>/force West Mercia</code>."
)
RESUMED = "Welcome back: this chat's release alerts ({count}) start again."


def small_talk(text: str) -> bool:
    """Whether a message asks nothing: every word a pleasantry, or no word at all."""
    words = [word.strip("'") for word in _WORD.findall(text.lower())]
    return all(word in SMALL_TALK for word in words if word)


def settings_command(text: str) -> bool:
    match = _COMMAND.match(text.strip())
    return bool(match and match.group(1).lower() in SETTINGS_COMMANDS)


class Admins:
    """Who administers which group, asked of Telegram and kept for a minute."""

    def __init__(self, clock: object = time.monotonic) -> None:
        self._clock = clock if callable(clock) else time.monotonic
        self._kept: dict[tuple[int, int], tuple[bool, float]] = {}

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
