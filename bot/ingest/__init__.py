"""Reading the published tables into data/ (``seizure-bot ingest``) and new releases
(``seizure-bot update``). The spreadsheet readers (pandas, odfpy, openpyxl) come with the
``ingest`` extra; the bot itself never imports them. This module imports nothing heavy, so
callers check ``missing_extra()`` first and name the extra instead of a traceback.
"""

from __future__ import annotations

import importlib
import json
import shlex
import sys
from importlib import metadata
from pathlib import Path

EXTRA = "seizure-bot[ingest]"
EXTRA_MODULES = ("pandas", "odf", "openpyxl")  # odf is odfpy's import name
REQUIREMENTS = ("pandas", "odfpy", "openpyxl")  # the extra's distributions (pyproject.toml)


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
    return f"needs {', '.join(absent)}: install {EXTRA} ({install_command()})"


def install_command() -> str:
    """The command that adds the extra to this copy: pipx inject for a pipx install, pip
    from the checkout (editable) or the folder it was installed from, else from PyPI."""
    if "pipx" in Path(sys.prefix).parts:
        return f"pipx inject seizure-bot {' '.join(REQUIREMENTS)}"
    pip = f"{shlex.quote(sys.executable)} -m pip install"
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file():  # scripts/run.sh adds it for ingest, update
        return f"{pip} -e " + shlex.quote(f"{checkout}[ingest]")
    source = _installed_from()
    if source is None:
        return f"{pip} '{EXTRA}'"
    return f"{pip} " + shlex.quote(f"{source}[ingest]")


def _installed_from() -> Path | None:
    """The local folder this copy was installed from (pip's direct_url.json), if any."""
    try:
        text = metadata.distribution("seizure-bot").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    url = (json.loads(text) if text else {}).get("url", "")
    return Path(url.removeprefix("file://")) if url.startswith("file://") else None
