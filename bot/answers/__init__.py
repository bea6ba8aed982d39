"""The registry: every answer module, listed once, and its declarations installed.

Each answer module declares its command(s) once, ``ANSWER = Answer(...)`` (or ``ANSWERS``;
see bot.commands): usage, summary, example, parser, plain-question words and planner, the
chat context it reads, what it prefetches. Its run, render and /csv table steps register
themselves by result type (``@run.register``, ``@render.register``, ``@to_table.register``);
``*_card`` and ``trend_chart`` render for their answer.

A new answer is one line in ``DECLARING`` (its card module, if any, one in ``RENDERING``).
The order of ``DECLARING`` is the order of /help and of the Telegram command menu.
``tests/test_commands.py`` checks every module of this package is listed here.
"""

from types import ModuleType

from bot.answers import (
    basic,
    chat,
    compare,
    compare_card,
    download,
    drug,
    drug_card,
    force,
    force_card,
    national,
    national_card,
    rank,
    rank_card,
    region,
    region_card,
    sources,
    story,
    subscribe,
    trend,
    trend_chart,
    why,
    why_card,
)
from bot.commands import Answer, install

DECLARING: tuple[ModuleType, ...] = (force, national, compare, rank, region, drug, trend, why,
                                     story, download, sources, chat, subscribe, basic)  # fmt: skip
RENDERING: tuple[ModuleType, ...] = (compare_card, drug_card, force_card, national_card,
                                     rank_card, region_card, trend_chart, why_card)  # fmt: skip


def declared(module: ModuleType) -> tuple[Answer, ...]:
    single = getattr(module, "ANSWER", None)
    return (single,) if single is not None else tuple(module.ANSWERS)


ANSWERS: tuple[Answer, ...] = tuple(a for module in DECLARING for a in declared(module))
install(ANSWERS)
