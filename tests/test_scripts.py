"""scripts/run.sh with the wrong Python: one clear line naming PYTHON, exit status 2, and
nothing made that a rerun with the right Python would trip over. (Making a real .venv takes
a minute and PyPI: that path was checked by hand, see CHANGELOG.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT

# A stand-in for Ubuntu 22.04's python3: answers the scripts' questions as Python 3.10 would.
FAKE_310 = """#!/bin/sh
case "$*" in
  *"version_info < (3, 11)"*) exit 1 ;;
  *"sys.version.split()[0], sys.base_prefix"*) echo "3.10.12 /usr" ;;
  *"sys.version.split()[0]"*) echo "3.10.12" ;;
  *"-m pip --version"*) echo "pip 22.0.2" ;;
  *) echo "fake python 3.10 was asked: $*" >&2; exit 1 ;;
esac
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The scripts and pyproject.toml of a fresh clone, with a python3 that is 3.10."""
    root = tmp_path / "clone"
    shutil.copytree(PROJECT_ROOT / "scripts", root / "scripts")
    shutil.copy2(PROJECT_ROOT / "pyproject.toml", root)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").write_text(FAKE_310)
    (bin_dir / "python3").chmod(0o755)
    return root


def run(checkout: Path, **env: str) -> subprocess.CompletedProcess:
    path = f"{checkout.parent / 'bin'}:{os.environ['PATH']}"
    clean = {k: v for k, v in os.environ.items() if k != "PYTHON"}
    return subprocess.run(
        ["bash", str(checkout / "scripts" / "run.sh"), "ask", "/force Kent"],
        capture_output=True,
        text=True,
        env={**clean, "PATH": path, **env},
        cwd=checkout.parent,
        timeout=30,
    )


def test_an_old_python_is_one_line_naming_python(checkout):
    done = run(checkout)
    assert done.returncode == 2
    assert done.stderr == (
        "scripts/run.sh: needs Python 3.11 or newer; python3 is 3.10.12. Run again with "
        f"PYTHON pointing at a newer one, e.g. PYTHON=python3.11 bash {checkout}/scripts/run.sh\n"
    )
    assert not (checkout / ".venv").exists()


def test_a_venv_of_an_old_python_is_not_trusted(checkout):
    (checkout / ".venv" / "bin").mkdir(parents=True)
    shutil.copy2(checkout.parent / "bin" / "python3", checkout / ".venv" / "bin" / "python")
    done = run(checkout)
    assert done.returncode == 2 and "needs Python 3.11 or newer" in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_a_python_that_is_not_there_is_named(checkout):
    done = run(checkout, PYTHON="python3.99")
    assert done.returncode == 2
    assert "there is no 'python3.99' here" in done.stderr
    assert len(done.stderr.splitlines()) == 1
