"""The ``seizure-bot`` command.

seizure-bot                      Telegram with TELEGRAM_BOT_TOKEN, else the console chat on a
                                 terminal (no token and no terminal: one line, exit 2)
seizure-bot ask "/force Kent"    print one reply and exit (--html for the HTML version)
seizure-bot console              the console chat, even with a token set
seizure-bot ingest [SOURCE_DIR]  rebuild data/ from the public sources
seizure-bot update [--file PATH] [--dry-run]  import newer Home Office releases (GOV.UK, or
                                 files given); exit 1 when any release found was not imported
seizure-bot update --population FILE  add an ONS mid-year population estimate by local authority
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from bot import paths

log = logging.getLogger(__name__)
DESCRIPTION = """\
Answers questions about the Home Office statistics "Seizures of drugs in England and Wales",
from the tables bundled with it. With TELEGRAM_BOT_TOKEN set (in the environment or in a .env
file in this folder) it runs the Telegram bot; without one, on a terminal, it starts the
console chat. Settings: .env.example in the source."""
EXAMPLES = """\
examples:
  seizure-bot ask "/force Kent"          one answer, printed
  seizure-bot console                    chat in the terminal (/help lists the questions)

Charts and CSV files are saved under OUTPUT_DIR (default: out/ in this folder); /setforce and
/subscribe are kept in STATE_PATH (default: .state/seizure-bot.sqlite3 in this folder)."""


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("seizure-bot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seizure-bot",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"seizure-bot {version()}")
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    ask = sub.add_parser("ask", help="print the reply to one message and exit")
    ask.add_argument("text", help='a message, e.g. "/force West Mercia"')
    ask.add_argument("--html", action="store_true", help="print the HTML version")
    sub.add_parser("console", help="chat in the terminal, even with a token set")
    ingest = sub.add_parser("ingest", help="rebuild the tables from the public sources")
    ingest.add_argument(
        "source_dir",
        nargs="?" if paths.CHECKOUT else None,
        type=Path,
        default=paths.DEFAULT_SOURCES if paths.CHECKOUT else None,
        help="the folder of published files (default in a checkout: ../shared/sources)",
    )
    ingest.add_argument(
        "--data-dir",
        type=Path,
        default=paths.DATA_DIR if paths.CHECKOUT else paths.user_data_dir(),
        help="where the tables go (default: data/ in a checkout, else the user data folder, "
        "~/.local/share/seizure-bot)",
    )
    update = sub.add_parser("update", help="import Home Office releases newer than the data")
    update.add_argument(
        "--file",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="a release spreadsheet you already have (ODS, XLSX or CSV); repeatable",
    )
    update.add_argument(
        "--dry-run",
        action="store_true",
        help="read and check the releases, print what would be added and revised, write nothing",
    )
    update.add_argument(
        "--population",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="an ONS mid-year estimates file by local authority ('MYE2 - Persons' sheet, "
        "XLSX or CSV): adds its mid-year's populations, and nothing else; repeatable",
    )
    return parser


NO_TOKEN = (
    "seizure-bot: TELEGRAM_BOT_TOKEN is not set, so there is no bot to run "
    "(set it, or use `seizure-bot console` or `seizure-bot ask` here)"
)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "ingest":
        return run_ingest(args.source_dir, args.data_dir)
    from bot.config import ConfigError, load_settings

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"seizure-bot: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.command == "update" and args.population:
        return run_population(args.population)
    if args.command == "update":
        return run_update(args.file, settings.govuk_base_url, dry_run=args.dry_run)
    if args.command == "ask":
        from bot.adapters.console import ask

        return ask(args.text, settings, html=args.html)
    if args.command is None and not settings.token and not sys.stdin.isatty():
        print(NO_TOKEN, file=sys.stderr)  # a service without its token: stop, and say why
        return 2
    if args.command == "console" or not settings.token:
        from bot.adapters.console import console

        return console(settings)
    from bot.adapters.telegram.run import run_bot

    return run_bot(settings)


def _extra_missing(command: str) -> bool:
    """Say which extra to install when the spreadsheet readers are missing."""
    from bot.ingest import missing_extra

    problem = missing_extra()
    if problem:
        print(f"seizure-bot {command}: {problem}", file=sys.stderr)
    return problem is not None


def run_ingest(source_dir: Path, data_dir: Path) -> int:
    if _extra_missing("ingest"):
        return 2
    from bot.ingest.build import IngestError, ingest

    try:
        counts = ingest(source_dir, data_dir)
    except IngestError as exc:
        print(f"seizure-bot ingest: {exc}", file=sys.stderr)
        return 1
    for name, rows in counts.items():
        print(f"{name}: {rows} rows")
    return 0


def run_population(files: list[Path]) -> int:
    """``update --population``: ONS estimates into DATA_DIR (or the user data folder)."""
    if _extra_missing("update"):
        return 2
    from bot.releases.population_update import PopulationError, add_population

    explicit = (os.environ.get("DATA_DIR") or "").strip()
    data_dir = Path(explicit) if explicit else paths.user_data_dir()
    try:
        lines = add_population(data_dir, files)
    except PopulationError as exc:
        print(f"seizure-bot update: {exc}", file=sys.stderr)
        print(f"seizure-bot update: {data_dir} is unchanged", file=sys.stderr)
        return 1
    print("\n".join([*lines, f"Data written to {data_dir}."]))
    return 0


def run_update(files: list[Path], base_url: str, *, dry_run: bool = False) -> int:
    """Import into DATA_DIR when set, else the user data folder (made from the bundled
    tables on the first update). Prints one line per file and what changed. Exit 0 only
    when every release found was imported or already held; 1 when any was not."""
    if _extra_missing("update"):
        return 2
    from bot.releases.update import UpdateError, update

    explicit = (os.environ.get("DATA_DIR") or "").strip()
    data_dir = Path(explicit) if explicit else paths.user_data_dir()
    try:
        summary = update(
            data_dir,
            base_url=base_url,
            files=files,
            progress=lambda line: print(line, flush=True),
            dry_run=dry_run,
        )
    except UpdateError as exc:
        print(f"seizure-bot update: {exc} ({data_dir} is unchanged)", file=sys.stderr)
        return 1
    print("\n".join(summary.lines()))
    return 0 if summary.ok else 1


def entry() -> int:
    """The console script: main(), quiet when its output is piped into `head`."""
    try:
        return main()
    except BrokenPipeError:
        sys.stderr.close()  # nothing left to say: the reader has gone
        return 0
    except KeyboardInterrupt:  # Ctrl-C while starting or answering: no traceback
        print(file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(entry())
