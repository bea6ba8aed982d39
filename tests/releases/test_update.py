"""`seizure-bot update` against a GOV.UK stand-in on 127.0.0.1, then the answers it gives.

The releases are generated from the real bundled figures (tests/support/release_books.py); nothing
here touches the internet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import cli
from bot.core import Core
from bot.paths import DATA_DIR
from bot.releases import govuk
from bot.releases.update import UpdateError, update
from queries.store import Store
from tests.support.fake_govuk import FakeGovuk
from tests.support.release_books import DRUG_HEADERS, bundled, save, workbook

YEARS = [2018, 2019]
SLUG = "seizures-of-drugs-in-england-and-wales-financial-year-ending-2019"
TITLE = "Seizures of drugs in England and Wales, financial year ending 2019"
UPDATED = "2026-03-05T09:30:00.000+00:00"


@pytest.fixture()
def fake():
    server = FakeGovuk().start()
    yield server
    server.stop()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def release_bytes(tmp_path: Path, figures: dict, years=YEARS, suffix=".xlsx", **options) -> bytes:
    sheets = workbook("accessible", "wide", figures, years, **options)
    return save(sheets, tmp_path / f"book{suffix}").read_bytes()


def run_update(fake: FakeGovuk, data_dir: Path, **client_options) -> object:
    options = {"timeout": 2.0, "retry_delays": (0.0, 0.0)} | client_options
    with govuk.Client(fake.base_url, **options) as client:
        return update(data_dir, client=client)


def answer(data_dir: Path, cache_dir: Path, text: str) -> str:
    return Core(Store.open(data_dir, cache_dir), prepare=False).answer(text).text


def test_release_with_the_same_figures_changes_no_answer(tmp_path, fake, data_dir, cache_dir):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": release_bytes(tmp_path, bundled(YEARS))})
    before = snapshot(data_dir)
    summary = run_update(fake, data_dir)
    assert summary.changed and summary.revisions == [] and summary.years_added == []
    after = snapshot(data_dir)
    assert after["seizures.csv"] == before["seizures.csv"]
    assert "revisions.csv" not in after and b"financial year ending 2019" in after["releases.csv"]
    for text in ("/force West Mercia", "/force Kent 2017-18", "/national 2018-19"):
        assert answer(data_dir, cache_dir, text) == answer(DATA_DIR, cache_dir, text)
    sources = answer(data_dir, cache_dir, "/sources")
    assert TITLE in sources and "release of 5 March 2026" in sources and SLUG in sources
    assert run_update(fake, data_dir).changed is False  # already imported


def test_a_changed_figure_is_a_revision(tmp_path, fake, data_dir, cache_dir):
    figures = bundled(YEARS)
    figures[(2019, "west-mercia", "all_drugs")] = 3300
    fake.add_release(
        SLUG, TITLE, UPDATED, {"tables.ods": release_bytes(tmp_path, figures, suffix=".ods")}
    )
    summary = run_update(fake, data_dir)
    assert summary.revisions == ["west-mercia 2018-19 all_drugs: 3,292 -> 3,300"]
    revisions = (data_dir / "revisions.csv").read_text(encoding="utf-8").splitlines()
    assert revisions[1].startswith(
        "2019,west-mercia,all_drugs,3292,bdd-seizures-fye2019,ho-release-"
    )
    card = answer(data_dir, cache_dir, "/force West Mercia 2018-19")
    assert "3,300 drug seizures in 2018-19" in card
    assert "Revised in the release of 5 March 2026: first published as 3,292" in card
    assert "revised figures from the release of 5 March 2026" in card  # the footer


def test_a_new_year_is_added_and_answered(tmp_path, fake, data_dir, cache_dir):
    # 2019-20 figures made from the real 2018-19 ones, each force's plus 10 (a test value)
    figures = {
        (2020, f, d): None if v is None else v + 10 for (_, f, d), v in bundled([2019]).items()
    }
    title = "Seizures of drugs in England and Wales, financial year ending 2020"
    fake.add_release(
        "fye-2020",
        title,
        "2026-03-06T09:30:00.000+00:00",
        {"fye2020.xlsx": release_bytes(tmp_path, figures, [2020])},
    )
    summary = run_update(fake, data_dir)
    assert summary.years_added == [2020] and summary.figures_added == 41 * 24
    card = answer(data_dir, cache_dir, "/force Kent 2019-20")
    kent = bundled([2019])[(2019, "kent", "all_drugs")] + 10
    assert f"{kent:,} drug seizures in 2019-20" in card
    assert "2019-20, release of 6 March 2026" in card


def test_unrecognisable_file_is_refused_and_nothing_changes(
    tmp_path, data_dir, capsys, monkeypatch
):
    book = save(
        {"Index": [["Workforce"]], "Table_1": [["Force", "Officers"], ["Kent", 3]]},
        tmp_path / "workforce.xlsx",
    )
    before = snapshot(data_dir)
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    assert cli.main(["update", "--file", str(book)]) == 1
    message = capsys.readouterr().err
    assert "workforce.xlsx" in message and "Index, Table_1" in message and "unchanged" in message
    assert snapshot(data_dir) == before


def test_failed_check_keeps_data(tmp_path, data_dir):
    figures = bundled(YEARS)
    figures[(2019, "kent", "cocaine")] = figures[(2019, "kent", "all_drugs")] + 1
    sheets = workbook("accessible", "wide", figures, YEARS)
    book = save(sheets, tmp_path / "inconsistent.xlsx")
    row = 1 + next(i for i, r in enumerate(sheets["Table_2b"]) if r[0] == "Kent")
    before = snapshot(data_dir)
    where = f"Table_2b row {row}, column C: kent cocaine 3679 is more than its all_drugs 3678"
    with pytest.raises(UpdateError, match=re.escape(where)):
        update(data_dir, files=[book])
    assert snapshot(data_dir) == before


def test_file_updates_a_new_user_folder_from_the_bundled_tables(tmp_path):
    book = save(workbook("older", "wide", bundled(YEARS), YEARS), tmp_path / "older.ods")
    target = tmp_path / "user" / "seizure-bot"
    summary = update(target, files=[book])
    assert summary.changed
    assert (target / "seizures.csv").read_bytes() == (DATA_DIR / "seizures.csv").read_bytes()


@pytest.mark.parametrize(
    ("failure", "complaint"),
    [
        ("collection_404", "answered 404"),
        ("always_500", "answered 500 (tried 3 times)"),
        ("slow", "timed out"),
        ("corrupt", "cannot be read as a spreadsheet"),
        ("missing_file", "answered 404"),
    ],
)
def test_failures_leave_data_unchanged(tmp_path, fake, data_dir, failure, complaint):
    body = release_bytes(tmp_path, bundled(YEARS))
    if failure == "corrupt":
        body = body[: len(body) // 3]
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": body})
    collection = f"/api/content{govuk.COLLECTION}"
    files = [p for p in fake.routes if p.endswith("tables.xlsx")]
    if failure == "collection_404":
        del fake.routes[collection]
    elif failure == "always_500":
        fake.routes[collection].fail_first = 99
    elif failure == "slow":
        fake.routes[files[0]].delay = 1.5
    elif failure == "missing_file":
        del fake.routes[files[0]]
    before = snapshot(data_dir)
    if failure in ("corrupt", "slow", "missing_file"):  # the one release is not imported
        summary = run_update(fake, data_dir, timeout=0.5)
        assert not summary.ok and complaint in summary.failures[0]
    else:
        with pytest.raises(UpdateError, match=re.escape(complaint)):
            run_update(fake, data_dir, timeout=0.5)
    assert snapshot(data_dir) == before


def test_a_server_error_is_tried_again(tmp_path, fake, data_dir):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": release_bytes(tmp_path, bundled(YEARS))})
    fake.routes[f"/api/content{govuk.COLLECTION}"].fail_first = 2
    lines: list[str] = []
    with govuk.Client(fake.base_url, retry_delays=(0.0, 0.0), progress=lines.append) as client:
        assert update(data_dir, client=client).changed
    assert len(lines) == 1 and lines[0].startswith("downloaded tables.xlsx")


def test_older_releases_are_not_downloaded(tmp_path, fake, data_dir):
    title = "Seizures of drugs in England and Wales, financial year ending 2016"
    fake.add_release("fye-2016", title, "2016-11-01T09:30:00.000+00:00", {"old.xlsx": b"unused"})
    assert run_update(fake, data_dir).changed is False
    assert not any(p.endswith("old.xlsx") for p in fake.requests)


def cli_update(monkeypatch, fake: FakeGovuk, data_dir: Path, *args: str) -> int:
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    monkeypatch.setenv("GOVUK_BASE_URL", fake.base_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    return cli.main(["update", *args])


def test_accessible_ods_with_a_region_column_imports_then_its_revised_edition(
    tmp_path, fake, data_dir, cache_dir, capsys, monkeypatch
):
    figures = bundled(YEARS)
    sheets = workbook("accessible", "wide", figures, YEARS, extra=("region", "code", "notes"))
    fake.add_release(
        SLUG, TITLE, UPDATED, {"tables.ods": save(sheets, tmp_path / "a.ods").read_bytes()}
    )
    assert cli_update(monkeypatch, fake, data_dir) == 0
    out = capsys.readouterr().out
    assert "Imported: " + TITLE in out and "'Region' (words, not counts)" in out
    kent = answer(data_dir, cache_dir, "/force Kent 2018-19")
    assert "3,678 drug seizures in 2018-19" in kent and "revised" not in kent.lower()

    figures[(2019, "kent", "all_drugs")] = 3679
    figures[(2019, "kent", "unknown")] += 1  # the revised edition keeps its own arithmetic
    revised = {(2019, "kent", "all_drugs"), (2019, "kent", "unknown")}
    sheets = workbook("accessible", "wide", figures, YEARS, extra=("region",), revised=revised)
    fake.add_release(
        SLUG,
        TITLE,
        "2026-04-01T09:30:00.000+00:00",
        {"tables.ods": save(sheets, tmp_path / "b.ods").read_bytes()},
    )
    assert cli_update(monkeypatch, fake, data_dir) == 0
    assert "kent 2018-19 all_drugs: 3,678 -> 3,679" in capsys.readouterr().out
    kent = answer(data_dir, cache_dir, "/force Kent 2018-19")
    assert "3,679 drug seizures in 2018-19" in kent
    assert "Revised in the release of 1 April 2026: first published as 3,678" in kent


def test_a_release_with_no_seizure_table_is_not_imported_and_exits_1(
    tmp_path, fake, data_dir, capsys, monkeypatch
):
    book = save(
        {"Cover": [["Workforce"]], "Table_1": [["Force", "Officers"], ["Kent", 3]]},
        tmp_path / "w.ods",
    )
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.ods": book.read_bytes()})
    before = snapshot(data_dir)
    assert cli_update(monkeypatch, fake, data_dir) == 1
    out = capsys.readouterr().out
    assert f"NOT imported: {TITLE}: tables.ods: no table of seizures" in out
    assert "Up to date" not in out
    assert snapshot(data_dir) == before


def test_dry_run_prints_what_would_change_and_writes_nothing(
    tmp_path, fake, data_dir, capsys, monkeypatch
):
    figures = bundled(YEARS)
    figures[(2019, "west-mercia", "all_drugs")] = 3300
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": release_bytes(tmp_path, figures)})
    before = snapshot(data_dir)
    assert cli_update(monkeypatch, fake, data_dir, "--dry-run") == 0
    out = capsys.readouterr().out
    assert (
        "Would import: " + TITLE in out and "west-mercia 2018-19 all_drugs: 3,292 -> 3,300" in out
    )
    assert "Dry run: nothing written" in out
    assert snapshot(data_dir) == before


WALES = ("dyfed-powys", "gwent", "north-wales", "south-wales")


def test_welsh_rows_marked_not_available_keep_the_figures_held_from_elsewhere(
    tmp_path, data_dir, cache_dir
):
    before = answer(data_dir, cache_dir, "/force North Wales 2018-19")
    assert "2,034 drug seizures in 2018-19" in before
    figures = bundled(YEARS) | {
        (fye, force, drug): None for fye in YEARS for force in WALES for drug, _ in DRUG_HEADERS
    }
    book = save(workbook("accessible", "wide", figures, YEARS), tmp_path / "wales.ods")
    summary = update(data_dir, files=[book])
    assert summary.figures_added == 0 and summary.revisions == []
    assert "Blank in the release: north-wales 2018-19: not available in this release; " \
        "nothing added, figures held from elsewhere kept" in summary.lines()  # fmt: skip
    assert answer(data_dir, cache_dir, "/force North Wales 2018-19") == before
    kent = answer(data_dir, cache_dir, "/force Kent 2017-18")
    assert "revised" not in kent.lower()  # nothing changed, so nothing is called revised


def test_a_suppressed_cell_is_named_by_its_meaning_and_never_replaces_a_figure(tmp_path, data_dir):
    figures = bundled(YEARS)
    sheets = workbook("accessible", "wide", figures, [2019])
    next(r for r in sheets["Table_2a"] if r[0] == "Kent")[2] = "[c]"  # cocaine
    summary = update(data_dir, files=[save(sheets, tmp_path / "c.xlsx")])
    cocaine = figures[(2019, "kent", "cocaine")]
    assert "Blank in the release: kent 2018-19 cocaine: suppressed for confidentiality; " \
        f"the figure held ({cocaine:,}) kept" in summary.lines()  # fmt: skip
    assert not any("border-force" in line for line in summary.lines())  # blank, held blank
    assert summary.revisions == [] and summary.figures_added == 0
    held = bundled([2019], data_dir)
    assert held[(2019, "kent", "cocaine")] == figures[(2019, "kent", "cocaine")]


def test_a_new_drug_column_becomes_a_new_drug(tmp_path, data_dir, cache_dir):
    figures = bundled(YEARS)
    for (fye, force, drug), value in list(figures.items()):
        if drug == "class_c":  # a test value: at most the class C total
            figures[(fye, force, "nitrous_oxide")] = value
    book = save(workbook("accessible", "wide", figures, YEARS), tmp_path / "n2o.xlsx")
    summary = update(data_dir, files=[book])
    assert summary.figures_added == 2 * 41 and summary.revisions == []
    assert any(line.endswith("Nitrous oxide (class C)") for line in summary.lines())
    assert "nitrous_oxide,Nitrous oxide,drug,C," in (data_dir / "drugs.csv").read_text()
    kent = figures[(2019, "kent", "nitrous_oxide")]
    card = answer(data_dir, cache_dir, "/drug nitrous oxide Kent 2018-19")
    assert f"{kent:,} nitrous oxide seizures in 2018-19" in card
    assert "revised" not in card  # a figure added is not a figure revised
    assert "Nitrous oxide" in answer(data_dir, cache_dir, "/sources")


def test_a_blank_in_a_new_year_is_explained_by_its_own_meaning(tmp_path, data_dir, cache_dir):
    figures = {
        (2020, f, d): None if v is None else v + 10 for (_, f, d), v in bundled([2019]).items()
    }
    sheets = workbook("accessible", "wide", figures, [2020])
    kent = next(r for r in sheets["Table_2a"] if r[0] == "Kent")
    kent[2] = "[c]"  # cocaine
    summary = update(data_dir, files=[save(sheets, tmp_path / "c2020.xlsx")])
    assert summary.years_added == [2020]
    assert "2020,kent,blank-cocaine,suppressed for confidentiality," in (
        data_dir / "flags.csv"
    ).read_text(encoding="utf-8")
    card = answer(data_dir, cache_dir, "/drug cocaine Kent 2019-20")
    assert "Suppressed for confidentiality (the file c2020.xlsx of " in card
    assert "missing or incomplete" not in card


def test_one_broken_release_does_not_stop_another(tmp_path, fake, data_dir, capsys, monkeypatch):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": release_bytes(tmp_path, bundled(YEARS))})
    broken = "Seizures of drugs in England and Wales, financial year ending 2020"
    fake.add_release("fye-2020", broken, "2026-03-06T09:30:00.000+00:00", {"t.xlsx": b"x"})
    del fake.routes[next(p for p in fake.routes if p.endswith("/t.xlsx"))]
    assert cli_update(monkeypatch, fake, data_dir) == 1
    out = capsys.readouterr().out
    assert f"Imported: {TITLE}" in out
    assert f"NOT imported: {broken}: " in out and "answered 404" in out


def test_a_new_year_cut_short_is_refused_in_one_line(tmp_path, data_dir):
    figures = {
        (2020, f, d): v for (_, f, d), v in bundled([2019]).items() if f not in ("kent", "essex")
    }
    book = save(workbook("older", "wide", figures, [2020]), tmp_path / "short.ods")
    before = snapshot(data_dir)
    with pytest.raises(UpdateError) as caught:
        update(data_dir, files=[book])
    assert "\n" not in str(caught.value)
    assert "checks failed, nothing kept: 2020: no figure for essex, kent" in str(caught.value)
    assert snapshot(data_dir) == before
