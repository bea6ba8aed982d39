"""The messenger-neutral core: text in, Reply out.

    Core(store).answer("/force west mercia", ChatContext()) -> Reply

parse (bot.reading.parse) -> run (bot.run) -> render (bot.writing.render). Expected failures
(CoreError) become helpful replies here; anything else propagates to the adapter's error handler.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import bot.answers  # noqa: F401  (the registry: installs every answer's declaration)
from bot import commands, heap
from bot.cache import ReplyCache
from bot.commands import CONTEXTS
from bot.data import Data
from bot.errors import CoreError
from bot.inline import InlineResult, inline_results
from bot.reading.parse import Coverage, Parser, split_command
from bot.reading.question import with_notes
from bot.reply import ChatContext, Reply
from bot.run import run
from bot.writing import messages
from bot.writing.release_notes import naming_releases
from bot.writing.render import render
from queries.store import Store

log = logging.getLogger(__name__)


def open_core(data_dir: Path, cache_dir: Path | None, *, long_running: bool) -> Core:
    """The one way every mode gets its core (console, ``ask``, Telegram, the benchmark).

    ``long_running`` (the Telegram bot, the console chat): fetch the /force figures for every
    force at start, so even the first question is answered from memory, and set that heap
    aside from the garbage collector (bot.heap). A one-shot ``ask`` skips both: it answers
    one question, and start-up is what it is waiting for."""
    core = Core(Store.open(data_dir, cache_dir), prepare=long_running)
    if long_running:
        heap.settle()
    return core


class Core:
    def __init__(self, store: Store, *, reply_cache: int = 2048, prepare: bool = True) -> None:
        """``reply_cache``: how many rendered replies to keep (0 turns the cache off);
        ``prepare``: fetch every command's figures and build the question reader up front
        (a long-running bot), or not (a one-shot ``ask``, where start-up matters more)."""
        self.store = store
        self.cache = ReplyCache(reply_cache)
        self.data = Data(store)
        if prepare:
            self.data.prepare(commands.prefetched())
        coverage = Coverage(
            first_fye=self.data.first_fye,
            last_fye=self.data.last_fye,
            last_reported_fye=self.data.last_reported_fye,
        )
        self.parser = Parser.from_names(
            self.data.force_names(), self.data.region_names(), self.data.drug_names(), coverage
        )
        for force in self.data.forces.values():  # the Home Office's own spelling too
            self.parser.forces.add_alias(force["force_id"], force["name"])
        self.parser.set_places(self.data.place_forces())
        if prepare:
            self.parser.lexicon  # noqa: B018  (built now, not at the first plain question)

    def inline(self, query: str) -> tuple[InlineResult, ...]:
        """Result articles for an inline query (``@TheBot west mercia``)."""
        return inline_results(self, query)

    def answer(self, text: str, context: ChatContext | None = None) -> Reply:
        """The reply to one message or button payload (cached: the data never change while
        a Core runs, and a reply depends only on the text and the chat state it reads)."""
        context = context or ChatContext()
        key = cache_key(text, context)
        reply = self.cache.get(key)
        if reply is None:
            reply = self._answer(text, context)
            self.cache.put(key, reply)
        return reply

    def cached(self, text: str, context: ChatContext | None = None) -> Reply | None:
        """The reply if it is already known: a dictionary look-up, safe on the event loop."""
        return self.cache.get(cache_key(text, context or ChatContext()))

    def _answer(self, text: str, context: ChatContext) -> Reply:
        try:
            reading = self.parser.read(text, context)
            with naming_releases(self.data.release_notes):  # footers name imported releases
                result = render(run(reading.command, self.data, context))
            return with_notes(result, reading.notes)
        except CoreError as exc:
            return messages.error_reply(exc)


@lru_cache(maxsize=4096)
def command_name(text: str) -> str | None:
    """The command a question names, None for plain words (kept: the same questions come
    again and again, and each is looked up in the reply cache before anything else)."""
    return None if not text.lstrip().startswith("/") else split_command(text)[0]


def cache_key(text: str, context: ChatContext) -> tuple[object, ...]:
    """What a reply depends on: the question, and the parts of the chat's context its
    command declares it reads (bot.commands.Answer.reads; a question in plain words, what
    any answer it may become reads). A command cannot read context its key leaves out:
    tests/test_commands.py answers each one in chats that differ only outside its key."""
    read = commands.reads(command_name(text))
    return (text.strip()[:4096], *(getattr(context, part) if part in read else None
                                   for part in CONTEXTS))  # fmt: skip
