"""The one command table: every command is answered, listed in /help and in the README."""

from __future__ import annotations

import ast

import pytest

from bot.commands import COMMANDS
from bot.paths import PROJECT_ROOT

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
    """bot/answers/__init__.py names its modules (no discovery): a new file must be added."""
    folder = PROJECT_ROOT / "bot" / "answers"
    files = {p.stem for p in folder.glob("*.py")} - {"__init__"}
    tree = ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))
    listed = {
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "bot.answers"
        for alias in node.names
    }
    assert listed == files
