"""The console adapter: the same core, in a terminal. Plain text; files saved to disk."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.core import open_core
from bot.reply import ChatContext, Reply
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
    try:
        core = open_core(settings.data_dir, settings.cache_dir, long_running=False)
    except DataError as exc:
        print(f"seizure-bot: {exc}", file=sys.stderr)
        return 1
    reply = core.answer(text, ChatContext(chat_id=0))
    show(reply, sys.stdout, settings.output_dir, html=html)
    return 0 if reply.kind in ("answer", "choices") else 1


def console(settings: Settings, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    try:
        core = open_core(settings.data_dir, settings.cache_dir, long_running=True)
    except DataError as exc:
        print(f"seizure-bot: {exc}", file=sys.stderr)
        return 1
    print(
        "Drug seizures in England and Wales. Ask e.g. /force West Mercia; /help; /quit to leave.",
        file=out,
    )
    context = ChatContext(chat_id=0)
    while True:
        print(PROMPT, end="", file=out, flush=True)
        line = stdin.readline()
        if not line:
            print(file=out)
            return 0
        text = line.strip()
        if not text:
            continue
        if text.lower() in QUIT:
            return 0
        reply = core.answer(text, context)
        show(reply, out, settings.output_dir)
        context = remember(context, reply)
        print(file=out)


def remember(context: ChatContext, reply: Reply) -> ChatContext:
    """The chat state a reply asks to keep: a new default force, the question for /csv."""
    if reply.set_default_force:
        context = replace(context, default_force=reply.set_default_force)
    if reply.csv_query:
        context = replace(context, last_query=reply.csv_query)
    return context
