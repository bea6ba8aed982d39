"""/help and /start: replies that need no figures."""

from __future__ import annotations

from bot.commands import Answer
from bot.data import Data
from bot.reading.parse import Simple, parse_simple
from bot.reading.plan import build_simple
from bot.reply import ChatContext, Reply
from bot.results import Static
from bot.run import run
from bot.writing import messages
from bot.writing.render import render


@run.register
def _run_simple(command: Simple, data: Data, context: ChatContext) -> Static:
    return Static(command.name)


@render.register
def _render_static(result: Static) -> Reply:
    return messages.start_reply() if result.name == "start" else messages.help_reply()


ANSWERS = (
    Answer(
        name="help",
        args="",
        summary="What I can answer, with examples",
        example="/help",
        parse=parse_simple,
        literal=True,
        downloadable=False,
        intents=(
            "help",
            "what can you do",
            "how do i use this",
            "commands",
            "what do you do",
            "how does this work",
        ),
        plan=build_simple("help"),
        strength=120,
    ),
    Answer(
        name="start",
        args="",
        summary="Say hello and show example questions",
        example="/start",
        parse=parse_simple,
        menu=False,
        literal=True,
        downloadable=False,
        intents=(
            "hello",
            "hi",
            "hey",
            "start",
            "good morning",
            "good afternoon",
            "hi there",
            "hello there",
            "hiya",
        ),
        plan=build_simple("start"),
        strength=110,
    ),
)
