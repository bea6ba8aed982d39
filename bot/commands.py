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
    CommandSpec(
        "national",
        "[year]",
        "England and Wales: all seizures, police and Border Force, classes, leading drugs",
        "/national 2018-19",
    ),
    CommandSpec(
        "compare",
        "<force> vs <force|national|region> [year]",
        "Two forces (or a force and the national or regional figure) side by side",
        "/compare West Mercia vs Warwickshire 2018-19",
    ),
    CommandSpec(
        "rank",
        "[drug] [year] [region] [by count]",
        "League table of forces by seizures per million people, or by count",
        "/rank cocaine 2016-17",
    ),
    CommandSpec(
        "region",
        "<region> [year]",
        "A region's forces with counts, rates and changes, against England and Wales",
        "/region West Midlands",
    ),
    CommandSpec(
        "drug",
        "<drug> [force] [year]",
        "One drug: seizures, share of all seizures, change, quantities",
        "/drug cocaine West Mercia",
    ),
    CommandSpec(
        "trend",
        "<force|national|region> [drug]",
        "A chart of the whole series, with the national rate for reference",
        "/trend West Mercia",
    ),
    CommandSpec(
        "why",
        "<force> [year]",
        "What drove a force's change on the year before, by drug and by class",
        "/why Kent 2018-19",
    ),
    CommandSpec(
        "story",
        "<force> [year]",
        "A ready-to-publish paragraph in newsroom style",
        "/story West Mercia",
    ),
    CommandSpec(
        "csv",
        "[force|region|national|rank ...]",
        "The figures behind the last answer (or a named one) as a CSV file",
        "/csv West Mercia",
    ),
    CommandSpec(
        "sources", "", "Datasets, editions, licence, coverage, caveats and gaps", "/sources"
    ),
    CommandSpec(
        "setforce",
        "<force>",
        "Set this chat's default force for /force, /trend, /story and /drug",
        "/setforce Kent",
    ),
    CommandSpec("myforce", "", "Show this chat's default force", "/myforce"),
    CommandSpec(
        "subscribe",
        "<force|region|national>",
        "Release alerts: this chat gets the card of each new year published",
        "/subscribe West Mercia",
    ),
    CommandSpec(
        "unsubscribe",
        "[force|region|national]",
        "Stop one release alert, or all of them",
        "/unsubscribe West Mercia",
    ),
    CommandSpec("subscriptions", "", "This chat's release alerts", "/subscriptions"),
    CommandSpec("help", "", "What I can answer, with examples", "/help"),
    CommandSpec("start", "", "Say hello and show example questions", "/start", menu=False),
)

BY_NAME = {spec.name: spec for spec in COMMANDS}

# Questions in plain words, shown by /help and /start (each is a row of tests/test_question.py).
QUESTIONS: tuple[str, ...] = (
    "cocaine seizures in Kent 2016-17",
    "drug seizures in Leeds last year",
    "compare Kent and Essex",
    "which force has the highest rate of drug seizures",
    "chart of heroin seizures nationally",
)
