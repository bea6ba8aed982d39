"""Results: the figures behind one answer, as plain values (no text, no Telegram)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.writing.release_notes import Revision


@dataclass(frozen=True)
class YearValue:
    fye: int
    seizures: int | None


@dataclass(frozen=True)
class Trend:
    """Where a year's figure stands in the series before it."""

    previous: YearValue | None  # the year before, if it has a figure
    high_since: YearValue | None  # the last earlier year at or above this figure
    low_since: YearValue | None
    series_high: bool  # above every earlier year compared (since series_first)
    series_low: bool
    series_first: int  # first year compared: the series' first, or the year after a gap
    earlier_years: int  # earlier years compared, each with a complete figure
    run_length: int  # consecutive rises (>0) or falls (<0) ending this year
    previous_run: int  # the run before that, of the other sign
    gap: int | None = None  # the last earlier year with no complete figure, if any
    gap_incomplete: bool = False  # that year has a figure, flagged incomplete (flags.csv)

    @property
    def record_claimable(self) -> bool:
        """A highest or lowest "since the start" needs two earlier years to stand on."""
        return self.earlier_years >= 2


@dataclass(frozen=True)
class Unusual:
    """A published figure out of line, found by rule when the store is built (the rules:
    queries/schema.sql, table unusual): "spike" (a one-off, far from both neighbours,
    which agree), "below_part" (an all-drugs total below one of its own parts),
    "above_parts" (a total above the sum of its parts beyond rounding), or the note
    "unknown_rise" (a change mostly in seizures of unknown drugs)."""

    fye: int
    force_id: str
    drug: str
    label: str  # the drug's label
    rule: str
    seizures: int
    before: int | None = None  # the year before ("spike"; None: the first year), the total
    # the year before ("unknown_rise")
    after: int | None = None  # the year after ("spike"); unknown drugs ("unknown_rise")
    part_label: str = ""  # "below_part": the part's label and figure
    part: int | None = None  # "above_parts": the parts' sum; "spike" in the first year: two
    # years after; "unknown_rise": the change in unknown drugs

    @property
    def note(self) -> bool:
        """A note on what drove a change, not a warning about the figure."""
        return self.rule == "unknown_rise"


@dataclass(frozen=True)
class Rank:
    rank: int
    of: int


@dataclass(frozen=True)
class LeftOut:
    """A force a rank leaves out, and why: "population" (none usable), "blank" (no
    figure) or "partial" (an incomplete figure)."""

    name: str
    reason: str


@dataclass(frozen=True)
class DrugShare:
    drug: str
    label: str
    seizures: int


@dataclass(frozen=True)
class Reported:
    """A per-force figure as published (years after the complete tables)."""

    fye: int
    measure: str
    drug: str
    value: float
    unit: str
    source_type: str
    source_url: str
    note: str
    label: str = ""  # the drug's label ("Class A", "LSD"); empty for all drugs or unknown ids


@dataclass(frozen=True)
class ForceCard:
    force_id: str
    full_name: str
    region_id: str
    region_name: str
    kind: str
    fye: int
    seizures: int | None
    trend: Trend | None
    rate: float | None
    population_mid_year: int | None
    population_note: str  # why there is no rate, if there is none
    national_rate: float | None
    region_rate: float | None
    national_rank: Rank | None
    region_rank: Rank | None
    region_rank_by_count: Rank | None
    drugs: tuple[DrugShare, ...]
    unknown: int | None
    class_a: int | None
    later: tuple[Reported, ...]
    sources: tuple[str, ...]
    also_region: str | None = None
    fuzzy_from: str | None = None
    bare_year: str | None = None
    has_previous_year: bool = False  # the tables hold the year before
    partial_note: str | None = None  # the published figure is incomplete (flags.csv)
    revision: Revision | None = None  # the figure revised by an imported release
    left_out: tuple[LeftOut, ...] = ()  # other forces of the region with no rate
    unusual: tuple[Unusual, ...] = ()  # this force-year's figures that look out of line
    national_edition: str | None = None  # the release behind national_rate, if not the table's
    blank_note: str = ""  # a blank total's meaning, as an imported release gave it


@dataclass(frozen=True)
class ReportedCard:
    """A force in a year that has only published figures, not the complete tables."""

    force_id: str
    full_name: str
    kind: str
    fye: int
    figures: tuple[Reported, ...]  # every published figure for that year
    total: Reported | None  # the latest edition's total
    first_published: float | None  # an earlier edition's different total, if any
    previous: YearValue | None  # the year before, from the tables or published figures
    previous_is_table: bool
    series_high_since: int | None  # first year of the series if this is its highest
    rate: float | None
    population_mid_year: int | None
    population_note: str
    national_reported_rate: Reported | None
    last_complete_fye: int
    sources: tuple[str, ...] = field(default_factory=tuple)
    fuzzy_from: str | None = None
    bare_year: str | None = None


@dataclass(frozen=True)
class PublishedSeries:
    """A force that is not in the complete tables (the Welsh forces): what was published."""

    force_id: str
    full_name: str
    totals: tuple[Reported, ...]
    first_fye: int
    last_complete_fye: int
    asked_fye: int | None  # a year asked for that has no published total
    fuzzy_from: str | None = None


@dataclass(frozen=True)
class Static:
    """A reply that needs no figures (/help, /start)."""

    name: str
