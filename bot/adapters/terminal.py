"""The console's questions from a terminal or a pipe.

On a terminal: line editing and history (the stdlib ``readline``, where present), the Up
arrow recalling earlier questions, kept between sessions in a small file beside STATE_PATH.
From anything: escape sequences (arrow keys a plain terminal sends as ``^[[A``) are removed,
so they are never taken as a question. Ctrl-C and Ctrl-D end the chat; the caller catches
KeyboardInterrupt, which may come while a question is being answered, too.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

Read = Callable[[str], str | None]  # prompt -> the next line, None at the end of input
HISTORY_LENGTH = 500  # questions kept for the Up arrow
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?|[\x00-\x08\x0b-\x1f\x7f]")


def clean(line: str) -> str:
    """The question in a line: no escape sequences or control characters, no outer blanks."""
    return _ESCAPE.sub("", line).strip()


def is_terminal(stdin: TextIO, out: TextIO) -> bool:
    return stdin is sys.stdin and out is sys.stdout and stdin.isatty() and out.isatty()


def reader(stdin: TextIO, out: TextIO, history: Path | None) -> Read:
    """A function: prompt -> the next line (None at the end of input). On a terminal it
    is ``input`` with readline's editing and history."""
    if is_terminal(stdin, out) and _start_readline(history):
        return _read_terminal

    def read(prompt: str) -> str | None:
        print(prompt, end="", file=out, flush=True)
        line = stdin.readline()
        return line or None

    return read


def save_history(read: Read, history: Path | None) -> None:
    """Write a terminal session's questions for the next one."""
    readline = sys.modules.get("readline")
    if read is not _read_terminal or readline is None or history is None:
        return
    with contextlib.suppress(OSError):
        history.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(str(history))


def _read_terminal(prompt: str) -> str | None:
    try:
        return input(prompt)
    except EOFError:  # Ctrl-D
        return None


def _start_readline(history: Path | None) -> bool:
    try:
        import readline
    except ImportError:  # no readline on this platform: plain lines
        return False
    readline.set_history_length(HISTORY_LENGTH)
    if history is not None:
        with contextlib.suppress(OSError):
            readline.read_history_file(str(history))
    return True
