"""/csv [what]: the figures behind the chat's last answer, or a named question, as CSV.

``/csv`` alone re-asks the chat's last answer (Reply.csv_query, kept by the adapter);
``/csv West Mercia``, ``/csv national 2018-19``, ``/csv rank cocaine``,
``/csv region West Midlands`` name one. The answer's own ``to_table`` gives the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.figures import source_lines
from bot.commands import Answer, answer
from bot.data import Data
from bot.errors import NoData, UsageError
from bot.reading.parse import Command, Parser, split_command
from bot.reply import ChatContext, Reply
from bot.run import run
from bot.writing import fmt, messages
from bot.writing.render import render
from bot.writing.tables import Table, csv_bytes, file_name, to_table


@dataclass(frozen=True)
class CsvQuery(Command):
    target: Command
    asked: str


@dataclass(frozen=True)
class CsvFile:
    table: Table
    sources: tuple[str, ...]
    asked: str


def parse_csv(name: str, args: str, parser: Parser, context: ChatContext) -> CsvQuery:
    if not args:
        if not context.last_query:
            raise UsageError("csv", "Ask a question first, or name one, e.g. /csv West Mercia.")
        args = context.last_query
    text = args if args.startswith("/") else f"/{args}"
    target_name, _, _ = split_command(text)
    target = answer(target_name)
    if target is None:  # "/csv West Mercia" names a force
        text = f"/force {args}"
    elif not target.downloadable:
        raise UsageError("csv", f"/{target_name} has no figures to download.")
    return CsvQuery("csv", parser.parse(text, context), text)


@run.register
def _run_csv(query: CsvQuery, data: Data, context: ChatContext) -> CsvFile:
    result = run(query.target, data, context)
    table = to_table(result)
    ids = [s for s in table.sources if not s.startswith("http")]
    urls = tuple(s for s in table.sources if s.startswith("http"))
    return CsvFile(table, source_lines(data, ids) + urls, query.asked)


@render.register
def _render_csv(result: CsvFile) -> Reply:
    table = Table(result.table.name, result.table.columns, result.table.rows, result.sources)
    if not table.rows:
        raise NoData("There are no figures to download for that question.")
    caption = (
        f"CSV: {fmt.esc(fmt.short(result.asked, 60))} ({len(table.rows)} rows, "
        f"with sources). Figures as published; see /sources for caveats."
    )
    reply = messages.reply(caption)
    return Reply(
        html=reply.html, text=reply.text, csv=csv_bytes(table), csv_name=file_name(table.name)
    )


ANSWER = Answer(
    name="csv",
    args="[force|region|national|rank ...]",
    summary="The figures behind the last answer (or a named one) as a CSV file",
    example="/csv West Mercia",
    parse=parse_csv,
    reads=frozenset({"last_query"}),
    literal=True,
    downloadable=False,
    nests=True,
    intents=(
        "csv",
        "download",
        "spreadsheet",
        "data file",
        "excel",
        "raw data",
        "export",
    ),
)
