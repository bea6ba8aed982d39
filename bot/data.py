"""The store plus the small reference tables every answer needs, read once at start."""

from __future__ import annotations

from collections.abc import Iterable

from bot.writing.release_notes import year_notes
from queries.store import Store


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

    def prepare(self, names: Iterable[str]) -> None:
        """Fetch, one query each, the figures behind /force, /drug, /region, /rank,
        /national and /compare for every force, drug, region and year, so that even the
        first question after start-up needs no query of its own (each named query costs
        DuckDB 2 to 10 ms). ``names``: the queries the answers declare they prefetch
        (bot.commands.prefetched), each through its "-all" form, or as it is when it has
        no parameters."""
        for name in names:
            if f"{name}-all" in self.store.queries:
                self.store.prefetch(name)
            else:
                self.store.rows(name)
