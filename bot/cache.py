"""A bounded, thread-safe LRU of rendered replies.

The data behind a Core never change while it runs (a new ingest means a new store and a new
Core), so a reply depends only on the question and the chat state it reads. Bounded both by
count and by the bytes of the charts and CSV files it holds.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from bot.reply import Reply


class ReplyCache:
    def __init__(self, max_items: int = 2048, max_file_bytes: int = 32 * 1024 * 1024) -> None:
        self.max_items = max_items
        self.max_file_bytes = max_file_bytes
        self._items: OrderedDict[Hashable, Reply] = OrderedDict()
        self._file_bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def _size(reply: Reply) -> int:
        return len(reply.png or b"") + len(reply.csv or b"")

    def get(self, key: Hashable) -> Reply | None:
        with self._lock:
            reply = self._items.get(key)
            if reply is not None:
                self._items.move_to_end(key)
            return reply

    def put(self, key: Hashable, reply: Reply) -> None:
        if self.max_items <= 0 or self._size(reply) > self.max_file_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._file_bytes -= self._size(old)
            self._items[key] = reply
            self._file_bytes += self._size(reply)
            while len(self._items) > self.max_items or self._file_bytes > self.max_file_bytes:
                _, evicted = self._items.popitem(last=False)
                self._file_bytes -= self._size(evicted)

    def __len__(self) -> int:
        return len(self._items)
