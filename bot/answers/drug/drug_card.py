"""Rendering of /drug: one drug's card, the breakdown by drug, published figures only."""

from __future__ import annotations

from urllib.parse import urlparse

from bot.answers.drug import (
    NATIONAL,
    DrugBreakdown,
    DrugCard,
    DrugPublished,
    Published,
    Quantity,
)
from bot.reading.names import ALL_DRUGS, normalise
from bot.reply import Button, Reply
from bot.writing import fmt, messages
from bot.writing.render import footer, preamble, render, seizure_count, unusual_line

# What a Home Office category holds, where its name alone may not say.
CATEGORY_NOTES = {
    "cocaine": "powder cocaine",
    "crack": "crack cocaine",
    "cannabis": "herbal cannabis, resin and plants",
    "ecstasy": "MDMA",
    "class_a": "every class A drug",
    "class_b": "every class B drug",
    "class_c": "every class C drug",
    "unknown": "drug not identified",
}
WIDTH = 17  # label column of the monospace table


def category_line(typed: str, drug_id: str, label: str, exact: bool) -> list[str]:
    """ "coke: read as cocaine (powder cocaine, Home Office category)" when the name typed
    is not the category's own."""
    if exact and normalise(typed) == normalise(label):
        return []
    note = CATEGORY_NOTES.get(drug_id)
    what = f"{note}, Home Office category" if note else "Home Office category"
    lead = fmt.esc(fmt.short(typed)) if exact else f"“{fmt.esc(fmt.short(typed))}”"
    return [f"<i>{lead}: read as {fmt.esc(fmt.drug_label(label))} ({what}).</i>"]


# A quantity published as 0 for real seizures: what the rounding hides, in its unit.
BELOW_ROUNDING = {
    "kg": "less than 0.5 kg",
    "thousand doses": "fewer than 500 doses",
    "thousand plants": "fewer than 500 plants",
}


def quantity_text(item: Quantity | Published, seized: bool = False) -> str:
    """2.62 kg, 9,645 kg, 3,608 plants, 0.87 thousand doses; with ``seized`` (there were
    seizures) a published 0 reads "less than 0.5 kg (published as 0)"."""
    value = item.quantity if isinstance(item, Quantity) else item.value
    if seized and value == 0 and item.unit in BELOW_ROUNDING:
        return f"{BELOW_ROUNDING[item.unit]} (published as 0)"
    return f"{fmt.quantity(value)} {item.unit}"


@render.register
def _card(card: DrugCard) -> Reply:
    lines = preamble(card.fuzzy_force, card.area_name, card.bare_year, card.fye)
    lines += category_line(card.drug.typed, card.drug.id, card.label, card.drug.exact)
    name, label = fmt.esc(card.area_name), fmt.esc(fmt.drug_label(card.label))
    year = fmt.fye(card.fye)
    if card.seizures is None:
        lines.append(f"<b>{name}: no {label} figure in the Home Office table for {year}</b>")
        lines.append(_missing_reason(card))
    else:
        lines.append(f"<b>{name}: {seizure_count(card.seizures, label)} in {year}</b>")
        lines += _partial(card.partial_note)
        lines += [unusual_line(flag) for flag in card.unusual]
        lines += _share_lines(card)
        lines += [] if card.partial_note else _change_lines(card)
        lines += _rate_lines(card)
        if card.quantities:
            amounts = "; ".join(
                _quantity_item(q, card.drug.id, card.seizures > 0) for q in card.quantities
            )
            lines.append(f"Quantity seized: {amounts}.")
        lines.append(f"<i>{messages.SEVERAL_DRUGS}</i>")
    lines.append(_footer(card.area_id, card.fye, card.population_mid_year))
    return messages.reply(
        "\n".join(lines),
        buttons=_card_buttons(card),
        csv_query=f"/drug {card.drug.id} {card.area_id} {year}",
    )


def _partial(note: str) -> list[str]:
    return [f"<i>Incomplete: {fmt.esc(note)}. It is not compared here.</i>"] if note else []


def _missing_reason(card: DrugCard) -> str:
    if card.blank_note:
        return f"{fmt.esc(card.blank_note)}."
    if card.fye < card.first_fye:
        return (
            f"The tables give {fmt.esc(fmt.drug_label(card.label))} separately only from "
            f"{fmt.fye(card.first_fye)}."
        )
    return (
        "The force's data were missing or incomplete that year; the national total includes "
        "an estimate for it."
    )


def _share_lines(card: DrugCard) -> list[str]:
    if not card.all_seizures or card.seizures is None:
        return []
    whose = "all" if card.area_id == NATIONAL else "its"
    text = (
        f"{fmt.esc(fmt.percent(card.seizures, card.all_seizures))} of {whose} "
        f"{fmt.count(card.all_seizures)} drug seizures"
    )
    if card.area_id == NATIONAL:
        text += " (police and Border Force)"
    other = card.comparison
    if other and other.seizures is not None and other.all_seizures:
        text += (
            f"; {fmt.esc(other.label)}: {fmt.esc(fmt.percent(other.seizures, other.all_seizures))} "
            f"({fmt.count(other.seizures)} of {fmt.count(other.all_seizures)})"
        )
    lines = [text + "."]
    if card.border_force is not None:
        police = card.seizures - card.border_force
        share = fmt.esc(fmt.percent(card.border_force, card.seizures))
        lines.append(
            f"Police (including British Transport Police) {fmt.count(police)}; Border Force "
            f"{fmt.count(card.border_force)} ({share})."
        )
    return lines


def _change_lines(card: DrugCard) -> list[str]:
    before = card.previous.seizures if card.previous else None
    if card.seizures is None or before is None:
        if card.previous_incomplete:
            return [f"The {fmt.fye(card.fye - 1)} figure is incomplete: no change given."]
        if card.fye == card.tables_first_fye:
            return [f"The tables begin in {fmt.fye(card.fye)}: no earlier year to compare."]
        if card.fye == card.first_fye:
            return ["This is the first year the tables give it separately."]
        return [f"No figure for {fmt.fye(card.fye - 1)} to compare."]
    diff = card.seizures - before
    if not diff:
        return [f"Unchanged on {fmt.fye(card.fye - 1)}."]
    direction = "Up" if diff > 0 else "Down"
    change = f" ({fmt.change_percent(card.seizures, before)})" if before else ""
    return [
        f"{direction} {fmt.count(abs(diff))}{change} on {fmt.count(before)} "
        f"in {fmt.fye(card.fye - 1)}."
    ]


def _rate_lines(card: DrugCard) -> list[str]:
    if card.rate is None:
        return []
    other = card.comparison
    tail = ""
    if other and other.rate is not None:
        tail = f" (England and Wales {fmt.rate(other.rate)})"
    return [f"{fmt.rate(card.rate)} per million people{tail}."]


def _quantity_item(item: Quantity, drug_id: str, seized: bool) -> str:
    amount = quantity_text(item, seized)
    if item.drug == drug_id or "plants" in item.unit:
        return amount
    return f"{fmt.esc(fmt.drug_label(item.label))} {amount}"


def _footer(area_id: str, fye: int, population_year: int | None) -> str:
    if area_id != NATIONAL:
        return footer(fye, population_year)
    return (
        f"<i>Source: Home Office, Seizures of drugs in England and Wales, {fmt.fye(fye)} "
        "(national tables). Caveats: /sources</i>"
    )


def _card_buttons(card: DrugCard) -> tuple[tuple[Button, ...], ...]:
    year = fmt.fye(card.fye)
    return (
        (
            Button("Trend", f"/trend {card.area_id} {card.drug.id}"),
            Button("All drugs", f"/drug all {card.area_id} {year}"),
        ),
    )


@render.register
def _breakdown(card: DrugBreakdown) -> Reply:
    lines = preamble(card.fuzzy_force, card.area_name, card.bare_year, card.fye)
    name, year = fmt.esc(card.area_name), fmt.fye(card.fye)
    if not card.total:
        lines.append(f"<b>{name}: no figures in the Home Office table for {year}</b>")
        lines.append(
            "The force's data were missing or incomplete that year; the national total "
            "includes an estimate for it."
        )
        lines.append(_footer(card.area_id, card.fye, None))
        return messages.reply("\n".join(lines))
    lines.append(f"<b>{name}: seizures by drug, {year}</b>")
    lines += _partial(card.partial_note)
    lines.append(f"<pre>{_table(card)}</pre>")
    if card.none_seized:
        names = ", ".join(fmt.drug_label(label) for label in card.none_seized)
        lines.append(f"No seizures of {fmt.esc(names)}.")
    lines.append(f"<i>{messages.SEVERAL_DRUGS} So the rows add up to more than all seizures.</i>")
    lines.append(_footer(card.area_id, card.fye, None))
    buttons = [Button("Trend", f"/trend {card.area_id}")]
    if card.area_id != NATIONAL:
        buttons.insert(0, Button("Force card", f"/force {card.area_id} {year}"))
    return messages.reply(
        "\n".join(lines),
        buttons=(tuple(buttons),),
        csv_query=f"/drug all {card.area_id} {year}",
    )


def _table(card: DrugBreakdown) -> str:
    total = card.total or 0

    def row(label: str, seizures: int, indent: str = "") -> str:
        cell = fmt.short(indent + label, WIDTH).ljust(WIDTH)
        share = fmt.percent(seizures, total).rjust(4)
        return f"{fmt.esc(cell)} {fmt.count(seizures):>7} {fmt.esc(share)}"

    rows = [f"{'Drug'.ljust(WIDTH)} {'Seized':>7} {'%':>4}"]
    for item in card.drugs:
        rows.append(row(item.label, item.seizures))
        if item.drug == "cannabis":
            rows += [row(form.label, form.seizures, "  ") for form in card.forms]
    rows.append("")
    rows += [row(item.label, item.seizures) for item in card.classes]
    if card.unknown is not None:
        rows.append(row("Unknown", card.unknown))
    rows.append(row("All seizures", total))
    return "\n".join(rows)


@render.register
def _published(card: DrugPublished) -> Reply:
    lines = preamble(card.fuzzy_force, card.area_name, None, 0)
    if card.drug:
        lines += category_line(card.drug.typed, card.drug.id, card.label, card.drug.exact)
    name = fmt.esc(card.area_name)
    what = fmt.esc(fmt.drug_label(card.label)) if card.drug else "seizures by drug"
    year = f" in {fmt.fye(card.asked_fye)}" if card.asked_fye else ""
    lines.append(f"<b>{name}: {what}{year}</b>")
    if card.welsh:
        lines.append(
            "The Home Office tables bundled here have no by-drug figures for the Welsh "
            "forces (they list the 39 English forces, British Transport Police and Border "
            "Force)."
        )
    else:
        lines.append(
            f"No complete Home Office table for {fmt.fye(card.asked_fye or 0)} is bundled "
            f"(the tables end in {fmt.fye(card.last_fye)}): published figures only."
        )
    asked = [f for f in card.figures if f.fye == card.asked_fye]
    shown = asked or (list(card.figures) if card.welsh else [])
    if card.asked_fye and not asked:
        lines.append(f"None has been found published for {fmt.fye(card.asked_fye)}.")
    if shown:
        lines.append("Published:" if asked or not card.asked_fye else "Published for other years:")
        lines += [f"• {line}" for line in _published_lines(shown)]
    elif not card.asked_fye:
        lines.append("None has been found published.")
    lines.append("<i>Figures as published, with their sources. Caveats and gaps: /sources</i>")
    buttons = (
        () if card.area_id == NATIONAL else ((Button("Force card", f"/force {card.area_id}"),),)
    )
    return messages.reply("\n".join(lines), buttons=buttons)


MEASURE_ORDER = (
    "seizures",
    "share_percent",
    "share_of_known_percent",
    "change_percent",
    "rate_per_million",
    "quantity",
)


def _published_lines(figures: list[Published]) -> list[str]:
    """One line per year and page: "2018-19: 733 cannabis seizures; 80 cocaine seizures
    (southwalesargus.co.uk, local news)"."""
    groups: dict[tuple[int, str], list[Published]] = {}
    for item in sorted(figures, key=lambda f: (f.fye, MEASURE_ORDER.index(f.measure))):
        groups.setdefault((item.fye, item.url), []).append(item)
    lines = []
    for (fye, url), items in groups.items():
        host = urlparse(url).netloc.removeprefix("www.")
        source = f'<a href="{fmt.esc(url)}">{fmt.esc(host)}</a>, {fmt.esc(items[0].publisher)}'
        what = "; ".join(fmt.esc(_published_text(item)) for item in items)
        lines.append(f"{fmt.fye(fye)}: {what} ({source})")
    return lines


def _published_text(item: Published) -> str:
    label = fmt.drug_label(item.label)
    who = {"police": " by the police", "border-force": " by Border Force"}.get(item.authority, "")
    if item.measure == "seizures" and item.drug == ALL_DRUGS:
        return f"{fmt.count(item.value)} seizures of all drugs{who}"
    if item.measure == "seizures":
        return f"{seizure_count(item.value, label)}{who}"
    if item.measure == "quantity" and item.unit == "plants":
        return f"{fmt.count(item.value)} {label}{who}"  # "6,940 cannabis plants"
    if item.measure == "quantity":
        return f"{quantity_text(item)} of {label}{who}"
    if item.measure == "share_percent":
        return f"{label} {item.value:g}% of seizures{who}"
    if item.measure == "share_of_known_percent":
        return f"{label} {item.value:g}% of seizures where the drug was known"
    if item.measure == "change_percent":
        return f"{label} seizures {item.value:+g}% on the year before{who}"
    return f"{fmt.count(item.value)} {label} seizures per million people{who}"
