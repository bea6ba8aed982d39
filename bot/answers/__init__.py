"""One module per answer, each registering its own parse, run and render steps.

Importing this package registers them all; ``tests/test_commands.py`` checks that every
command in bot.commands.COMMANDS has its three steps.
"""

from bot.answers import (  # noqa: F401, E402
    basic,
    force,  # noqa: F401
    force_card,
)
