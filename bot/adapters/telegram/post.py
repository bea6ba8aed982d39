"""The bot's messages, sent as python-telegram-bot sends them, without its objects on the way.

    Target(chat_id, thread, quote, urgent)      where a message goes
    Part(kind, text, data, filename, plain)     one message: a text, or a photo or document
                                                with its caption
    post(bot, target, part, markup) -> Sent     send it; what the bot reads of the result
    Sent                                        what the bot reads of a message it sent:
                                                id, chat, topic, text

python-telegram-bot's ``send_message`` takes some twenty parameters, fills in the bot's
defaults by walking every one of them, turns each Telegram object into a dict, and builds a
``Message`` (a User, a Chat and the keyboard button by button) from what Telegram answers.
Under load that was over half the bot's time, most of it for parameters the bot never gives
and a Message it never reads. ``post`` makes the same request from the few parameters the
bot does give (the keyboard and link-preview options already in their API form,
bot.adapters.telegram.prepared), and sends it through the same parts: the bot's rate limiter
(``rate_limit_args`` as ExtBot passes them), its ``BaseRequest`` (HTTP, timeouts, and
Telegram's errors raised as python-telegram-bot raises them: BadRequest, Forbidden,
RetryAfter, ChatMigrated, TimedOut). The bot's defaults (parse mode, link-preview options)
are read from the bot, never written here. A test holds the requests to python-telegram-
bot's own, field by field (tests/adapters/telegram/test_telegram_send.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, InputFile
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter  # private: see _post

from bot.adapters.telegram.limiter import URGENT

ENDPOINTS = {"text": "sendMessage", "photo": "sendPhoto", "document": "sendDocument"}


@dataclass(frozen=True, slots=True)
class Sent:
    """What the bot reads of a message it sent."""

    message_id: int
    chat_id: int
    thread_id: int | None = None
    text: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sent:
        """From the Bot API's Message object, as Telegram sent it."""
        return cls(
            data["message_id"], data["chat"]["id"], data.get("message_thread_id"), data.get("text")
        )


@dataclass(frozen=True)
class Target:
    """Where a reply goes: the chat, the forum topic (thread) if any, the message to quote;
    ``urgent``: a notice that goes before the chat's queued answers
    (bot.adapters.telegram.limiter)."""

    chat_id: int
    thread: int | None = None
    quote: int | None = None
    urgent: bool = False


@dataclass(frozen=True)
class Part:
    """One message to send: ``kind`` is text, photo or document; ``plain`` text is shown as
    it is (no parse mode), otherwise it is Telegram HTML."""

    kind: str
    text: str | None = None
    data: bytes | None = None
    filename: str = ""
    plain: bool = False


async def post(
    bot: Bot, target: Target, part: Part, markup: InlineKeyboardMarkup | None = None
) -> Sent | None:
    """Send ``part`` to ``target`` with ``markup``'s buttons; what the bot reads of the
    message Telegram made (None if Telegram answered without one). Raises what Telegram
    answered, as python-telegram-bot does."""
    endpoint, data = request(bot, target, part, markup)
    limiter = getattr(bot, "rate_limiter", None)
    if limiter is None:
        result = await _post(bot, endpoint, data)
    else:
        limits = URGENT if target.urgent else None
        call = (bot, endpoint, data)
        result = await limiter.process_request(_post, call, {}, endpoint, data, limits)
    return Sent.from_json(result) if isinstance(result, dict) else None


def request(
    bot: Bot, target: Target, part: Part, markup: InlineKeyboardMarkup | None = None
) -> tuple[str, dict[str, Any]]:
    """The endpoint and parameters python-telegram-bot would send for this message."""
    data: dict[str, Any] = {"chat_id": target.chat_id}
    defaults = getattr(bot, "defaults", None)
    endpoint = ENDPOINTS[part.kind]
    if part.kind == "text":
        data["text"] = part.text or ""
        preview = defaults.link_preview_options if defaults else None
        if preview is not None:
            data["link_preview_options"] = preview.to_dict()
    else:
        data[part.kind] = InputFile(part.data or b"", filename=part.filename)
        if part.text is not None:
            data["caption"] = part.text
    if not part.plain and defaults is not None and defaults.parse_mode is not None:
        data["parse_mode"] = str(defaults.parse_mode)  # a ParseMode is sent as its value
    if target.thread is not None:
        data["message_thread_id"] = target.thread
    if markup is not None:
        data["reply_markup"] = markup.to_dict()
    if target.quote is not None:
        quote: dict[str, Any] = {"message_id": target.quote, "allow_sending_without_reply": True}
        if defaults is not None and defaults.quote_parse_mode is not None:
            quote["quote_parse_mode"] = str(defaults.quote_parse_mode)
        data["reply_parameters"] = quote
    return endpoint, data


async def _post(bot: Bot, endpoint: str, data: dict[str, Any]) -> Any:
    """The call itself, as python-telegram-bot's Bot._do_post makes it. RequestParameter is
    private to python-telegram-bot (pinned below 23 in pyproject.toml); the test that holds
    these requests to its own would fail if it changed."""
    parameters = [
        RequestParameter.from_input(key, value)
        if isinstance(value, InputFile)
        else RequestParameter(key, value, None)
        for key, value in data.items()
    ]
    return await bot.request.post(
        url=f"{bot.base_url}/{endpoint}", request_data=RequestData(parameters)
    )
