"""What several answers share, defined once here: how a side, a region or a drug is read
from loosely typed words, the names of England and Wales, the mark beside an unusual
figure, the note on an edition. No answer module borrows from another's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.data import Data
from bot.errors import NoData, UnknownName
from bot.reading.names import REGION_ALIASES, Match, normalise
from bot.reading.parse import Parser
from bot.reading.years import YearMatch
from bot.writing import fmt

NATIONAL = "national"
# Names of England and Wales, one list: /drug and /trend read these as England and Wales.
NATIONAL_FORMS = frozenset(
    normalise(form)
    for form in ("national", "nationally", "nation", "England and Wales", "E&W", "all forces")
)
# A side of /compare (and an alert topic) is read more loosely: these too.
SIDE_NATIONAL_FORMS = NATIONAL_FORMS | frozenset(
    normalise(form) for form in ("national average", "average", "ew", "the country")
)
_REGION_WORD = re.compile(r"(?<![a-z])region(?![a-z])", re.I)
WALES = "wales"
# The table a phone shows: names at most this wide, the longest shortened.
NAME_WIDTH = 15
# Home Office names too long for a phone-width table.
SHORT_NAMES = {
    "metropolitan": "Metropolitan",
    "city-of-london": "City of London",
    "greater-manchester": "Gtr Manchester",
    "devon-and-cornwall": "Devon/Cornwall",
    "northamptonshire": "Northants",
}
UNUSUAL_MARK = "!"  # beside a figure that looks out of line


@dataclass(frozen=True)
class SideRef:
    kind: str  # force | region | national
    id: str  # force_id, region_id, or "national"
    name: str
    exact: bool = True
    typed: str = ""
    token: str = ""  # how a command names it: "west-mercia", "east region", "national"
    also_region: str | None = None  # a force whose name is also a region's


NATIONAL_SIDE = SideRef("national", "national", "England and Wales", token="national")


def resolve_drug(parser: Parser, text: str, command: str, rest: str = "") -> Match:
    """The drug a loosely typed name means; choices rebuild ``/{command} <drug>{rest}``.

    One-letter street names (``e``, ``h``, ``a``) match almost anything loosely, so the
    index's suggestions are ranked again against each category's own name."""
    try:
        return parser.drug(text)
    except UnknownName as exc:
        if not exc.suggestions:
            raise NoData(
                f"Sorry, I don't know a drug called “{text[:40]}”. Try cocaine, cannabis, "
                "heroin, crack or ecstasy (everyday names like coke, weed, MDMA work too), "
                "or all."
            ) from None
        scored = sorted(
            (
                (fuzz.WRatio(normalise(text), normalise(label)), drug_id, label)
                for drug_id, label in exc.suggestions
            ),
            reverse=True,
        )
        close = [(score, drug_id, label) for score, drug_id, label in scored if score >= 80]
        if len(close) == 1 or (len(close) > 1 and close[0][0] - close[1][0] >= 5):
            return Match(close[0][1], close[0][2], False, text)
        if close:
            exc.suggestions = tuple((drug_id, label) for _, drug_id, label in close)
        exc.command, exc.rest = command, rest.strip()
        raise


def region_list(parser: Parser) -> str:
    return ", ".join(parser.regions.display.values())


def find_region(
    parser: Parser,
    text: str,
    command: str,
    rest: str,
    year: YearMatch | None,
    what: str = "a region",
) -> tuple[Match, bool]:
    """The region ``text`` names, or the force it names exactly (True: a force, whose region
    the run step looks up). Choices rebuild ``/{command} <region> {rest}``; no close match
    gets a sorry with the list of regions."""
    region_id = parser.regions.exact(text)
    if region_id:
        return Match(region_id, parser.regions.display[region_id], True, text), False
    force_id = parser.forces.exact(text)
    if force_id:
        return Match(force_id, parser.forces.display[force_id], True, text), True
    try:
        return parser.region(text, command, year), False
    except UnknownName as exc:
        if exc.suggestions:
            exc.rest = rest
            raise
    raise NoData(
        f"Sorry, I don't know {what} called “{fmt.short(text)}”. "
        f"The regions are: {region_list(parser)}."
    )


def region_of(place: Match, named_force: bool, data: Data) -> tuple[str, str | None]:
    """(region id, the named force's full name or None)."""
    if not named_force:
        return place.id, None
    force = data.forces[place.id]
    if not force["region_id"]:
        raise NoData(f"{force['full_name']} is not a territorial force, so it has no region.")
    return force["region_id"], force["full_name"]


def exact_side(text: str, parser: Parser) -> SideRef | None:
    """The side ``text`` names exactly, if it does."""
    key = normalise(text)
    if not key:
        return None
    if key in SIDE_NATIONAL_FORMS:
        return NATIONAL_SIDE
    wants_region = bool(_REGION_WORD.search(text))
    force_id = None if wants_region else parser.forces.exact(text)
    region_id = parser.regions.exact(text)
    if force_id:
        also = parser.regions.display[region_id] if region_id else None
        return _force_side(force_id, parser, text, True, also)
    if region_id:
        return _region_side(region_id, parser, text, True)
    return None


def resolve_side(text: str, parser: Parser) -> SideRef:
    """The side ``text`` names: exact first, then the closest force or region."""
    found = exact_side(text, parser)
    if found:
        return found
    if _REGION_WORD.search(text):
        match = parser.regions.resolve(_REGION_WORD.sub(" ", text))
        return _region_side(match.id, parser, text, False)
    try:
        match = parser.forces.resolve(text)
    except UnknownName as exc:
        if exc.suggestions:
            raise
        try:
            match = parser.regions.resolve(text)
        except UnknownName:
            raise exc from None
        return _region_side(match.id, parser, text, match.exact)
    return _force_side(match.id, parser, text, match.exact, None)


def _force_side(
    force_id: str, parser: Parser, typed: str, exact: bool, also: str | None
) -> SideRef:
    name = parser.forces.display[force_id]
    return SideRef("force", force_id, name, exact, typed, force_id, also)


def _region_side(region_id: str, parser: Parser, typed: str, exact: bool) -> SideRef:
    name = parser.regions.display[region_id]
    return SideRef("region", region_id, name, exact, typed, region_token(region_id, parser))


def region_token(region_id: str, parser: Parser) -> str:
    """The shortest way to name a region that reads back as that region (for buttons)."""
    aliases = REGION_ALIASES.get(region_id, ())
    forms = [region_id, parser.regions.display[region_id], *(f"{a} region" for a in aliases)]
    good = [
        f.lower()
        for f in forms
        if parser.regions.exact(f) == region_id
        and (_REGION_WORD.search(f) or not parser.forces.exact(f))
    ]
    return min(good or [region_id], key=len)


def release_note(edition: str | None) -> str:
    """The note ", from the FYE2017 release" after an England and Wales figure built on one
    release's police total where that is not the transcribed table's edition; else nothing."""
    return f", from the {fmt.esc(edition)}" if edition else ""


def short_name(force_id: str, name: str) -> str:
    """The force's name for a table cell: at most NAME_WIDTH characters."""
    return SHORT_NAMES.get(force_id) or fmt.short(name, NAME_WIDTH)


def pre_table(header: Sequence[str], rows: Sequence[Sequence[str] | None], align: str) -> str:
    """A <pre> table with columns as wide as their widest cell; ``align`` has one "<" or ">"
    per column; a None row is drawn as "..."."""
    cells = [header, *(row for row in rows if row is not None)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        parts = (
            cell.rjust(width) if side == ">" else cell.ljust(width)
            for cell, width, side in zip(row, widths, align, strict=True)
        )
        return " ".join(parts).rstrip()

    text = "\n".join(line(row) if row is not None else "..." for row in [header, *rows])
    return f"<pre>{fmt.esc(text)}</pre>"
