"""One module per answer, each registering its own steps:

- ``@parser_for("name")`` (bot.parse): arguments -> a Command dataclass;
- ``@run.register`` (bot.run): Command -> Result, through the store's named queries;
- ``@render.register`` (bot.render): Result -> Reply;
- optionally ``@to_table.register`` (bot.tables): Result -> Table, for /csv.

Importing this package imports every module in it, so a new answer needs no other edit;
``tests/test_commands.py`` checks that every command in bot.commands.COMMANDS is parsed.
"""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
