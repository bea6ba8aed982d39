"""The registry: every answer module, listed once, and its declarations installed.

Each answer module declares its command(s) once, ``ANSWER = Answer(...)`` (or ``ANSWERS``;
see bot.commands): usage, summary, example, parser, plain-question words and planner, the
chat context it reads, what it prefetches. Its run, render and /csv table steps register
themselves by result type (``@run.register``, ``@render.register``, ``@to_table.register``).
An answer with a card is a folder, ``bot/answers/<name>/``: the answer (``__init__.py``),
its card (``<name>_card.py``; ``trend/trend_chart.py``) and its SQL (``<name>.sql``, which
the store loads from here as well as from queries/). ``common`` and ``figures`` are helpers
the answers share.

A new answer is its import here and one line in ``DECLARING`` (its card module, if any,
imported and one line in ``RENDERING``).
The order of ``DECLARING`` is the order of /help and of the Telegram command menu.
``tests/test_commands.py`` checks every module of this package is listed here.
"""

from types import ModuleType

from bot.answers import (
    basic,
    chat,
    compare,
    download,
    drug,
    force,
    national,
    rank,
    region,
    sources,
    story,
    subscribe,
    trend,
    why,
)
from bot.answers.compare import compare_card
from bot.answers.drug import drug_card, drug_table
from bot.answers.force import force_card
from bot.answers.national import national_card
from bot.answers.rank import rank_card
from bot.answers.region import region_card
from bot.answers.trend import trend_chart
from bot.answers.why import why_card
from bot.commands import Answer, install

DECLARING: tuple[ModuleType, ...] = (force, national, compare, rank, region, drug, trend, why,
                                     story, download, sources, chat, subscribe, basic)  # fmt: skip
RENDERING: tuple[ModuleType, ...] = (compare_card, drug_card, drug_table, force_card,
                                     national_card, rank_card, region_card, trend_chart,
                                     why_card)  # fmt: skip


def declared(module: ModuleType) -> tuple[Answer, ...]:
    single = getattr(module, "ANSWER", None)
    return (single,) if single is not None else tuple(module.ANSWERS)


ANSWERS: tuple[Answer, ...] = tuple(a for module in DECLARING for a in declared(module))
install(ANSWERS)
