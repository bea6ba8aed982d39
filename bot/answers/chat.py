"""/setforce <force> and /myforce: a per-chat default force (in a forum, per topic).

The core only says what to remember (Reply.set_default_force); each adapter keeps it (the
Telegram bot in its SQLite chat state, bot.adapters.state; the console for the session).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.commands import COMMANDS, Answer
from bot.data import Data
from bot.errors import UnknownName, UsageError
from bot.reading.names import Match
from bot.reading.parse import Command, Parser
from bot.reply import ChatContext, Reply
from bot.run import run
from bot.writing import fmt, messages
from bot.writing.render import render


@dataclass(frozen=True)
class SetForce(Command):
    force: Match


@dataclass(frozen=True)
class MyForce(Command):
    force_id: str | None


@dataclass(frozen=True)
class DefaultForce:
    force_id: str | None
    full_name: str | None
    changed: bool
    owner: str = "chat"  # whose default it is: the chat's or the topic's


def parse_setforce(name: str, args: str, parser: Parser, context: ChatContext) -> SetForce:
    if not args:
        raise UsageError("setforce", "Which force should this chat use by default?")
    match = parser.force(args, "setforce", None)
    if not match.exact:  # never remember a guess: ask, with the guess as a button
        raise UnknownName("force", args, ((match.id, match.name),), command="setforce")
    return SetForce("setforce", match)


def parse_myforce(name: str, args: str, parser: Parser, context: ChatContext) -> MyForce:
    return MyForce("myforce", context.default_force)


@run.register
def _run_setforce(command: SetForce, data: Data, context: ChatContext) -> DefaultForce:
    name = data.forces[command.force.id]["full_name"]
    return DefaultForce(command.force.id, name, True, context.place)


@run.register
def _run_myforce(command: MyForce, data: Data, context: ChatContext) -> DefaultForce:
    row = data.forces.get(command.force_id or "")
    owner = context.default_force_of if row else context.place
    return DefaultForce(
        command.force_id if row else None, row["full_name"] if row else None, False, owner
    )


@render.register
def _render_default(result: DefaultForce) -> Reply:
    owner = "topic" if result.owner == "topic" else "chat"
    if result.force_id is None:
        return messages.reply(
            f"This {owner} has no default force. Set one with <code>/setforce Kent</code>."
        )
    name = fmt.esc(result.full_name)
    uses = f"{_users()} with no force"
    if not result.changed:
        return messages.reply(f"This {owner}'s default force is <b>{name}</b>. {uses} use it.")
    reply = messages.reply(f"Default force for this {owner}: <b>{name}</b>. {uses} now use it.")
    return replace(reply, set_default_force=result.force_id)


def _users() -> str:
    """The commands that fall back on the default force, from their declarations."""
    names = [f"/{a.name}" for a in COMMANDS if "default_force" in a.reads and a.name != "myforce"]
    return fmt.and_list(names)


ANSWERS = (
    Answer(
        name="setforce",
        args="<force>",
        summary="Set this chat's default force, used when a command names none",
        example="/setforce Kent",
        parse=parse_setforce,
        reads=frozenset({"place"}),
        literal=True,
        downloadable=False,
    ),
    Answer(
        name="myforce",
        args="",
        summary="Show this chat's default force",
        example="/myforce",
        parse=parse_myforce,
        reads=frozenset({"default_force", "default_force_of", "place"}),
        literal=True,
        downloadable=False,
    ),
)
