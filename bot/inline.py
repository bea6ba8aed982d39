"""Inline mode: ``@TheBot west mercia`` in any chat offers result articles.

The best match's card first, then one per other close match; an empty or unknown query
offers help, never an error. A query is read as a chat message is: a command, or a
question in plain words (``cocaine in kent 2016-17``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import CoreError, UnknownName
from bot.reading.parse import clean_text
from bot.reply import ChatContext, Reply
from bot.writing import fmt, messages

MAX_RESULTS = 6


@dataclass(frozen=True)
class InlineResult:
    id: str  # unique within one answer, at most 64 bytes
    title: str
    description: str
    reply: Reply


def help_result(query: str) -> InlineResult:
    if query:
        text = (
            f"No force matches “{query[:40]}”. Try a force's name, e.g. West Mercia, "
            "Kent or the Met, with a year if you like (2018-19)."
        )
    else:
        text = "Type a force's name, e.g. West Mercia or the Met, with a year if you like."
    return InlineResult(
        "help", "Drug seizures in England and Wales", text, messages.reply(fmt.esc(text))
    )


def inline_results(core, query: str) -> tuple[InlineResult, ...]:  # noqa: ANN001 (Core)
    """Articles for an inline query; never raises for any text."""
    query = clean_text(query)[:200]
    if not query:
        return (help_result(""),)
    text = query  # a command, or a question in plain words (the same parser as chats)
    context = ChatContext()
    try:
        command = core.parser.parse(text, context)
    except UnknownName as exc:
        if not exc.suggestions:
            return (help_result(query),)
        return tuple(
            _article(core, _payload(exc, item_id), name, context)
            for item_id, name in exc.suggestions[:MAX_RESULTS]
        )
    except CoreError:
        reply = core.answer(text, context)  # the core's own kind reply (a bad year, usage)
        return (InlineResult("help", "Drug seizures in England and Wales", _summary(reply), reply),)
    reply = core.answer(text, context)
    title = getattr(getattr(command, "force", None), "name", None) or query[:64]
    return (InlineResult("best", title, _summary(reply), reply),)


def _payload(exc: UnknownName, item_id: str) -> str:
    """The question a choice stands for ("/region london-region" is one already)."""
    return item_id if item_id.startswith("/") else f"/{exc.command} {item_id} {exc.rest}".strip()


def _summary(reply: Reply) -> str:
    """The first line that says something (not the "did you mean" note), for descriptions."""
    lines = [line for line in reply.text.split("\n") if line.strip()]
    useful = [line for line in lines if not line.startswith("Did you mean")]
    return (useful or lines or [""])[0][:120]


def _article(core, payload: str, title: str, context: ChatContext) -> InlineResult:  # noqa: ANN001
    reply = core.answer(payload, context)
    return InlineResult(payload[:64], title, _summary(reply), reply)
