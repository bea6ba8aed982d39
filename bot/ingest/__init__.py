"""Reading the published tables into data/ (``seizure-bot ingest``) and new releases
(``seizure-bot update``). The spreadsheet readers (pandas, odfpy, openpyxl) come with the
``ingest`` extra; the bot itself never imports them. This module imports nothing heavy, so
callers check ``missing_extra()`` first and name the extra instead of a traceback.
"""

from __future__ import annotations

import importlib

EXTRA = "seizure-bot[ingest]"
EXTRA_MODULES = ("pandas", "odf", "openpyxl")  # odf is odfpy's import name


def missing_extra() -> str | None:
    """One line naming the ``ingest`` extra when a module of it is not installed, else None."""
    absent = []
    for name in EXTRA_MODULES:
        try:  # imported, not just found: ingest and update need them next anyway
            importlib.import_module(name)
        except ImportError:
            absent.append(name)
    if not absent:
        return None
    return f"needs {', '.join(absent)}: install {EXTRA} (pip install '{EXTRA}')"
