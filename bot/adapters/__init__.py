"""The adapters that carry the core's replies to people: Telegram (bot.adapters.telegram),
the console and its terminal, and the chat settings they keep (state). The top layer: nothing
below imports it (tests/test_layers.py)."""
