"""Writing a reply: the renderer, number and date formats, sentences, markup, charts, tables.

Below the core: imports nothing from bot.adapters or bot.releases (tests/test_layers.py)."""
