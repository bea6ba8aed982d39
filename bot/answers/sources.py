"""/sources: datasets, editions, licence, coverage by year, caveats and known gaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.commands import Answer
from bot.data import Data
from bot.reading.parse import Command, Parser
from bot.reading.plan import build_simple
from bot.reply import ChatContext, Reply
from bot.run import run
from bot.writing import fmt, messages
from bot.writing.render import render

GAPS = (
    "The four Welsh forces are not in the bundled force tables; only their published totals are.",
    "No complete force tables after {last_fye}: later years have national headlines and the "
    "figures local news published for some forces.",
    "Nottinghamshire and Thames Valley (and the East Midlands and South East regions) have no "
    "usable population before mid-2019 in the source, so no rate is given for them before "
    "2019-20.",
    "No population after mid-{last_mid_year}, so no rates after {last_rate_fye}; none is "
    "estimated.",
    "Hampshire 2012-13 and Bedfordshire and Hampshire 2014-15 were not reported.",
)


@dataclass(frozen=True)
class SourcesCard:
    coverage: tuple[dict[str, Any], ...]
    first_fye: int
    last_fye: int
    last_reported_fye: int
    pages: int
    releases: tuple[dict[str, Any], ...] = ()  # imported by `seizure-bot update`
    new_drugs: tuple[dict[str, Any], ...] = ()  # drugs only those releases carry


@dataclass(frozen=True)
class SourcesQuery(Command):
    pass


def parse_sources(name: str, args: str, parser: Parser, context: ChatContext) -> SourcesQuery:
    return SourcesQuery("sources")


@run.register
def _run_sources(command: SourcesQuery, data: Data, context: ChatContext) -> SourcesCard:
    kinds = {row["kind"]: row["sources"] for row in data.store.rows("source-summary")}
    return SourcesCard(
        coverage=tuple(data.store.rows("coverage-by-year")),
        first_fye=data.first_fye,
        last_fye=data.last_fye,
        last_reported_fye=data.last_reported_fye,
        pages=kinds.get("page", 0),
        releases=tuple(data.store.rows("releases")),
        new_drugs=tuple(data.store.rows("release-new-drugs")),
    )


def _last_mid_year(card: SourcesCard) -> int:
    """The last mid-year with an England and Wales population (it gives the next fye a rate)."""
    return max((int(r["fye"]) - 1 for r in card.coverage if r["national_population"]), default=0)


def _gap_values(card: SourcesCard) -> dict[str, object]:
    last = _last_mid_year(card)
    return {"last_fye": fmt.fye(card.last_fye), "last_mid_year": last,
            "last_rate_fye": fmt.fye(last + 1)}  # fmt: skip


def _coverage_table(card: SourcesCard) -> str:
    lines = ["year     tables published pop"]
    for row in card.coverage:
        tables = str(row["table_forces"]) if row["table_forces"] else "-"
        if row["blank_forces"]:
            tables += f"+{row['blank_forces']}?"
        published = str(row["published_totals"]) if row["published_totals"] else "-"
        population = "yes" if row["national_population"] else "-"
        lines.append(f"{fmt.fye(row['fye'])}  {tables:>6} {published:>9} {population:>3}")
    return "\n".join(lines)


def _release_lines(card: SourcesCard) -> list[str]:
    """Each release imported by `seizure-bot update`: title, date, years and address."""
    if not card.releases:
        return []
    lines = ["", "<b>Releases imported</b> (seizure-bot update)"]
    for row in card.releases:
        years = ", ".join(fmt.fye(int(y)) for y in str(row["years"] or "").split())
        url = str(row["url"] or "")
        where = (
            f'<a href="{fmt.esc(url)}">{fmt.esc(url)}</a>'
            if url.startswith("http")
            else fmt.esc(url)
        )
        lines.append(
            f"• {fmt.esc(row['title'])}, {fmt.esc(row['edition'] or row['published'])} "
            f"({years}): {where}"
        )
    if card.new_drugs:
        named = ", ".join(
            f"{fmt.esc(d['label'])} (class {fmt.esc(d['drug_class'])})" for d in card.new_drugs
        )
        lines.append(f"Drugs first counted in these releases: {named}.")
    return lines


@render.register
def _render_sources(card: SourcesCard) -> Reply:
    lines = [
        "<b>Sources</b>",
        f"• Home Office, <i>Seizures of drugs in England and Wales</i>: per-force tables "
        f"{fmt.fye(card.first_fye)} to {fmt.fye(card.last_fye)} (as transcribed by "
        f"BritishDrugDynamics{', and the releases imported below' if card.releases else ''}) "
        "and national series by drug.",
        f"• National headlines to {fmt.fye(card.last_reported_fye)} and later per-force figures "
        f"from Home Office releases and reports of them ({card.pages} pages), each with its "
        "edition.",
        "• ONS mid-year population estimates (2011-Census-based), mid-2009 to "
        f"mid-{_last_mid_year(card)}.",
        "Licence: Open Government Licence v3.0 (Crown copyright). /csv gives any answer's "
        "figures with their sources.",
        *_release_lines(card),
        "",
        "<b>Coverage</b> (forces in the tables, +n? not reported; forces with published "
        "totals; England and Wales population for rates)",
        f"<pre>{fmt.esc(_coverage_table(card))}</pre>",
        "<b>Caveats</b>",
        fmt.esc(messages.CAVEAT),
        "Totals are revised between editions; replies name the edition where they differ.",
        "<b>Gaps</b>",
        *(f"• {fmt.esc(gap.format(**_gap_values(card)))}" for gap in GAPS),
    ]
    return messages.reply("\n".join(lines))


ANSWER = Answer(
    name="sources",
    args="",
    summary="Datasets, editions, licence, coverage, caveats and gaps",
    example="/sources",
    parse=parse_sources,
    literal=True,
    intents=(
        "sources",
        "source",
        "where does the data come from",
        "where is the data from",
        "where do the figures come from",
        "methodology",
        "caveats",
        "coverage",
    ),
    plan=build_simple("sources"),
    strength=100,
)
