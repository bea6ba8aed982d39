"""A core Reply, sent to a Telegram chat: text within 4,096, captions within 1,024, buttons.

Nothing here reads or writes figures: the HTML comes from the core and is only cut into
messages. ``split_html`` cuts at line boundaries and keeps Telegram's HTML valid by closing
tags still open at the end of a message and opening them again at the start of the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ReplyParameters

from bot.reply import Button, Reply

TEXT_LIMIT = 4096  # characters in one message
CAPTION_LIMIT = 1024  # characters in a photo's or document's caption
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*>")


@dataclass(frozen=True)
class Part:
    """One message to send: ``kind`` is text, photo or document."""

    kind: str
    text: str | None = None
    data: bytes | None = None
    filename: str = ""


def parts(reply: Reply) -> list[Part]:
    """The messages a reply becomes: a photo or file captioned with the text when the text
    fits a caption; otherwise the text in messages of at most 4,096, then the files."""
    files = [
        Part(kind, None, data, name)
        for kind, data, name in (
            ("photo", reply.png, reply.png_name),
            ("document", reply.csv, reply.csv_name),
        )
        if data
    ]
    if files and len(reply.html) <= CAPTION_LIMIT:
        first = files[0]
        return [Part(first.kind, reply.html or None, first.data, first.filename), *files[1:]]
    return [Part("text", chunk) for chunk in split_html(reply.html)] + files


def keyboard(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.payload) for b in row] for row in buttons]
    )


@dataclass(frozen=True)
class Target:
    """Where a reply goes: the chat, the forum topic (thread) if any, the message to quote."""

    chat_id: int
    thread: int | None = None
    quote: int | None = None


async def send_reply(bot: Bot, target: Target, reply: Reply) -> None:
    """Send every part; the first quotes ``target.quote`` (groups), the last has the buttons."""
    sequence = parts(reply)
    markup = keyboard(reply.buttons)
    for index, part in enumerate(sequence):
        quoted = None
        if index == 0 and target.quote is not None:
            quoted = ReplyParameters(target.quote, allow_sending_without_reply=True)
        buttons = markup if index == len(sequence) - 1 else None
        await _send(bot, target, part, quoted, buttons)


async def _send(
    bot: Bot,
    target: Target,
    part: Part,
    quoted: ReplyParameters | None,
    markup: InlineKeyboardMarkup | None,
) -> None:
    chat_id, thread = target.chat_id, target.thread
    if part.kind == "text":
        await bot.send_message(
            chat_id, part.text or "", message_thread_id=thread, reply_parameters=quoted,
            reply_markup=markup,
        )
    elif part.kind == "photo":
        await bot.send_photo(
            chat_id, InputFile(part.data or b"", filename=part.filename), caption=part.text,
            message_thread_id=thread, reply_parameters=quoted, reply_markup=markup,
        )
    else:
        await bot.send_document(
            chat_id, InputFile(part.data or b"", filename=part.filename), caption=part.text,
            message_thread_id=thread, reply_parameters=quoted, reply_markup=markup,
        )


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
