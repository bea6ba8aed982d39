"""The chat state's SQLite file (bot.adapters.state): the connection, its transactions,
the memory read in its place, and the writes that wait for the next flush.

    StateFile(path)                  opened, checked (quick_check) and brought up to the
                                     schema (bot.adapters.state_schema)
        _change(durable) / _read(sql)  one transaction (in the lock) / one read
        preload() / refresh()        every row into memory / read again what another
                                     process changed
        flush() / close()            write what waits (the last queries, the bot's messages)
        note_sent / sent_message     the bot's messages: their forum topic and question

bot.adapters.state's ChatState builds on it (bot.adapters.state_subscriptions in between);
the module docstring there says how writes reach the disk and how memory follows them.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.adapters.chat_memory import Memory
from bot.adapters.state_schema import ADDED_COLUMNS, SCHEMA_VERSION, statements

LOCAL_CHAT_ID = 0  # the console and `ask`: one local chat (Telegram never uses id 0)
BUSY_SECONDS = 5.0  # how long a write waits for another process holding the lock
SET_COLUMN = {  # fixed statements: a column name never comes from outside
    "default_force": "INSERT INTO chat (chat_id, default_force) VALUES (?, ?) "
    "ON CONFLICT (chat_id) DO UPDATE SET default_force = excluded.default_force",
    "last_query": "INSERT INTO chat (chat_id, last_query) VALUES (?, ?) "
    "ON CONFLICT (chat_id) DO UPDATE SET last_query = excluded.last_query",
}
_SET_LAST_ANSWER = (
    "INSERT INTO last_answer (chat_id, thread_id, user_id, last_query) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (chat_id, thread_id, user_id) DO UPDATE SET last_query = excluded.last_query"
)
SENT_KEPT = 100_000  # the bot's messages remembered, newest first
_NOTE_SENT = (
    "INSERT OR REPLACE INTO sent (chat_id, message_id, thread_id, query, at) VALUES (?, ?, ?, ?, ?)"
)
_FORGET_SENT = "DELETE FROM sent WHERE at < (SELECT at FROM sent ORDER BY at DESC LIMIT 1 OFFSET ?)"

Key = tuple[int, int, int]  # chat, thread (0: none), user (0: the chat's own)


class StateFile:
    """The SQLite file of the chats' state, one connection behind one lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        # last_query by chat, not yet written: kept in memory and written by flush() (every
        # few seconds and at close), so answering a question costs no commit
        self._unwritten: dict[Key, str | None] = {}
        self._unsent: dict[tuple[int, int], tuple[int | None, str | None, float]] = {}
        self._memory = Memory()  # what chat() reads, written through (bot.adapters.state)
        self._everything = False  # preload(): memory holds every row, kept so on refresh
        self._version = 0  # PRAGMA data_version when memory was last known to match
        self._db = sqlite3.connect(
            path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
        )
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            raise

    def _prepare(self) -> None:
        db = self._db
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        problem = db.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {problem}")
        with self._change(durable=True):  # also proves the file can be written
            for statement in statements():  # not executescript: it would commit midway
                db.execute(statement)
            for table, columns in ADDED_COLUMNS.items():
                have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
                for name, kind in columns.items():
                    if name not in have:
                        db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._version = self._data_version()

    @contextmanager
    def _change(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction, committed on leaving (rolled back on an error); ``durable``:
        synced to disk before it returns."""
        with self._lock:
            if durable:
                self._db.execute("PRAGMA synchronous = FULL")
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                    self._db.execute("COMMIT")
                except BaseException:
                    self._memory.forget()  # it may hold what was not committed: read again
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
            finally:
                if durable:
                    self._db.execute("PRAGMA synchronous = NORMAL")

    def _data_version(self) -> int:
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def preload(self) -> bool:
        """Every chat's rows into memory (at most CACHED_ROWS of each kind), so that chat()
        reads no SQLite even for a chat never seen before; the bot calls it at start, and
        refresh() reloads. Whether they all fitted."""
        with self._lock:
            self._everything = True
            self._version = self._data_version()
            return self._memory.load(self._db)

    def refresh(self) -> bool:
        """Read again what memory holds if another connection (another process) has written
        to the file since the last look (or a failed write left memory short); whether it
        had."""
        with self._lock:
            version = self._data_version()
            changed, self._version = version != self._version, version
            if self._everything and (changed or self._memory.forgotten):
                self._memory.load(self._db)
            elif changed:
                self._memory.forget()
        return changed

    def _read(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def close(self) -> None:
        self.flush()
        with self._lock:
            self._db.close()

    def flush(self) -> int:
        """Write the questions a later bare /csv answers, kept since the last flush, in one
        transaction, then refresh(); how many chats' were written."""
        written = 0
        if self._unwritten or self._unsent:
            with self._change() as db:  # taken in the lock, so chat() never misses them
                unwritten, self._unwritten = self._unwritten, {}
                unsent, self._unsent = self._unsent, {}
                chats = [(key[0], q) for key, q in unwritten.items() if key[1:] == (0, 0)]
                people = [(*key, q) for key, q in unwritten.items() if key[1:] != (0, 0)]
                db.executemany(SET_COLUMN["last_query"], chats)
                db.executemany(_SET_LAST_ANSWER, people)
                db.executemany(_NOTE_SENT, [(*key, *value) for key, value in unsent.items()])
                if unsent:
                    db.execute(_FORGET_SENT, (SENT_KEPT,))
                written = len(unwritten)
        self.refresh()
        return written

    # the bot's own messages

    def note_sent(
        self, chat_id: int, message_id: int, thread: int | None, query: str | None
    ) -> None:
        """A message the bot sent: the topic it went to and the question of its answer
        (written with the next flush(), like the last query)."""
        with self._lock:
            self._unsent[(chat_id, message_id)] = (thread, query, time.time())

    def sent_message(self, chat_id: int, message_id: int) -> tuple[int | None, str | None] | None:
        """(forum topic, question) of a message the bot sent, if it is remembered."""
        with self._lock:
            kept = self._unsent.get((chat_id, message_id))
            if kept is not None:
                return kept[0], kept[1]
            sql = "SELECT thread_id, query FROM sent WHERE chat_id = ? AND message_id = ?"
            row = self._db.execute(sql, (chat_id, message_id)).fetchone()
        return (row[0], row[1]) if row else None
