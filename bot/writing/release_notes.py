"""Releases imported by `seizure-bot update`, as answers name them.

- ``year_notes(store)``: per financial year, the edition its figures come from when an
  imported release supplied them ("release of 12 February 2026"), "revised figures from
  the release of ..." when a release revised some of them, or "figures added from the
  release of ..." when it only added some (a new drug) and revised none. Years whose figures all
  come from the bundled tables have no note, so their replies are unchanged.
- ``naming_releases(notes)``: while a reply is rendered, lets ``render.footer`` read those
  notes (a context variable set per answer, not a global shared by every store).
- ``revision_of`` / ``revision_line``: a force's revised all-drugs figure, and its words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from bot.writing import fmt

RELEASE_NOTES: ContextVar[Mapping[int, str]] = ContextVar(
    "release_notes", default=MappingProxyType({})
)


@dataclass(frozen=True)
class Revision:
    earlier: int | None
    earlier_edition: str
    edition: str


def year_notes(rows: list[dict[str, Any]]) -> Mapping[int, str]:
    """The ``year-releases`` rows as one note per year."""
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_year[int(row["fye"])].append(row)
    notes = {}
    for fye, found in by_year.items():
        whole = [r["edition"] for r in found if r["figures"] == r["year_figures"]]
        revised = " and the ".join(r["edition"] for r in found if r["revised"])
        added = " and the ".join(r["edition"] for r in found if not r["revised"])
        parts = [f"revised figures from the {revised}"] if revised else []
        parts += [f"figures added from the {added}"] if added else []
        notes[fye] = whole[0] if whole else "; ".join(parts)
    return MappingProxyType(notes)


@contextmanager
def naming_releases(notes: Mapping[int, str]) -> Iterator[None]:
    token = RELEASE_NOTES.set(notes)
    try:
        yield
    finally:
        RELEASE_NOTES.reset(token)


def release_note(fye: int) -> str:
    """ ", release of 12 February 2026" for a footer, or "" (see ``naming_releases``)."""
    note = RELEASE_NOTES.get().get(fye)
    return f", {note}" if note else ""


def revision_of(row: dict[str, Any] | None) -> Revision | None:
    if row is None:
        return None
    return Revision(row["earlier"], row["earlier_edition"] or "", row["edition"] or "")


def revision_line(revision: Revision | None) -> list[str]:
    if revision is None:
        return []
    earlier = fmt.count(revision.earlier) if revision.earlier is not None else "blank"
    return [
        f"<i>Revised in the {fmt.esc(revision.edition)}: first published as {earlier} "
        f"({fmt.esc(revision.earlier_edition)}).</i>"
    ]
