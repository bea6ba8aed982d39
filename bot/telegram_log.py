"""Logging for the Telegram bot: the token never reaches a log line.

Bot API URLs carry the token (``https://api.telegram.org/bot<token>/getMe``), so the
``httpx`` and ``httpcore`` loggers stay at WARNING, and every record created while the bot
runs has the token replaced in its message and in its traceback text, at any level.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

MASK = "[token]"
_FORMATTER = logging.Formatter()


def configure_logging(token: str) -> Callable[[], None]:
    """Quiet the HTTP loggers and mask ``token`` in every log record; returns an undo."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return mask_in_records(token)


def mask_in_records(token: str) -> Callable[[], None]:
    if not token:
        return lambda: None
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return masked(previous(*args, **kwargs), token)

    logging.setLogRecordFactory(factory)
    return lambda: logging.setLogRecordFactory(previous)


def masked(record: logging.LogRecord, token: str) -> logging.LogRecord:
    """The record with ``token`` replaced in its message, arguments and traceback text."""
    try:
        message = record.getMessage()
    except Exception:  # a malformed call; logging reports it when the record is emitted
        return record
    if token in message:
        record.msg, record.args = message.replace(token, MASK), None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = _FORMATTER.formatException(record.exc_info).replace(token, MASK)
    if record.stack_info and token in record.stack_info:
        record.stack_info = record.stack_info.replace(token, MASK)
    return record
