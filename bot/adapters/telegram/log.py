"""Logging for the Telegram bot: secrets never reach a log line.

Bot API URLs carry the token (``https://api.telegram.org/bot<token>/getMe``), so the
``httpx`` and ``httpcore`` loggers stay at WARNING, and every record created while the bot
runs has the token (and the webhook secret) replaced in its message and traceback text,
at any level: at DEBUG python-telegram-bot logs its API URL and each call's parameters.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

MASK = "[token]"
_FORMATTER = logging.Formatter()


def configure_logging(*secrets: str | None) -> Callable[[], None]:
    """Quiet the HTTP loggers and mask ``secrets`` in every log record; returns an undo."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return mask_in_records([secret for secret in secrets if secret])


def mask_in_records(secrets: list[str]) -> Callable[[], None]:
    if not secrets:
        return lambda: None
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return masked(previous(*args, **kwargs), secrets)

    logging.setLogRecordFactory(factory)
    return lambda: logging.setLogRecordFactory(previous)


def masked(record: logging.LogRecord, secrets: list[str]) -> logging.LogRecord:
    """The record with each secret replaced in its message, arguments and traceback text."""
    try:
        message = record.getMessage()
    except Exception:  # a malformed call; logging reports it when the record is emitted
        return record
    if any(secret in message for secret in secrets):
        record.msg, record.args = _hide(message, secrets), None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = _hide(_FORMATTER.formatException(record.exc_info), secrets)
    if record.stack_info:
        record.stack_info = _hide(record.stack_info, secrets)
    return record


def _hide(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text
