"""Result -> Reply. Each answer module registers its renderer; the words shared by several
answers (trends, ranks, sources) live here. Newsroom style; every dynamic value escaped."""

from __future__ import annotations

from functools import singledispatch
from urllib.parse import urlparse

from bot.reading.names import ALL_DRUGS
from bot.reply import Reply
from bot.results import LeftOut, Rank, Reported, Trend, Unusual
from bot.writing import fmt
from bot.writing.release_notes import release_note


@singledispatch
def render(result: object) -> Reply:
    raise TypeError(f"no renderer for {type(result).__name__}")


def preamble(fuzzy_from: str | None, name: str, bare_year: str | None, fye: int) -> list[str]:
    lines = []
    if fuzzy_from:
        lines.append(
            f"<i>Did you mean {fmt.esc(name)}? "
            f"Showing it for “{fmt.esc(fmt.short(fuzzy_from))}”.</i>"
        )
    if bare_year:
        lines.append(
            f"<i>{fmt.esc(bare_year)} read as the year ending March {fye} ({fmt.fye(fye)}).</i>"
        )
    return lines


def trend_lines(trend: Trend | None, seizures: int) -> list[str]:
    if trend is None:
        return []
    if trend.previous is None:
        if trend.gap is None:
            return ["This is the first year in the series."]
        return [f"No complete figure for the year before to compare: {gap_clause(trend)}."]
    before = trend.previous.seizures or 0  # a previous YearValue always has a figure
    diff = seizures - before
    direction = "Up" if diff > 0 else "Down" if diff < 0 else "Unchanged"
    change = (
        f"{direction} {fmt.count(abs(diff))} ({fmt.change_percent(seizures, before)}) on "
        f"{fmt.count(before)} in {fmt.fye(trend.previous.fye)}"
        if diff
        else f"Unchanged on {fmt.fye(trend.previous.fye)}"
    )
    return [change + "".join(f"; {note}" for note in trend_notes(trend)) + "."]


def trend_notes(trend: Trend) -> list[str]:
    """The record and the run, then the gap they stop at if either reaches back to it."""
    record, record_reaches = record_claim(trend)
    run, run_reaches = run_claim(trend)
    notes = [n for n in (record, run) if n]
    if trend.gap is not None and (record_reaches or run_reaches):
        notes.append(gap_clause(trend))
    return notes


def gap_clause(trend: Trend) -> str:
    """ "2014-15 was not reported": the year the comparisons stop at."""
    year = fmt.fye(trend.gap or 0)
    if trend.gap_incomplete:
        return f"the {year} figure is incomplete"
    return f"{year} was not reported"


def record_note(trend: Trend) -> str:
    text, reaches = record_claim(trend)
    return f"{text}; {gap_clause(trend)}" if text and reaches and trend.gap else text


def run_note(trend: Trend) -> str:
    text, reaches = run_claim(trend)
    return f"{text}; {gap_clause(trend)}" if text and reaches and trend.gap else text


def record_claim(trend: Trend) -> tuple[str, bool]:
    """(the highest or lowest claim, whether it reaches back to the first year compared)."""
    for flag, word in ((trend.series_high, "highest"), (trend.series_low, "lowest")):
        if flag:
            if not trend.record_claimable:
                return "", False
            if trend.gap is None:
                return f"the {word} since records here begin, {fmt.fye(trend.series_first)}", False
            years = fmt.number_word(trend.earlier_years + 1)
            return f"the {word} of the {years} years from {fmt.fye(trend.series_first)}", True
    last_year = trend.previous.fye if trend.previous else None
    for since, word in ((trend.high_since, "highest"), (trend.low_since, "lowest")):
        if since and (last_year is None or since.fye < last_year):
            figure = fmt.count(since.seizures or 0)
            return f"the {word} since {fmt.fye(since.fye)} ({figure})", False
    return "", False


def run_claim(trend: Trend) -> tuple[str, bool]:
    """(the run of rises or falls, whether it reaches back to the first year compared)."""
    length, before = trend.run_length, trend.previous_run
    word = "rise" if length > 0 else "fall"
    changes = trend.earlier_years  # year-on-year changes since the first year compared
    if abs(length) >= 2:
        text = f"the {fmt.ordinal_word(abs(length))} annual {word} in a row"
        return text, abs(length) >= changes
    if abs(length) == 1 and abs(before) >= 2:
        other = "falls" if length > 0 else "rises"
        text = f"the first {word} after {fmt.number_word(abs(before))} annual {other}"
        return text, 1 + abs(before) >= changes
    return "", False


def seizure_count(value: float, label: str = "") -> str:
    """ "1 crack cocaine seizure", "414 crack cocaine seizures": singular for one."""
    words = f"{label} seizure" if label else "seizure"
    return f"{fmt.count(value)} {words}{'' if round(value) == 1 else 's'}"


def rank_text(
    rank: Rank, group: str, left_out: tuple[LeftOut, ...] = (), what: str = "a rate"
) -> str:
    """ "third of four forces with a rate in the South East (Thames Valley has no usable
    population)": the count is of what was ranked, and what was left out is named."""
    forces = f"{fmt.number_word(rank.of)} forces with {what} {group}"
    if rank.of == 1:
        text = f"the only force with {what} {group}"
    elif rank.rank == 1:
        text = f"highest of {forces}"
    elif rank.rank == rank.of:
        text = f"lowest of {forces}"
    else:
        text = f"{fmt.ordinal_word(rank.rank)} of {forces}"
    if left_out:
        text += f" ({'; '.join(left_out_text(item) for item in left_out)})"
    return text


LEFT_OUT = {
    "population": "{} has no usable population",
    "blank": "{} has no figure",
    "partial": "{}'s figure is incomplete",
}


def left_out_text(item: LeftOut) -> str:
    return LEFT_OUT[item.reason].format(fmt.esc(item.name))


UNUSUAL_END = "check with the force before use"


def unusual_line(flag: Unusual, lead: str = "") -> str:
    """One short caveat under a figure that looks out of line (shown as published), or for
    "unknown_rise" a note on what drove a change; ``lead`` (HTML) goes before it, as a
    table's "! Suffolk: ". The rules: queries/schema.sql, table unusual."""
    if flag.rule == "unknown_rise":
        return f"<i>{lead}{_unknown_change(flag)}.</i>"
    if flag.rule == "spike":
        why = _spike(flag)
    elif flag.rule == "below_part":
        why = (
            f"the total ({fmt.count(flag.seizures)}) is below its "
            f"{fmt.esc(fmt.drug_label(flag.part_label))} count ({fmt.count(flag.part or 0)}), "
            "so shares of it are overstated"
        )
    elif flag.rule == "above_parts":
        parts = "classes and unknown drugs" if flag.drug == ALL_DRUGS else "drugs"
        what = "the total" if flag.drug == ALL_DRUGS else f"the {fmt.drug_label(flag.label)}"
        why = (
            f"{fmt.esc(what)} ({fmt.count(flag.seizures)}) is more than its {parts} together "
            f"({fmt.count(flag.part or 0)}), so seizures are missing from the parts"
        )
    else:
        why = f"{fmt.count(flag.seizures)} is out of line"
    return f"<i>{lead}Unusual figure: {why}; {UNUSUAL_END}.</i>"


def _spike(flag: Unusual) -> str:
    """A one-off: far from both neighbours, which agree (for the first year, the two
    years after it)."""
    if flag.before is None:  # the tables' first year: the two years after
        years = ((flag.fye + 1, flag.after), (flag.fye + 2, flag.part))
    else:
        years = ((flag.fye - 1, flag.before), (flag.fye + 1, flag.after))
    values = [v or 0 for _, v in years]
    far = "more than three times" if flag.seizures > max(values) else "under a third of"
    both = " and ".join(f"{fmt.fye(y)} ({fmt.count(v or 0)})" for y, v in years)
    return f"{fmt.count(flag.seizures)} is {far} both {both}, which agree with each other"


def _unknown_change(flag: Unusual) -> str:
    """ "The whole rise on 2017-18 (+1,254) is in seizures of unknown drugs (0 to 1,264)"."""
    change = flag.seizures - (flag.before or 0)
    unknown = flag.part or 0
    word = "rise" if change > 0 else "fall"
    on = f"on {fmt.fye(flag.fye - 1)} ({fmt.signed(change)})"
    now = flag.after or 0
    detail = f"{fmt.count(now - unknown)} to {fmt.count(now)}"
    if abs(unknown) >= abs(change):
        return f"The whole {word} {on} is in seizures of unknown drugs ({detail})"
    return (
        f"{fmt.count(abs(unknown))} of the {word} {on} is in seizures of unknown drugs ({detail})"
    )


def link(item: Reported) -> str:
    host = urlparse(item.source_url).netloc.removeprefix("www.")
    return f'<a href="{fmt.esc(item.source_url)}">{fmt.esc(host)}</a>'


def footer(fye: int, population_year: int | None) -> str:
    population = f"; ONS mid-{population_year} population" if population_year else ""
    return (
        f"<i>Source: Home Office, Seizures of drugs in England and Wales, {fmt.fye(fye)}"
        f"{fmt.esc(release_note(fye))}{population}. Caveats: /sources</i>"
    )
