"""Rendering of /national: the table-year card, the headline card, and the CSV behind both."""

from __future__ import annotations

import re

from bot.answers.national import Figure, NationalCard, NationalHeadlines, Split
from bot.reading.names import ALL_DRUGS
from bot.reply import Button, Reply
from bot.writing import fmt, messages
from bot.writing.render import footer, link, preamble, render, trend_lines, trend_notes
from bot.writing.tables import Table, to_table

LEADING_DRUGS = 4
OTHERS = 6  # other published figures listed under a headline
TERRITORIAL = "43 territorial forces, excluding British Transport Police and Border Force"
TRANSCRIBED = "Home Office tables as transcribed"


def edition_name(item: Figure) -> str:
    """ "FYE2020 release (Dec 2020)" with its page linked inside the brackets."""
    page = link(item.reported())
    if item.source.startswith("bdd-"):
        return f"Home Office tables as transcribed ({page})"
    edition = fmt.esc(item.edition)
    if edition.endswith(")"):
        return f"{edition[:-1]}; {page})"
    return f"{edition} ({page})"


def _plain_edition(item: Figure) -> str:
    return TRANSCRIBED if item.source.startswith("bdd-") else fmt.esc(item.edition)


@render.register
def _national(card: NationalCard) -> Reply:
    year = fmt.fye(card.fye)
    lines = preamble(None, "", card.bare_year, card.fye)
    lines.append(
        f"<b>England and Wales: {fmt.count(card.total)} drug seizures in {year}</b> "
        "(police and Border Force)"
    )
    lines += _edition_lines(card)
    lines += trend_lines(card.trend, card.total)
    lines += _split_lines(card)
    if card.classes:
        text = ", ".join(
            f"{fmt.esc(fmt.drug_label(d.label))} {fmt.count(d.seizures)} "
            f"({fmt.esc(fmt.percent(d.seizures, card.total))})"
            for d in card.classes
        )
        lines.append(f"{text[:1].upper()}{text[1:]}.")
    lines += _drug_lines(card)
    lines += _rate_lines(card)
    lines.append(footer(card.fye, card.population_mid_year))
    return messages.reply(
        "\n".join(lines),
        buttons=_buttons(card.fye, card.force_table, card.first_fye, card.last_reported_fye),
        csv_query=f"/national {year}",
    )


def _edition_lines(card: NationalCard) -> list[str]:
    by_value: dict[int, list[Figure]] = {}
    for item in card.editions:
        by_value.setdefault(round(item.value), []).append(item)
    if not by_value:
        return []
    parts = []
    for value, items in by_value.items():
        names = " and ".join(edition_name(i) for i in items)
        role = ""
        if all("comparator" in i.note.lower() for i in items):
            role = ", as the year-before figure"
        elif all(i.note.lower().startswith("revised") for i in items):
            role = ", revised"
        parts.append(f"{fmt.count(value)} in the {names}{role}")
    return [f"As published: {'; '.join(parts)}."]


def _split_lines(card: NationalCard) -> list[str]:
    year = fmt.fye(card.fye)
    if card.split:
        return _release_split_lines(card, card.split)
    if card.border_force is None:
        return [
            f"No Border Force total for {year} is bundled, so no police and Border Force split."
        ]
    police = card.total - card.border_force
    lines = [
        f"Police forces (incl. BTP) {fmt.count(police)} "
        f"({fmt.esc(fmt.percent(police, card.total))}), "
        f"Border Force {fmt.count(card.border_force)} "
        f"({fmt.esc(fmt.percent(card.border_force, card.total))}): the total less Border Force, "
        "from the same tables."
    ]
    computed = {"police": police, "border-force": card.border_force}
    published = []
    for item in sorted(card.published_split, key=lambda f: f.authority != "police"):
        name = "police" if item.authority == "police" else "Border Force"
        same = ", the same figure" if round(item.value) == computed[item.authority] else ""
        published.append(f"{name} {fmt.count(item.value)} in the {_plain_edition(item)}{same}")
    if published:
        lines.append(f"<i>As published: {'; '.join(published)}.</i>")
    return lines


def _release_split_lines(card: NationalCard, split: Split) -> list[str]:
    """The split as one release gave it, then what other releases gave differently."""
    total = f"of {fmt.count(split.total)} in all"
    if split.transcribed:
        total = "the same total as the tables"
    lines = [
        f"Police forces (incl. BTP) {fmt.count(split.police)} "
        f"({fmt.esc(fmt.percent(split.police, split.total))}), Border Force "
        f"{fmt.count(split.border_force)} "
        f"({fmt.esc(fmt.percent(split.border_force, split.total))}): the split in the "
        f"{fmt.esc(split.edition)} ({total})."
    ]
    used = {"police": split.police, "border-force": split.border_force}
    others = [
        f"{'police' if item.authority == 'police' else 'Border Force'} "
        f"{fmt.count(item.value)} in the {_plain_edition(item)}"
        for item in sorted(card.published_split, key=lambda f: f.authority != "police")
        if round(item.value) != used[item.authority]
    ]
    if others:
        lines.append(f"<i>Also published: {'; '.join(others)}.</i>")
    return lines


def _drug_lines(card: NationalCard) -> list[str]:
    if not card.drugs:
        return []
    top = ", ".join(
        f"{fmt.esc(fmt.drug_label(d.label))} {fmt.esc(fmt.percent(d.seizures, card.total))}"
        for d in card.drugs[:LEADING_DRUGS]
    )
    unknown = (
        f"; drug unknown {fmt.esc(fmt.percent(card.unknown, card.total))}" if card.unknown else ""
    )
    return [
        f"Leading drugs (share of all seizures): {top}{unknown}.",
        f"<i>{messages.SEVERAL_DRUGS}</i>",
    ]


def _rate_lines(card: NationalCard) -> list[str]:
    year = fmt.fye(card.fye)
    if card.rate is not None and card.territorial is not None:
        split = card.split
        built = ""
        if split and not split.transcribed:
            built = f", the {fmt.esc(split.edition)}’s police figure less BTP"
        return [
            f"<b>{fmt.rate(card.rate)} per million people</b> in the {TERRITORIAL} "
            f"({fmt.count(card.territorial)} seizures{built})."
        ]
    if card.territorial is None:
        return [
            f"No territorial-force rate for {year}: no Border Force or British Transport "
            "Police total to take off."
        ]
    return [
        f"No rate per million for {year}: no England and Wales population is bundled for "
        f"that year ({TERRITORIAL}: {fmt.count(card.territorial)} seizures)."
    ]


def _buttons(
    fye: int, force_table: bool, first_fye: int, last_fye: int
) -> tuple[tuple[Button, ...], ...]:
    first = [Button("Trend", "/trend national")]
    if force_table:
        first.append(Button("Rank forces", f"/rank {fmt.fye(fye)}"))
    second = []
    if fye > first_fye:
        second.append(Button("Previous year", f"/national {fmt.fye(fye - 1)}"))
    if fye < last_fye:
        second.append(Button("Next year", f"/national {fmt.fye(fye + 1)}"))
    return (tuple(first), tuple(second))


@render.register
def _headlines(card: NationalHeadlines) -> Reply:
    year = fmt.fye(card.fye)
    lines = preamble(None, "", card.bare_year, card.fye)
    if card.headline is None:
        lines += _border_force_only(card)
    else:
        lines += _headline_lines(card, card.headline)
        lines += _published_split(card, card.headline)
        lines += _other_lines(card)
        if card.rate:
            lines.append(
                f"National average as reported: {fmt.rate(card.rate.value)} per million, "
                f"{edition_name(card.rate)}."
            )
        lines += _missing_lines(card)
    lines.append(
        f"<i>Source: Home Office, Seizures of drugs in England and Wales, {year}, as "
        "published (editions above). Caveats: /sources</i>"
    )
    return messages.reply(
        "\n".join(lines),
        buttons=_buttons(card.fye, False, card.first_fye, card.last_reported_fye),
        csv_query=f"/national {year}",
    )


def _headline_lines(card: NationalHeadlines, headline: Figure) -> list[str]:
    year = fmt.fye(card.fye)
    lines = [
        f"<b>England and Wales: {fmt.count(headline.value)} drug seizures in {year}</b>",
        f"Police and Border Force, as first published in the {edition_name(headline)}.",
    ]
    if card.previous:
        before = card.previous.value
        diff = round(headline.value - before)
        direction = "Up" if diff > 0 else "Down" if diff < 0 else "Unchanged"
        same = card.previous.edition_fye == headline.edition_fye
        where = "the same release" if same else f"the {_plain_edition(card.previous)}"
        where = f"as {re.sub(r' [(].*[)]$', '', where)} gave it"
        lines.append(
            f"{direction} {fmt.count(abs(diff))} ({fmt.change_percent(headline.value, before)}) "
            f"on {fmt.count(before)} in {fmt.fye(card.previous.fye)} ({where})."
        )
    for item in card.revisions:
        lines.append(f"Revised to {fmt.count(item.value)} in the {edition_name(item)}.")
    notes = trend_notes(card.latest_trend) if card.latest_trend else []
    if notes and card.latest is not None:
        lines.append(
            f"On the latest figure for each year ({fmt.count(card.latest)} here): "
            f"{'; '.join(notes)}."
        )
    return lines


def _published_split(card: NationalHeadlines, headline: Figure) -> list[str]:
    parts = []

    def share(item: Figure) -> str:
        if item.edition_fye == headline.edition_fye:
            return fmt.esc(fmt.percent(item.value, headline.value))
        return _plain_edition(item)

    if card.police:
        parts.append(
            f"police forces (incl. BTP) {fmt.count(card.police.value)} ({share(card.police)})"
        )
    elif card.police_share:
        parts.append(f"police forces {card.police_share.value:g}% of seizures (as published)")
    if card.border_force:
        parts.append(
            f"Border Force {fmt.count(card.border_force.value)} ({share(card.border_force)})"
        )
    if not parts:
        return [f"No police and Border Force split is bundled for {fmt.fye(card.fye)}."]
    text = "; ".join(parts)
    return [text[0].upper() + text[1:] + "."]


def _label(item: Figure) -> str:
    return fmt.esc(fmt.drug_label(item.label))


def _other_lines(card: NationalHeadlines) -> list[str]:
    parts = []
    for item in card.others:
        label = _label(item)
        who = "police: " if item.authority == "police" else ""
        if item.measure == "seizures":
            parts.append(f"{who}{label} {fmt.count(item.value)} seizures")
        elif item.measure == "share_percent":
            parts.append(f"{who}{label} {item.value:g}% of seizures")
        elif item.measure == "change_percent":
            parts.append(f"{who}{label} {item.value:+g}% on the year")
        elif item.measure == "quantity":
            parts.append(f"{who}{label} {fmt.count(item.value)} {fmt.esc(item.unit)} seized")
    if not parts:
        return []
    more = (
        f"; more in <code>/csv national {fmt.fye(card.fye)}</code>" if len(parts) > OTHERS else ""
    )
    return [f"Also published: {'; '.join(parts[:OTHERS])}{more}."]


def _missing_lines(card: NationalHeadlines) -> list[str]:
    year = fmt.fye(card.fye)
    lines = [
        f"Not available for {year}: the complete force and drug tables (bundled to "
        f"{fmt.fye(card.last_complete_fye)}), so no per-force table here; a force's published "
        f"figure: <code>/force Kent {year}</code>."
    ]
    if card.has_population:
        lines.append(
            "No territorial-force rate is computed: the published police figure includes "
            "British Transport Police, and no separate BTP figure is bundled."
        )
    elif card.population_until:
        lines.append(
            f"No rate is computed: no population after mid-{card.population_until} is bundled."
        )
    return lines


def _border_force_only(card: NationalHeadlines) -> list[str]:
    year = fmt.fye(card.fye)
    lines = [
        f"<b>England and Wales, {year}: no national total bundled</b>",
        f"The transcribed national table starts in {fmt.fye(card.first_table_fye)}.",
    ]
    drugs = card.border_force_drugs
    if drugs:
        classes = [d for d in drugs if d.drug.startswith("class_")]
        leading = sorted(
            (d for d in drugs if not d.drug.startswith(("class_", "other_")) and d.value),
            key=lambda d: -d.value,
        )
        parts = [f"{_label(d)} {fmt.count(d.value)}" for d in (*classes, *leading[:LEADING_DRUGS])]
        lines.append(f"Border Force seizures, {edition_name(drugs[0])}: {', '.join(parts)}.")
    lines.append(
        f"Not available for {year}: police seizures, the national total, the police and "
        "Border Force split and a rate."
    )
    return lines


COLUMNS = ("year", "authority", "measure", "drug", "value", "unit", "edition", "source")


@to_table.register
def _national_table(card: NationalCard) -> Table:
    """The figures computed here first (split, territorial count and rate), then every
    national figure bundled for the year, as published."""
    year = fmt.fye(card.fye)
    national, border, population = (*card.sources, "", "")[:3]
    computed: list[tuple[str, str, object, str, str, str]] = []
    if card.split:
        split = card.split
        computed += [
            ("border-force", "seizures", split.border_force, "seizures", split.edition,
             split.source),
            ("police", "seizures", split.police, "seizures", split.edition, split.source),
        ]  # fmt: skip
    elif card.border_force is not None:
        police = card.total - card.border_force
        computed += [
            ("border-force", "seizures", card.border_force, "seizures", TRANSCRIBED, border),
            ("police", "seizures", police, "seizures", "computed: total less Border Force",
             national),
        ]  # fmt: skip
    if card.territorial is not None:
        how = "police less BTP" if card.split else "total less BTP and Border Force"
        where = card.split.source if card.split else national
        computed.append(("territorial", "seizures", card.territorial, "seizures",
                         f"computed: {how}", where))  # fmt: skip
    if card.rate is not None:
        computed.append(("territorial", "rate_per_million", round(card.rate, 1), "per million",
                         f"computed: ONS mid-{card.population_mid_year} population",
                         population))  # fmt: skip
    rows = [(year, who, measure, ALL_DRUGS, *rest) for who, measure, *rest in computed]
    rows += [_row(item) for item in card.figures]
    sources = tuple(dict.fromkeys([*card.sources, *(f.source for f in card.figures)]))
    return Table(f"national-{year}", COLUMNS, tuple(rows), sources)


@to_table.register
def _headlines_table(card: NationalHeadlines) -> Table:
    year = fmt.fye(card.fye)
    sources = tuple(dict.fromkeys(f.source for f in card.figures))
    return Table(f"national-{year}", COLUMNS, tuple(_row(f) for f in card.figures), sources)


def _number(value: float) -> float | int:
    """9645.0 -> 9645; 9644.55 stays."""
    return int(value) if float(value).is_integer() else value


def _row(item: Figure) -> tuple[object, ...]:
    value = _number(item.value)
    return (fmt.fye(item.fye), item.authority, item.measure, item.drug, value, item.unit,
            item.edition, item.source)  # fmt: skip
