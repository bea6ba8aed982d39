"""`seizure-bot update`: import Home Office releases newer than the data held.

    update(data_dir, base_url=..., files=()) -> UpdateSummary   (raises UpdateError)

1. What to import: the ``files`` given, else the releases GOV.UK lists in the collection
   (bot.releases.govuk) that are not imported yet and are newer than the data held: a release
   naming a year at or after the last year held, or updated after the last release held.
2. Read each file (bot.ingest.release) and check each table against its own totals.
3. Merge into the tables held: a figure for a new force-year-drug is added; one that
   differs from the figure held is a revision: the new figure replaces it in seizures.csv,
   the old one moves to revisions.csv with its source and the source that superseded it.
   A blank in a release never replaces a figure held.
4. Check the merged tables (bot.ingest.release_check); then write the folder atomically.
Any failure raises UpdateError, and ``data_dir`` is left exactly as it was. A running bot
can call this between updates (it returns what changed).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from bot import paths
from bot.ingest.release import read_release
from bot.ingest.release_check import check_merged, check_totals
from bot.ingest.release_text import Figure, NewDrug, ReleaseError, years_in
from bot.releases import govuk
from bot.releases.update_files import Tables, read_tables, write_folder
from bot.releases.update_merge import merge_figures
from bot.writing import fmt

PUBLISHER = "Home Office"
LICENCE = "Open Government Licence v3.0"


class UpdateError(RuntimeError):
    """The update stopped; the data folder is unchanged. The message says why."""


@dataclass(frozen=True)
class Incoming:
    """One release to import: its source id, words, and the files downloaded or given."""

    source: str
    title: str
    published: str  # YYYY-MM-DD
    url: str
    edition: str
    files: tuple[Path, ...]
    file_names: tuple[str, ...]


@dataclass
class UpdateSummary:
    data_dir: Path
    releases: list[str] = field(default_factory=list)
    years_added: list[int] = field(default_factory=list)
    figures_added: int = 0
    revisions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "<title>: <reason>", not imported
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.releases)

    @property
    def ok(self) -> bool:
        """Every release found was imported or already held (exit 0)."""
        return not self.failures

    def lines(self) -> list[str]:
        refused = [f"NOT imported: {failure}" for failure in self.failures]
        if not self.changed:
            last = (
                f"Up to date: nothing newer to import ({self.data_dir})."
                if self.ok
                else f"Nothing imported; {self.data_dir} is unchanged."
            )
            return [*self.notes, *refused, last]
        years = ", ".join(fmt.fye(y) for y in self.years_added) or "none"
        verb = "Would import" if self.dry_run else "Imported"
        return [
            *self.notes,
            *refused,
            *(f"{verb}: {r}" for r in self.releases),
            f"Years added: {years}; figures added: {self.figures_added:,}.",
            f"Figures revised: {len(self.revisions)}" + (":" if self.revisions else "."),
            *(f"  {line}" for line in self.revisions[:50]),
            f"Dry run: nothing written to {self.data_dir}."
            if self.dry_run
            else f"Data written to {self.data_dir}.",
        ]


def update(
    data_dir: Path,
    *,
    base_url: str = govuk.DEFAULT_BASE_URL,
    files: Iterable[Path] = (),
    bundled: Path = paths.DATA_DIR,
    progress: Callable[[str], None] = lambda line: None,
    client: govuk.Client | None = None,
    dry_run: bool = False,
) -> UpdateSummary:
    if data_dir.absolute().resolve() == bundled.absolute().resolve():
        raise UpdateError(
            f"{data_dir} is the bundled data folder; update writes to a copy of it "
            "(leave DATA_DIR unset for the user data folder, or name another folder)"
        )
    base = data_dir if (data_dir / "seizures.csv").is_file() else bundled
    try:
        tables = read_tables(base)
    except (OSError, ValueError) as exc:
        raise UpdateError(f"cannot read the data held in {base}: {exc}") from None
    summary = UpdateSummary(data_dir, dry_run=dry_run)
    with tempfile.TemporaryDirectory(prefix="seizure-bot-download-") as folder:
        files = list(files)
        if files:
            incoming = [_given(Path(f)) for f in files]
        else:
            owned = client is None
            client = client or govuk.Client(base_url, progress=progress)
            try:
                incoming = _discover(client, tables, Path(folder), summary)
            except govuk.GovukError as exc:
                raise UpdateError(f"GOV.UK: {exc}") from None
            finally:
                if owned:
                    client.close()
        held = {str(r["source"]) for r in tables["releases.csv"]}
        for release in sorted(incoming, key=lambda r: (r.published, r.source)):
            if release.source in held:
                summary.notes.append(f"Already imported: {release.title}")
                continue
            _import(release, tables, summary, strict=bool(files))
    problems = check_merged(tables, set(summary.years_added))
    if problems:
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise UpdateError(f"checks failed, nothing kept: {'; '.join(problems[:5])}{more}")
    if not dry_run and (summary.changed or base == bundled):
        try:
            write_folder(data_dir, base, bundled, tables)
        except OSError as exc:
            raise UpdateError(f"could not write {data_dir}, left unchanged: {exc}") from None
    return summary


def _discover(
    client: govuk.Client, tables: Tables, folder: Path, summary: UpdateSummary
) -> list[Incoming]:
    held = {str(r["source"]) for r in tables["releases.csv"]}
    last_fye = max(int(r["fye"]) for r in tables["seizures.csv"])  # type: ignore[call-overload]
    last_date = max((str(r["published"]) for r in tables["releases.csv"]), default="")
    out = []
    for number, document in enumerate(client.collection()):
        source = _source_id(document.base_path, document.updated[:10])
        years = years_in(document.title)
        newer = not years or max(years) >= last_fye or document.updated[:10] > last_date > ""
        if source in held or not newer:
            continue
        try:  # one release GOV.UK cannot serve is not imported; the others go on
            release = client.release(document.base_path)
            paths_ = [
                client.download(a, _subfolder(folder, f"{number}-{i}"))
                for i, a in enumerate(release.attachments)
            ]
        except govuk.GovukError as exc:
            summary.failures.append(f"{document.title}: {exc}")
            continue
        if not release.attachments:
            continue
        day = (release.updated or document.updated)[:10]
        out.append(
            Incoming(
                source=_source_id(document.base_path, day),
                title=release.title or document.title,
                published=day,
                url=release.web_url,
                edition=f"release of {_long_date(day)}",
                files=tuple(paths_),
                file_names=tuple(a.url for a in release.attachments),
            )
        )
    return out


def _subfolder(folder: Path, name: str) -> Path:
    path = folder / name
    path.mkdir()
    return path


def _given(path: Path) -> Incoming:
    if not path.is_file():
        raise UpdateError(f"{path}: no such file")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    day = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
    return Incoming(
        source=f"ho-file-{_slug(path.stem)[:40]}-{digest}",
        title=f"Seizures of drugs in England and Wales, file {path.name}",
        published=day,
        url=path.name,
        edition=f"file {path.name} of {_long_date(day)}",
        files=(path,),
        file_names=(path.name,),
    )


def _import(release: Incoming, tables: Tables, summary: UpdateSummary, *, strict: bool) -> None:
    """Read and check one release, then merge it. A release that fails is not kept: with
    files given the update stops (UpdateError); from GOV.UK it is named in
    ``summary.failures`` and the other releases go on."""
    new_drugs: dict[str, NewDrug] = {}
    try:
        figures = _read_figures(release, summary, new_drugs)
    except ReleaseError as exc:
        if strict:
            raise UpdateError(str(exc)) from None
        summary.failures.append(f"{release.title}: {exc}")
        return
    _merge(release, figures, new_drugs, tables, summary)


def _read_figures(
    release: Incoming, summary: UpdateSummary, new_drugs: dict[str, NewDrug]
) -> list[Figure]:
    figures: dict[tuple[int, str, str], Figure] = {}
    for path in release.files:
        for table in read_release(path):
            new_drugs.update(table.new_drugs)
            passed = ", ".join(f"{h!r} ({why})" for h, why in table.skipped_columns.items())
            if passed:
                summary.notes.append(f"{path.name}, {table.sheet}: passed over {passed}")
            problems = check_totals(table)
            if problems:
                raise ReleaseError(f"{path.name}: " + "; ".join(problems[:5]))
            for figure in table.figures:
                key = (figure.fye, figure.force_id, figure.drug)
                if key in figures and figures[key].seizures != figure.seizures:
                    raise ReleaseError(f"{path.name}: two different figures for {key}")
                figures[key] = figure
    return list(figures.values())


def _merge(
    release: Incoming,
    figures: list[Figure],
    new_drugs: dict[str, NewDrug],
    tables: Tables,
    summary: UpdateSummary,
) -> None:
    merged = merge_figures(tables, figures, new_drugs, release.source)
    summary.figures_added += merged.added
    summary.years_added += [y for y in merged.years_added if y not in summary.years_added]
    summary.revisions += merged.revisions
    summary.notes += merged.notes
    summary.notes += [f"New drug in {release.title}: {d}" for d in merged.new_drugs]
    years = sorted({f.fye for f in figures})
    tables["releases.csv"].append(
        {
            "source": release.source,
            "title": release.title,
            "published": release.published,
            "url": release.url,
            "years": " ".join(map(str, years)),
            "files": " ".join(release.file_names),
        }
    )
    tables["sources.csv"].append(
        {
            "source": release.source,
            "title": f"{release.title}: seizures by police force and drug"
            + (f" (new: {', '.join(merged.new_drugs)})" if merged.new_drugs else ""),
            "publisher": PUBLISHER,
            "url": release.url,
            "licence": LICENCE,
            "edition": release.edition,
        }
    )
    summary.releases.append(
        f"{release.title} ({release.edition}; {', '.join(fmt.fye(y) for y in years)})"
    )


def _source_id(base_path: str, day: str) -> str:
    return f"ho-release-{_slug(base_path.rsplit('/', 1)[-1])[:60]}-{day.replace('-', '')}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "file"


def _long_date(day: str) -> str:
    try:
        value = date.fromisoformat(day)
    except ValueError:
        return day or "unknown date"
    return f"{value.day} {value:%B %Y}"
