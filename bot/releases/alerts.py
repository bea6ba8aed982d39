"""Release alerts, the core's part: the card a subscribed chat gets for a new year.

    alert_reply(core, topic, fye) -> Reply | None

The card is the reply to the topic's own command (``/force west-mercia 2019-20``,
``/region wales 2019-20``, ``/national 2019-20``: bot.answers.subscribe.card_question), with
a line above it saying why it came. None when the core has no card for it (an unknown
topic, or a year the data do not hold): nothing is sent. Which chats get which alert, and
that each gets it once, is kept by the adapter (bot.adapters.state, bot.adapters.telegram.jobs).
"""

from __future__ import annotations

from dataclasses import replace

from bot.answers.subscribe import card_question, topic_name
from bot.core import Core
from bot.reply import Reply
from bot.writing import fmt, messages


def alert_reply(core: Core, topic: str, fye: int) -> Reply | None:
    question = card_question(topic, fye)
    if question is None:
        return None
    card = core.answer(question)
    if card.kind != "answer":
        return None
    head = (
        f"<b>New Home Office figures for {fmt.fye(fye)}.</b> This chat's release alert for "
        f"{fmt.esc(topic_name(topic, core.data))}; /subscriptions lists its alerts, "
        "/unsubscribe stops them.\n\n"
    )
    return replace(
        card, html=head + card.html, text=messages.plain(head) + card.text, csv_query=None
    )
