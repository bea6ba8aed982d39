"""Rendering of /region: the region card (a monospace table of its forces, the region's
total and rate against England and Wales), the published figures for Wales and for years
after the complete tables, and both as tables for /csv."""

from __future__ import annotations

from bot.answers.common import UNUSUAL_MARK, pre_table, release_note, short_name
from bot.answers.region import RegionCard, RegionForce, RegionPublished
from bot.reply import Button, Reply
from bot.writing import fmt, messages
from bot.writing.render import footer, link, preamble, render, trend_lines, unusual_line
from bot.writing.tables import Table, to_table

MAX_BUTTONS = 6
NONE = "–"
# Shorter cells for the longest names when they carry UNUSUAL_MARK (the note names them in full).
_MARKED_NAMES = {
    "nottinghamshire": "Notts", "gloucestershire": "Glos", "avon-and-somerset": "Avon & Som",
    "south-yorkshire": "S Yorkshire", "north-yorkshire": "N Yorkshire",
}  # fmt: skip


@render.register
def _region(card: RegionCard) -> Reply:
    lines = preamble(card.fuzzy_from, card.name, card.bare_year, card.fye)
    name = fmt.esc(card.name)
    if card.via_force:
        lines.append(f"<i>{fmt.esc(card.via_force)} is in the {name} region.</i>")
    year = fmt.fye(card.fye)
    if card.seizures is None:
        lines.append(f"<b>{name} region, {year}: no regional total</b>")
        blank = ", ".join(fmt.esc(f.full_name) for f in card.forces if f.seizures is None)
        lines.append(f"Not every force has a figure in the {year} table (missing: {blank}).")
    else:
        lines.append(f"<b>{name} region: {fmt.count(card.seizures)} drug seizures in {year}</b>")
        lines += trend_lines(card.trend, card.seizures)
    lines += _rate_lines(card)
    lines.append(
        pre_table(("Force", "Count", "Rate", "±%"), [_cells(f) for f in card.forces], "<>>>")
    )
    lines.append(_table_note(card))
    lines += [
        unusual_line(flag, f"{UNUSUAL_MARK} {fmt.esc(short_name(f.force_id, f.name))}: ")
        for f in card.forces
        for flag in f.unusual
    ]
    if card.also_force:
        lines.append(
            f"<i>This is the region. For the force, ask /force {fmt.esc(card.also_force)}.</i>"
        )
    population = card.fye - 1 if any(f.rate is not None for f in card.forces) else None
    lines.append(footer(card.fye, population))
    return messages.reply(
        "\n".join(lines),
        buttons=_buttons(card.region_id, card.fye, [(f.force_id, f.name) for f in card.forces]),
        csv_query=f"/region {card.region_id} {year}",
    )


def _rate_lines(card: RegionCard) -> list[str]:
    forces = f"43 territorial forces{release_note(card.national_edition)}"
    national = (
        f"England and Wales: {fmt.rate(card.national_rate)} per million ({forces})."
        if card.national_rate is not None
        else f"No England and Wales rate for {fmt.fye(card.fye)}: no population is bundled for it."
    )
    if card.rate is None:
        why = (
            "no usable population for this region; see /sources"
            if card.population is None
            else "the total is incomplete"
        )
        return [f"No region rate: {why}.", national]
    rate = f"<b>{fmt.rate(card.rate)} per million people</b>"
    if card.national_rate is None:
        return [f"{rate}.", national]
    gap = round(100 * (card.rate - card.national_rate) / card.national_rate)
    against = f"{abs(gap)}% {'above' if gap > 0 else 'below'}" if gap else "in line with"
    return [
        f"{rate}, {against} the England and Wales rate of {fmt.rate(card.national_rate)} "
        f"({forces})."
    ]


def _cells(force: RegionForce) -> tuple[str, ...]:
    count = NONE if force.seizures is None else fmt.count(force.seizures)
    if force.partial:
        count += "*"
    rate = NONE if force.rate is None else fmt.rate(force.rate)
    change = (
        fmt.change_percent(force.seizures, force.previous).removesuffix("%")
        if force.seizures is not None and force.previous and not force.partial
        else NONE
    )
    name = short_name(force.force_id, force.name)
    if force.unusual:
        name = _MARKED_NAMES.get(force.force_id, name) + UNUSUAL_MARK
    return (name, count, rate, change)


def _table_note(card: RegionCard) -> str:
    parts = ["Rate per million people"]
    if card.has_previous_year:
        parts.append(f"±% change on {fmt.fye(card.fye - 1)}")
    no_rate = [
        f for f in card.forces if f.rate is None and f.seizures is not None and not f.partial
    ]
    partial = [f for f in card.forces if f.partial]
    if partial:
        names = ", ".join(fmt.esc(f.name) for f in partial)
        parts.append(f"* {names}: incomplete figure (insufficient data), not compared")
    if no_rate:
        names = ", ".join(fmt.esc(f.name) for f in no_rate)
        parts.append(f"no rate for {names}: no usable population (see /sources)")
    if any(f.seizures is None for f in card.forces):
        parts.append("the national total includes estimates for forces with no figure")
    return "; ".join(parts) + "."


def _buttons(
    region_id: str, fye: int, forces: list[tuple[str, str]], rank: bool = True
) -> tuple[tuple[Button, ...], ...]:
    """One per force (by its Home Office name), then Rank; at most MAX_BUTTONS, two a row."""
    year = fmt.fye(fye)
    buttons = [
        Button(short_name(force_id, name), f"/force {force_id} {year}") for force_id, name in forces
    ]
    if rank:
        buttons.append(Button("Rank", f"/rank {year} {region_id}"))
    buttons = buttons[:MAX_BUTTONS]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


@render.register
def _published(card: RegionPublished) -> Reply:
    lines = preamble(card.fuzzy_from, card.name, card.bare_year, card.fye)
    name, year = fmt.esc(card.name), fmt.fye(card.fye)
    if card.via_force:
        where = fmt.esc(fmt.region_phrase(card.name))
        lines.append(f"<i>{fmt.esc(card.via_force)} is in {where}.</i>")
    lines.append(f"<b>{name}, {year}: published figures only</b>")
    if card.region_id == "wales":
        lines.append(
            "The Home Office force tables bundled here do not include the four Welsh forces, "
            "so there are no Welsh counts, rates or changes from them."
        )
    else:
        lines.append(
            f"No complete Home Office force table for {year} is bundled (the tables end in "
            f"{fmt.fye(card.last_complete_fye)}), so no regional total, rates or changes."
        )
    if card.figures:
        lines.append(f"Published totals for {year}:")
        for item in card.figures:
            first = (
                f" (first published as {fmt.count(item.first_published)})"
                if item.first_published is not None
                else ""
            )
            lines.append(
                f"• {fmt.esc(item.area_name)}: {fmt.count(item.figure.value)} seizures{first}; "
                f"{link(item.figure)}"
            )
    lines.append(_missing_line(card))
    if card.years:
        years = ", ".join(fmt.fye(y) for y in card.years)
        lines.append(f"Years with a published total here: {years}.")
    if card.region_id != "wales":
        lines.append(f"National figures: /national {year}")
    lines.append("<i>Figures as published, not from the complete tables. Caveats: /sources</i>")
    published = {item.area_id for item in card.figures}
    forces = [(force_id, n) for force_id, n, _ in card.force_names if force_id in published]
    return messages.reply(
        "\n".join(lines),
        buttons=_buttons(card.region_id, card.fye, forces, rank=False),
        csv_query=f"/region {card.region_id} {year}",
    )


def _missing_line(card: RegionPublished) -> str:
    published = {item.area_id for item in card.figures}
    missing = [fmt.esc(n) for force_id, _, n in card.force_names if force_id not in published]
    region = "" if card.region_id in published else f"a {fmt.esc(card.name)} total"
    parts = [p for p in (region, ", ".join(missing)) if p]
    if not parts:
        return "Every force has a published total for that year."
    return f"Not found published for {fmt.fye(card.fye)}: {'; '.join(parts)}."


def _change(new: int | None, old: int | None) -> float | None:
    return round(100 * (new - old) / old, 1) if new is not None and old else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@to_table.register
def _region_table(card: RegionCard) -> Table:
    previous = card.trend.previous.seizures if card.trend and card.trend.previous else None
    rows = [
        (
            f.force_id,
            f.full_name,
            f.seizures,
            f.previous,
            _change(f.seizures, f.previous),
            f.population,
            _rounded(f.rate),
        )
        for f in card.forces
    ]
    rows.append(
        (
            card.region_id,
            f"{card.name} region",
            card.seizures,
            previous,
            _change(card.seizures, previous),
            card.population,
            _rounded(card.rate),
        )
    )
    rows.append(
        (
            "england-and-wales",
            "England and Wales (43 territorial forces)",
            card.national_seizures,
            None,
            None,
            card.national_population,
            _rounded(card.national_rate),
        )
    )
    return Table(
        name=f"{card.region_id}-{fmt.fye(card.fye)}",
        columns=(
            "area_id",
            "name",
            "seizures",
            "previous_year_seizures",
            "change_percent",
            "population",
            "rate_per_million",
        ),
        rows=tuple(rows),
        sources=card.sources,
    )


@to_table.register
def _published_table(card: RegionPublished) -> Table:
    return Table(
        name=f"{card.region_id}-{fmt.fye(card.fye)}-published",
        columns=(
            "fye",
            "area_id",
            "name",
            "seizures",
            "first_published",
            "published_by",
            "source_url",
        ),
        rows=tuple(
            (
                fmt.fye(p.figure.fye),
                p.area_id,
                p.area_name,
                round(p.figure.value),
                None if p.first_published is None else round(p.first_published),
                p.figure.source_type,
                p.figure.source_url,
            )
            for p in card.figures
        ),
        sources=tuple(dict.fromkeys(p.figure.source_url for p in card.figures)),
    )
