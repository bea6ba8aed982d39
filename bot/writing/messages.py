"""Sentences shown to people that are not figures: help, greetings, errors, caveats.

Every dynamic value is escaped with fmt.esc; plain-text twins are read from the HTML by
bot.writing.markup, the way Telegram reads it, so they show every word the HTML shows.
"""

from __future__ import annotations

from bot.commands import COMMANDS, QUESTIONS, answer
from bot.errors import BadYear, CoreError, NoData, UnknownName, UsageError
from bot.reply import Button, Reply
from bot.writing import fmt, markup

CAVEAT = (
    "Seizures measure police and Border Force activity, not how common drugs are. A seizure "
    "of several drugs counts once in the total and once for each drug."
)
SEVERAL_DRUGS = "A seizure of several drugs counts once in the total and once per drug."
EXAMPLES = ("/force West Mercia", "/force the Met 2016-17", "/force Kent 2017/18")


def plain(html_text: str) -> str:
    """The plain-text twin of an HTML reply: the text Telegram shows for it. Read leniently,
    so that even HTML Telegram would refuse keeps every word (a stray ``<`` stays text)."""
    return markup.visible_text(html_text, lenient=True)


def reply(
    html_text: str,
    *,
    kind: str = "answer",
    buttons: tuple[tuple[Button, ...], ...] = (),
    csv_query: str | None = None,
) -> Reply:
    """A Reply from HTML; ``csv_query`` is the question a later bare /csv answers."""
    return Reply(
        html=html_text, text=plain(html_text), buttons=buttons, kind=kind, csv_query=csv_query
    )


def usage_line(command: str) -> str:
    spec = answer(command) or answer("help")
    assert spec is not None  # /help is always declared
    return (
        f"Usage: <code>{fmt.esc(spec.usage)}</code>, "
        f"for example <code>{fmt.esc(spec.example)}</code>"
    )


def help_reply() -> Reply:
    lines = ["<b>Drug seizures in England and Wales</b>", "Ask in plain words, for example:"]
    lines += [f"• <i>{fmt.esc(question)}</i>" for question in QUESTIONS]
    lines += ["", "Or use a command:"]
    for spec in COMMANDS:
        if spec.menu:
            lines.append(f"<code>{fmt.esc(spec.usage)}</code>: {fmt.esc(spec.summary)}")
    lines += [
        "",
        "Names can be loose (<i>west mercia</i>, <i>the Met</i>, <i>GMP</i>); years too "
        "(<i>2018-19</i>, <i>2018/19</i>, <i>18/19</i>, <i>FYE 2019</i>). A lone "
        "<i>2019</i> means the year ending March 2019 (2018-19).",
        "",
        f"<i>{fmt.esc(CAVEAT)}</i>",
    ]
    return reply("\n".join(lines))


def start_reply() -> Reply:
    text = (
        "<b>Hello.</b> I answer questions about the Home Office statistics "
        "<i>Seizures of drugs in England and Wales</i>, with the figures' sources.\n\n"
        "Ask in plain words, for example:\n"
        + "\n".join(f"• <i>{fmt.esc(question)}</i>" for question in QUESTIONS[:3])
        + "\n\nOr try one of these. /help lists everything."
    )
    buttons = tuple((Button(example, example),) for example in EXAMPLES)
    return reply(text, buttons=buttons)


def error_reply(exc: CoreError) -> Reply:
    if isinstance(exc, UsageError):
        detail = (
            f"{fmt.esc(fmt.short(exc.detail, 200))}\n"
            if exc.detail and exc.detail != exc.command
            else ""
        )
        return reply(f"{detail}{usage_line(exc.command)}", kind="usage")
    if isinstance(exc, UnknownName):
        return unknown_name_reply(exc)
    if isinstance(exc, BadYear):
        detail = (
            f"{fmt.esc(exc.detail)}. "
            if exc.detail
            else (f"I have no figures for {fmt.esc(fmt.short(exc.text))}. ")
        )
        return reply(
            f"{detail}Force tables cover {fmt.fye(exc.first_fye)} to "
            f"{fmt.fye(exc.last_complete_fye)}; published "
            f"national and some force figures run to {fmt.fye(exc.last_fye)}. "
            "Write a year like <code>2018-19</code>.",
            kind="usage",
        )
    if isinstance(exc, NoData):  # a refusal may offer what it can answer instead, as buttons
        offered = getattr(exc, "buttons", ())
        buttons = tuple((Button(label, payload),) for label, payload in offered)
        return reply(fmt.esc(str(exc)), kind="not_found", buttons=buttons)
    return reply("Sorry, I could not answer that.", kind="error")


def unknown_name_reply(exc: UnknownName) -> Reply:
    typed = fmt.esc(fmt.short(exc.text))
    if not exc.suggestions:
        return reply(
            f"Sorry, I don't know a {exc.kind} called “{typed}”. Try a name like "
            "<i>West Mercia</i>, <i>Kent</i> or <i>the Met</i>; /help has more.",
            kind="not_found",
        )
    if len(exc.suggestions) > 5:
        return reply(
            f"“{typed}” matches {len(exc.suggestions)} {exc.kind}s or more. Please be more "
            "specific, for example <i>West Yorkshire</i> rather than <i>West</i>.",
            kind="not_found",
        )
    rest = f" {exc.rest}" if exc.rest else ""
    buttons = tuple(  # an id that is already a question ("/region london-region") is asked as is
        (Button(name, item_id if item_id.startswith("/") else f"/{exc.command} {item_id}{rest}"),)
        for item_id, name in exc.suggestions
    )
    names = ", ".join(f"<b>{fmt.esc(name)}</b>" for _, name in exc.suggestions)
    return reply(f"Did you mean {names}? Choose one:", kind="choices", buttons=buttons)
