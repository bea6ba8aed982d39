"""The second harvest of published figures: ``pages/*_quoted_*_2.csv``.

Each row is one figure a page published, with the measure in words ("cannabis plants seized",
"Class A seizures", "heroin seizure rate"), its page and the page's date. Policy:
- measures in words become the ids of the first harvest (``quantity``/``cannabis_plants``,
  ``seizures``/``class_a``, ``rate_heroin_per_million``), through ``pages.split_measure``;
- tonnes become kg, the unit of every other quantity;
- a value that is not exact (``>1000``, ``~3400``) is left out: a bound or an approximation
  is never stated as a figure;
- a figure already held is left out: same year, area, measure, drug and value; the same page
  giving the same number for the same area and year; or, for a force's seizures, the same
  number as the complete Home Office table of that year;
- a different value for the same year, area (or authority), measure and drug is kept beside
  the one held, with a note naming the other figure and its page: a revision between
  releases (or a rounding) is never overwritten and never dropped;
- England and Wales scopes ("All police forces (E&W)", "Border Force") go to national.csv,
  whose ``edition`` names the release: the one the row names ("as revised in FYE2025
  release", "first release"), else the release of the latest year the same page reports.
Rows are written with the page's date and "reporting Home Office figures", since every page
of this harvest reports the Home Office statistics.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from bot.ingest import sources as src
from bot.ingest.clean import clean_label, format_quantity
from bot.ingest.force_table import LayoutError
from bot.ingest.pages import REPORTING, _read, area_id_for, split_measure
from bot.ingest.vocab import drug_for

Table = list[dict[str, object]]
AUTHORITIES = {
    "E&W police+Border Force": "all",
    "Border Force": "border-force",
    "All police forces (E&W)": "police",
    "E&W": "police",  # a rate "across England and Wales", numerator not stated
}
FIXED_MEASURES = {
    "total seizures": "total_seizures",
    "total seizures change": "change_total_seizures",
    "seizure rate": "rate_per_million",
    "police share of seizures": "share_of_seizures",
}
WORDED_MEASURES = (
    (r"(.+) share of seizures", "share_{}"),
    (r"(.+) seizure rate", "rate_{}_per_million"),
    (r"(.+) seizures", "seizures_{}"),
    (r"(.+) seized", "quantity_{}"),
)
UNITS = {
    "per million population": "seizures_per_million_population",
    "tonnes": "kg",
}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def measure_ids(words: str) -> tuple[str, str]:
    """``"cannabis plants seized"`` -> (``quantity``, ``cannabis_plants``)."""
    text = re.sub(r"\s*\(.*\)$", "", clean_label(words).lower())
    if text in FIXED_MEASURES:
        return split_measure(FIXED_MEASURES[text])
    for pattern, template in WORDED_MEASURES:
        match = re.fullmatch(pattern, text)
        if match:
            drug = drug_for(match.group(1)) or drug_for(match.group(1) + "s")
            return split_measure(template.format(drug or match.group(1).replace(" ", "_")))
    raise LayoutError(f"quoted figures: unknown measure {words!r}")


def exact_value(cell: str, unit: str, measure: str = "") -> tuple[str, str] | None:
    """(value, unit) as stored, or None for a bound or an approximation."""
    if measure == "change_percent" and unit == "percent":
        unit = "percent_change"
    text = cell.replace(",", "").strip()
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return None
    value = float(text) * (1000 if unit == "tonnes" else 1)
    return format_quantity(value), UNITS.get(unit, unit)


def page_date(cell: str) -> str:
    """``2023-04 (FYE2022 release)`` -> ``Apr 2023; FYE2022 release``; unknown -> ``""``."""
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\s*(?:\((.*)\))?", cell.strip())
    if match is None:
        return ""
    year, month, day, extra = match.groups()
    date = " ".join(p for p in (day and str(int(day)), month and MONTHS[int(month) - 1], year) if p)
    return f"{date}; {extra}" if extra else date


def _host(url: str) -> str:
    return urlparse(url).netloc.removeprefix("www.").removeprefix("m.")


def _number(value: object) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


def _release(row: dict[str, str], latest_on_page: int) -> int:
    named = re.search(r"FYE(\d{4}) release", row["measure"])
    if named:
        return int(named.group(1))
    return int(row["fye"]) if "first release" in row["measure"] else latest_on_page


def _latest_by_page(rows: Iterable[dict[str, str]]) -> dict[str, int]:
    latest: dict[str, int] = defaultdict(int)
    for row in rows:
        latest[row["source_url"]] = max(latest[row["source_url"]], int(row["fye"]))
    return latest


class Held:
    """The figures already held, to tell a duplicate from a revision."""

    def __init__(self, rows: Table, area: str) -> None:
        self.area = area  # "area_id" (reported.csv) or "authority" (national.csv)
        self.rows = list(rows)

    def _same(self, row: dict[str, object], keys: tuple[str, ...]) -> list[dict[str, object]]:
        return [h for h in self.rows if all(str(h[k]) == str(row[k]) for k in keys)]

    def duplicate(self, row: dict[str, object]) -> bool:
        value = _number(row["value"])
        same_year = self._same(row, ("fye", self.area) if self.area == "area_id" else ("fye",))
        return any(
            _number(h["value"]) == value
            and (
                (h["measure"], h["drug"]) == (row["measure"], row["drug"])
                or h["source"] == row["source"]
            )  # fmt: skip
            for h in same_year
        )

    def differing(self, row: dict[str, object]) -> list[dict[str, object]]:
        found = self._same(row, ("fye", self.area, "measure", "drug"))
        return [h for h in found if _number(h["value"]) != _number(row["value"])]

    def keep(self, row: dict[str, object], registry: src.SourceRegistry) -> bool:
        """Whether ``row`` is new; a differing figure held gets named in its note."""
        if self.duplicate(row):
            return False
        registry.add_page(str(row.pop("page")))
        pages = _pages(registry)
        others = [
            f"{format_quantity(float(str(h['value'])))} on {_host(pages[str(h['source'])])}"
            for h in self.differing(row)
        ]
        if others:
            named = "; ".join(sorted(others))
            row["note"] = f"published differently elsewhere ({named}): a revision or a rounding"
        self.rows.append(row)
        return True


def add_quoted(
    pages: Path, registry: src.SourceRegistry, reported: Table, national: Table, seizures: Table
) -> tuple[Table, Table]:
    """reported.csv and national.csv rows with the second harvest's new figures added."""
    table = {
        (int(str(r["fye"])), str(r["force_id"]), str(r["drug"])): r["seizures"] for r in seizures
    }
    held_reported, held_national = Held(reported, "area_id"), Held(national, "authority")
    more_national = read_national_figures(
        pages / "national_quoted_figures_2.csv", registry, held_national
    )
    more_reported, from_forces = read_force_figures(
        pages / "news_quoted_force_figures_2.csv", registry, held_reported, held_national, table
    )
    return reported + more_reported, national + more_national + from_forces


def read_force_figures(
    path: Path,
    registry: src.SourceRegistry,
    reported: Held,
    national: Held,
    table: dict[tuple[int, str, str], object],
) -> tuple[Table, Table]:
    """(new reported.csv rows, new national.csv rows) from the per-force harvest."""
    rows = _read(path)
    latest = _latest_by_page(rows)
    found: Table = []
    england_and_wales: Table = []
    for row in rows:
        measure, drug = measure_ids(row["measure"])
        kept = exact_value(row["value"], row["unit"], measure)
        if kept is None:
            continue
        label = clean_label(row["force"])
        if label in AUTHORITIES:
            item = _national(row, measure, drug, kept, registry, latest)
            if national.keep(item, registry):
                england_and_wales.append(item)
            continue
        area_id = area_id_for(label)
        if measure == "seizures" and table.get((int(row["fye"]), area_id, drug)) == float(kept[0]):
            continue  # the complete Home Office table already gives this figure
        item = _reported(row, area_id, measure, drug, kept, registry)
        if reported.keep(item, registry):
            found.append(item)
    return found, england_and_wales


def read_national_figures(path: Path, registry: src.SourceRegistry, national: Held) -> Table:
    """New national.csv rows from the national harvest."""
    rows = _read(path)
    latest = _latest_by_page(rows)
    found: Table = []
    for row in rows:
        measure, drug = measure_ids(row["measure"])
        kept = exact_value(row["value"], row["unit"], measure)
        if kept is None:
            continue
        item = _national(row, measure, drug, kept, registry, latest, row["scope"])
        if national.keep(item, registry):
            found.append(item)
    return found


def page_id(url: str) -> str:
    """The source id a page gets, without adding it to the build's registry."""
    return src.SourceRegistry().add_page(url.strip())


def _pages(registry: src.SourceRegistry) -> dict[str, str]:
    return {s.source: s.url for s in registry.items.values()}


def _reported(
    row: dict[str, str], area_id: str, measure: str, drug: str, kept: tuple[str, str],
    registry: src.SourceRegistry,
) -> dict[str, object]:  # fmt: skip
    date = page_date(row["source_date"])
    return {
        "fye": int(row["fye"]),
        "area_id": area_id,
        "measure": measure,
        "drug": drug,
        "value": kept[0],
        "unit": kept[1],
        "source_type": f"news report ({date}), {REPORTING}"
        if date
        else f"news report, {REPORTING}",
        "source": page_id(row["source_url"]),
        "source_url": row["source_url"].strip(),
        "note": "",
        "page": row["source_url"].strip(),
    }


def _national(
    row: dict[str, str], measure: str, drug: str, kept: tuple[str, str],
    registry: src.SourceRegistry, latest: dict[str, int], scope: str = "",
) -> dict[str, object]:  # fmt: skip
    label = clean_label(scope or row.get("force", ""))
    if label not in AUTHORITIES:
        raise LayoutError(f"quoted national figures: unknown scope {label!r}")
    authority = (
        "police" if row["measure"].lower().startswith("police share") else AUTHORITIES[label]
    )
    release = _release(row, latest[row["source_url"]])
    date = page_date(row["source_date"])
    via = f"{_host(row['source_url'])}, {date}" if date else _host(row["source_url"])
    return {
        "fye": int(row["fye"]),
        "authority": authority,
        "measure": measure,
        "drug": drug,
        "value": kept[0],
        "unit": kept[1],
        "edition": f"FYE{release} release (as reported by {via})",
        "source": page_id(row["source_url"]),
        "note": "",
        "page": row["source_url"].strip(),
    }
