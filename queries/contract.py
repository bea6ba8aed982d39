"""The data contract: the columns of every table in data/, their sort order and types.

Written by the ingest (bot.ingest.build), read by the store (queries.store); kept here,
with no heavy imports, so that both agree and the bot starts fast.
"""

from __future__ import annotations

COLUMNS: dict[str, tuple[str, ...]] = {
    "forces.csv": ("force_id", "name", "full_name", "region", "country", "kind"),
    "regions.csv": ("region_id", "name", "home_office_name", "country"),
    "drugs.csv": ("drug", "label", "kind", "drug_class", "class_to_fye2014"),
    "seizures.csv": ("fye", "force_id", "drug", "seizures", "source"),
    "quantities.csv": ("fye", "force_id", "drug", "quantity", "unit", "source"),
    "population.csv": ("area_id", "mid_year", "basis", "population", "usable", "source", "note"),
    "national.csv": (
        "fye",
        "authority",
        "measure",
        "drug",
        "value",
        "unit",
        "edition",
        "source",
        "note",
    ),
    "reported.csv": (
        "fye",
        "area_id",
        "measure",
        "drug",
        "value",
        "unit",
        "source_type",
        "source",
        "source_url",
        "note",
    ),
    "flags.csv": ("fye", "force_id", "flag", "note", "source"),
    "places.csv": ("lad_code", "name", "force_id", "source"),
    "sources.csv": ("source", "title", "publisher", "url", "licence", "edition"),
}
# Written only by `seizure-bot update` (bot.releases.update): absent from data/, and then
# loaded as empty tables. releases: each release imported; revisions: figures superseded
# by a later release (the figure in seizures.csv is the newer one).
UPDATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "releases.csv": ("source", "title", "published", "url", "years", "files"),
    "revisions.csv": ("fye", "force_id", "drug", "seizures", "source", "superseded_by"),
}
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "seizures.csv": ("fye", "force_id", "drug"),
    "quantities.csv": ("fye", "force_id", "drug"),
    "population.csv": ("area_id", "basis", "mid_year", "note"),
    "national.csv": ("fye", "authority", "measure", "drug", "edition", "source", "value"),
    "reported.csv": ("area_id", "fye", "measure", "drug", "source", "value"),
    "flags.csv": ("fye", "force_id", "flag"),
    "places.csv": ("name", "lad_code"),
}

# DuckDB types; every other column is text.
TYPES: dict[str, dict[str, str]] = {
    "seizures.csv": {"fye": "INTEGER", "seizures": "BIGINT"},
    "quantities.csv": {"fye": "INTEGER", "quantity": "DOUBLE"},
    "population.csv": {"mid_year": "INTEGER", "population": "BIGINT", "usable": "BOOLEAN"},
    "national.csv": {"fye": "INTEGER", "value": "DOUBLE"},
    "reported.csv": {"fye": "INTEGER", "value": "DOUBLE"},
    "flags.csv": {"fye": "INTEGER"},
    "revisions.csv": {"fye": "INTEGER", "seizures": "BIGINT"},
}
UPDATE_SORT_KEYS: dict[str, tuple[str, ...]] = {
    "releases.csv": ("published", "source"),
    "revisions.csv": ("fye", "force_id", "drug", "source"),
}


def column_types(name: str) -> dict[str, str]:
    """Every column of one file with its DuckDB type, in file order."""
    types = TYPES.get(name, {})
    columns = COLUMNS.get(name) or UPDATE_COLUMNS[name]
    return {column: types.get(column, "VARCHAR") for column in columns}
