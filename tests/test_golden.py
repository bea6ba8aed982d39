"""Golden replies: each command in tests/golden/*.txt must give exactly the reply stored
under it (one file per answer family). Regenerate on purpose only:
pytest tests/test_golden.py --update-golden -n 0   (one process: workers would each
rewrite the files with only their own cases)
"""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"
SEPARATOR = "### "


def read_golden(path: Path) -> dict[str, str]:
    cases: dict[str, str] = {}
    command = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(SEPARATOR):
            if command is not None:
                cases[command] = "\n".join(lines).strip("\n")
            command, lines = line[len(SEPARATOR) :], []
        else:
            lines.append(line)
    if command is not None:
        cases[command] = "\n".join(lines).strip("\n")
    return cases


def write_golden(path: Path, cases: dict[str, str]) -> None:
    path.write_text(
        "".join(f"{SEPARATOR}{command}\n{html}\n\n" for command, html in cases.items()),
        encoding="utf-8",
    )


FILES = {path: read_golden(path) for path in sorted(GOLDEN_DIR.glob("*.txt"))}
CASES = [(path, command) for path, cases in FILES.items() for command in cases]


def test_golden_files_have_enough_cases():
    assert len(FILES[GOLDEN_DIR / "replies.txt"]) >= 15


def shown(reply) -> str:
    """The reply as a reader sees it: HTML, then one line per button."""
    buttons = [f"[{b.label} -> {b.payload}]" for row in reply.buttons for b in row]
    return "\n".join([reply.html, *buttons])


@pytest.mark.parametrize(("path", "command"), CASES, ids=[f"{p.stem}:{c}" for p, c in CASES])
def test_golden_reply(core, path, command, request):
    html = shown(core.answer(command))
    if request.config.getoption("--update-golden"):
        if hasattr(request.config, "workerinput"):  # a pytest-xdist worker
            pytest.fail("--update-golden rewrites whole files: run it with -n 0")
        FILES[path][command] = html
        write_golden(path, FILES[path])
        return
    assert html == FILES[path][command]
