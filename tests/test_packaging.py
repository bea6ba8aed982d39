"""Packaging: the wheel holds every package, the bundled tables and the SQL; the bot runs
without the ``ingest`` extra (pandas, odfpy, openpyxl), and ingest and update name it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bot.ingest import EXTRA, EXTRA_MODULES, install_command, missing_extra
from bot.paths import DATA_DIR, PROJECT_ROOT
from queries.loader import sql_files

# Run bot.cli with the extra's modules unimportable (None in sys.modules: `import pandas`
# raises ImportError), then list any of them that got in anyway.
WITHOUT_EXTRA = f"""
import sys
for name in {EXTRA_MODULES!r}:
    sys.modules[name] = None
from bot.cli import main
import bot.adapters.console, bot.adapters.telegram.application
import bot.adapters.telegram.jobs, bot.adapters.telegram.run
code = main(sys.argv[1:])
loaded = [n for n in {EXTRA_MODULES!r} if sys.modules.get(n) is not None]
print("loaded:", loaded)
sys.exit(code)
"""


def without_extra(
    tmp_path: Path, cache_dir: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "DATA_DIR")}
    env.update(
        CACHE_DIR=str(cache_dir), OUTPUT_DIR=str(tmp_path / "out"), XDG_DATA_HOME=str(tmp_path)
    )
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRA, *args],
        input=stdin,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.process
def test_the_bot_answers_without_the_ingest_extra(tmp_path, cache_dir):
    done = without_extra(tmp_path, cache_dir, "ask", "/force Kent")
    assert done.returncode == 0, done.stderr
    assert "Kent Police:" in done.stdout
    assert "loaded: []" in done.stdout
    chart = without_extra(tmp_path, cache_dir, "ask", "/trend kent")  # matplotlib, no pandas
    assert chart.returncode == 0, chart.stderr
    assert "loaded: []" in chart.stdout


@pytest.mark.process
def test_the_console_runs_without_the_ingest_extra(tmp_path, cache_dir):
    done = without_extra(tmp_path, cache_dir, "console", stdin="/force Kent\n")
    assert done.returncode == 0, done.stderr
    assert "Kent Police:" in done.stdout
    assert "loaded: []" in done.stdout


@pytest.mark.parametrize(
    "args",
    [["ingest", "sources"], ["update", "--file", "x.ods"], ["update", "--population", "x.xlsx"]],
)
@pytest.mark.process
def test_ingest_and_update_name_the_extra_when_it_is_missing(tmp_path, cache_dir, args):
    done = without_extra(tmp_path, cache_dir, *args)
    assert done.returncode == 2
    assert f"install {EXTRA}" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_missing_extra_names_what_is_missing(monkeypatch):
    assert missing_extra() is None  # the test environment has the extra
    monkeypatch.setitem(sys.modules, "odf", None)
    assert missing_extra() == f"needs odf: install {EXTRA} ({install_command()})"


def test_the_install_command_fits_how_the_copy_was_installed(monkeypatch):
    assert install_command().endswith(f"-m pip install -e '{PROJECT_ROOT}[ingest]'")  # checkout
    monkeypatch.setattr(sys, "prefix", "/home/me/.local/share/pipx/venvs/seizure-bot")
    assert install_command() == "pipx inject seizure-bot pandas odfpy openpyxl"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel, built from a copy of the project's files (no build/ left in the checkout)."""
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools is not installed: pip install -e '.[dev]'")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(PROJECT_ROOT / name, source / name)
    for package in ("bot", "queries", "data"):
        shutil.copytree(
            PROJECT_ROOT / package,
            source / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    (built,) = out.glob("seizure_bot-*.whl")
    return zipfile.ZipFile(built)


def test_the_tables_are_one_folder_at_the_top_level():
    assert DATA_DIR == PROJECT_ROOT / "data"  # the checkout reads data/ itself
    assert not (PROJECT_ROOT / "bot" / "bundled").exists()  # one copy, not two


def test_the_wheel_holds_every_package(wheel):
    names = set(wheel.namelist())
    packages = [
        p.parent.relative_to(PROJECT_ROOT)
        for root in ("bot", "queries")
        for p in (PROJECT_ROOT / root).rglob("__init__.py")
    ]
    assert {
        "bot/adapters",
        "bot/adapters/telegram",
        "bot/answers",
        "bot/ingest",
        "bot/reading",
        "bot/releases",
        "bot/writing",
        "queries",
    } <= {str(p) for p in packages}
    for package in packages:
        for module in (PROJECT_ROOT / package).glob("*.py"):
            assert f"{package}/{module.name}" in names


def test_the_wheel_holds_the_tables_and_the_sql(wheel):
    names = set(wheel.namelist())
    tables = sorted(DATA_DIR.glob("*.csv"))
    assert len(tables) >= 10
    for table in [*tables, DATA_DIR / "README.md"]:
        assert wheel.read(f"bot/bundled/{table.name}") == table.read_bytes()
    shipped = [
        *sorted((PROJECT_ROOT / "queries").glob("*.sql")),
        *sorted((PROJECT_ROOT / "bot" / "answers").glob("*/*.sql")),  # each answer's own
    ]
    assert len(shipped) == len(sql_files())  # every file the store reads
    for sql in shipped:
        assert str(sql.relative_to(PROJECT_ROOT)) in names
    assert "bot/answers/force/force.sql" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = wheel.read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert "Provides-Extra: ingest" in text
    assert "Requires-Dist: pandas" in text and 'extra == "ingest"' in text
