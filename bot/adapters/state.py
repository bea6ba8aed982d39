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
    remember(state, Asker(chat, thread, user), kept, reply)   what a reply asks the chat to
                                                   keep, written if new (every adapter)

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

Here: ChatState (chat settings, migrate, the old pickle) and open_state; ChatState builds on
bot.adapters.state_subscriptions (subscriptions, release alerts), which builds on
bot.adapters.state_file (the connection, transactions, memory, flush, the bot's messages);
the tables are in bot.adapters.state_schema.
"""

from __future__ import annotations

import logging
import pickle
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.adapters.chat_memory import MISSING
from bot.adapters.state_file import LOCAL_CHAT_ID, SET_COLUMN
from bot.adapters.state_subscriptions import Subscriptions
from bot.reply import Reply

__all__ = [
    "LOCAL_CHAT_ID",
    "Asker",
    "ChatSettings",
    "ChatState",
    "StateError",
    "open_state",
    "remember",
]

log = logging.getLogger(__name__)

CORRUPT = ("SQLITE_NOTADB", "SQLITE_CORRUPT")  # error names (and SQLITE_CORRUPT_* ones)
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
_SET_TOPIC_FORCE = (
    "INSERT INTO topic (chat_id, thread_id, default_force) VALUES (?, ?, ?) "
    "ON CONFLICT (chat_id, thread_id) DO UPDATE SET default_force = excluded.default_force"
)


class StateError(Exception):
    """STATE_PATH cannot hold the chats' state (a folder, unwritable, no room); one line."""


@dataclass(frozen=True)
class ChatSettings:
    default_force: str | None = None
    last_query: str | None = None
    subscriptions: tuple[str, ...] = ()
    force_of: str = "chat"  # whose default force it is: the chat's or the topic's


class ChatState(Subscriptions):
    """One chat-state database. Safe to share between threads (one lock, one connection)."""

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
                db.execute(SET_COLUMN["default_force"], (chat_id, force_id))
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


@dataclass(frozen=True)
class Asker:
    """Whose context an answer belongs to: the chat, its forum topic, the person (groups)."""

    chat_id: int
    thread: int | None = None
    user: int | None = None


def remember(state: ChatState, asker: Asker, kept: ChatSettings, reply: Reply) -> None:
    """Keep what the core asks the chat to remember, if it is new (one commit each): a
    default force for the topic (or chat), the last answer for the person, alerts to the
    topic."""
    chat_id, thread = asker.chat_id, asker.thread
    if reply.set_default_force and (
        reply.set_default_force != kept.default_force or kept.force_of != "topic" and thread
    ):
        state.set_default_force(chat_id, reply.set_default_force, thread)
    if reply.csv_query and reply.csv_query != kept.last_query:
        state.set_last_query(chat_id, reply.csv_query, thread, asker.user)
    if reply.subscribe:
        state.subscribe(chat_id, reply.subscribe, thread)
    for topic in reply.unsubscribe:
        state.unsubscribe(chat_id, topic)
