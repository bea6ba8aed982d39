"""/subscribe, /unsubscribe and /subscriptions: release alerts per chat.

A subscription is a topic: ``force:<force_id>``, ``region:<region_id>`` or ``national``.
When the data gain a new complete year, each subscribed chat gets the topic's card for it
(``card_question``; the Telegram adapter sends them, bot.telegram_alerts). The core only says
what to keep (Reply.subscribe, Reply.unsubscribe) and reads the chat's topics from
ChatContext.subscriptions; the adapter writes them to its chat state before the reply that
confirms them goes, as with /setforce.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.answers.common import SideRef, resolve_side
from bot.commands import Answer
from bot.data import Data
from bot.errors import UnknownName, UsageError
from bot.reading.parse import Command, Parser
from bot.reply import ChatContext, Reply
from bot.run import run
from bot.writing import fmt, messages
from bot.writing.render import render

NATIONAL = "national"
HINT = "<code>/subscribe West Mercia</code> (a force, a region or <code>national</code>)"


@dataclass(frozen=True)
class AlertCommand(Command):
    topic: str | None = None  # None: every topic (/unsubscribe), or the list (/subscriptions)


@dataclass(frozen=True)
class AlertResult:
    action: str  # subscribe | unsubscribe | list
    named: tuple[tuple[str, str], ...]  # (topic, its name): asked about, or the chat's list
    held: bool  # whether the chat had the topic asked about (or, for all, any topic)
    named_one: bool = False  # a topic was named (rather than every one the chat holds)


def topic_of(side: SideRef) -> str:
    return NATIONAL if side.kind == "national" else f"{side.kind}:{side.id}"


def card_question(topic: str, fye: int) -> str | None:
    """The command whose reply is ``topic``'s card for ``fye``; None for an unknown topic."""
    kind, _, ident = topic.partition(":")
    if topic == NATIONAL:
        return f"/national {fmt.fye(fye)}"
    if kind in ("force", "region") and ident:
        return f"/{kind} {ident} {fmt.fye(fye)}"
    return None


def topic_name(topic: str, data: Data) -> str:
    kind, _, ident = topic.partition(":")
    if topic == NATIONAL:
        return "England and Wales"
    if kind == "force" and ident in data.forces:
        return str(data.forces[ident]["full_name"])
    if kind == "region" and ident in data.regions:
        return f"{data.regions[ident]['name']} (region)"
    return ident or topic  # a topic the data no longer name: shown as kept


def _topic(args: str, parser: Parser, command: str) -> str:
    side = resolve_side(args, parser)
    if not side.exact:  # never keep a guess: ask, with the guess as a button
        raise UnknownName(side.kind, args, ((side.token, side.name),), command=command)
    return topic_of(side)


def parse_subscribe(name: str, args: str, parser: Parser, context: ChatContext) -> AlertCommand:
    if not args:
        raise UsageError("subscribe", "Alerts for what? Name a force, a region or national.")
    return AlertCommand(name, _topic(args, parser, name))


def parse_alerts(name: str, args: str, parser: Parser, context: ChatContext) -> AlertCommand:
    if name == "unsubscribe" and args:
        return AlertCommand(name, _topic(args, parser, name))
    return AlertCommand(name)  # /subscriptions takes no arguments; anything after is ignored


@run.register
def _run_alerts(command: AlertCommand, data: Data, context: ChatContext) -> AlertResult:
    held = context.subscriptions
    if command.topic is not None:
        one = ((command.topic, topic_name(command.topic, data)),)
        action = "subscribe" if command.name == "subscribe" else "unsubscribe"
        return AlertResult(action, one, command.topic in held, named_one=True)
    every = tuple((topic, topic_name(topic, data)) for topic in held)
    action = "unsubscribe" if command.name == "unsubscribe" else "list"
    return AlertResult(action, every, bool(held))


@render.register
def _render_alerts(result: AlertResult) -> Reply:
    names = ", ".join(f"<b>{fmt.esc(name)}</b>" for _, name in result.named)
    topics = tuple(topic for topic, _ in result.named)
    if result.action == "subscribe":
        if result.held:
            return messages.reply(f"This chat already gets release alerts for {names}.")
        text = (
            f"Release alerts on for {names}: when the Home Office publishes a new year, this "
            "chat gets its card for that year. /subscriptions lists this chat's alerts; "
            "/unsubscribe stops them."
        )
        return replace(messages.reply(text), subscribe=topics[0])
    if not result.held and result.named_one:
        return messages.reply(
            f"This chat has no release alerts for {names}. /subscriptions lists the ones it has."
        )
    if not result.named:
        return messages.reply(f"This chat has no release alerts. Turn one on with {HINT}.")
    if result.action == "list":
        lines = ["Release alerts in this chat, one card each when a new year is published:"]
        lines += [f"• {fmt.esc(name)}" for _, name in result.named]
        lines.append("Stop one with <code>/unsubscribe West Mercia</code>, all with /unsubscribe.")
        return messages.reply("\n".join(lines))
    return replace(messages.reply(f"Release alerts off for {names}."), unsubscribe=topics)


ANSWERS = (
    Answer(
        name="subscribe",
        args="<force|region|national>",
        summary="Release alerts: this chat gets the card of each new year published",
        example="/subscribe West Mercia",
        parse=parse_subscribe,
        reads=frozenset({"subscriptions"}),
        literal=True,
    ),
    Answer(
        name="unsubscribe",
        args="[force|region|national]",
        summary="Stop one release alert, or all of them",
        example="/unsubscribe West Mercia",
        parse=parse_alerts,
        reads=frozenset({"subscriptions"}),
        literal=True,
    ),
    Answer(
        name="subscriptions",
        args="",
        summary="This chat's release alerts",
        example="/subscriptions",
        parse=parse_alerts,
        reads=frozenset({"subscriptions"}),
        literal=True,
    ),
)
