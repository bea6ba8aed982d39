"""Rendering of /why: the change by drug and class, its caveats, and the gaps said plainly."""

from __future__ import annotations

from bot.answers.why import (
    AGAINST_MIN,
    AGAINST_PART,
    MAX_DRIVERS,
    MOSTLY,
    SHOWN,
    UNKNOWN_POINTS,
    DrugChange,
    WhyCard,
    WhyGap,
    follows,
)
from bot.reading.names import ALL_DRUGS
from bot.reply import Button, Reply
from bot.results import Unusual
from bot.writing import fmt, messages
from bot.writing.release_notes import release_note
from bot.writing.render import preamble, render, unusual_line
from bot.writing.tables import Table, to_table

SEVERAL = (
    "a seizure of several drugs counts once in the total and once per drug (and once per "
    "class), so the drugs' changes need not add up to the total's"
)


def label(item: DrugChange) -> str:
    return "drug unknown" if item.drug == "unknown" else fmt.drug_label(item.label)


def moved(value: int) -> str:
    """ "rose by 412", "fell by 30", "did not change"."""
    if value == 0:
        return "did not change"
    return f"{'rose' if value > 0 else 'fell'} by {fmt.count(abs(value))}"


@render.register
def _why(card: WhyCard) -> Reply:
    lines = preamble(card.fuzzy_from, card.full_name, card.bare_year, card.fye)
    name, year, before = fmt.esc(card.full_name), fmt.fye(card.fye), fmt.fye(card.fye - 1)
    lines.append(f"<b>{name}: what drove the change in {year}</b>")
    if card.change:
        lines.append(
            f"Seizures {moved(card.change)} "
            f"({fmt.change_percent(card.seizures, card.previous)}), from "
            f"{fmt.count(card.previous)} in {before} to {fmt.count(card.seizures)}."
        )
    else:
        lines.append(f"Seizures did not change: {fmt.count(card.seizures)} in {before} and {year}.")
    lines += _headline(card)
    lines += _drug_lines(card)
    lines += _class_lines(card)
    lines += _unknown_line(card)
    lines.append(
        f"<i>The drugs' counts together {moved(card.drug_change)}, against "
        f"{fmt.signed(card.change)} in the total ({_residual(card)}): {SEVERAL}."
        + (" Shares are of the drugs' net change." if card.shares else "")
        + "</i>"
    )
    lines += [unusual_line(flag, _flag_lead(card, flag)) for flag in card.unusual]
    lines.append(
        f"<i>Source: Home Office, Seizures of drugs in England and Wales, {before}"
        f"{fmt.esc(release_note(card.fye - 1))} and {year}{fmt.esc(release_note(card.fye))}. "
        "Caveats: /sources</i>"
    )
    return messages.reply(
        "\n".join(lines), buttons=_buttons(card), csv_query=f"/why {card.force_id} {year}"
    )


def _headline(card: WhyCard) -> list[str]:
    """ "The rise of 142 was mostly cocaine (+92) and heroin (+73); ketamine fell by 21":
    the fewest drugs that make half the drugs' moves the way the total went, then the
    largest against it. Where the drugs' counts together do not follow the total, no drug
    is said to have driven it (``_apart``)."""
    sign = (card.change > 0) - (card.change < 0)
    if not follows(card.drug_change, card.change):
        return _apart(card)
    noun = "rise" if sign > 0 else "fall"
    with_it = [d for d in card.drugs if d.change * sign > 0]
    least = max(AGAINST_MIN, AGAINST_PART * abs(card.change))
    against = [d for d in card.drugs if d.change * sign < 0 and abs(d.change) >= least][:2]
    drivers, total, needed = [], 0, MOSTLY * sum(abs(d.change) for d in with_it)
    for item in with_it[:MAX_DRIVERS]:
        drivers.append(item)
        total += abs(item.change)
        if total >= needed:
            break
    named = fmt.and_list([f"{fmt.esc(label(d))} ({fmt.signed(d.change)})" for d in drivers])
    size = fmt.count(abs(card.change))
    if total >= needed:
        text = f"The {noun} of {size} was mostly {named}"
    else:
        text = f"The {noun} of {size} was spread across drugs; the largest {noun}s: {named}"
    if against:
        text += "; " + _moves(against)
    return [text + "."]


def _apart(card: WhyCard) -> list[str]:
    """The drugs' counts do not follow the total: their largest moves, without a "mostly"."""
    falls = [d for d in card.drugs if d.change < 0][:2]
    rises = [d for d in card.drugs if d.change > 0][:2]
    parts = [_moves(group) for group in (falls, rises) if group]
    if not parts:
        return []
    return [
        f"The drugs' counts do not follow the total here (together they "
        f"{moved(card.drug_change)}); the largest moves: {'; '.join(parts)}."
    ]


def _moves(items: list[DrugChange]) -> str:
    """ "crack cocaine fell by 12 and heroin by 5" (one direction)."""
    verb = "rose" if items[0].change > 0 else "fell"
    first, *rest = items
    parts = [f"{fmt.esc(label(first))} {verb} by {fmt.count(abs(first.change))}"]
    parts += [f"{fmt.esc(label(d))} by {fmt.count(abs(d.change))}" for d in rest]
    return fmt.and_list(parts)


def _drug_lines(card: WhyCard) -> list[str]:
    moving = [d for d in card.drugs if d.change]
    if not moving:
        return ["No drug's count changed."]
    head = "By drug (change; share of the drugs' net change):" if card.shares else "By drug:"
    lines = [head]
    shown, rest = moving[:SHOWN], moving[SHOWN:]
    for item in shown:
        lines.append(
            f"• {fmt.esc(label(item))} {fmt.signed(item.change)} ({fmt.count(item.before)} to "
            f"{fmt.count(item.after)}){_share(item.share)}"
        )
    if rest:
        change = sum(d.change for d in rest)
        share = sum(d.share or 0 for d in rest) if card.shares else None
        lines.append(
            f"• {fmt.number_word(len(rest))} other drugs {fmt.signed(change)}{_share(share)}"
        )
    if card.not_compared:
        lines.append("Not compared (a figure in one year only): " + fmt.and_list(
            [f"{fmt.esc(label(d))} ({_one_year(card, d)})" for d in card.not_compared]
        ) + ".")  # fmt: skip
    return lines


def _share(share: int | None) -> str:
    return f"; {share}%" if share is not None else ""


def _one_year(card: WhyCard, item: DrugChange) -> str:
    """ "77 in 2015-16, none given for 2014-15" (-1 stands for no figure)."""
    given, year, other = item.after, card.fye, card.fye - 1
    if item.after < 0:
        given, year, other = item.before, card.fye - 1, card.fye
    return f"{fmt.count(given)} in {fmt.fye(year)}, none given for {fmt.fye(other)}"


def _class_lines(card: WhyCard) -> list[str]:
    if not card.classes:
        return []
    parts = [
        f"{fmt.esc(fmt.drug_label(c.label))} {fmt.signed(c.change)} ({fmt.count(c.before)} to "
        f"{fmt.count(c.after)})"
        if c.change
        else f"{fmt.esc(fmt.drug_label(c.label))} unchanged ({fmt.count(c.after)})"
        for c in card.classes
    ]
    lines = [f"By class: {'; '.join(parts)}."]
    for move in card.class_moves:
        lines.append(
            f"<i>{fmt.esc(move.label)} was class {fmt.esc(move.before_class)} in "
            f"{fmt.fye(card.fye - 1)} ({fmt.count(move.before)} seizures) and class "
            f"{fmt.esc(move.after_class)} in {fmt.fye(card.fye)} ({fmt.count(move.after)}), so "
            "part of the class change is that move.</i>"
        )
    return lines


def _unknown_line(card: WhyCard) -> list[str]:
    """The unknown-drug share, named when it moves: the part no drug can explain."""
    item = card.unknown
    if item is None or not card.previous or not card.seizures:
        return []
    before = round(100 * item.before / card.previous)
    after = round(100 * item.after / card.seizures)
    if abs(after - before) < UNKNOWN_POINTS:
        return []
    less = "less" if after > before else "more"
    return [
        f"Drug unknown went from {before}% of seizures in {fmt.fye(card.fye - 1)} to {after}% "
        f"in {fmt.fye(card.fye)} ({fmt.count(item.before)} to {fmt.count(item.after)}), so "
        f"{less} of the total can be put to a named drug."
    ]


def _residual(card: WhyCard) -> str:
    difference = abs(card.drug_change - card.change)
    return "no difference" if difference == 0 else f"a difference of {fmt.count(difference)}"


def _flag_lead(card: WhyCard, flag: Unusual) -> str:
    """Whose figure a caveat is about, where it is not this year's total."""
    who = "" if flag.drug == ALL_DRUGS else "drug unknown" if flag.drug == "unknown" else (
        fmt.esc(fmt.drug_label(flag.label))
    )  # fmt: skip
    when = "" if flag.fye == card.fye else fmt.fye(flag.fye)
    lead = ", ".join(part for part in (who, when) if part)
    return f"{lead[:1].upper()}{lead[1:]}: " if lead else ""


def _buttons(card: WhyCard) -> tuple[tuple[Button, ...], ...]:
    year = fmt.fye(card.fye)
    return (
        (
            Button("Card", f"/force {card.force_id} {year}"),
            Button("By drug", f"/drug all {card.force_id} {year}"),
            Button("Trend", f"/trend {card.force_id}"),
        ),
    )


@render.register
def _gap(gap: WhyGap) -> Reply:
    lines = preamble(gap.fuzzy_from, gap.full_name, gap.bare_year, gap.fye)
    name, year = fmt.esc(gap.full_name), fmt.fye(gap.fye)
    at, latest = fmt.fye(gap.gap_fye), fmt.fye(gap.last_fye)
    buttons: list[Button] = []
    if gap.reason == "not_in_tables":
        text = (
            f"There is no drug breakdown for {name}: the four Welsh forces are missing from "
            "the bundled Home Office force tables, which give the figures by drug. Its "
            "published totals are on its card."
        )
        buttons.append(Button("Published totals", f"/force {gap.force_id}"))
    elif gap.reason == "after_tables":
        text = (
            f"There is no drug breakdown for {year}: from {fmt.fye(gap.last_fye + 1)} on there "
            "are only published totals, not the complete Home Office table by drug (the "
            f"tables end in {latest})."
        )
        buttons += [
            Button(f"Why {latest}?", f"/why {gap.force_id} {latest}"),
            Button(f"Card {year}", f"/force {gap.force_id} {year}"),
        ]
    elif gap.reason == "first_year":
        text = (
            f"There is no year before {year} to compare with: the complete force tables here "
            f"begin in {year}."
        )
    elif gap.reason == "blank":
        text = f"{name} has no figure in the Home Office table for {at}, so there is no change "
        text += f"to explain for {year}."
    else:
        text = (
            f"{name}'s figure for {at} is incomplete, so the change for {year} is not "
            f"compared. {fmt.esc(gap.note)}."
        )
    heading = "no drug breakdown" if gap.reason == "not_in_tables" else (
        f"no drug breakdown for {year}" if gap.reason == "after_tables"
        else f"no change to explain for {year}"
    )  # fmt: skip
    lines.append(f"<b>{name}: {heading}</b>")
    lines.append(text)
    lines.append("<i>Caveats and gaps: /sources</i>")
    return messages.reply("\n".join(lines), buttons=(tuple(buttons),) if buttons else ())


@to_table.register
def _why_table(card: WhyCard) -> Table:
    year, before = fmt.fye(card.fye), fmt.fye(card.fye - 1)
    rows: list[tuple[object, ...]] = [
        (card.force_id, before, year, ALL_DRUGS, "total", card.previous, card.seizures,
         card.change, None),
    ]  # fmt: skip
    for item in card.drugs:
        rows.append(_row(card, before, year, item, "drug" if item.drug != "unknown" else "unknown"))
    rows.append(
        (card.force_id, before, year, "drugs_together", "sum of drug rows",
         sum(d.before for d in card.drugs), sum(d.after for d in card.drugs), card.drug_change,
         100 if card.shares else None)
    )  # fmt: skip
    for item in card.classes:
        rows.append(_row(card, before, year, item, "class"))
    return Table(
        name=f"why-{card.force_id}-{year}",
        columns=(
            "force_id",
            "year_before",
            "year",
            "drug",
            "kind",
            "seizures_before",
            "seizures",
            "change",
            "share_of_drug_change_percent",
        ),  # fmt: skip
        rows=tuple(rows),
        sources=card.sources,
    )


def _row(card: WhyCard, before: str, year: str, item: DrugChange, kind: str) -> tuple[object, ...]:
    return (card.force_id, before, year, item.drug, kind, item.before, item.after, item.change,
            item.share)  # fmt: skip
