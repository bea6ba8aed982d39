"""Validation of the committed tables in data/, read as plain CSV (no store, no
sources folder).

The figures reconciled here are the cross-checks of the maintainer's source notes: published
numbers (PA/RADAR local news, the Home Office release pages) that the bundled tables must
reproduce exactly, and the invariants every ingest must keep.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict

import pytest

from bot.ingest.validate import KNOWN_ANOMALIES
from bot.paths import DATA_DIR
from queries.contract import COLUMNS, SORT_KEYS

Row = dict[str, str]
WELSH_FORCES = ("dyfed-powys", "gwent", "north-wales", "south-wales")
COUNTRY_AREAS = {"england", "wales", "england-and-wales"}
UNUSABLE_POPULATIONS = (
    "nottinghamshire",
    "thames-valley",
    "east-midlands-region",
    "south-east-region",
)
NOT_REPORTED = {(2013, "hampshire"), (2015, "bedfordshire"), (2015, "hampshire")}
CLASS_TOTALS = {"A": "class_a", "B": "class_b", "C": "class_c"}


@functools.cache
def read(name: str) -> tuple[Row, ...]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def seizures(fye: int, force_id: str, drug: str = "all_drugs") -> int | None:
    """One cell of seizures.csv; None when the cell is blank (not reported)."""
    found = [
        r["seizures"]
        for r in read("seizures.csv")
        if (r["fye"], r["force_id"], r["drug"]) == (str(fye), force_id, drug)
    ]
    assert len(found) == 1, f"{fye} {force_id} {drug}: {len(found)} rows"
    return int(found[0]) if found[0] else None


def mid_year_population(area_id: str, mid_year: int) -> int:
    """The one usable ONS mid-year estimate of an area."""
    found = [
        int(r["population"])
        for r in read("population.csv")
        if r["area_id"] == area_id
        and r["mid_year"] == str(mid_year)
        and r["basis"] == "mid-year"
        and r["usable"] == "true"
    ]
    assert len(found) == 1, f"{area_id} mid-{mid_year}: {len(found)} usable rows"
    return found[0]


def national(fye: int, authority: str, drug: str, **match: str) -> int:
    """One published seizure count of national.csv (further columns narrow it to one row)."""
    found = {
        int(float(r["value"]))
        for r in read("national.csv")
        if (r["fye"], r["authority"], r["measure"], r["drug"])
        == (str(fye), authority, "seizures", drug)
        and all(r[column] == value for column, value in match.items())
    }
    assert len(found) == 1, f"{fye} {authority} {drug} {match}: values {found}"
    return found.pop()


def reported(fye: int, area_id: str, measure: str, drug: str = "all_drugs") -> list[Row]:
    return [
        r
        for r in read("reported.csv")
        if (r["fye"], r["area_id"], r["measure"], r["drug"]) == (str(fye), area_id, measure, drug)
    ]


def per_million(count: int, population: int) -> int:
    return round(count * 1e6 / population)


def force_ids(**match: str) -> list[str]:
    return [
        r["force_id"]
        for r in read("forces.csv")
        if all(r[column] == value for column, value in match.items())
    ]


def sum_all_drugs(fye: int, forces: list[str]) -> int:
    counts = [seizures(fye, force_id) for force_id in forces]
    assert None not in counts, f"{fye}: a force in the sum did not report"
    return sum(c for c in counts if c is not None)


def english_btp_border_force(fye: int) -> int:
    return sum_all_drugs(fye, force_ids(country="England") + ["btp", "border-force"])


# --- Worked examples from the published local news -------------------------------------------


def test_west_mercia_fye2019_count_and_rate_with_mid2018_population() -> None:
    assert seizures(2019, "west-mercia") == 3292
    assert per_million(3292, mid_year_population("west-mercia", 2018)) == 2567


def test_west_mercia_fye2020_reported_count_and_rate_with_mid2019_population() -> None:
    [row] = reported(2020, "west-mercia", "seizures")
    assert int(float(row["value"])) == 3508
    assert row["source_url"].startswith("https://")
    assert per_million(3508, mid_year_population("west-mercia", 2019)) == 2716
    [rate] = reported(2020, "west-mercia", "rate_per_million")
    assert int(float(rate["value"])) == 2716


def test_england_and_wales_fye2019_territorial_rate_is_2432_per_million() -> None:
    total = national(2019, "all", "all_drugs", source="bdd-national-seizures")
    territorial = total - seizures(2019, "border-force") - seizures(2019, "btp")
    assert per_million(territorial, mid_year_population("england-and-wales", 2018)) == 2432
    [published] = reported(2019, "england-and-wales", "rate_per_million")
    assert int(float(published["value"])) == 2432


@pytest.mark.parametrize(
    ("drug", "police"),
    [("class_a", 30961), ("class_b", 109266), ("class_c", 3801), ("cocaine", 16653)],
)
def test_fye2019_police_totals_are_national_minus_border_force(drug: str, police: int) -> None:
    total = national(2019, "all", drug, source="bdd-national-seizures")
    assert total - seizures(2019, "border-force", drug) == police
    assert national(2019, "police", drug) == police


def test_fye2019_police_benzodiazepines_equal_national_as_border_force_is_blank() -> None:
    assert seizures(2019, "border-force", "benzodiazepines") is None
    total = national(2019, "all", "benzodiazepines", source="bdd-national-seizures")
    assert total == national(2019, "police", "benzodiazepines") == 2249


def test_lancashire_fye2019_count_and_fye2020_reported_rate() -> None:
    assert seizures(2019, "lancashire") == 945
    [row] = reported(2020, "lancashire", "seizures")
    assert int(float(row["value"])) == 2305
    assert per_million(2305, mid_year_population("lancashire", 2019)) == 1528


# --- National totals and the Welsh residual --------------------------------------------------


def test_fye2017_first_edition_national_less_forces_is_the_bbc_welsh_total() -> None:
    first_edition = national(2017, "all", "all_drugs", edition="FYE2017 release (Nov 2017)")
    assert first_edition == 138955
    welsh = [int(float(r["value"])) for f in WELSH_FORCES for r in reported(2017, f, "seizures")]
    assert len(welsh) == 4 and sum(welsh) == 7759
    assert english_btp_border_force(2017) == 131196
    assert first_edition - english_btp_border_force(2017) == sum(welsh)


def test_fye2019_welsh_residual_agrees_from_national_and_police_totals() -> None:
    total = national(2019, "all", "all_drugs", source="bdd-national-seizures")
    assert total == 153135
    assert total - english_btp_border_force(2019) == 9304
    police = national(2019, "police", "all_drugs")
    assert police == 144198
    assert police - sum_all_drugs(2019, force_ids(country="England") + ["btp"]) == 9304


# --- Invariants of seizures.csv ---------------------------------------------------------------


@functools.cache
def force_years() -> dict[tuple[int, str], dict[str, int | None]]:
    cells: dict[tuple[int, str], dict[str, int | None]] = defaultdict(dict)
    for r in read("seizures.csv"):
        value = int(r["seizures"]) if r["seizures"] else None
        cells[(int(r["fye"]), r["force_id"])][r["drug"]] = value
    return dict(cells)


def drug_class(drug: Row, fye: int) -> str:
    """Ketamine was class C up to 2014-15's reclassification (fye 2014), class B after."""
    if drug["class_to_fye2014"] and fye <= 2014:
        return drug["class_to_fye2014"]
    return drug["drug_class"]


def test_no_cell_of_seizures_appears_twice() -> None:
    keys = [(r["fye"], r["force_id"], r["drug"]) for r in read("seizures.csv")]
    assert len(keys) == len(set(keys))


def test_each_drug_and_class_total_is_at_most_all_drugs() -> None:
    breaches = [
        (fye, force_id, drug, value)
        for (fye, force_id), values in force_years().items()
        for drug, value in values.items()
        if drug != "all_drugs"
        and value is not None
        and values["all_drugs"] is not None
        and value > values["all_drugs"]
        and (fye, force_id, drug) not in KNOWN_ANOMALIES
    ]
    assert breaches == []


def test_each_class_total_is_at_least_each_drug_of_its_class() -> None:
    drugs = [d for d in read("drugs.csv") if d["kind"] == "drug"]
    breaches = [
        (fye, force_id, d["drug"])
        for (fye, force_id), values in force_years().items()
        for d in drugs
        if values.get(d["drug"]) is not None
        and (class_total := values[CLASS_TOTALS[drug_class(d, fye)]]) is not None
        and values[d["drug"]] > class_total
        and (fye, force_id, d["drug"]) not in KNOWN_ANOMALIES
    ]
    assert breaches == []


def test_ketamine_counts_in_class_c_to_fye2014_and_class_b_after() -> None:
    [ketamine] = [d for d in read("drugs.csv") if d["drug"] == "ketamine"]
    assert (drug_class(ketamine, 2014), drug_class(ketamine, 2015)) == ("C", "B")


def test_known_anomaly_is_still_in_the_data() -> None:
    """Each listed anomaly must still break the invariant, or the exception hides nothing."""
    for fye, force_id, drug in KNOWN_ANOMALIES:
        values = force_years()[(fye, force_id)]
        assert values[drug] > values["all_drugs"]  # type: ignore[operator]


def test_not_reported_force_years_are_blank_never_zero() -> None:
    blank = {key for key, values in force_years().items() if values["all_drugs"] is None}
    assert blank == NOT_REPORTED
    for fye, force_id in NOT_REPORTED:
        cells = [
            r["seizures"]
            for r in read("seizures.csv")
            if (r["fye"], r["force_id"]) == (str(fye), force_id)
        ]
        assert cells and set(cells) == {""}, (fye, force_id)


# --- References, forces and file format -------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["seizures.csv", "quantities.csv", "population.csv", "national.csv", "reported.csv"]
)
def test_every_source_is_listed_in_sources(name: str) -> None:
    known = {r["source"] for r in read("sources.csv")}
    assert {r["source"] for r in read(name)} - known == set()


def test_every_force_and_area_is_known() -> None:
    forces = {r["force_id"] for r in read("forces.csv")}
    regions = {r["region_id"] for r in read("regions.csv")}
    areas = forces | regions | COUNTRY_AREAS
    for name in ("seizures.csv", "quantities.csv"):
        assert {r["force_id"] for r in read(name)} - forces == set(), name
    for name in ("population.csv", "reported.csv"):
        assert {r["area_id"] for r in read(name)} - areas == set(), name
    assert {r["region"] for r in read("forces.csv")} - regions == {""}


def test_forces_are_43_territorial_plus_btp_and_border_force() -> None:
    kinds = defaultdict(list)
    for r in read("forces.csv"):
        kinds[r["kind"]].append(r["force_id"])
    assert {k: len(v) for k, v in kinds.items()} == {"territorial": 43, "transport": 1, "border": 1}
    assert kinds["transport"] == ["btp"] and kinds["border"] == ["border-force"]
    assert sorted(force_ids(country="Wales")) == list(WELSH_FORCES)
    assert len(force_ids(country="England", kind="territorial")) == 39


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_is_utf8_without_bom_with_lf_line_endings(name: str) -> None:
    raw = (DATA_DIR / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw and raw.endswith(b"\n")
    header = raw.decode("utf-8").split("\n", 1)[0]
    assert tuple(header.split(",")) == COLUMNS[name]


def _typed(value: str) -> tuple[int, object]:
    """The sort key build.py used: integers by value, everything else as text."""
    return (0, int(value)) if re.fullmatch(r"-?\d+", value) else (1, value)


@pytest.mark.parametrize("name", sorted(SORT_KEYS))
def test_file_is_sorted_as_written(name: str) -> None:
    rows = list(read(name))
    keys = SORT_KEYS[name]
    assert sorted(rows, key=lambda r: tuple(_typed(r[k]) for k in keys)) == rows


# --- Population -----------------------------------------------------------------------------


def census_2011(area_id: str) -> int:
    [found] = [
        int(r["population"])
        for r in read("population.csv")
        if r["area_id"] == area_id and r["basis"] == "census-2011"
    ]
    return found


def test_corrected_metropolitan_mid2011_is_within_1pc_of_census() -> None:
    ratio = mid_year_population("metropolitan", 2011) / census_2011("metropolitan")
    assert abs(ratio - 1) < 0.01


@pytest.mark.parametrize("area_id", UNUSABLE_POPULATIONS)
def test_unreliable_mid_year_populations_are_unusable_with_a_note(area_id: str) -> None:
    """The transcribed figures stay unusable; only the district sums (mid-2019, mid-2020) give
    these areas a rate."""
    rows = [
        r for r in read("population.csv") if r["area_id"] == area_id and r["basis"] == "mid-year"
    ]
    transcribed = [r for r in rows if r["source"] == "bdd-population"]
    assert len(transcribed) == 11
    assert all(r["usable"] == "false" and r["note"].startswith("unusable") for r in transcribed)
    usable = {r["mid_year"]: r["source"] for r in rows if r["usable"] == "true"}
    assert usable == {"2019": "ons-mye2019-districts", "2020": "ons-mye2020-districts"}


def test_other_english_forces_mid2011_within_1pc_of_census() -> None:
    forces = [f for f in force_ids(country="England") if f not in UNUSABLE_POPULATIONS]
    off = {f: round(mid_year_population(f, 2011) / census_2011(f) - 1, 4) for f in forces}
    assert len(off) == 37
    assert {f: ratio for f, ratio in off.items() if abs(ratio) >= 0.01} == {}


def test_usable_mid_year_population_is_unique_per_area_and_year() -> None:
    keys = [
        (r["area_id"], r["mid_year"])
        for r in read("population.csv")
        if r["basis"] == "mid-year" and r["usable"] == "true"
    ]
    assert len(keys) == len(set(keys))


def test_no_usable_population_before_2011_for_england_and_wales_or_after_2020() -> None:
    usable = [
        (r["area_id"], int(r["mid_year"]))
        for r in read("population.csv")
        if r["basis"] == "mid-year" and r["usable"] == "true"
    ]
    assert [(a, y) for a, y in usable if a == "england-and-wales" and y < 2011] == []
    assert [(a, y) for a, y in usable if y > 2020] == []


@pytest.mark.parametrize(("mid_year", "total"), [(2019, 59_439_840), (2020, 59_719_724)])
def test_every_force_has_a_usable_population_summing_to_england_and_wales(
    mid_year: int, total: int
) -> None:
    """Mid-2019 and mid-2020: all 43 forces (Welsh, Nottinghamshire, Thames Valley included)
    and every region have a usable figure, and they add up."""
    forces = force_ids(kind="territorial")
    assert len(forces) == 43
    assert sum(mid_year_population(f, mid_year) for f in forces) == total
    regions = [r["region_id"] for r in read("regions.csv")]
    assert sum(mid_year_population(r, mid_year) for r in regions) == total
    assert mid_year_population("england-and-wales", mid_year) == total
    england = sum(mid_year_population(f, mid_year) for f in force_ids(country="England"))
    assert england == mid_year_population("england", mid_year)
    assert total - england == mid_year_population("wales", mid_year)


def test_cherwell_counted_in_thames_valley_from_the_district_estimates() -> None:
    """The transcription put Cherwell (about 150,000 people) in Nottinghamshire: the district
    sums move it back, and the two forces together are unchanged."""

    def transcribed(area_id: str) -> int:
        [found] = [
            int(r["population"])
            for r in read("population.csv")
            if (r["area_id"], r["mid_year"], r["source"]) == (area_id, "2019", "bdd-population")
        ]
        return found

    notts = mid_year_population("nottinghamshire", 2019)
    thames = mid_year_population("thames-valley", 2019)
    assert (notts, thames) == (1_161_124, 2_419_956)
    cherwell = transcribed("nottinghamshire") - notts
    assert thames - transcribed("thames-valley") == cherwell
    assert 140_000 < cherwell < 160_000


@pytest.mark.parametrize("mid_year", range(2011, 2020))
def test_forces_add_up_to_england_wales_and_england_and_wales(mid_year: int) -> None:
    """37 usable English forces plus the two unusable ones (which offset) make England."""
    raw = {
        r["area_id"]: int(r["population"])
        for r in read("population.csv")
        if r["basis"] == "mid-year"
        and r["mid_year"] == str(mid_year)
        and r["area_id"] in ("nottinghamshire", "thames-valley")
        and r["usable"] == "false"
    }
    english = [f for f in force_ids(country="England") if f not in raw]
    england = sum(mid_year_population(f, mid_year) for f in english) + sum(raw.values())
    wales = sum(mid_year_population(f, mid_year) for f in WELSH_FORCES)
    assert england == mid_year_population("england", mid_year)
    assert wales == mid_year_population("wales", mid_year)
    assert england + wales == mid_year_population("england-and-wales", mid_year)
