"""Reading a question: the parser, the planner of plain questions, names, years and words.

Below the core: imports nothing from bot.adapters or bot.releases (tests/test_layers.py)."""
