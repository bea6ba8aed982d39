"""A running bot takes new data without a restart: a fresh Core, swapped whole.

    CoreSlot(core)                   the one reference every handler reads the core through
        .current                     the core to answer with now
        .lease()                     ``with slot.lease() as core:`` the core, kept open until
                                     the block ends, even if a new one is swapped in meanwhile
        .swap(new)                   the new core in; the old one's store is closed when its
                                     last lease ends (at once if none is held)
    DataWatch(data_dir, cache_dir, version)
        .check() -> Core | None      a fresh read-only core if the data changed (blocking:
                                     call it in a worker thread), else None
    update_folder(data_dir)          where a running bot's `update` writes

Each Core has its own reply cache and query results, so they go with the old core. A Core
is only built from a folder that stayed the same while it was read: `update` writes
DATA_DIR by renaming a finished folder into place (bot.releases.update_files.write_folder), and
``check`` compares the folder's identity and every CSV's size and time before hashing
(queries.store.data_version) and after the store is open. A check that meets the folder
mid-swap (gone for a moment, or replaced while read) keeps the core in use, removes a
DuckDB file it built from the mixed read, and tries again at the next check. The core
never imports telegram: the Telegram adapter runs ``check`` on a timer and on SIGHUP.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import duckdb

from bot import paths
from bot.core import Core, open_core
from queries.store import DataError, data_version, default_cache_dir

log = logging.getLogger(__name__)


class Fingerprint(NamedTuple):
    folder: str
    inode: int
    mtime_ns: int
    files: tuple[tuple[str, int, int], ...]  # each CSV's name, size and time

    def changed_within(self, seconds: float) -> bool:
        newest = max([self.mtime_ns, *(mtime for _, _, mtime in self.files)])
        return seconds > 0 and time.time_ns() - newest < seconds * 1e9


def reading_folder(data_dir: Path) -> Path:
    """The folder the bot reads: DATA_DIR; when that is the bundled data, the user data
    folder once an update has made it (as a fresh start would choose, bot.paths)."""
    if _same(data_dir, paths.DATA_DIR):
        return paths.default_data_dir()
    return data_dir


def update_folder(data_dir: Path) -> Path:
    """Where a running bot's update writes: DATA_DIR, or the user data folder when the bot
    reads the bundled tables (as `seizure-bot update` does with DATA_DIR unset)."""
    return paths.user_data_dir() if _same(data_dir, paths.DATA_DIR) else data_dir


def _same(a: Path, b: Path) -> bool:
    return a.absolute().resolve() == b.absolute().resolve()


def fingerprint(folder: Path) -> Fingerprint | None:
    """The folder's identity and each CSV's name, size and time; None if it cannot be read
    right now (e.g. between the two renames of an update)."""
    try:
        info = folder.stat()
        files = [(p.name, p.stat()) for p in sorted(folder.glob("*.csv"))]
    except OSError:
        return None
    sizes = tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in files)
    return Fingerprint(str(folder.absolute()), info.st_ino, info.st_mtime_ns, sizes)


class DataWatch:
    """Notices a new data version in the folder the bot reads and opens it."""

    def __init__(self, data_dir: Path, cache_dir: Path | None, version: str) -> None:
        self.data_dir = data_dir
        self.cache_dir = cache_dir
        self.version = version  # the data version of the core in use
        self._seen: Fingerprint | None = None  # the folder as last checked
        self._lock = threading.Lock()  # one check at a time (timer and SIGHUP)

    def check(self, quiet: float = 0.0) -> Core | None:
        """``quiet``: open only a folder none of whose files changed in the last ``quiet``
        seconds (the timer's checks: a writer that does not swap the folder atomically may
        still be at work). SIGHUP and the bot's own update ask with 0: they come after the
        writing is done."""
        with self._lock:
            return self._check(reading_folder(self.data_dir), quiet)

    def _check(self, folder: Path, quiet: float) -> Core | None:
        before = fingerprint(folder)
        if before is None or before == self._seen or before.changed_within(quiet):
            return None
        self._seen = before  # a folder that cannot be read is tried again once it changes
        cache = self.cache_dir or default_cache_dir()
        known = set(cache.glob("seizures-*.duckdb"))
        try:
            version = data_version(folder)
            if version == self.version:
                return None
            core = open_core(folder, self.cache_dir, long_running=True)
        except (DataError, OSError, duckdb.Error) as exc:
            log.warning("New data in %s cannot be read (%s); still answering from %s",
                        folder, exc, self.version)  # fmt: skip
            return None
        if fingerprint(folder) != before or core.store.version != version:
            close_core(core)
            if core.store.path not in known:  # built from a mixed read: never reuse it
                core.store.path.unlink(missing_ok=True)
            log.info("%s changed while it was read; trying again at the next check", folder)
            self._seen = None
            return None
        log.info("New data version %s in %s (was %s)", version, folder, self.version)
        self.version = version
        return core


class CoreSlot:
    """The current core, swapped whole; an old core is closed once nobody uses it."""

    def __init__(self, core: Core) -> None:
        self._core = core
        self._lock = threading.Lock()
        self._leases: dict[int, int] = {}  # id(core) -> blocks using it
        self._retired: dict[int, Core] = {}  # swapped out, still leased

    @property
    def current(self) -> Core:
        return self._core

    @contextmanager
    def lease(self) -> Iterator[Core]:
        with self._lock:
            core = self._core
            self._leases[id(core)] = self._leases.get(id(core), 0) + 1
        try:
            yield core
        finally:
            with self._lock:
                left = self._leases.pop(id(core)) - 1
                if left:
                    self._leases[id(core)] = left
                retired = self._retired.pop(id(core), None) if not left else None
            if retired is not None:
                close_core(retired)

    def swap(self, core: Core) -> Core:
        """Put ``core`` in place; returns the old one (closed, or closing when released)."""
        with self._lock:
            old, self._core = self._core, core
            in_use = self._leases.get(id(old), 0) > 0 and old is not core
            if in_use:
                self._retired[id(old)] = old
        if not in_use and old is not core:
            close_core(old)
        return old


def close_core(core: Core) -> None:
    """Close a core's store (a test double may have none)."""
    store = getattr(core, "store", None)
    if store is not None:
        store.close()
