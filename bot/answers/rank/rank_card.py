"""Rendering of /rank: the league table (a monospace table that fits a phone) and the
notices for Wales, later years and drugs with no column. Also the table helpers /region uses.
"""

from __future__ import annotations

from bot.answers.common import UNUSUAL_MARK, pre_table, release_note, short_name
from bot.answers.rank import ALL_DRUGS, COUNT, RankNotice, RankRow, RankTable
from bot.reply import Button, Reply
from bot.writing import fmt, messages
from bot.writing.render import footer, preamble, render, unusual_line

TOP, BOTTOM = 10, 3
MARK = "*"
GAP = None  # a row of the table that stands for rows left out


def title_words(drug: str, label: str) -> str:
    """ "Drug seizures", "Cocaine seizures", "Seizures of unknown drugs"."""
    if drug == ALL_DRUGS:
        return "Drug seizures"
    if drug == "unknown":
        return "Seizures of unknown drugs"
    return f"{label} seizures"


@render.register
def _rank(table: RankTable) -> Reply:
    lines = preamble(table.fuzzy_from, table.region_name or "", table.bare_year, table.fye)
    region = fmt.esc(fmt.region_phrase(table.region_name or ""))
    if table.via_force:
        lines.append(f"<i>{fmt.esc(table.via_force)} is in {region}; showing its forces.</i>")
    if table.drug_typed:
        lines.append(
            f"<i>“{fmt.esc(fmt.short(table.drug_typed))}” read as the Home Office category "
            f"{fmt.esc(table.drug_label)}.</i>"
        )
    words = title_words(table.drug, table.drug_label)
    if table.region_name:
        words = f"{table.region_name}: {fmt.drug_label(words)}"
    if table.by == COUNT:
        title = f"{words}, {fmt.fye(table.fye)}, ranked by number of seizures"
    else:
        title = f"{words} per million people, {fmt.fye(table.fye)}, ranked by rate"
    lines.append(f"<b>{fmt.esc(title)}</b>")
    lines.append(_subtitle(table))
    if table.ranked:
        header = (
            ("#", "Force", "Count", "Rate")
            if table.by == COUNT
            else ("#", "Force", "Rate", "Count")
        )
        lines.append(pre_table(header, _rows(table), "><>>"))
    lines += _unranked_lines(table)
    lines += [
        unusual_line(flag, f"{UNUSUAL_MARK} {fmt.esc(r.name)}: ")
        for r in _shown(table)
        if r
        for flag in r.unusual
    ]
    lines += _average_lines(table)
    lines += _default_lines(table)
    city = next((r for r in _shown(table) if r and r.force_id == "city-of-london"), None)
    if city and city.population and table.by != COUNT:
        lines.append(
            f"<i>City of London's rate is high because few people live there "
            f"({fmt.count(city.population)}).</i>"
        )
    lines.append(footer(table.fye, table.fye - 1 if table.ranked else None))
    return messages.reply("\n".join(lines), buttons=_buttons(table), csv_query=_query(table))


def _subtitle(table: RankTable) -> str:
    count = len(table.ranked)
    having = "a figure" if table.by == COUNT else "a rate"
    if table.region_name:
        scope = f"{count} force{'s' if count != 1 else ''} with {having}, ranked within the region"
    elif count > TOP + BOTTOM:
        scope = f"Top {TOP} and bottom {BOTTOM} of {count} forces with {having}"
    else:
        scope = f"All {count} forces with {having}"
    if table.by == COUNT:
        return f"{scope}; count of seizures, rate per million."
    return f"{scope}; rate per million, count of seizures."


def _shown(table: RankTable) -> list[RankRow | None]:
    """The ranked rows the table shows, with None where rows are left out."""
    ranked = list(table.ranked)
    if table.region_name or len(ranked) <= TOP + BOTTOM:
        return list(ranked)
    keep = set(range(TOP)) | set(range(len(ranked) - BOTTOM, len(ranked)))
    keep |= {i for i, r in enumerate(ranked) if r.force_id == table.default_force}
    shown: list[RankRow | None] = []
    for index in sorted(keep):
        if shown and index - 1 not in keep:
            shown.append(GAP)
        shown.append(ranked[index])
    return shown


def _name(row: RankRow, table: RankTable, in_table: bool = True) -> str:
    name = short_name(row.force_id, row.name) if in_table else row.name
    name += UNUSUAL_MARK if in_table and row.unusual else ""
    return name + (MARK if row.force_id == table.default_force else "")


def _rows(table: RankTable) -> list[tuple[str, ...] | None]:
    if table.by == COUNT:
        return [
            (str(r.rank), _name(r, table), fmt.count(r.seizures or 0),
             fmt.rate(r.rate) if r.rate is not None else "-")
            if r
            else GAP
            for r in _shown(table)
        ]  # fmt: skip
    return [
        (str(r.rank), _name(r, table), fmt.rate(r.rate or 0), fmt.count(r.seizures or 0))
        if r
        else GAP
        for r in _shown(table)
    ]


def _unranked_lines(table: RankTable) -> list[str]:
    lines = []
    if table.by == COUNT and any(r and r.rate is None for r in _shown(table)):
        lines.append("Rate “-”: no usable population for that force (see /sources).")
    if table.by_count:
        listed = "; ".join(
            f"{fmt.esc(_name(r, table, False))} {fmt.count(r.seizures or 0)}"
            for r in table.by_count
        )
        lines.append(f"By count only (no usable population; see /sources): {listed}.")
    if table.incomplete:
        names = ", ".join(fmt.esc(_name(r, table, False)) for r in table.incomplete)
        lines.append(f"Incomplete figure, not ranked: {names} (insufficient data that year).")
    if table.missing:
        names = ", ".join(fmt.esc(_name(r, table, False)) for r in table.missing)
        lines.append(
            f"No figure in the {fmt.fye(table.fye)} table: {names} (the national total "
            "includes an estimate)."
        )
    return lines


def _average_lines(table: RankTable) -> list[str]:
    lines = []
    if table.region_name:
        name = fmt.esc(table.region_name)
        if table.region_seizures is None:
            lines.append(f"No {name} region total: not every force has a figure.")
        elif table.region_rate is None:
            lines.append(
                f"{name} region: {fmt.count(table.region_seizures)} seizures; no rate (no "
                "usable population for this region; see /sources)."
            )
        else:
            lines.append(
                f"{name} region: {fmt.rate(table.region_rate)} per million "
                f"({fmt.count(table.region_seizures)} seizures)."
            )
    if table.national_rate is not None:
        lines.append(
            f"England and Wales: <b>{fmt.rate(table.national_rate)} per million</b> "
            f"({fmt.count(table.national_seizures or 0)} seizures by the 43 territorial forces"
            f"{release_note(table.national_edition)})."
        )
    elif table.national_seizures is not None:
        lines.append(
            f"No England and Wales rate for {fmt.fye(table.fye)}: no England and Wales "
            "population for that year is bundled."
        )
    else:
        lines.append(
            "No England and Wales rate: a Border Force or British Transport Police figure "
            "is blank, so the territorial total cannot be worked out."
        )
    return lines


def _default_lines(table: RankTable) -> list[str]:
    if table.default_absent:
        name, kind = table.default_absent
        why = (
            "the Welsh forces are missing from the bundled force tables"
            if kind == "territorial"
            else "the table ranks territorial forces, which have a resident population"
        )
        return [f"Your default force, {fmt.esc(name)}, is not in this table: {why}."]
    if not table.default_force:
        return []
    legend = f"{MARK} your default force (/setforce)."
    row = table.default_row
    if row is None or not table.region_name:
        return [legend]
    if table.by == COUNT and row.seizures is not None:
        figure = (
            f"{fmt.count(row.seizures)} seizures, {fmt.ordinal(row.national_rank or 0)} of "
            f"{table.national_ranked} nationally by number"
        )
    elif row.rate is not None:
        figure = (
            f"{fmt.rate(row.rate)} per million, {fmt.ordinal(row.national_rank or 0)} of "
            f"{table.national_ranked} nationally"
        )
    elif row.seizures is not None:
        figure = f"{fmt.count(row.seizures)} seizures; no rate (no usable population)"
    else:
        figure = f"no figure in the {fmt.fye(table.fye)} table"
    return [f"{MARK} Your default force, {fmt.esc(row.full_name)}: {figure}."]


def _query(
    table: RankTable, fye: int | None = None, region: bool = True, *, swap: bool = False
) -> str:
    parts = ["/rank"]
    if table.drug != ALL_DRUGS:
        parts.append(table.drug)
    parts.append(fmt.fye(fye or table.fye))
    if region and table.region_id:
        parts.append(table.region_id)
    if (table.by == COUNT) != swap:
        parts.append("by count")
    return " ".join(parts)


def _buttons(table: RankTable) -> tuple[tuple[Button, ...], ...]:
    row = []
    if table.region_id:
        row.append(Button("Region card", f"/region {table.region_id} {fmt.fye(table.fye)}"))
        row.append(Button("National table", _query(table, region=False)))
    if table.has_previous_year:
        row.append(Button("Previous year", _query(table, table.fye - 1)))
    other = Button("By rate" if table.by == COUNT else "By count", _query(table, swap=True))
    return (tuple(row[:2]), (other,)) if row else ((other,),)


@render.register
def _notice(notice: RankNotice) -> Reply:
    year = fmt.fye(notice.fye)
    label = fmt.esc(notice.drug_label)
    drug = "" if notice.drug == ALL_DRUGS else f" {notice.drug}"
    buttons: tuple[tuple[Button, ...], ...] = ()
    if notice.reason == "wales":
        forces = ", ".join(fmt.esc(name) for name in notice.welsh_forces)
        text = (
            "<b>No league table for Wales</b>\n"
            "The Home Office force tables bundled here cover the 39 English forces; the "
            f"four Welsh forces ({forces}) are missing from them, so they cannot be ranked.\n"
            f"Their published totals: /region Wales {year}"
        )
        buttons = ((Button("Wales", f"/region wales {year}"),),)
    elif notice.reason == "later":
        last = fmt.fye(notice.last_complete_fye)
        text = (
            f"<b>No league table for {year}</b>\n"
            f"The complete Home Office force tables bundled here end in {last}; later "
            "years have national headline figures and some forces' published totals only.\n"
            f"National figures: /national {year}"
        )
        buttons = (
            (
                Button("National", f"/national {year}"),
                Button(f"Rank {last}", f"/rank{drug} {last}"),
            ),
        )
    else:
        text = f"<b>No per-force figures for {label} in {year}</b>\n" + _drug_years(notice)
    return messages.reply(text, buttons=buttons)


def _drug_years(notice: RankNotice) -> str:
    label = fmt.esc(notice.drug_label)
    if not notice.drug_years:
        return f"The force tables have no separate column for {label}."
    first, last = fmt.fye(notice.drug_years[0]), fmt.fye(notice.drug_years[-1])
    return (
        f"The force tables have a {label} column from {first} to {last}: "
        f"try <code>/rank {fmt.esc(notice.drug)} {last}</code>."
    )
