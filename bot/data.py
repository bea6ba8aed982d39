"""The store plus the small reference tables every answer needs, read once at start."""

from __future__ import annotations

from bot.releases import year_notes
from queries.store import Store

# Named queries whose every result a long-running core fetches at start, each through its
# "-all" twin in queries/*.sql.
PREFETCHED = (
    "force-card",
    "force-series",
    "force-drugs",
    "area-reported",
    "drug-force-series",
    "drug-national-series",
    "drug-force-quantities",
    "drug-national-quantities",
    "region-card-forces",
    "region-card-series",
    "national-card-year",
    "national-card-published",
    "rank-forces",
    "year-ranks",
    "national-rate",
    "area-population",
    "force-revision",
)
# Of those, the twins that cover only the years of the complete tables (any other year is
# still asked of DuckDB); every other twin covers every key that has rows.
YEARS_OF_THE_TABLES = ("region-card-forces",)
# Queries without parameters: each result is fetched once at start and kept.
PREPARED = ("unusual-all", "national-card-series", "national-card-years", "national-card-totals")


class Data:
    """The store plus the small reference tables, read once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.forces = {row["force_id"]: row for row in store.rows("forces")}
        self.regions = {row["region_id"]: row for row in store.rows("regions")}
        self.drugs = {row["drug"]: row for row in store.rows("drugs")}
        self.population_notes = {
            row["area_id"]: row["note"] for row in store.rows("population-notes")
        }
        coverage = store.one("coverage") or {}
        self.first_fye = int(coverage["first_fye"])
        self.last_fye = int(coverage["last_fye"])
        self.last_reported_fye = int(coverage["last_reported_fye"])
        self.release_notes = year_notes(store.rows("year-releases"))  # imported releases

    def force_names(self) -> dict[str, str]:
        return {force_id: row["full_name"] for force_id, row in self.forces.items()}

    def drug_names(self) -> dict[str, str]:
        return {drug: row["label"] for drug, row in self.drugs.items()}

    def place_forces(self) -> dict[str, str]:
        """Local authority name -> the force that polices it (data/places.csv)."""
        return {row["name"]: row["force_id"] for row in self.store.rows("places")}

    def region_names(self) -> dict[str, str]:
        return {region_id: row["name"] for region_id, row in self.regions.items()}

    def prepare(self) -> None:
        """Fetch, one query each, the figures behind /force, /drug, /region, /rank,
        /national and /compare for every force, drug, region and year, so that even the
        first question after start-up needs no query of its own (each named query costs
        DuckDB 2 to 10 ms)."""
        for name in PREFETCHED:
            self.store.prefetch(name, f"{name}-all", complete=name not in YEARS_OF_THE_TABLES)
        for name in PREPARED:
            self.store.rows(name)
