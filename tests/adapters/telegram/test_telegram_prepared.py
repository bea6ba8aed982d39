"""What the bot sends again and again is serialised once (bot.adapters.telegram.prepared): the
requests are exactly what python-telegram-bot would have made."""

from __future__ import annotations

import json

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from bot.adapters.telegram.prepared import Keyboard, NoLinkPreview
from tests.support.fake_bot_api import message_update, process

ROWS = [[InlineKeyboardButton("Trend", callback_data="/trend kent")]] * 2


def test_the_prepared_objects_serialise_as_python_telegram_bots_own():
    keyboard, plain = Keyboard(ROWS), InlineKeyboardMarkup(ROWS)
    assert keyboard.to_dict() == plain.to_dict() and keyboard == plain
    assert keyboard.to_dict() is keyboard.to_dict()  # worked out once
    assert keyboard.to_dict(recursive=False) == plain.to_dict(recursive=False)
    preview = NoLinkPreview()
    assert preview.to_dict() == LinkPreviewOptions(is_disabled=True).to_dict()
    assert json.loads(keyboard.to_json()) == plain.to_dict()


async def test_each_answer_carries_its_keyboard(app, api):
    for _ in range(2):  # the second from the reply cache, with the same (kept) keyboard
        await process(app, message_update("/force Kent"))
    first, second = api.sent()
    markup = first.params["reply_markup"]
    assert markup == second.params["reply_markup"] and markup["inline_keyboard"]
    assert first.params["link_preview_options"] == {"is_disabled": True}
