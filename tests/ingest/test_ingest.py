"""The whole ingest: it rebuilds the committed data/ exactly, deterministically and
atomically."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.ingest.build import IngestError, ingest
from bot.paths import DATA_DIR, DEFAULT_SOURCES, PROJECT_ROOT
from queries.contract import COLUMNS

NO_SOURCES = f"source folder {DEFAULT_SOURCES} is absent (only the maintainer's checkout has it)"
needs_sources = pytest.mark.skipif(not DEFAULT_SOURCES.is_dir(), reason=NO_SOURCES)
SEIZURES_2019 = Path("BritishDrugDynamics") / "seizures_by_force" / "Seizures18-19.csv"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def committed_tables() -> dict[str, bytes]:
    return {name: (DATA_DIR / name).read_bytes() for name in COLUMNS}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """data/ rebuilt once from the default sources, shared by the read-only tests."""
    if not DEFAULT_SOURCES.is_dir():
        pytest.skip(NO_SOURCES)
    target = tmp_path_factory.mktemp("rebuilt") / "data"
    ingest(DEFAULT_SOURCES, target)
    return target


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_rebuild_matches_committed_file(rebuilt, name) -> None:
    assert (rebuilt / name).read_bytes() == (DATA_DIR / name).read_bytes(), (
        f"data/{name} differs from a fresh ingest: run the ingest and commit the result"
    )


def test_rebuild_writes_exactly_the_tables(rebuilt) -> None:
    assert sorted(p.name for p in rebuilt.iterdir()) == sorted(COLUMNS)


def test_ingest_returns_row_counts(tmp_path) -> None:
    if not DEFAULT_SOURCES.is_dir():
        pytest.skip(NO_SOURCES)
    counts = ingest(DEFAULT_SOURCES, tmp_path / "data")
    for name, rows in counts.items():
        lines = (tmp_path / "data" / name).read_text(encoding="utf-8").count("\n")
        assert lines == rows + 1, name  # one header line


@needs_sources
def test_second_ingest_into_same_dir_is_identical(rebuilt, tmp_path) -> None:
    target = tmp_path / "data"
    shutil.copytree(rebuilt, target)
    ingest(DEFAULT_SOURCES, target)
    assert snapshot(target) == snapshot(rebuilt)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no staging left behind


@needs_sources
def test_ingest_is_independent_of_hash_seed(rebuilt, tmp_path) -> None:
    target = tmp_path / "data"
    code = (
        "import sys; from pathlib import Path; from bot.ingest.build import ingest; "
        "ingest(Path(sys.argv[1]), Path(sys.argv[2]))"
    )
    env = os.environ | {"PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-c", code, str(DEFAULT_SOURCES), str(target)],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    assert snapshot(target) == snapshot(rebuilt)


@needs_sources
def test_ingest_keeps_hand_written_files(rebuilt, tmp_path) -> None:
    target = tmp_path / "data"
    shutil.copytree(rebuilt, target)
    (target / "README.md").write_text("# notes\n", encoding="utf-8")
    ingest(DEFAULT_SOURCES, target)
    assert (target / "README.md").read_text(encoding="utf-8") == "# notes\n"


def test_ingest_refuses_a_folder_that_is_not_the_sources(tmp_path) -> None:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    before = snapshot(target)
    with pytest.raises(IngestError, match="BritishDrugDynamics"):
        ingest(tmp_path / "nowhere", target)
    assert snapshot(target) == before


# --- atomicity: a source that breaks the build leaves the target untouched -------------------


def _append_atlantis(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    width = text.splitlines()[1].count(",")
    path.write_text(text + "\r\nAtlantis" + ",1" * width, encoding="utf-8")


def _cut_mid_row(path: Path) -> None:
    data = path.read_bytes()
    start = data.index(b"\nWarwickshire,") + 1
    end = data.index(b",", data.index(b",", start) + 1) + 1  # after the second cell
    path.write_bytes(data[:end])


def _class_total_too_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    row = "Warwickshire,1446,115,73,9,54,0,7,6,7,"
    assert row + "227," in text
    path.write_text(text.replace(row + "227,", row + "22,", 1), encoding="utf-8")


def _wrong_count(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace("Warwickshire,1446,", "Warwickshire,1.5,", 1), encoding="utf-8")


def _wrong_region(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(
        text.replace("West Mercia,West Midlands", "West Mercia,Wales", 1), encoding="utf-8"
    )


DAMAGES = [
    (SEIZURES_2019, _append_atlantis, "Atlantis"),
    (SEIZURES_2019, _cut_mid_row, "cut short"),
    (SEIZURES_2019, _class_total_too_small, "exceeds its class total"),
    (SEIZURES_2019, _wrong_count, "1.5"),
    (Path("derived") / "force_region_lookup.csv", _wrong_region, "disagrees with the region"),
]


@needs_sources
@pytest.mark.parametrize(
    ("relative", "damage", "complaint"), DAMAGES, ids=[d[1].__name__.strip("_") for d in DAMAGES]
)
def test_failed_build_leaves_data_unchanged(tmp_path, relative, damage, complaint) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(DEFAULT_SOURCES, sources)
    original = (sources / relative).read_bytes()
    damage(sources / relative)
    assert (sources / relative).read_bytes() != original
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    before = snapshot(target)
    with pytest.raises(IngestError, match="data/ unchanged") as caught:
        ingest(sources, target)
    assert complaint in str(caught.value)
    assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "sources"]


# --- units of the committed quantities -------------------------------------------------------


@pytest.fixture(scope="module")
def quantities() -> list[dict[str, str]]:
    with (DATA_DIR / "quantities.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def units(rows: list[dict[str, str]], drug: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in rows:
        if row["drug"] == drug:
            out.setdefault(row["fye"], set()).add(row["unit"])
    return out


def test_thousand_plants_only_for_2010_cannabis_plants(quantities) -> None:
    thousand = {(r["fye"], r["drug"]) for r in quantities if r["unit"] == "thousand plants"}
    assert thousand == {("2010", "cannabis_plants")}
    plants = units(quantities, "cannabis_plants")
    assert plants.pop("2010") == {"thousand plants"}
    assert plants and all(u == {"plants"} for u in plants.values())


@pytest.mark.parametrize(
    ("drug", "unit"),
    [
        ("cocaine", "kg"),
        ("crack", "kg"),
        ("heroin", "kg"),
        ("herbal_cannabis", "kg"),
        ("ecstasy", "thousand doses"),
        ("lsd", "thousand doses"),
        ("anabolic_steroids", "thousand doses"),
    ],
)
def test_quantity_unit_every_year(quantities, drug, unit) -> None:
    by_year = units(quantities, drug)
    assert sorted(by_year) == [str(y) for y in range(2010, 2020)]
    assert all(u == {unit} for u in by_year.values())
