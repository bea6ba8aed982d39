"""The console adapter: the same core, in a terminal. Plain text; files saved to disk
(OUTPUT_DIR). The console and ``ask`` are one local chat in the bot's chat state
(STATE_PATH, bot.adapters.local_chat), so /setforce and /subscribe are kept across restarts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.adapters import terminal
from bot.adapters.local_chat import LocalChat, open_local_chat
from bot.adapters.state import StateError
from bot.config import Settings
from bot.core import Core, open_core
from bot.reply import Reply
from queries.store import DataError

PROMPT = "> "
QUIT = {"/quit", "/exit", "quit", "exit"}


def show(reply: Reply, out: TextIO, output_dir: Path, *, html: bool = False) -> None:
    """Print a reply; save its chart or CSV to files and print their paths."""
    print(reply.html if html else reply.text, file=out)
    for data, name in ((reply.png, reply.png_name), (reply.csv, reply.csv_name)):
        if data:
            output_dir.mkdir(parents=True, exist_ok=True)
            path = output_dir / name
            path.write_bytes(data)
            print(f"[saved {path}]", file=out)
    for row in reply.buttons:
        print("  " + "   ".join(f"[{b.label}: {b.payload}]" for b in row), file=out)


def ask(text: str, settings: Settings, *, html: bool = False) -> int:
    opened = _open(settings, long_running=False)
    if isinstance(opened, int):
        return opened
    core, chat = opened
    try:
        reply = core.answer(text, chat.context())
        chat.keep(reply)
    finally:
        chat.close()
    show(reply, sys.stdout, settings.output_dir, html=html)
    return 0 if reply.kind in ("answer", "choices") else 1


def console(settings: Settings, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    opened = _open(settings, long_running=True)
    if isinstance(opened, int):
        return opened
    core, chat = opened
    history = settings.state_path.with_name("console-history")
    read = terminal.reader(stdin, out, history)
    print(
        "Drug seizures in England and Wales. Ask e.g. /force West Mercia; /help; /quit to leave.",
        file=out,
    )
    try:
        _chat(core, chat, read, out, settings.output_dir)
    except KeyboardInterrupt:  # Ctrl-C: leave quietly, like Ctrl-D
        print(file=out)
    finally:
        chat.close()
        terminal.save_history(read, history)
    return 0


def _chat(core: Core, chat: LocalChat, read: terminal.Read, out: TextIO, output_dir: Path) -> None:
    while True:
        line = read(PROMPT)
        if line is None:
            print(file=out)
            return
        text = terminal.clean(line)
        if not text:
            continue
        if text.lower() in QUIT:
            return
        reply = core.answer(text, chat.context())
        chat.keep(reply)  # committed before the reply says so
        show(reply, out, output_dir)
        print(file=out)


def _open(settings: Settings, *, long_running: bool) -> tuple[Core, LocalChat] | int:
    """The core and the local chat, or the exit status after one line saying why not:
    2 for an unusable STATE_PATH (a setting, as for the bot), 1 for unreadable data."""
    try:
        chat = open_local_chat(settings.state_path)
    except StateError as exc:
        print(f"seizure-bot: {exc}", file=sys.stderr)
        return 2
    try:
        core = open_core(settings.data_dir, settings.cache_dir, long_running=long_running)
    except DataError as exc:
        chat.close()
        print(f"seizure-bot: {exc}", file=sys.stderr)
        return 1
    return core, chat
