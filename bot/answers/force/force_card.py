"""Rendering of /force: the card, the published-figures card, the Welsh forces' series."""

from __future__ import annotations

from bot.answers.common import release_note
from bot.commands import follow_ups
from bot.reading.names import ALL_DRUGS
from bot.reply import Button, Reply
from bot.results import ForceCard, PublishedSeries, Reported, ReportedCard
from bot.writing import fmt, messages
from bot.writing.release_notes import revision_line
from bot.writing.render import footer, link, preamble, rank_text, render, trend_lines, unusual_line
from bot.writing.tables import Table, to_table

LEADING_DRUGS = 4


@render.register
def _force(card: ForceCard) -> Reply:
    lines = preamble(card.fuzzy_from, card.full_name, card.bare_year, card.fye)
    name = fmt.esc(card.full_name)
    if card.seizures is None:
        lines.append(f"<b>{name}: no figure in the Home Office table for {fmt.fye(card.fye)}</b>")
        lines.append(
            f"{fmt.esc(card.blank_note)}."
            if card.blank_note
            else "The force's data were missing or incomplete that year; the national "
            "total includes an estimate for it."
        )
        lines.append(footer(card.fye, None))
        return messages.reply("\n".join(lines), buttons=_buttons(card))
    lines.append(f"<b>{name}: {fmt.count(card.seizures)} drug seizures in {fmt.fye(card.fye)}</b>")
    if card.partial_note:
        lines.append(
            f"<i>Incomplete: {fmt.esc(card.partial_note)}. It is not compared or ranked here.</i>"
        )
    lines += revision_line(card.revision)
    lines += trend_lines(card.trend, card.seizures)
    lines += [unusual_line(flag) for flag in card.unusual]
    lines += _rate_lines(card)
    lines += _drug_lines(card)
    lines += _later_lines(card)
    if card.also_region:
        lines.append(
            f"<i>This is the force. For the {fmt.esc(card.also_region)} region, ask "
            f"/region {fmt.esc(card.also_region)}.</i>"
        )
    population = None if card.partial_note or card.rate is None else card.population_mid_year
    lines.append(footer(card.fye, population))  # a population only where a rate is shown
    return messages.reply(
        "\n".join(lines),
        buttons=_buttons(card),
        csv_query=f"/force {card.force_id} {fmt.fye(card.fye)}",
    )


def _buttons(card: ForceCard) -> tuple[tuple[Button, ...], ...]:
    """Trend, By drug, the buttons other answers offer (bot.commands.follow_ups: "Why?"
    where there is a change to explain), vs national, Previous year: the usual next
    questions."""
    year = fmt.fye(card.fye)
    first = [
        Button("Trend", f"/trend {card.force_id}"),
        Button("By drug", f"/drug all {card.force_id} {year}"),
    ]
    first += follow_ups(card)  # other answers' next questions ("Why?" from /why)
    second = [Button("vs national", f"/compare {card.force_id} vs national {year}")]
    if card.has_previous_year:
        second.append(Button("Previous year", f"/force {card.force_id} {fmt.fye(card.fye - 1)}"))
    return (tuple(first), tuple(second))


def _rate_lines(card: ForceCard) -> list[str]:
    region = fmt.esc(fmt.region_phrase(card.region_name))
    lines = []
    if card.partial_note:
        return []
    if card.rate is None:
        why = {
            "transport": "British Transport Police has no resident population",
            "border": "Border Force works at the border, not in a force area",
        }.get(card.kind, "no usable population is bundled for this force area")
        lines.append(f"No rate per million: {why}.")
        if card.region_rank_by_count and card.kind == "territorial":
            lines.append(
                "By number of seizures: "
                + rank_text(card.region_rank_by_count, f"in {region}", card.left_out, "a figure")
                + "."
            )
        return lines
    compare = []
    if card.national_rate is not None:
        compare.append(
            f"England and Wales {fmt.rate(card.national_rate)}{release_note(card.national_edition)}"
        )
    if card.region_rate is not None:
        compare.append(f"{fmt.esc(card.region_name)} region {fmt.rate(card.region_rate)}")
    tail = f" (average: {'; '.join(compare)})" if compare else ""
    lines.append(f"<b>{fmt.rate(card.rate)} per million people</b>{tail}.")
    ranks = []
    if card.region_rank:
        ranks.append(rank_text(card.region_rank, f"in {region}", card.left_out))
    if card.national_rank:
        ranks.append(
            f"{fmt.ordinal(card.national_rank.rank)} of {card.national_rank.of} "
            "forces with a rate nationally"
        )
    if ranks:
        lines.append(f"Rate rank: {'; '.join(ranks)}.")
    return lines


def _drug_lines(card: ForceCard) -> list[str]:
    if not card.seizures or not card.drugs:
        return []
    total = card.seizures
    top = ", ".join(
        f"{fmt.esc(fmt.drug_label(d.label))} {fmt.esc(fmt.percent(d.seizures, total))}"
        for d in card.drugs[:LEADING_DRUGS]
    )
    extra = []
    if card.unknown is not None:
        extra.append(f"drug unknown {fmt.esc(fmt.percent(card.unknown, total))}")
    if card.class_a is not None:
        extra.append(f"any class A {fmt.esc(fmt.percent(card.class_a, total))}")
    tail = f"; {', '.join(extra)}" if extra else ""
    return [f"Drug mix (share of seizures): {top}{tail}.", f"<i>{messages.SEVERAL_DRUGS}</i>"]


def _later_lines(card: ForceCard) -> list[str]:
    if not card.later:
        return []
    lines = ["Published since (not in the complete tables):"]
    previous = {card.fye: card.seizures}
    for item in card.later:
        before = previous.get(item.fye - 1)
        change = f", {fmt.change_percent(item.value, before)}" if before else ""
        lines.append(
            f"• {fmt.fye(item.fye)}: {fmt.count(item.value)} seizures{change}, reported; "
            f"{link(item)}"
        )
        previous[item.fye] = int(item.value)
    return lines


@render.register
def _reported(card: ReportedCard) -> Reply:
    lines = preamble(card.fuzzy_from, card.full_name, card.bare_year, card.fye)
    name = fmt.esc(card.full_name)
    if card.total is None:
        lines.append(f"<b>{name}: no total published for {fmt.fye(card.fye)}</b>")
    else:
        total = card.total.value
        lines.append(
            f"<b>{name}: {fmt.count(total)} drug seizures in {fmt.fye(card.fye)}</b> (as reported"
            + (
                f"; first published as {fmt.count(card.first_published)}"
                if card.first_published
                else ""
            )
            + ")"
        )
        if card.previous and card.previous.seizures:
            before = card.previous.seizures
            where = "Home Office table" if card.previous_is_table else "as reported"
            lines.append(
                f"Change: {fmt.signed(int(total) - before)} ({fmt.change_percent(total, before)}) "
                f"on {fmt.count(before)} in {fmt.fye(card.previous.fye)} ({where})"
                + (
                    f"; the highest since records here begin, {fmt.fye(card.series_high_since)}"
                    if card.series_high_since
                    else ""
                )
                + "."
            )
        if card.rate is not None:
            lines.append(
                f"<b>{fmt.rate(card.rate)} per million people</b> "
                f"(ONS mid-{card.population_mid_year})."
            )
        elif card.kind == "territorial":
            lines.append("No rate per million: no usable population is bundled for that year.")
        national = card.national_reported_rate
        if national and national.source_type == "computed":
            lines.append(
                f"England and Wales average: {fmt.rate(national.value)} per million "
                f"(43 territorial forces, {fmt.esc(national.note)})."
            )
        elif national:
            lines.append(
                f"National average as reported: {fmt.rate(national.value)} "
                f"per million ({link(national)})."
            )
    lines += _other_reported(card)
    lines.append(
        f"Not available for {fmt.fye(card.fye)}: the complete Home Office force table (the "
        f"bundled tables end in {fmt.fye(card.last_complete_fye)}), so no rank or full drug mix."
    )
    cited = {f.source_url: f for f in card.figures if f.measure == "seizures"}
    sources = [f"{link(f)} ({fmt.esc(f.source_type)})" for f in cited.values()]
    source = f"Source: {', '.join(sources)}. " if sources else ""
    lines.append(f"<i>{source}Caveats: /sources</i>")
    return messages.reply("\n".join(lines))


@render.register
def _published_series(card: PublishedSeries) -> Reply:
    lines = preamble(card.fuzzy_from, card.full_name, None, 0)
    name = fmt.esc(card.full_name)
    lines.append(f"<b>{name}: not in the bundled Home Office force tables</b>")
    lines.append(
        f"The tables here ({fmt.fye(card.first_fye)} to {fmt.fye(card.last_complete_fye)}) "
        "cover the 39 English forces, British Transport Police and Border Force; the four "
        "Welsh forces are missing from them."
    )
    if card.asked_fye:
        lines.append(f"No total has been found published for {fmt.fye(card.asked_fye)}.")
    if card.totals:
        lines.append("Totals as published:")
        by_year: dict[int, list[Reported]] = {}
        for item in card.totals:
            by_year.setdefault(item.fye, []).append(item)
        for editions in by_year.values():
            first, latest = editions[0], editions[-1]
            revised = (
                f" (first published as {fmt.count(first.value)})"
                if first.value != latest.value
                else ""
            )
            lines.append(
                f"• {fmt.fye(latest.fye)}: {fmt.count(latest.value)} seizures{revised}; "
                f"{link(latest)}"
            )
        lines.append(
            f"Ask for one year, e.g. <code>/force {fmt.esc(card.force_id)} "
            f"{fmt.fye(card.totals[-1].fye)}</code>."
        )
    lines.append("<i>Caveats and gaps: /sources</i>")
    return messages.reply("\n".join(lines))


SHARE_MEASURES = {
    "share_percent": "of seizures",
    "share_of_known_percent": "of seizures where the drug was known",
}


def _other_reported(card: ReportedCard) -> list[str]:
    parts = []
    for item in card.figures:
        label = fmt.drug_label(item.label) if item.label else item.drug.replace("_", " ")
        if item.measure in SHARE_MEASURES:
            parts.append(f"{label} {round(item.value)}% {SHARE_MEASURES[item.measure]}")
        elif item.measure == "seizures" and item.drug != ALL_DRUGS:
            parts.append(f"{label} {fmt.count(item.value)} seizures")
        elif item.measure == "quantity":
            parts.append(f"{label} {fmt.quantity(item.value)} {item.unit}")
        elif item.measure == "change_percent" and item.drug == ALL_DRUGS:
            parts.append(f"change on the year before {item.value:+g}%")
    return [f"Also reported: {fmt.esc('; '.join(parts))}."] if parts else []


@to_table.register
def _force_table(card: ForceCard) -> Table:
    year = fmt.fye(card.fye)
    rows: list[tuple[object, ...]] = [
        (card.force_id, year, "seizures", ALL_DRUGS, card.seizures, "seizures"),
    ]
    if card.trend and card.trend.previous:
        previous = card.trend.previous
        rows.append(
            (
                card.force_id,
                fmt.fye(previous.fye),
                "seizures",
                ALL_DRUGS,
                previous.seizures,
                "seizures",
            )
        )
    for label, value in (
        ("rate_per_million", card.rate),
        ("england_and_wales_rate_per_million", card.national_rate),
        ("region_rate_per_million", card.region_rate),
    ):
        if value is not None:
            rows.append((card.force_id, year, label, ALL_DRUGS, round(value, 1), "per million"))
    for drug in card.drugs:
        rows.append((card.force_id, year, "seizures", drug.drug, drug.seizures, "seizures"))
    for drug_id, value in (("unknown", card.unknown), ("class_a", card.class_a)):
        if value is not None:
            rows.append((card.force_id, year, "seizures", drug_id, value, "seizures"))
    for item in card.later:
        rows.append(
            (
                card.force_id,
                fmt.fye(item.fye),
                "seizures (as reported)",
                item.drug,
                int(item.value),
                "seizures",
            )
        )
    return Table(
        name=f"{card.force_id}-{year}",
        columns=("force_id", "year", "measure", "drug", "value", "unit"),
        rows=tuple(rows),
        sources=(*card.sources, *(item.source_url for item in card.later)),
    )
