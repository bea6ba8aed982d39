"""What the running bot tells its developer when its own update fails: one line, and at
most one message per kind of failure per day (a release that stays unreadable, or GOV.UK
that stays down, is not news every few hours).

    notices = UpdateNotices()
    text = notices.due(kind, detail)   # the message to send, or None (already told today)
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, date, datetime

from bot.writing import fmt

MAX_DETAIL = 300  # characters of the reason quoted in a message


def today_utc() -> date:
    return datetime.now(UTC).date()


def failure_kind(reason: str) -> str:
    """The kind of a failure: the words before its first colon ("GOV.UK", "NOT imported:
    <title>"), so one release or one cause is one kind."""
    head, _, rest = reason.partition(":")
    if head == "NOT imported":
        return f"{head}:{rest.partition(':')[0]}"
    return head


class UpdateNotices:
    def __init__(self, today: Callable[[], date] = today_utc) -> None:
        self.today = today
        self.told: dict[str, date] = {}  # kind -> the day the developer last heard of it

    def due(self, reason: str) -> str | None:
        """The developer's message about ``reason`` (HTML), or None when a failure of the
        same kind was already told today."""
        kind, day = failure_kind(reason), self.today()
        if self.told.get(kind) == day:
            return None
        self.told[kind] = day
        detail = fmt.short(reason, MAX_DETAIL)
        return (
            f"seizure-bot update: {html.escape(detail)}. Data unchanged where not imported; "
            "told at most once a day per kind of failure; details in the log."
        )
