"""What an answer is, declared once, and the tables every other part derives from it.

Each answer module declares its command(s) once as ``ANSWER = Answer(...)`` (or ``ANSWERS``
for a module with several): name, usage, summary, example, how its arguments are parsed,
how a plain question is planned into it and with which words, what chat context it reads,
what it prefetches, whether /csv may download it, and the buttons it adds under other
answers' cards. Its run, render and table steps register themselves by result type
(``@run.register``, ``@render.register``, ``@to_table.register``).

``bot.answers`` (the registry: it lists the answer modules once) installs the declarations
here; the parser, the question planner, /help, the Telegram menus, the reply cache keys,
the start-up prefetch and the README check all read them from here. This module imports no
other module of the bot (the answers import it), so it describes steps by their shape only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, overload

# The parts of a chat's context (bot.reply.ChatContext) an answer may read; each one it
# reads is in the key its cached replies are kept under (bot.core.cache_key).
# place: whose default /setforce sets (the chat's, or a forum topic's); default_force_of:
# whose default default_force is.
Context = Literal["default_force", "last_query", "subscriptions", "place", "default_force_of"]
CONTEXTS: tuple[Context, ...] = (
    "default_force",
    "last_query",
    "subscriptions",
    "place",
    "default_force_of",
)


@dataclass(frozen=True)
class Answer:
    name: str
    args: str  # usage after the command name, e.g. "<force> [year]"
    summary: str  # one line for /help and the Telegram menu (at most 256 characters)
    example: str  # a full example, e.g. "/force West Mercia 2018-19"
    # (name, arguments, bot.reading.parse.Parser, ChatContext) -> bot.reading.parse.Command
    parse: Callable[[str, str, Any, Any], Any]
    reads: frozenset[Context] = frozenset()  # the chat context its reply depends on
    menu: bool = True  # offered in Telegram's command menu and /help
    literal: bool = False  # its words are never read as a question (/csv, /setforce)
    downloadable: bool = True  # /csv may give its figures
    nests: bool = False  # its reply is another answer's (/csv): it reads what they read
    # Plain questions: the words that ask for it, and (bot.reading.plan.Builder) how a question's
    # claims become its arguments; among several intents the highest ``strength`` wins.
    intents: tuple[str, ...] = ()
    plan: Callable[[Any, Any, list[Any], str, str], Any] | None = None
    strength: int = 0
    prefetch: tuple[str, ...] = ()  # named queries fetched for every key at start-up
    # A button this answer offers under another answer's card: result -> Button or None.
    follow_up: Callable[[object], Any] | None = None

    @property
    def usage(self) -> str:
        return f"/{self.name} {self.args}".rstrip()


_installed: list[Answer] = []
_by_name: dict[str, Answer] = {}
_reads: dict[str | None, frozenset[Context]] = {}  # declared names only: bounded


def install(answers: Sequence[Answer]) -> None:
    """Called once by the registry (bot.answers) with every declaration, in /help order."""
    names = [a.name for a in answers]
    if len(set(names)) != len(names):
        raise ValueError(f"a command is declared twice: {names}")
    _installed[:] = answers
    _by_name.clear()
    _by_name.update((a.name, a) for a in answers)
    _reads.clear()


class _Listed(Sequence[Answer]):
    """The installed answers, in /help order (read when used, after the registry ran)."""

    @overload
    def __getitem__(self, index: int) -> Answer: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Answer]: ...
    def __getitem__(self, index: int | slice) -> Answer | Sequence[Answer]:
        return _installed[index]

    def __len__(self) -> int:
        return len(_installed)

    def __iter__(self) -> Iterator[Answer]:
        return iter(tuple(_installed))


COMMANDS: Sequence[Answer] = _Listed()


def answer(name: str) -> Answer | None:
    return _by_name.get(name)


def planned() -> tuple[Answer, ...]:
    """The answers a plain question can be planned into, strongest first."""
    return tuple(sorted((a for a in _installed if a.plan), key=lambda a: -a.strength))


def intents() -> dict[str, tuple[str, ...]]:
    """Phrase lists by the command they ask for (bot.reading.lexicon)."""
    return {a.name: a.intents for a in _installed if a.intents}


def reads(name: str | None) -> frozenset[Context]:
    """What a reply to ``/name`` depends on in the chat's context; ``None``, a question in
    plain words: whatever any answer a question can be planned into reads, and /csv.
    (Asked once per update, so worked out once per command.)"""
    found = _reads.get(name)
    if found is None:
        if name is not None and name not in _by_name:
            return frozenset()  # an unknown command: its reply is a usage line
        found = _reads[name] = _reads_of(name)
    return found


def _reads_of(name: str | None) -> frozenset[Context]:
    plain = [a for a in _installed if a.plan or a.nests]  # what a question may become
    chosen = plain if name is None else [_by_name[name]]
    found: set[Context] = set()
    for item in chosen:
        found |= item.reads
        if item.nests:  # /csv answers with another answer's figures: it reads theirs
            for other in _installed:
                if other.downloadable:
                    found |= other.reads
    return frozenset(found)


def prefetched() -> tuple[str, ...]:
    """Every named query some answer prefetches, each once."""
    return tuple(dict.fromkeys(q for a in _installed for q in a.prefetch))


def follow_ups(result: object) -> tuple[Any, ...]:
    """The buttons other answers offer under ``result``'s card (a "Why?" under /force)."""
    found = (a.follow_up(result) for a in _installed if a.follow_up)
    return tuple(button for button in found if button is not None)


# Questions in plain words, shown by /help and /start (each is a row of
# tests/reading/test_question.py).
QUESTIONS: tuple[str, ...] = (
    "cocaine seizures in Kent 2016-17",
    "drug seizures in Leeds last year",
    "compare Kent and Essex",
    "which force has the highest rate of drug seizures",
    "chart of heroin seizures nationally",
)
