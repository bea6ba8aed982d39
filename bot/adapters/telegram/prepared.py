"""Telegram objects the bot sends again and again, serialised once.

    Keyboard(rows)         an InlineKeyboardMarkup
    NoLinkPreview()        LinkPreviewOptions(is_disabled=True), the bot's default

python-telegram-bot turns every object in a request into a dict (``to_dict``) on every send;
for a card's five buttons and the default link-preview options that was seven objects walked
attribute by attribute, more than the bot's own work for a warm answer. These objects are
immutable (python-telegram-bot freezes them), so their dict is worked out on the first send
and reused; it is only read (dumped to JSON), never changed.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, LinkPreviewOptions
from telegram._utils.types import JSONDict


class Keyboard(InlineKeyboardMarkup):
    __slots__ = ("_api_form",)

    def to_dict(self, recursive: bool = True) -> JSONDict:
        return _once(self, recursive, super().to_dict)


class NoLinkPreview(LinkPreviewOptions):
    __slots__ = ("_api_form",)

    def __init__(self) -> None:
        super().__init__(is_disabled=True)

    def to_dict(self, recursive: bool = True) -> JSONDict:
        return _once(self, recursive, super().to_dict)


def _once(obj: Any, recursive: bool, to_dict: Any) -> JSONDict:
    """``obj``'s dict, made by ``to_dict`` the first time (private attributes may be set on
    a frozen Telegram object)."""
    if not recursive:
        return to_dict(recursive=False)  # type: ignore[no-any-return]
    form: JSONDict | None = getattr(obj, "_api_form", None)
    if form is None:
        form = obj._api_form = to_dict()
    return form
