"""One module per answer, each registering its own steps:

- ``@parser_for("name")`` (bot.parse): arguments -> a Command dataclass;
- ``@run.register`` (bot.run): Command -> Result, through the store's named queries;
- ``@render.register`` (bot.render): Result -> Reply;
- optionally ``@to_table.register`` (bot.tables): Result -> Table, for /csv.

The modules are listed here by name, so "go to definition" follows a command to its code:
a new answer module is added to this import (``*_card`` and ``trend_chart`` render for
their answer). ``tests/test_commands.py`` checks that every command in bot.commands.COMMANDS
is parsed and that every module in this package is imported here.
"""

from bot.answers import (  # noqa: F401  (imported to register their steps)
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
