"""The start-up heap of a long-running process, set aside from the garbage collector.

    settle()    collect what is garbage now, then freeze every object still alive

A long-running core builds at start what it answers from: every command's figures, the
question reader, their caches. Those objects live as long as the core, yet Python's cyclic
garbage collector walks every one of them again in each full collection, and under load the
bot's many short-lived objects (an update's tasks, futures and dicts) trigger one every few
hundred updates. ``gc.freeze`` moves the survivors to a permanent generation the collector
no longer walks (python -m bench: about a fifth of the bot's time per update under load).
Frozen objects are still freed by reference counting when nothing holds them, and a core
holds no reference cycles: one dropped after a reload leaves nothing for the collector, and
the frozen heap stays the same size however many reloads there are (tests/test_heap.py).
A new core after a reload settles again (unfreezing first), so nothing stays frozen that
should not.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Unfreeze what an earlier call froze, collect garbage, freeze what is left."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
