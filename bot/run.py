"""Command -> Result. Each answer module registers how it runs its own command."""

from __future__ import annotations

from functools import singledispatch

from bot.data import Data
from bot.errors import NoData
from bot.reading.parse import Command
from bot.reply import ChatContext


@singledispatch
def run(command: Command, data: Data, context: ChatContext) -> object:
    raise NoData("That question is not answered yet.")
