"""Subscriptions and the release alerts queued for them, in the chat state's SQLite file
(bot.adapters.state).

    Subscriptions(StateFile)
        subscriptions(chat_id) / subscribe / unsubscribe / subscribers(topic)
        subscription_thread / move_subscriptions   the forum topic alerts go to
        pause / resume                             a chat that blocked or removed the bot
        data_year(fye) -> bool                     a newer complete year: alerts queued for it
        pending_alerts / claim_alert / release_alert   release alerts, each sent once

bot.adapters.state's ChatState is one; every change is one transaction, synced to disk.
"""

from __future__ import annotations

from bot.adapters.state_file import LOCAL_CHAT_ID, StateFile

_DATA_YEAR = "SELECT value FROM meta WHERE key = 'data_year'"
_SET_DATA_YEAR = (
    "INSERT INTO meta (key, value) VALUES ('data_year', ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
_QUEUE_ALERTS = (
    "INSERT OR IGNORE INTO alert (chat_id, topic, fye) "
    "SELECT chat_id, topic, ? FROM subscription WHERE NOT paused"
)
_PENDING = (
    "SELECT a.chat_id, a.topic, a.fye FROM alert a JOIN subscription s "
    "ON s.chat_id = a.chat_id AND s.topic = a.topic "
    "WHERE a.sent_at IS NULL AND NOT s.paused ORDER BY a.fye, a.topic, a.chat_id"
)


class Subscriptions(StateFile):
    """The chats' subscriptions and their release alerts (bot.adapters.state.ChatState)."""

    # subscriptions (release alerts and the like)

    def subscriptions(self, chat_id: int) -> list[str]:
        rows = self._read(
            "SELECT topic FROM subscription WHERE chat_id = ? ORDER BY topic", chat_id
        )
        return [topic for (topic,) in rows]

    def subscribe(self, chat_id: int, topic: str, thread: int | None = None) -> bool:
        """Whether the chat was not subscribed to ``topic`` before. ``thread``: the forum
        topic its alerts go to (a second /subscribe elsewhere moves them there)."""
        with self._change(durable=True) as db:
            sql = (
                "INSERT INTO subscription (chat_id, topic, thread_id) VALUES (?, ?, ?) "
                "ON CONFLICT (chat_id, topic) DO UPDATE SET thread_id = excluded.thread_id"
            )
            new = not db.execute(
                "SELECT 1 FROM subscription WHERE chat_id = ? AND topic = ?", (chat_id, topic)
            ).fetchone()
            db.execute(sql, (chat_id, topic, thread))
            self._memory.subscribed(chat_id, topic, True)
            return new

    def subscription_thread(self, chat_id: int, topic: str) -> int | None:
        """The forum topic a subscription's alerts go to (None: the chat, or General)."""
        rows = self._read(
            "SELECT thread_id FROM subscription WHERE chat_id = ? AND topic = ?", chat_id, topic
        )
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    def move_subscriptions(self, chat_id: int, thread: int | None, to: int | None = None) -> int:
        """Alerts of a closed or deleted topic go to ``to`` (None: General); how many."""
        with self._change(durable=True) as db:
            sql = "UPDATE subscription SET thread_id = ? WHERE chat_id = ? AND thread_id IS ?"
            return int(db.execute(sql, (to, chat_id, thread)).rowcount)

    def pause(self, chat_id: int) -> int:
        """The chat blocked or removed the bot: its alerts stop; how many were paused."""
        with self._change(durable=True) as db:
            sql = "UPDATE subscription SET paused = 1 WHERE chat_id = ? AND NOT paused"
            return int(db.execute(sql, (chat_id,)).rowcount)

    def resume(self, chat_id: int) -> int:
        """The chat has the bot back: its paused alerts start again; how many."""
        with self._change(durable=True) as db:
            sql = "UPDATE subscription SET paused = 0 WHERE chat_id = ? AND paused"
            return int(db.execute(sql, (chat_id,)).rowcount)

    def unsubscribe(self, chat_id: int, topic: str) -> bool:
        """Whether the chat was subscribed to ``topic``."""
        with self._change(durable=True) as db:
            sql = "DELETE FROM subscription WHERE chat_id = ? AND topic = ?"
            self._memory.subscribed(chat_id, topic, False)
            return db.execute(sql, (chat_id, topic)).rowcount == 1

    def subscribers(self, topic: str) -> list[int]:
        rows = self._read(
            "SELECT chat_id FROM subscription WHERE topic = ? AND NOT paused ORDER BY chat_id",
            topic,
        )
        return [chat_id for (chat_id,) in rows]

    # release alerts: queued when the data gain a year, each claimed once before it is sent

    def data_year(self, fye: int) -> bool:
        """Note the last complete year of the data the bot now reads. The first time, it is
        only remembered; a later year queues one alert per subscription for it (in the same
        transaction). Whether alerts were queued."""
        with self._change(durable=True) as db:
            row = db.execute(_DATA_YEAR).fetchone()
            if row is not None and int(row[0]) >= fye:
                return False
            db.execute(_SET_DATA_YEAR, (str(fye),))
            if row is None:
                return False
            db.execute(_QUEUE_ALERTS, (fye,))
            return True

    def pending_alerts(self) -> list[tuple[int, str, int]]:
        """(chat_id, topic, fye) of alerts not sent yet, for subscriptions still held (none
        for the local chat: Telegram cannot deliver to it)."""
        rows = self._read(_PENDING)
        return [(int(c), str(t), int(f)) for c, t, f in rows if c != LOCAL_CHAT_ID]

    def claim_alert(self, chat_id: int, topic: str, fye: int) -> bool:
        """Mark an alert as sent, before it goes: whether it was still to send (so two
        senders, or a restart, never send it twice)."""
        with self._change(durable=True) as db:
            sql = (
                "UPDATE alert SET sent_at = datetime('now') "
                "WHERE chat_id = ? AND topic = ? AND fye = ? AND sent_at IS NULL"
            )
            return db.execute(sql, (chat_id, topic, fye)).rowcount == 1

    def release_alert(self, chat_id: int, topic: str, fye: int) -> None:
        """An alert that could not go for a passing reason (network): to send again later."""
        with self._change(durable=True) as db:
            sql = "UPDATE alert SET sent_at = NULL WHERE chat_id = ? AND topic = ? AND fye = ?"
            db.execute(sql, (chat_id, topic, fye))
