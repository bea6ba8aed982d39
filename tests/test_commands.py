"""The one command table: every command is answered, listed in /help and in the README."""

from __future__ import annotations

import ast
from dataclasses import replace

import pytest

from bot.answers import ANSWERS
from bot.commands import COMMANDS, answer, install, reads
from bot.core import cache_key
from bot.paths import PROJECT_ROOT
from bot.reply import ChatContext

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda s: s.name)
def test_every_command_has_a_parser(spec):
    assert callable(spec.parse)


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda s: s.name)
def test_every_command_is_in_the_readme(spec):
    assert f"`/{spec.name}" in README


@pytest.mark.parametrize("spec", [s for s in COMMANDS if s.menu], ids=lambda s: s.name)
def test_every_menu_command_is_in_help(core, spec):
    assert f"/{spec.name}" in core.answer("/help").text


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda s: s.name)
def test_every_example_gets_an_answer(core, spec):
    reply = core.answer(spec.example)
    assert reply.kind in ("answer", "choices"), reply.text


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda s: s.name)
def test_summaries_fit_telegram_menus(spec):
    assert 3 <= len(spec.summary) <= 256
    assert spec.name.islower() and len(spec.name) <= 32


def test_every_answer_module_is_listed():
    """bot/answers/__init__.py names its modules (no discovery): a new file must be added.
    An answer with a card is a folder (bot/answers/force/: the answer, force_card.py, SQL)."""
    folder = PROJECT_ROOT / "bot" / "answers"
    files = {p.stem for p in folder.glob("*.py")} - {"__init__", "common", "figures"}  # helpers
    for package in folder.glob("*/__init__.py"):
        files.add(package.parent.name)
        files |= {f"{package.parent.name}.{p.stem}" for p in package.parent.glob("*.py")}
        files.discard(f"{package.parent.name}.__init__")
    tree = ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))
    listed = {
        alias.name if node.module == "bot.answers" else f"{node.module[12:]}.{alias.name}"
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot.answers")
        for alias in node.names
    }
    assert listed == files


# Chats that differ in one part of their context each: a reply may differ between them only
# where its command declares it reads that part (and so keeps it in its cache key).
CHATS: dict[str, tuple[object, ...]] = {
    "default_force": (None, "kent", "essex"),
    "last_query": (None, "/force kent 2018-19", "/national"),
    "subscriptions": ((), ("kent",), ("national", "essex")),
    "place": ("chat", "topic"),
    "default_force_of": ("chat", "topic"),
}
WORDS = ("cocaine seizures in Kent", "which force has the highest rate", "why did it rise")


def _texts(spec):
    return (spec.example, f"/{spec.name}", f"/{spec.name} 2018-19")


def _undeclared_reads(core, texts) -> list[tuple[str, str]]:
    """(text, context part) where the reply changes with a part its key leaves out."""
    found = []
    for text in texts:
        name = None if not text.startswith("/") else text[1:].split()[0]
        for part, values in CHATS.items():
            if part in reads(name):
                continue
            replies = {
                core._answer(text, replace(ChatContext(chat_id=1), **{part: value}))
                for value in values
            }
            if len(replies) > 1:
                found.append((text, part))
    return found


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda s: s.name)
def test_a_command_reads_only_the_context_in_its_cache_key(core, spec):
    assert _undeclared_reads(core, _texts(spec)) == []


def test_a_question_reads_only_the_context_in_its_cache_key(core):
    assert _undeclared_reads(core, WORDS) == []


def test_the_cache_key_holds_what_a_command_reads(core):
    """The check above has teeth: /force without its declared read of the default force
    is caught, and the key really holds each declared part."""
    force = answer("force")
    assert force is not None
    assert not _undeclared_reads(core, ["/force"])
    try:
        install([replace(a, reads=frozenset()) if a is force else a for a in ANSWERS])
        assert _undeclared_reads(core, ["/force"]) == [("/force", "default_force")]
    finally:
        install(ANSWERS)
    kent, essex = ChatContext(default_force="kent"), ChatContext(default_force="essex")
    assert cache_key("/force", kent) != cache_key("/force", essex)
    assert cache_key("/national", kent) == cache_key("/national", essex)
    alerts = ChatContext(subscriptions=("kent",))
    assert cache_key("/subscriptions", alerts) != cache_key("/subscriptions", ChatContext())
    assert cache_key("/csv", ChatContext(last_query="/national")) != cache_key("/csv", kent)
    topic = ChatContext(place="topic")
    assert cache_key("/setforce kent", topic) != cache_key("/setforce kent", ChatContext())
    assert cache_key("/force kent", topic) == cache_key("/force kent", ChatContext())


def test_no_phrase_asks_for_two_commands():
    seen: dict[str, str] = {}
    for spec in COMMANDS:
        for phrase in spec.intents:
            assert seen.setdefault(phrase, spec.name) == spec.name, phrase


def test_every_registry_name_is_declared_once():
    assert len({a.name for a in ANSWERS}) == len(ANSWERS)
    assert [a.name for a in COMMANDS] == [a.name for a in ANSWERS]
