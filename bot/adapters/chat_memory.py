"""What bot.adapters.state.ChatState keeps in memory of its SQLite file, so that reading a chat's
settings (every update does) costs no query.

    Memory(limit)
        load(db, chat_ids=None) -> bool   every row (or these chats'), at most ``limit`` of
                                          each kind; whether they all fitted (``complete``:
                                          a chat not in memory then has no rows at all)
        chat / last / topic_force(db, ...)   from memory, else read from SQLite and kept
        set_force / set_topic_force / set_last / subscribed   a write, followed in memory
        forget(*chat_ids)                 read them again from SQLite (all: everything)

The caller holds the one lock around every call and writes SQLite itself (write-through);
memory only follows. Each kind of row is bounded: past ``limit`` the oldest is forgotten,
and memory no longer claims to be complete.
"""

from __future__ import annotations

import sqlite3
from typing import Any

CACHED_ROWS = 100_000  # rows of each kind kept in memory (chats, topics, last answers)
Key = tuple[int, int, int]  # chat, thread (0: none), user (0: the chat's own)
Topics = tuple[str, ...]
MISSING: Any = object()  # not in memory

# a chat's settings and its subscriptions in one read (topics never hold a newline)
_CHAT = (
    "SELECT c.default_force, c.last_query,"
    " (SELECT group_concat(topic, char(10)) FROM"
    "  (SELECT topic FROM subscription WHERE chat_id = ?1 ORDER BY topic))"
    " FROM (SELECT 1) LEFT JOIN chat c ON c.chat_id = ?1"
)
_TOPIC_FORCE = "SELECT default_force FROM topic WHERE chat_id = ? AND thread_id = ?"
_LAST_ANSWER = (
    "SELECT last_query FROM last_answer WHERE chat_id = ? AND thread_id = ? AND user_id = ?"
)
_ALL = {  # every row of a kind, or those of the chats in ``chat_ids`` (a JSON list)
    "chat": "SELECT chat_id, default_force, last_query FROM chat",
    "subscription": "SELECT chat_id, topic FROM subscription",
    "topic": "SELECT chat_id, thread_id, default_force FROM topic",
    "last_answer": "SELECT chat_id, thread_id, user_id, last_query FROM last_answer",
}
_OF_CHATS = " WHERE chat_id IN (SELECT value FROM json_each(?))"


class Rows(dict[Any, Any]):
    """Rows read or written lately, at most ``limit`` of them (the oldest forgotten first)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.evicted = False  # some row was forgotten for room

    def keep(self, key: Any, value: Any) -> None:
        self[key] = value
        if len(self) > self.limit:
            del self[next(iter(self))]
            self.evicted = True


class Memory:
    def __init__(self, limit: int = CACHED_ROWS) -> None:
        self.chats = Rows(limit)  # chat_id -> (default force, subscriptions)
        self.topics = Rows(limit)  # (chat_id, thread) -> the topic's default force
        self.lasts = Rows(limit)  # Key -> last query ((chat, 0, 0): the chat's own)
        self._complete = False

    @property
    def complete(self) -> bool:
        """Every row of the file is in memory: a chat, topic or person not here has none."""
        rows = (self.chats, self.topics, self.lasts)
        return self._complete and not any(r.evicted for r in rows)

    @property
    def forgotten(self) -> bool:
        """Not loaded whole since everything was last forgotten (a failed write)."""
        return not self._complete

    def forget(self, *chat_ids: int) -> None:
        """Forget these chats (every chat if none is named; memory is then not complete)."""
        if not chat_ids:
            for rows in (self.chats, self.topics, self.lasts):
                rows.clear()
                rows.evicted = False
            self._complete = False
            return
        for chat_id in chat_ids:
            self.chats.pop(chat_id, None)
        for rows in (self.topics, self.lasts):
            for key in [key for key in rows if key[0] in chat_ids]:
                del rows[key]

    def load(self, db: sqlite3.Connection, chat_ids: tuple[int, ...] | None = None) -> bool:
        """Every row of the file (or of ``chat_ids``, which are forgotten first) into memory;
        whether it all fitted, which makes memory complete."""
        if chat_ids is None:
            self.forget()
        else:
            self.forget(*chat_ids)
        where, params = ("", ()) if chat_ids is None else (_OF_CHATS, (str(list(chat_ids)),))
        read = {kind: db.execute(sql + where, params).fetchall() for kind, sql in _ALL.items()}
        subscribed: dict[int, list[str]] = {}
        for chat_id, topic in read["subscription"]:
            subscribed.setdefault(chat_id, []).append(topic)
        settings = {chat_id: (force, last) for chat_id, force, last in read["chat"]}
        for chat_id in settings.keys() | subscribed.keys():
            force, last = settings.get(chat_id, (None, None))
            self.chats.keep(chat_id, (force, tuple(sorted(subscribed.get(chat_id, ())))))
            self.lasts.keep((chat_id, 0, 0), last)
        for chat_id, thread, force in read["topic"]:
            self.topics.keep((chat_id, thread), force)
        for chat_id, thread, user, last in read["last_answer"]:
            self.lasts.keep((chat_id, thread, user), last)
        if chat_ids is None:
            self._complete = True
        return self.complete

    # reads: memory first; SQLite only for what memory may not hold

    def chat(self, db: sqlite3.Connection, chat_id: int) -> tuple[str | None, Topics]:
        row = self.chats.get(chat_id)
        if row is not None:
            return row  # type: ignore[no-any-return]
        if self.complete:
            return None, ()
        force, last, topics = db.execute(_CHAT, (chat_id,)).fetchone()
        row = (force, tuple(topics.split("\n")) if topics else ())
        self.chats.keep(chat_id, row)
        if (chat_id, 0, 0) not in self.lasts:
            self.lasts.keep((chat_id, 0, 0), last)
        return row  # type: ignore[no-any-return]

    def last(self, db: sqlite3.Connection, key: Key) -> str | None:
        last = self.lasts.get(key, MISSING)
        if last is not MISSING:
            return last  # type: ignore[no-any-return]
        if self.complete:
            return None
        if key[1:] == (0, 0):
            self.chat(db, key[0])
            return self.lasts.get(key)
        row = db.execute(_LAST_ANSWER, key).fetchone()
        self.lasts.keep(key, row[0] if row else None)
        return row[0] if row else None

    def topic_force(self, db: sqlite3.Connection, chat_id: int, thread: int) -> str | None:
        force = self.topics.get((chat_id, thread), MISSING)
        if force is not MISSING:
            return force  # type: ignore[no-any-return]
        if self.complete:
            return None
        row = db.execute(_TOPIC_FORCE, (chat_id, thread)).fetchone()
        self.topics.keep((chat_id, thread), row[0] if row else None)
        return row[0] if row else None

    # writes, once they are in SQLite's transaction

    def set_force(self, chat_id: int, force: str | None) -> None:
        row = self.chats.get(chat_id)
        if row is not None or self.complete:
            self.chats.keep(chat_id, (force, row[1] if row else ()))

    def set_topic_force(self, chat_id: int, thread: int, force: str | None) -> None:
        self.topics.keep((chat_id, thread), force)

    def set_last(self, key: Key, query: str | None) -> None:
        self.lasts.keep(key, query)

    def subscribed(self, chat_id: int, topic: str, held: bool) -> None:
        row = self.chats.get(chat_id)
        if row is None and not self.complete:
            return  # read from SQLite when asked
        force, topics = row or (None, ())
        kept = set(topics) | {topic} if held else set(topics) - {topic}
        self.chats.keep(chat_id, (force, tuple(sorted(kept))))
