"""The layers hold: adapters -> core -> reading, writing, answers -> store (queries).

Every import counts (also inside functions and under ``if TYPE_CHECKING:``), as in
tests/test_import_cycles.py, whose graph this reads. The layers, by package:

- adapters: bot.adapters (Telegram, the console, chat state) and the entry point (bot.cli,
  bot.__main__), which wires them; releases: bot.releases and bot.ingest (downloads, updates,
  reloads, building the tables);
- reading (bot.reading), writing (bot.writing), answers (bot.answers);
- store: queries;
- core: the rest of bot/ (core, cache, inline, and the types every layer shares: commands,
  data, errors, reply, results, run, config, paths).

The core never imports the releases, the adapters or Telegram; reading, writing and the answers
never import them either, nor the core's engine (bot.core, bot.cache, bot.inline) above them;
reading and writing never import an answer; the store imports nothing of bot/ but bot.paths.
"""

from __future__ import annotations

import ast

from tests.test_import_cycles import import_graph, module_files

LAYERS = {  # first match wins
    "adapters": ("bot.adapters", "bot.cli", "bot.__main__"),
    "releases": ("bot.releases", "bot.ingest"),
    "reading": ("bot.reading",),
    "writing": ("bot.writing",),
    "answers": ("bot.answers",),
    "store": ("queries",),
}
ENGINE = {"bot.core", "bot.cache", "bot.inline"}  # the core above reading, writing, answers
STORE_MAY_IMPORT = {"bot.paths"}


def layer_of(module: str) -> str:
    for layer, prefixes in LAYERS.items():
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return layer
    return "core"


def forbidden(importer: str, imported: str) -> str | None:
    """Why ``importer`` may not import ``imported`` (project modules), or None."""
    a, b = layer_of(importer), layer_of(imported)
    if b == "adapters" and a != "adapters":
        return "only the adapters import the adapters"
    if b == "releases" and a not in ("adapters", "releases"):
        return f"the {a} never imports the releases"
    if a in ("reading", "writing", "answers") and imported in ENGINE:
        return f"{a} sits below the core's engine"
    if a in ("reading", "writing") and b == "answers":
        return f"{a} never imports an answer"
    if a == "store" and b != "store" and imported not in STORE_MAY_IMPORT:
        return "the store is the bottom layer"
    return None


def violations(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{importer} -> {imported}: {why}"
        for importer, imports in graph.items()
        for imported in imports
        if (why := forbidden(importer, imported))
    )


def test_the_rules_see_a_violation():
    graph = {
        "bot.core": {"bot.releases.update", "bot.reading.parse"},
        "bot.writing.fmt": {"bot.adapters.state"},
        "bot.reading.plan": {"bot.answers.force"},
        "bot.answers.force": {"bot.core", "bot.data", "queries.store"},
        "queries.store": {"bot.data", "bot.paths"},
        "bot.cli": {"bot.adapters.console", "bot.releases.update"},
    }
    assert violations(graph) == [
        "bot.answers.force -> bot.core: answers sits below the core's engine",
        "bot.core -> bot.releases.update: the core never imports the releases",
        "bot.reading.plan -> bot.answers.force: reading never imports an answer",
        "bot.writing.fmt -> bot.adapters.state: only the adapters import the adapters",
        "queries.store -> bot.data: the store is the bottom layer",
    ]


def test_every_module_has_its_layer():
    layers = {layer_of(m) for m in module_files()}
    assert layers == {*LAYERS, "core"}
    assert layer_of("bot.adapters.telegram.send") == "adapters"
    assert layer_of("bot.writing.release_notes") == "writing"
    assert layer_of("bot.commands") == "core"


def test_no_module_imports_across_the_layers():
    found = violations(import_graph())
    assert not found, "imports across the layers:\n" + "\n".join(found)


def test_only_the_adapters_import_telegram():
    """python-telegram-bot stays in bot.adapters.telegram: the core speaks Reply, not Telegram."""
    found = []
    for module, path in module_files().items():
        if module.startswith("bot.adapters.telegram"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            found += [f"{module}: {n}" for n in names if n.partition(".")[0] == "telegram"]
    assert not found, found
