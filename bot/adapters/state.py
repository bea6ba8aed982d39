"""What the bot keeps about each chat, in SQLite (stdlib ``sqlite3``, WAL).

    open_state(path, legacy_pickle) -> ChatState   checked at start-up: StateError (one line)
                                                   if the path cannot hold a database; a file
                                                   that is not a readable database is moved
                                                   aside with one warning and a fresh one begun
    ChatState
        chat(chat_id, thread, user) -> ChatSettings   the default force and the last query
                                                   (from memory, written through)
        preload() / refresh()                      every row into memory / read again what
                                                   another process changed
        default_force / set_default_force          /setforce, /myforce (per forum topic,
                                                   falling back to the chat's)
        last_query / set_last_query                what /csv with no question sends (in a
                                                   group: per person, and per topic)
        subscriptions(chat_id) / subscribe / unsubscribe / subscribers(topic)
        subscription_thread / move_subscriptions   the forum topic alerts go to
        pause / resume                             a chat that blocked or removed the bot
        note_sent / sent_message                   the bot's messages: their forum topic
                                                   and question (old buttons, /csv replies)
        data_year(fye) -> bool                     a newer complete year: alerts queued for it
        pending_alerts / claim_alert / release_alert   release alerts, each sent once
        migrate(old_id, new_id)                    a group became a supergroup: its rows move

Every change is one transaction, committed before the method returns, so before the bot
tells anyone it is saved. Changes that people make (a default force, a subscription, a
migration) are synced to disk (``synchronous=FULL``); the last query, written after most
answers, only reaches the operating system (``NORMAL``: it survives the process being
killed, not a power cut). Columns are updated one by one (``ON CONFLICT DO UPDATE``), and
WAL with a busy timeout serialises writers, so two processes on one file keep every write.

Reads come from memory (bot.adapters.chat_memory): ``chat()``, asked for every update,
reads no SQLite once a chat's rows are known; the bot ``preload()``s every row at start, so
not even for a new chat (up to CACHED_ROWS of each kind; beyond that the oldest are forgotten
and read again when asked). Every write goes to SQLite and to memory together
(write-through), and a write that fails leaves memory forgotten, to be read again. Another
process's writes are seen at the next ``refresh()`` (``PRAGMA data_version``): the bot
refreshes with each flush (every 2 s), the console and ``ask`` before each question.
The core never imports this module; the Telegram adapter does.
"""

from __future__ import annotations

import logging
import pickle
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.adapters.chat_memory import MISSING, Memory

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
LOCAL_CHAT_ID = 0  # the console and `ask`: one local chat (Telegram never uses id 0)
BUSY_SECONDS = 5.0  # how long a write waits for another process holding the lock
CORRUPT = ("SQLITE_NOTADB", "SQLITE_CORRUPT")  # error names (and SQLITE_CORRUPT_* ones)
SCHEMA = """
CREATE TABLE IF NOT EXISTS chat (
    chat_id       INTEGER PRIMARY KEY,
    default_force TEXT,  -- a force_id set with /setforce
    last_query    TEXT   -- the csv_query of the chat's last answer
);
CREATE TABLE IF NOT EXISTS subscription (
    chat_id INTEGER NOT NULL,
    topic   TEXT NOT NULL,  -- e.g. 'release': what the chat wants to hear about
    PRIMARY KEY (chat_id, topic)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS subscription_by_topic ON subscription (topic, chat_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS topic (  -- a forum topic's own settings
    chat_id       INTEGER NOT NULL,
    thread_id     INTEGER NOT NULL,
    default_force TEXT,
    PRIMARY KEY (chat_id, thread_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sent (  -- the bot's recent messages (the newest SENT_KEPT)
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    thread_id  INTEGER,  -- the forum topic it went to
    query      TEXT,     -- the csv_query of the answer it carries
    at         REAL NOT NULL,  -- when it went (unix time)
    PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sent_by_time ON sent (at);
CREATE TABLE IF NOT EXISTS last_answer (  -- in groups: each person's, per topic (0: none)
    chat_id    INTEGER NOT NULL,
    thread_id  INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    last_query TEXT,
    PRIMARY KEY (chat_id, thread_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alert (
    chat_id INTEGER NOT NULL,
    topic   TEXT NOT NULL,     -- the subscription it is for
    fye     INTEGER NOT NULL,  -- the new year whose card it sends
    sent_at TEXT,              -- when it was claimed for sending (NULL: still to send)
    PRIMARY KEY (chat_id, topic, fye)
) WITHOUT ROWID;
"""
_SET_COLUMN = {  # fixed statements: a column name never comes from outside
    "default_force": "INSERT INTO chat (chat_id, default_force) VALUES (?, ?) "
    "ON CONFLICT (chat_id) DO UPDATE SET default_force = excluded.default_force",
    "last_query": "INSERT INTO chat (chat_id, last_query) VALUES (?, ?) "
    "ON CONFLICT (chat_id) DO UPDATE SET last_query = excluded.last_query",
}
_MIGRATE = (  # the two DELETEs counted by migrate() stay second and fourth
    "INSERT INTO chat (chat_id, default_force, last_query) "
    "SELECT :new, default_force, last_query FROM chat WHERE chat_id = :old "
    "ON CONFLICT (chat_id) DO UPDATE SET "  # what the new chat already has wins
    "default_force = coalesce(chat.default_force, excluded.default_force), "
    "last_query = coalesce(chat.last_query, excluded.last_query)",
    "DELETE FROM chat WHERE chat_id = :old",
    "INSERT OR IGNORE INTO subscription (chat_id, topic, thread_id, paused) "
    "SELECT :new, topic, thread_id, paused FROM subscription WHERE chat_id = :old",
    "DELETE FROM subscription WHERE chat_id = :old",
    "UPDATE OR IGNORE alert SET chat_id = :new WHERE chat_id = :old",
    "DELETE FROM alert WHERE chat_id = :old",  # those the new chat already had
    "UPDATE OR IGNORE topic SET chat_id = :new WHERE chat_id = :old",
    "DELETE FROM topic WHERE chat_id = :old",
    "UPDATE OR IGNORE last_answer SET chat_id = :new WHERE chat_id = :old",
    "DELETE FROM last_answer WHERE chat_id = :old",
    "DELETE FROM sent WHERE chat_id = :old",  # the old chat's messages cannot be pressed
)
# columns added in schema version 2 (a table made by version 1 lacks them)
_ADDED_COLUMNS = {
    "subscription": {
        "thread_id": "INTEGER",  # the forum topic /subscribe was sent in (NULL: none)
        "paused": "INTEGER NOT NULL DEFAULT 0",  # 1: the chat blocked or removed the bot
    },
}
_SET_TOPIC_FORCE = (
    "INSERT INTO topic (chat_id, thread_id, default_force) VALUES (?, ?, ?) "
    "ON CONFLICT (chat_id, thread_id) DO UPDATE SET default_force = excluded.default_force"
)
_SET_LAST_ANSWER = (
    "INSERT INTO last_answer (chat_id, thread_id, user_id, last_query) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (chat_id, thread_id, user_id) DO UPDATE SET last_query = excluded.last_query"
)
SENT_KEPT = 100_000  # the bot's messages remembered, newest first
_NOTE_SENT = (
    "INSERT OR REPLACE INTO sent (chat_id, message_id, thread_id, query, at) VALUES (?, ?, ?, ?, ?)"
)
_FORGET_SENT = "DELETE FROM sent WHERE at < (SELECT at FROM sent ORDER BY at DESC LIMIT 1 OFFSET ?)"
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


class StateError(Exception):
    """STATE_PATH cannot hold the chats' state (a folder, unwritable, no room); one line."""


@dataclass(frozen=True)
class ChatSettings:
    default_force: str | None = None
    last_query: str | None = None
    subscriptions: tuple[str, ...] = ()
    force_of: str = "chat"  # whose default force it is: the chat's or the topic's


Key = tuple[int, int, int]  # chat, thread (0: none), user (0: the chat's own)


class ChatState:
    """One chat-state database. Safe to share between threads (one lock, one connection)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        # last_query by chat, not yet written: kept in memory and written by flush() (every
        # few seconds and at close), so answering a question costs no commit
        self._unwritten: dict[Key, str | None] = {}
        self._unsent: dict[tuple[int, int], tuple[int | None, str | None, float]] = {}
        self._memory = Memory()  # what chat() reads, written through (module docstring)
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
            for statement in _statements():  # not executescript: it would commit midway
                db.execute(statement)
            for table, columns in _ADDED_COLUMNS.items():
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
                db.executemany(_SET_COLUMN["last_query"], chats)
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

    # chat settings

    def chat(
        self, chat_id: int, thread: int | None = None, user: int | None = None
    ) -> ChatSettings:
        """A chat's settings and subscriptions, from memory (every update asks for them).
        ``thread``: a forum topic, whose own default force wins; ``user``: the person whose
        last answer a bare /csv gives (in groups), else the chat's."""
        key = (chat_id, thread or 0, user or 0)
        memory, db = self._memory, self._db
        with self._lock:
            force, topics = memory.chat(db, chat_id)
            last = self._unwritten.get(key, MISSING)
            if last is MISSING:
                last = memory.last(db, key)
            own = memory.topic_force(db, chat_id, key[1]) if key[1] else None
        if own:
            return ChatSettings(own, last, topics, "topic")
        return ChatSettings(force, last, topics)

    def default_force(self, chat_id: int, thread: int | None = None) -> str | None:
        return self.chat(chat_id, thread).default_force

    def last_query(
        self, chat_id: int, thread: int | None = None, user: int | None = None
    ) -> str | None:
        return self.chat(chat_id, thread, user).last_query

    def set_default_force(
        self, chat_id: int, force_id: str | None, thread: int | None = None
    ) -> None:
        """The chat's default force, or a forum topic's (``thread``)."""
        with self._change(durable=True) as db:
            if thread:
                db.execute(_SET_TOPIC_FORCE, (chat_id, thread, force_id))
                self._memory.set_topic_force(chat_id, thread, force_id)
            else:
                db.execute(_SET_COLUMN["default_force"], (chat_id, force_id))
                self._memory.set_force(chat_id, force_id)

    def set_last_query(
        self, chat_id: int, query: str | None, thread: int | None = None, user: int | None = None
    ) -> None:
        """The question a later bare /csv answers: context, not a setting the person is told
        was saved, so it is written with the next flush() rather than at once. ``user`` and
        ``thread``: a person's own, in a group (and a topic)."""
        key = (chat_id, thread or 0, user or 0)
        with self._lock:
            self._unwritten[key] = query
            self._memory.set_last(key, query)

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

    # a group upgraded to a supergroup gets a new chat id

    def migrate(self, old_id: int, new_id: int) -> bool:
        """Move ``old_id``'s rows to ``new_id`` (settings the new chat already has win);
        whether there was anything to move. Running it twice is harmless."""
        if old_id == new_id:
            return False
        self.flush()
        with self._change(durable=True) as db:
            ids = {"old": old_id, "new": new_id}
            moved = [db.execute(sql, ids).rowcount for sql in _MIGRATE]
            self._memory.load(db, (old_id, new_id))  # both chats' rows as they are now
        return moved[1] + moved[3] > 0  # the old chat's rows deleted once copied

    # the python-telegram-bot PicklePersistence file of earlier versions

    def import_pickle(self, path: Path) -> int | None:
        """Import the chats' settings from an old PicklePersistence file, once: None if
        there is no such file or it was imported before, else how many chats it held.
        The file is left as it is."""
        if not path.is_file() or self._read("SELECT 1 FROM meta WHERE key = 'imported_pickle'"):
            return None
        chats = read_pickle_chats(path)
        with self._change(durable=True) as db:
            for chat_id, data in chats.items():
                db.execute(
                    "INSERT INTO chat (chat_id, default_force, last_query) VALUES (?, ?, ?) "
                    "ON CONFLICT (chat_id) DO NOTHING",
                    (chat_id, data.get("default_force"), data.get("last_query")),
                )
            db.execute("INSERT INTO meta (key, value) VALUES ('imported_pickle', ?)", (str(path),))
            self._memory.forget()
            if self._everything:
                self._memory.load(db)
        return len(chats)


def _statements() -> list[str]:
    return [s.strip() for s in SCHEMA.split(";") if s.strip()]


class _SafeUnpickler(pickle.Unpickler):
    """Only plain containers: a pickle can run code, and this one only ever held strings."""

    ALLOWED = {("builtins", "dict"), ("builtins", "list"), ("collections", "defaultdict")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not expected in chat data")
        return super().find_class(module, name)

    def persistent_load(self, pid: Any) -> Any:
        return None  # python-telegram-bot's stand-in for the Bot object


def read_pickle_chats(path: Path) -> dict[int, dict[str, str]]:
    """``chat_data`` of a PicklePersistence file: chat id -> its string settings."""
    try:
        with path.open("rb") as file:
            data = _SafeUnpickler(file).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError) as exc:
        log.warning("Could not read the old settings file %s (%s); not imported", path, exc)
        return {}
    chat_data = data.get("chat_data") if isinstance(data, dict) else None
    if not isinstance(chat_data, dict):
        return {}
    return {
        int(chat_id): {key: value for key, value in values.items() if isinstance(value, str)}
        for chat_id, values in chat_data.items()
        if isinstance(chat_id, int) and isinstance(values, dict)
    }


def open_state(path: Path, legacy_pickle: Path | None = None) -> ChatState:
    """The chat state at ``path``, made if need be, with an old pickle imported once."""
    state = _open_or_start_afresh(path)
    if legacy_pickle is not None:
        try:
            imported = state.import_pickle(legacy_pickle)
        except sqlite3.Error as exc:
            state.close()
            raise StateError(_unusable(path, exc)) from None
        if imported is not None:
            log.info("Imported the settings of %d chats from %s", imported, legacy_pickle)
    return state


def _open_or_start_afresh(path: Path) -> ChatState:
    if path.is_dir():
        raise StateError(f"STATE_PATH {path} is a folder; it must name a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "a file is in the way" if isinstance(exc, FileExistsError) else exc.strerror
        raise StateError(f"STATE_PATH {path}: cannot make its folder ({reason})") from None
    try:
        return ChatState(path)
    except sqlite3.Error as exc:
        if not is_corrupt(exc):
            raise StateError(_unusable(path, exc)) from None
        aside = _move_aside(path)
        log.warning(
            "STATE_PATH %s was not a readable database (%s); moved it to %s and began afresh",
            path,
            exc,
            aside.name,
        )
    try:
        return ChatState(path)
    except sqlite3.Error as exc:
        raise StateError(_unusable(path, exc)) from None


def is_corrupt(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(CORRUPT) or str(exc).startswith("quick_check")


def _unusable(path: Path, exc: sqlite3.Error) -> str:
    return f"STATE_PATH {path} cannot be used for the chats' state ({exc})"


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.replace(aside.with_name(aside.name + suffix))
    return aside
