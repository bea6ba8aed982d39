"""Result -> Reply. Each answer module registers its renderer; the words shared by several
answers (trends, ranks, sources) live here. Newsroom style; every dynamic value escaped."""

from __future__ import annotations

from functools import singledispatch
from urllib.parse import urlparse

from bot import fmt
from bot.reply import Reply
from bot.results import Rank, Reported, Trend


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
        if not trend.earlier_years:
            return ["This is the first year in the series."]
        note = record_note(trend)
        return [f"No figure for the year before to compare{'; ' + note if note else ''}."]
    before = trend.previous.seizures or 0  # a previous YearValue always has a figure
    diff = seizures - before
    direction = "Up" if diff > 0 else "Down" if diff < 0 else "Unchanged"
    change = (
        f"{direction} {fmt.count(abs(diff))} ({fmt.change_percent(seizures, before)}) on "
        f"{fmt.count(before)} in {fmt.fye(trend.previous.fye)}"
        if diff
        else f"Unchanged on {fmt.fye(trend.previous.fye)}"
    )
    notes = [n for n in (record_note(trend), run_note(trend)) if n]
    return [change + (f"; {'; '.join(notes)}" if notes else "") + "."]


def record_note(trend: Trend) -> str:
    if trend.series_high:
        return f"the highest since records here begin, {fmt.fye(trend.series_first)}"
    if trend.series_low:
        return f"the lowest since records here begin, {fmt.fye(trend.series_first)}"
    last_year = trend.previous.fye if trend.previous else None
    for since, word in ((trend.high_since, "highest"), (trend.low_since, "lowest")):
        if since and (last_year is None or since.fye < last_year):
            return f"the {word} since {fmt.fye(since.fye)} ({fmt.count(since.seizures or 0)})"
    return ""


def run_note(trend: Trend) -> str:
    length, before = trend.run_length, trend.previous_run
    word = "rise" if length > 0 else "fall"
    if abs(length) >= 2:
        return f"the {fmt.ordinal_word(abs(length))} annual {word} in a row"
    if abs(length) == 1 and abs(before) >= 2:
        other = "falls" if length > 0 else "rises"
        return f"the first {word} after {fmt.number_word(abs(before))} annual {other}"
    return ""


def rank_text(rank: Rank, group: str) -> str:
    if rank.of == 1:
        return f"the only force {group} with a rate"
    if rank.rank == 1:
        return f"highest of {fmt.number_word(rank.of)} forces {group}"
    if rank.rank == rank.of:
        return f"lowest of {fmt.number_word(rank.of)} forces {group}"
    return f"{fmt.ordinal(rank.rank)} of {fmt.number_word(rank.of)} forces {group}"


def link(item: Reported) -> str:
    host = urlparse(item.source_url).netloc.removeprefix("www.")
    return f'<a href="{fmt.esc(item.source_url)}">{fmt.esc(host)}</a>'


def footer(fye: int, population_year: int | None) -> str:
    population = f"; ONS mid-{population_year} population" if population_year else ""
    return (
        f"<i>Source: Home Office, Seizures of drugs in England and Wales, {fmt.fye(fye)}"
        f"{population}. Caveats: /sources</i>"
    )
