"""Hostile release files are refused from their own structure, before anything expands
them: in seconds, in one line, under a memory cap, and the data folder is unchanged."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bot.ingest.release import read_release
from bot.ingest.release_size import MAX_SHEET_CELLS, check_size
from bot.ingest.release_text import ReleaseError

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 3 * 1024**3


def cell_bomb(path: Path) -> Path:
    """One cell at XFD1048576: a 1,048,576 x 16,384 grid to pandas."""
    book = openpyxl.Workbook()
    book.active["XFD1048576"] = 1
    book.save(path)
    return path


ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="T">'
    '<table:table-row table:number-rows-repeated="1048576">'
    '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
    'office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body>'
    "</office:document-content>"
)


def ods_bomb(path: Path) -> Path:
    """An ODS whose one cell is repeated across 16,384 columns and 1,048,576 rows."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", ODS_CONTENT)
    return path


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/worksheets/sheet1.xml", b" " * 210_000_000)
    return path


def test_the_bombs_are_small(tmp_path):
    assert cell_bomb(tmp_path / "b.xlsx").stat().st_size < 6_000
    assert ods_bomb(tmp_path / "b.ods").stat().st_size < 900


@pytest.mark.parametrize(
    ("build", "complaint"),
    [
        (cell_bomb, "spans 17,179,869,184 cells"),
        (ods_bomb, "spans 17,179,869,184 cells"),
        (zip_bomb, "unpacks to 210,000,000 bytes"),
    ],
)
def test_a_bomb_is_refused_unread(tmp_path, build, complaint):
    path = build(tmp_path / ("bomb.ods" if build is ods_bomb else "bomb.xlsx"))
    started = time.monotonic()
    with pytest.raises(ReleaseError, match=complaint):
        read_release(path)
    assert time.monotonic() - started < 5


def test_a_real_release_is_well_within_the_limits(tmp_path):
    from tests.support.release_books import bundled, save, workbook

    path = save(workbook("older", "wide", bundled([2019]), [2019]), tmp_path / "r.ods")
    assert 0 < check_size(path) < MAX_SHEET_CELLS / 100


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.parametrize("build", [cell_bomb, ods_bomb])
@pytest.mark.process
def test_update_refuses_a_bomb_under_a_memory_cap_in_one_line(tmp_path, data_dir, build):
    path = build(tmp_path / ("bomb.ods" if build is ods_bomb else "bomb.xlsx"))
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    env = {**os.environ, "DATA_DIR": str(data_dir), "TELEGRAM_BOT_TOKEN": ""}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "update", "--file", str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, preexec_fn=_cap_memory,
    )  # fmt: skip
    assert time.monotonic() - started < 30
    assert done.returncode == 1 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"seizure-bot update: {path.name}: ") and "refused unread" in line
    assert "Traceback" not in done.stderr
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before


@pytest.mark.parametrize(
    "members",
    [
        {"mimetype": "application/vnd.oasis.opendocument.spreadsheet"},  # no content.xml
        {"content.xml": "<not xml"},
    ],
)
def test_a_damaged_ods_is_one_line(tmp_path, members):
    path = tmp_path / "bad.ods"
    with zipfile.ZipFile(path, "w") as book:
        for name, text in members.items():
            book.writestr(name, text)
    with pytest.raises(ReleaseError, match="bad.ods: cannot be read as a spreadsheet"):
        read_release(path)
