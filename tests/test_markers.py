"""Every test that starts the real bot in a subprocess is marked ``process``, so that
``-m process`` runs them alone and ``-m 'not process'`` skips them all.

A function starts the bot when its code holds ``[..., "-m", "bot", ...]`` or runs
``python -c`` with the bot's own main (WITHOUT_EXTRA in test_packaging), or calls a function
of its module (or ``start_bot``) that does. Read from the source, not run."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
STARTERS = {"start_bot"}  # tests/adapters/telegram/test_telegram_e2e.py: `python -m bot`


def starts_directly(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.List):
            words = [e.value for e in sub.elts if isinstance(e, ast.Constant)]
            if any(words[i : i + 2] == ["-m", "bot"] for i in range(len(words))):
                return True
            if "-c" in words and any(
                isinstance(e, ast.Name) and e.id == "WITHOUT_EXTRA" for e in sub.elts
            ):
                return True
    return False


def called(node: ast.AST) -> set[str]:
    return {
        sub.func.id
        for sub in ast.walk(node)
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name)
    }


def marked(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any("process" in ast.unparse(d) for d in node.decorator_list)


def unmarked_process_tests(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if any(
        isinstance(n, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in n.targets)
        and "process" in ast.unparse(n.value)
        for n in tree.body
    ):
        return []  # the whole module is marked
    functions = {
        n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    starting = set(STARTERS) | {name for name, n in functions.items() if starts_directly(n)}
    grew = True
    while grew:  # a helper that calls a helper that starts the bot
        more = {name for name, n in functions.items() if called(n) & starting}
        grew = not more <= starting
        starting |= more
    return [
        f"{path.name}::{name}"
        for name, n in functions.items()
        if name.startswith("test_") and name in starting and not marked(n)
    ]


def test_the_finder_sees_a_process_test(tmp_path):
    module = tmp_path / "test_x.py"
    module.write_text(
        "import subprocess, sys\n"
        "def run():\n"
        "    return subprocess.run([sys.executable, '-m', 'bot', 'ask', '/force kent'])\n"
        "def test_a():\n"
        "    run()\n"
        "def test_b():\n"
        "    pass\n",
        encoding="utf-8",
    )
    assert [m.rpartition("::")[2] for m in unmarked_process_tests(module)] == ["test_a"]


def test_every_process_test_is_marked():
    paths = [p for p in sorted(TESTS.rglob("test_*.py")) if p != Path(__file__).resolve()]
    found = [m for path in paths for m in unmarked_process_tests(path)]
    assert not found, "mark these @pytest.mark.process:\n" + "\n".join(found)
