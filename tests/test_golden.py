"""Golden replies: each command in tests/golden/replies.txt must give exactly the reply
stored under it. Regenerate on purpose only: pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "replies.txt"
SEPARATOR = "### "


def read_golden(path: Path) -> dict[str, str]:
    cases: dict[str, str] = {}
    command = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(SEPARATOR):
            if command is not None:
                cases[command] = "\n".join(lines).strip("\n")
            command, lines = line[len(SEPARATOR):], []
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


CASES = read_golden(GOLDEN)


def test_golden_file_has_enough_cases():
    assert len(CASES) >= 15


def shown(reply) -> str:
    """The reply as a reader sees it: HTML, then one line per button."""
    buttons = [f"[{b.label} -> {b.payload}]" for row in reply.buttons for b in row]
    return "\n".join([reply.html, *buttons])


@pytest.mark.parametrize("command", list(CASES))
def test_golden_reply(core, command, request):
    html = shown(core.answer(command))
    if request.config.getoption("--update-golden"):
        CASES[command] = html
        write_golden(GOLDEN, CASES)
        return
    assert html == CASES[command]
