"""The one command table: the parser, /help, /start, the Telegram menus and the README
all come from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommandSpec:
    name: str
    args: str  # usage after the command name, e.g. "<force> [year]"
    summary: str  # one line for /help and the Telegram menu (at most 256 characters)
    example: str  # a full example, e.g. "/force West Mercia 2018-19"
    menu: bool = True  # offered in Telegram's command menu

    @property
    def usage(self) -> str:
        return f"/{self.name} {self.args}".rstrip()


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "force",
        "<force> [year]",
        "A force's seizures: change, rate per million, rank and drug mix",
        "/force West Mercia 2018-19",
    ),
    CommandSpec("help", "", "What I can answer, with examples", "/help"),
    CommandSpec("start", "", "Say hello and show example questions", "/start", menu=False),
)

BY_NAME = {spec.name: spec for spec in COMMANDS}
