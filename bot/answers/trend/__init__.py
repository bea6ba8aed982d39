"""/trend <force|national|region> [drug]: a line chart of the whole series, with a caption.

A force or region is drawn as seizures per million people (counts when it has no usable
population, said so) with the England and Wales rate of the 43 territorial forces in grey;
England and Wales as seizures by police and Border Force. Figures published after the
complete tables are drawn dashed with hollow markers, labelled "as reported". A year with
no figure is a gap (None), never a zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlparse

from bot.answers.common import NATIONAL, NATIONAL_FORMS, resolve_drug
from bot.answers.figures import reported_rows
from bot.answers.trend.trend_chart import (
    Point,
    TrendSeries,
    as_word,
    chart_of,
    cited_sources,
    reference_label,
    reference_start,
    title_of,
)
from bot.commands import Answer
from bot.data import Data
from bot.errors import UnknownName
from bot.reading.names import ALL_DRUGS, Match, normalise
from bot.reading.parse import Command, Parser
from bot.reading.plan import build_trend
from bot.reply import Button, ChatContext, Reply
from bot.run import run
from bot.writing import charts, fmt, messages
from bot.writing.render import preamble, render
from bot.writing.tables import Table, to_table

EVERY_DRUG = Match(ALL_DRUGS, "All drugs", True, "")
CAPTION_LIMIT = 1024
_REGION_WORD = re.compile(r"\bregion\b", re.IGNORECASE)


@dataclass(frozen=True)
class TrendQuery(Command):
    kind: str  # force | region | national
    place: Match | None  # None for England and Wales
    drug: Match


def parse_trend(name: str, args: str, parser: Parser, context: ChatContext) -> TrendQuery:
    _year, rest = parser.year(args)  # the chart shows every year, whatever year is named
    region = bool(_REGION_WORD.search(rest.replace("-", " ")))  # "West Midlands region"
    target = _target(parser, rest, region) if rest else None
    if target:
        return TrendQuery("trend", *target, EVERY_DRUG)
    splits = (parser.drugs.trailing(rest), parser.drugs.leading(rest))
    for drug, place in splits:
        target = _target(parser, place, region) if drug and place else None
        if drug and target:
            return TrendQuery("trend", *target, drug)
    for drug, place in splits:
        if drug:
            return TrendQuery("trend", "force", _force(parser, place, context, drug), drug)
    for force, other in (parser.forces.leading(rest), parser.forces.trailing(rest)):
        if force and other:
            drug = resolve_drug(parser, other, "trend", force.id)
            return TrendQuery("trend", "force", force, drug)
    return TrendQuery("trend", "force", _force(parser, rest, context, EVERY_DRUG), EVERY_DRUG)


def _target(parser: Parser, text: str, region_named: bool) -> tuple[str, Match | None] | None:
    """An exact place: England and Wales, a force, or a region (preferred when the words
    say "region": the West Midlands force and region share a name)."""
    if normalise(text) in NATIONAL_FORMS:
        return NATIONAL, None
    force, region = parser.forces.exact(text), parser.regions.exact(text)
    if region and (region_named or not force):
        return "region", Match(region, parser.regions.display[region], True, text)
    if force:
        return "force", Match(force, parser.forces.display[force], True, text)
    return None


def _force(parser: Parser, text: str, context: ChatContext, drug: Match) -> Match:
    if not text:
        return parser.default_force(context, "trend")
    try:
        return parser.force(text, "trend", None)
    except UnknownName as exc:
        exc.rest = "" if drug.id == ALL_DRUGS else drug.id
        raise


@run.register
def trend(query: TrendQuery, data: Data, context: ChatContext | None = None) -> TrendSeries:
    drug = query.drug.id
    national = data.store.rows("drug-national-series", drug=drug)
    if query.kind == NATIONAL:
        rows = [{**r, "population": None} for r in national]
        area_id, name, published = NATIONAL, "England and Wales", _national_published(data, drug)
    else:
        assert query.place is not None
        area_id, name = query.place.id, query.place.name
        if query.kind == "region":
            rows = data.store.rows("trend-region-series", region_id=area_id, drug=drug)
        else:
            rows = data.store.rows("drug-force-series", force_id=area_id, drug=drug)
            name = data.forces[area_id]["full_name"]
        years = {r["fye"] for r in rows}
        published = [p for p in _published(data, area_id, drug) if p.fye not in years]
    per_million = any(r["population"] and r["seizures"] is not None for r in rows)
    later = [_with_rate(data, area_id, p) if per_million else p for p in published]
    grey = [Point(r["fye"], r["rate_per_million"], r["territorial_seizures"]) for r in national]
    ids = [r[key] for r in rows for key in ("source", "population_source") if r.get(key)]
    points = [_point(r, per_million) for r in rows]
    charted = [p.fye for p in (*points, *later) if p.value is not None]
    start = reference_start(national, min(charted, default=0)) if per_million else ""
    return TrendSeries(
        kind=query.kind,
        area_id=area_id,
        name=name,
        drug=query.drug,
        drug_label=data.drugs[drug]["label"],
        per_million=per_million,
        no_rate=_no_rate(data, query.kind, area_id, bool(rows)) if not per_million else "",
        points=tuple(points),
        reported=tuple(p for p in later if p.value is not None),
        uncharted=tuple(p for p in later if p.value is None),
        reference=tuple(grey) if per_million else (),
        cited=cited_sources(data, rows),
        sources=tuple(dict.fromkeys([*ids, *(p.url for p in later if p.url)])),
        fuzzy_from=None if query.place is None or query.place.exact else query.place.typed,
        reference_forces=sum(f["kind"] == "territorial" for f in data.forces.values()),
        reference_start=start,
    )


def _point(row: dict[str, Any], per_million: bool) -> Point:
    seizures, population = row["seizures"], row.get("population")
    note = row.get("partial_note") or ""
    if not per_million:  # an incomplete figure is a gap: it is never compared
        return Point(row["fye"], None if note else seizures, seizures, partial_note=note)
    usable = seizures is not None and population and not note
    return Point(row["fye"], seizures * 1e6 / population if usable else None, seizures, "", note)


def _published(data: Data, area_id: str, drug: str) -> list[Point]:
    """Published seizures of the drug for a force or region, the latest edition per year."""
    found: dict[int, Point] = {}
    rows = [r for r in reported_rows(data, area_id) if r.measure == "seizures" and r.drug == drug]
    for item in sorted(rows, key=lambda r: (r.fye, r.note.lower().startswith("revised"))):
        found[item.fye] = Point(item.fye, item.value, int(item.value), item.source_url)
    return list(found.values())


def _national_published(data: Data, drug: str) -> list[Point]:
    found: dict[int, Point] = {}
    after = max((r["fye"] for r in data.store.rows("drug-national-series", drug=drug)), default=0)
    for row in data.store.rows("trend-national-published", drug=drug, after=after):
        found[row["fye"]] = Point(row["fye"], row["value"], int(row["value"]), row["url"])
    return list(found.values())


def _with_rate(data: Data, area_id: str, point: Point) -> Point:
    population = data.store.one("area-population", area_id=area_id, fye=point.fye)
    if population is None or point.seizures is None:
        return replace(point, value=None)
    return replace(point, value=point.seizures * 1e6 / population["population"])


def _no_rate(data: Data, kind: str, area_id: str, in_tables: bool) -> str:
    if kind == NATIONAL:
        return ""
    if not in_tables:
        return "not in the bundled Home Office tables; totals as published"
    if kind == "force" and data.forces[area_id]["kind"] != "territorial":
        return "no resident population"
    return "no usable population is bundled for this area (see /sources)"


# --- rendering ------------------------------------------------------------------------------


@render.register
def _trend(series: TrendSeries) -> Reply:
    html = caption_of(series)
    if html is None:
        what = fmt.esc(fmt.drug_label(series.drug_label))
        return messages.reply(
            f"No {what} figures for {fmt.esc(series.name)}, in the tables or as published.",
            kind="not_found",
        )
    png = charts.draw(chart_of(series))
    reply = messages.reply(html, buttons=_buttons(series), csv_query=_query_text(series))
    return replace(reply, png=png, png_name=f"trend-{_slug(series)}.png")


def caption_of(series: TrendSeries) -> str | None:
    """The photo's caption (within Telegram's 1,024: page links become bare host names
    when they would not fit); None when nothing can be charted."""
    charted = sorted(
        [(p, False) for p in series.points if p.value is not None]
        + [(p, True) for p in series.reported],
        key=lambda item: item[0].fye,
    )
    if not charted:
        return None
    html = caption(series, charted, links=True)
    return html if len(html) <= CAPTION_LIMIT else caption(series, charted, links=False)


def caption(series: TrendSeries, charted: list[tuple[Point, bool]], *, links: bool) -> str:
    """First year, last year, peak and change, what is drawn how, and the source."""
    lines = preamble(series.fuzzy_from, series.name, None, 0)
    lines.append(f"<b>{fmt.esc(title_of(series))}</b>")
    lines += _summary(series, charted) + _notes(series, charted)
    lines.append(_source_line(series, links))
    return "\n".join(lines)


def _summary(series: TrendSeries, charted: list[tuple[Point, bool]]) -> list[str]:
    number = fmt.rate if series.per_million else fmt.count
    unit = " per million" if series.per_million else ""

    def said(point: Point, reported: bool) -> str:
        tail = f" ({as_word(series)})" if reported else ""
        return f"{number(point.value or 0)}{unit} in {fmt.fye(point.fye)}{tail}"

    (first, _), (last, _) = charted[0], charted[-1]
    lines = [f"First: {said(*charted[0])}. Last: {said(*charted[-1])}."]
    if last.fye != first.fye and first.value:
        change = fmt.change_percent(last.value or 0, first.value)
        lines.append(f"Change {fmt.fye(first.fye)} to {fmt.fye(last.fye)}: {change}.")
    peak = max(charted, key=lambda item: (item[0].value or 0, -item[0].fye))
    return [*lines, f"Peak: {said(*peak)}."]


def _notes(series: TrendSeries, charted: list[tuple[Point, bool]]) -> list[str]:
    """Why counts, the gaps, incomplete years, what is dashed, what is left out, the grey."""
    lines = [f"Counts, not rates: {fmt.esc(series.no_rate)}."] if series.no_rate else []
    drawn = {p.fye for p, _ in charted}
    gaps = [fmt.fye(y) for y in range(charted[0][0].fye, charted[-1][0].fye) if y not in drawn]
    if gaps:
        lines.append(f"Gaps (no figure, not zero): {', '.join(gaps)}.")
    for point in (p for p in series.points if p.partial_note):
        lines.append(f"{fmt.fye(point.fye)}: {fmt.esc(point.partial_note)}; not drawn.")
    if series.reported:
        lines.append(_reported_note(series))
    if series.uncharted:
        listed = "; ".join(
            f"{fmt.fye(p.fye)}, {fmt.count(p.seizures or 0)} seizures" for p in series.uncharted
        )
        lines.append(f"Not charted, no population estimate for a rate: {listed} (as reported).")
    if series.reference:
        lines.append(f"Grey: {fmt.esc(reference_label(series))}.")
    return lines


def _source_line(series: TrendSeries, links: bool) -> str:
    pages = dict.fromkeys(p.url for p in (*series.reported, *series.uncharted) if p.url)
    cited = ", ".join(dict.fromkeys(_page(url, links) for url in pages))
    tables = "; ".join(name for name, _ in series.cited) if series.points else ""
    parts = [fmt.esc(tables), f"{as_word(series)}: {cited}" if cited else ""]
    return f"<i>Source: {'; '.join(p for p in parts if p)}. Caveats: /sources</i>"


def _reported_note(series: TrendSeries) -> str:
    if not series.points:
        return "Hollow markers: totals as published (the Home Office tables here omit it)."
    if series.kind == NATIONAL:
        return "Dashed, hollow markers: later Home Office releases (latest edition of each)."
    return "Dashed, hollow markers: figures as reported after the Home Office tables."


def _page(url: str, link: bool) -> str:
    host = fmt.esc(urlparse(url).netloc.removeprefix("www."))
    return f'<a href="{fmt.esc(url)}">{host}</a>' if link else host


def _buttons(series: TrendSeries) -> tuple[tuple[Button, ...], ...]:
    if series.kind == "force":
        return (
            (
                Button("Force card", f"/force {series.area_id}"),
                Button("By drug", f"/drug all {series.area_id}"),
            ),
        )
    if series.kind == NATIONAL:
        return ((Button("By drug", "/drug all national"),),)
    return ((Button("Region", f"/region {series.area_id}"),),)


def _query_text(series: TrendSeries) -> str:
    drug = "" if series.drug.id == ALL_DRUGS else f" {series.drug.id}"
    return f"/trend {series.area_id}{drug}"


def _slug(series: TrendSeries) -> str:
    drug = "" if series.drug.id == ALL_DRUGS else f"-{series.drug.id}"
    return re.sub(r"[^a-z0-9]+", "-", f"{series.area_id}{drug}".lower()).strip("-")


@to_table.register
def _trend_table(series: TrendSeries) -> Table:
    measure = "rate_per_million" if series.per_million else "seizures"
    rows: list[tuple[object, ...]] = []
    for basis, points, area in (
        ("Home Office table", series.points, series.area_id),
        (as_word(series), (*series.reported, *series.uncharted), series.area_id),
        ("England and Wales, 43 territorial forces", series.reference, "england-and-wales"),
    ):
        for p in points:
            value = None if p.value is None else round(p.value, 1)
            rows.append(
                (area, fmt.fye(p.fye), measure, series.drug.id, value, p.seizures, basis, p.url)
            )
    rows.sort(key=lambda row: (row[6] != "Home Office table", str(row[1])))
    return Table(
        f"trend-{_slug(series)}",
        ("area", "year", "measure", "drug", "value", "seizures", "basis", "source_url"),
        tuple(rows),
        series.sources,
    )


ANSWER = Answer(
    name="trend",
    args="<force|national|region> [drug]",
    summary="A chart of the whole series, with the national rate for reference",
    example="/trend West Mercia",
    parse=parse_trend,
    reads=frozenset({"default_force"}),
    intents=(
        "trend",
        "trends",
        "chart",
        "graph",
        "plot",
        "over time",
        "over the years",
        "going up",
        "going down",
        "rising",
        "falling",
        "increasing",
        "decreasing",
        "history",
        "time series",
        "change over time",
        "since",
        "after",
        "before",
        "rise",
        "rises",
        "rose",
        "risen",
        "fall",
        "falls",
        "fell",
        "fallen",
        "increase",
        "increases",
        "increased",
        "decrease",
        "decreases",
        "decreased",
        "drop",
        "drops",
        "dropped",
        "decline",
        "declines",
        "declined",
    ),
    plan=build_trend,
    strength=60,
    prefetch=("drug-force-series", "drug-national-series", "area-population"),
)
