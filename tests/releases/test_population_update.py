"""`seizure-bot update --population FILE`: a later ONS estimate by local authority, in the
"MYE2 - Persons" layout (generated here from the bundled district lookup), gives rates to
the financial year it starts; a clash or a foreign layout changes nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bot import cli
from bot.core import Core
from bot.paths import DATA_DIR
from bot.releases.population_update import PopulationError, add_population
from queries.store import Store
from tests.support.data_tables import table

PEOPLE = 200_000  # each of the 331 districts of 2021: a made-up, round estimate


def districts_2021() -> list[str]:
    return sorted(r["lad_code"] for r in table("places") if r["source"] == "ons-lad21-pfa21-lookup")


def mye2(path: Path, mid_year: int, people: int = PEOPLE) -> Path:
    codes = districts_2021()
    book = openpyxl.Workbook()
    book.active.title = "Contents"
    sheet = book.create_sheet("MYE2 - Persons")
    sheet.append([f"Mid-{mid_year} Population Estimates for the UK, persons by single year of age"])
    sheet.append([])
    sheet.append(["Code", "Name", "Geography", "All ages", "0"])
    sheet.append(["K04000001", "ENGLAND AND WALES", "Country", people * len(codes), 0])
    sheet.append(["E12000001", "NORTH EAST", "Region", 1, 0])
    for code in codes:
        sheet.append([code, code, "Unitary Authority", people, 0])
    book.save(path)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def answer(data_dir: Path, cache_dir: Path, text: str) -> str:
    return Core(Store.open(data_dir, cache_dir), prepare=False).answer(text).text


def test_a_new_mid_year_gives_the_next_year_a_rate(tmp_path, data_dir) -> None:
    before = answer(data_dir, tmp_path / "cache0", "/force Dyfed-Powys 2021-22")
    assert "No rate per million" in before  # said plainly while no population is held
    lines = add_population(data_dir, [mye2(tmp_path / "mye2021.xlsx", 2021)])
    assert lines == ["mid-2021 population: 55 areas added from mye2021.xlsx"]
    after = answer(data_dir, tmp_path / "cache1", "/force Dyfed-Powys 2021-22")
    # Dyfed-Powys has 4 districts: 1,619 seizures over 800,000 people
    assert "2,024 per million people" in after and "ONS mid-2021" in after
    assert "ons-mye2021-districts" in (data_dir / "sources.csv").read_text(encoding="utf-8")


def test_importing_the_same_file_twice_changes_nothing(tmp_path, data_dir) -> None:
    book = mye2(tmp_path / "mye2021.xlsx", 2021)
    add_population(data_dir, [book])
    held = snapshot(data_dir)
    assert add_population(data_dir, [book]) == [
        "mid-2021 population: already held, nothing added (mye2021.xlsx)"
    ]
    assert snapshot(data_dir) == held


def test_rewriting_keeps_every_byte_of_the_tables_held(tmp_path, data_dir) -> None:
    add_population(data_dir, [mye2(tmp_path / "mye2021.xlsx", 2021)])
    lines = (data_dir / "population.csv").read_text(encoding="utf-8").splitlines()
    bundled = (DATA_DIR / "population.csv").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if ",2021,mid-year," not in line] == bundled


def test_a_different_figure_for_a_held_mid_year_is_refused(tmp_path, data_dir) -> None:
    held = snapshot(data_dir)
    with pytest.raises(PopulationError, match="mid-2020 is already held"):
        add_population(data_dir, [mye2(tmp_path / "mye2020.xlsx", 2020)])
    assert snapshot(data_dir) == held


def test_cli_refuses_another_layout_and_leaves_data_unchanged(
    tmp_path, data_dir, monkeypatch, capsys
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Table 1"
    book.active.append(["Police force area", "Population"])
    book.save(tmp_path / "other.xlsx")
    held = snapshot(data_dir)
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    assert cli.main(["update", "--population", str(tmp_path / "other.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "sheets read: Table 1" in err and "is unchanged" in err
    assert snapshot(data_dir) == held


def test_cli_imports_into_data_dir(tmp_path, data_dir, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    assert cli.main(["update", "--population", str(mye2(tmp_path / "m.xlsx", 2021))]) == 0
    assert "55 areas added" in capsys.readouterr().out


def test_a_cell_bomb_given_as_a_population_file_is_refused_unread(tmp_path, data_dir) -> None:
    book = openpyxl.Workbook()
    book.active["XFD1048576"] = 1
    book.save(tmp_path / "mye.xlsx")
    with pytest.raises(PopulationError, match="mye.xlsx: sheet .* over the limit"):
        add_population(data_dir, [tmp_path / "mye.xlsx"])
