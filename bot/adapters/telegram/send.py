"""A core Reply, sent to a Telegram chat: text within 4,096, captions within 1,024, buttons.

Nothing here reads or writes figures: the HTML comes from the core and is only cut into
messages. ``split_html`` cuts at line boundaries and keeps Telegram's HTML valid by closing
tags still open at the end of a message and opening them again at the start of the next.

When Telegram refuses a message, ``send_reply`` mends what it can:

    400 can't parse entities    the reply again as plain text (Reply.text, no parse mode);
                                if earlier messages are out, the rest without its tags
    400 message is too long     that message cut in halves and sent again (Telegram counts
                                UTF-16 units, so 4,096 characters of emoji can be too long)
    400 caption is too long     the caption as messages, then the file without it

and ``deliver`` logs, rather than raises, what cannot be mended: the chat blocked the bot
(403), a refused message (400), no answer after the rate limiter's retries (5xx, timeouts).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.adapters.telegram.post import Part, Sent, Target, post
from bot.adapters.telegram.prepared import Keyboard
from bot.reply import Button, Reply
from bot.writing.markup import visible_text

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096  # characters in one message
MAX_MESSAGE = TEXT_LIMIT  # an inline result's text is cut to this
CAPTION_LIMIT = 1024  # characters in a photo's or document's caption
SMALLEST_CUT = 256  # a message Telegram finds too long is never cut finer than this
UNPARSED = "can't parse entities"
TOO_LONG = "message is too long"
CAPTION_TOO_LONG = "caption is too long"
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*>")


def parts(reply: Reply, *, plain: bool = False) -> list[Part]:
    """The messages a reply becomes: a photo or file captioned with the text when the text
    fits a caption; otherwise the text in messages of at most 4,096, then the files.
    ``plain``: from Reply.text rather than Reply.html."""
    text = reply.text if plain else reply.html
    files = [
        Part(kind, None, data, name, plain)
        for kind, data, name in (
            ("photo", reply.png, reply.png_name),
            ("document", reply.csv, reply.csv_name),
        )
        if data
    ]
    if files and len(text) <= CAPTION_LIMIT:
        return [replace(files[0], text=text or None), *files[1:]]
    return [Part("text", chunk, plain=plain) for chunk in split_text(text, plain)] + files


@lru_cache(maxsize=4096)
def split_text(text: str, plain: bool, limit: int = TEXT_LIMIT) -> tuple[str, ...]:
    """``split_html``, or for plain text the same cuts made on its escaped form (kept: the
    core's replies repeat, so the same text is cut once)."""
    if not plain:
        return tuple(split_html(text, limit))
    escaped = html.escape(text, quote=False)
    return tuple(html.unescape(chunk) for chunk in split_html(escaped, limit))


def without_tags(part: Part) -> Part:
    """An HTML part as plain text: the text Telegram would show for it, read by bot.writing.markup
    (a ``<`` that opens no supported tag stays text, so no word is lost)."""
    if part.plain or part.text is None:
        return replace(part, plain=True)
    return replace(part, text=visible_text(part.text, lenient=True), plain=True)


@lru_cache(maxsize=4096)
def keyboard(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    """The inline keyboard for a reply's buttons (kept: Telegram objects are immutable)."""
    if not buttons:
        return None
    return Keyboard(
        [[InlineKeyboardButton(b.label, callback_data=b.payload) for b in row] for row in buttons]
    )


def article(result_id: str, title: str, description: str, reply: Reply) -> InlineQueryResultArticle:
    """An inline query's result: the reply's HTML as the message it sends."""
    content = InputTextMessageContent(reply.html[:MAX_MESSAGE], parse_mode=ParseMode.HTML)
    return InlineQueryResultArticle(
        id=result_id, title=title, description=description, input_message_content=content
    )


async def send_reply(bot: Bot, target: Target, reply: Reply) -> list[Sent]:
    """Send every part; the first quotes ``target.quote`` (groups), the last has the buttons.
    Returns what the bot reads of the messages sent. Raises what Telegram refused and could
    not be mended (see the module's docstring)."""
    sent: list[Sent] = []
    await _send_all(bot, target, parts(reply), keyboard(reply.buttons), reply, sent)
    return sent


async def deliver(
    bot: Bot, target: Target, reply: Reply, on_forbidden: Any = None
) -> list[Sent] | None:
    """``send_reply``, with failures that an apology could not mend logged, not raised.
    Returns the messages sent, or None if the whole reply did not go. ``on_forbidden``
    (a callable given the chat id) hears of a chat that blocked or removed the bot."""
    try:
        return await send_reply(bot, target, reply)
    except Forbidden as exc:  # blocked by the person, removed from the group
        log.info("Chat %s cannot be written to (%s); reply dropped", target.chat_id, exc.message)
        if on_forbidden is not None:
            on_forbidden(target.chat_id)
    except BadRequest as exc:
        log.warning("Telegram refused a reply to chat %s (%s)", target.chat_id, exc.message)
    except (NetworkError, RetryAfter) as exc:  # after the rate limiter's retries
        log.error("Could not deliver a reply to chat %s (%s); giving up", target.chat_id, exc)
    return None


async def _send_all(
    bot: Bot,
    target: Target,
    sequence: list[Part],
    markup: InlineKeyboardMarkup | None,
    reply: Reply | None = None,
    sent: list[Sent] | None = None,
) -> None:
    """The parts in order; if Telegram cannot parse one's HTML, the plain-text ``reply``
    instead when nothing has gone yet, else the rest without tags. What went is added to
    ``sent``."""
    sent = [] if sent is None else sent
    for index, part in enumerate(sequence):
        where = target if index == 0 else replace(target, quote=None)
        buttons = markup if index == len(sequence) - 1 else None
        try:
            await _send_part(bot, where, part, buttons, sent)
        except BadRequest as exc:
            if part.plain or UNPARSED not in exc.message.lower():
                raise
            log.warning("Telegram could not parse a reply's HTML (%s); sending plain text", exc)
            rest = sequence[index:]
            if index == 0 and reply is not None and reply.text.strip():
                rest = parts(reply, plain=True)
            await _send_all(bot, where, [without_tags(p) for p in rest], markup, None, sent)
            return


async def _send_part(
    bot: Bot,
    target: Target,
    part: Part,
    markup: InlineKeyboardMarkup | None,
    sent: list[Sent],
) -> None:
    """One message; one that Telegram finds too long is cut and sent again."""
    try:
        if (went := await post(bot, target, part, markup)) is not None:
            sent.append(went)
    except BadRequest as exc:
        text, problem = part.text or "", exc.message.lower()
        if part.kind == "text" and TOO_LONG in problem and len(text) > SMALLEST_CUT:
            pieces = [replace(part, text=t) for t in split_text(text, part.plain, len(text) // 2)]
        elif part.kind != "text" and CAPTION_TOO_LONG in problem and text:
            captions = [Part("text", t, plain=part.plain) for t in split_text(text, part.plain)]
            pieces = [*captions, replace(part, text=None)]
        else:
            raise
        log.warning("Telegram found a message too long (%s); sending %d pieces", exc, len(pieces))
        await _send_all(bot, target, pieces, markup, None, sent)


def split_html(html: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Telegram HTML cut into messages of at most ``limit`` characters, at line boundaries
    (a line longer than half the limit is first cut at a space outside tags and entities)."""
    chunks: list[str] = []
    lines: list[str] = []
    prefix = ""  # tags opened again at the start of this chunk
    size = 0  # len(prefix + "\n".join(lines))
    stack: tuple[str, ...] = ()  # tags open after the last line so far
    for line in _lines(html.strip(), limit // 2):
        after = _open_after(stack, line)
        if lines and size + 1 + len(line) + len(_closing(after)) > limit:
            chunks.append(prefix + "\n".join(lines) + _closing(stack))
            prefix, lines = "".join(stack), []
            size = len(prefix)
        if lines or line.strip():  # a chunk never starts with a blank line
            size += len(line) + (1 if lines else 0)
            lines.append(line)
        stack = after
    if lines:
        chunks.append(prefix + "\n".join(lines) + _closing(stack))
    return chunks


def _lines(text: str, width: int) -> list[str]:
    pieces: list[str] = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = _cut_point(line, width)
            pieces.append(line[:cut].rstrip(" "))
            line = line[cut:].lstrip(" ")
        pieces.append(line)
    return pieces


def _cut_point(line: str, width: int) -> int:
    """Where to cut a long line: the last space before ``width``, never inside a tag
    or an entity such as ``&amp;``."""
    cut = line.rfind(" ", 0, width)
    if cut <= 0:
        cut = width
    for opener, closer in (("<", ">"), ("&", ";")):
        start = line.rfind(opener, 0, cut)
        if start > line.rfind(closer, 0, cut):
            cut = start
    return cut if cut > 0 else width


def _open_after(stack: tuple[str, ...], line: str) -> tuple[str, ...]:
    """The opening tags still open after ``line``, given those open before it."""
    tags = list(stack)
    for match in _TAG.finditer(line):
        if not match.group(1):
            tags.append(match.group(0))
        elif tags and _name(tags[-1]) == match.group(2).lower():
            tags.pop()
    return tuple(tags)


def _closing(stack: tuple[str, ...]) -> str:
    return "".join(f"</{_name(tag)}>" for tag in reversed(stack))


def _name(tag: str) -> str:
    match = _TAG.match(tag)
    return match.group(2).lower() if match else ""
