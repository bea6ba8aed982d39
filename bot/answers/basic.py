"""/help and /start: replies that need no figures."""

from __future__ import annotations

from bot import messages
from bot.data import Data
from bot.parse import Simple
from bot.render import render
from bot.reply import ChatContext, Reply
from bot.results import Static
from bot.run import run


@run.register
def _run_simple(command: Simple, data: Data, context: ChatContext) -> Static:
    return Static(command.name)


@render.register
def _render_static(result: Static) -> Reply:
    return messages.start_reply() if result.name == "start" else messages.help_reply()
