"""Text -> Command. The only place that reads what a person typed.

``Parser.parse("/force@SeizureBot west mercia 2019/20")`` gives
``ForceQuery(force_id="west-mercia", fye=2020, ...)``. Plain text with no slash is read as
``/force``. Every failure is a CoreError the core turns into a helpful reply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass

from bot import commands
from bot.errors import BadYear, CoreError, NoData, UnknownName, UsageError
from bot.reading.lexicon import Lexicon
from bot.reading.names import (
    DRUG_ALIASES,
    FORCE_ALIASES,
    FORCE_AMBIGUOUS,
    REGION_ALIASES,
    Match,
    NameIndex,
)
from bot.reading.plan import Ambiguous, Plan, plan
from bot.reading.question import (
    NotUnderstood,
    OtherMeasure,
    SmallTalk,
    greeting,
    read_claims,
    small_talk,
    without_top_n,
)
from bot.reading.years import YearError, YearMatch, find_year
from bot.reply import ChatContext
from bot.writing import fmt
from bot.writing.fmt import short

MAX_INPUT = 4096
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)")
_MENTION = re.compile(r"^@[A-Za-z0-9_]{1,64}(?![A-Za-z0-9_])[\s,:;.!-]*")  # "@bot, kent"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Command:
    name: str


@dataclass(frozen=True)
class Simple(Command):
    """A command with no arguments (/help, /start)."""


@dataclass(frozen=True)
class Reading:
    """A Command and what the reply should say it read (towns, misspellings, left out)."""

    command: Command
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """The years the data holds, for checking a requested year."""

    first_fye: int
    last_fye: int  # last year with complete force tables
    last_reported_fye: int


def clean_text(text: str) -> str:
    """Control characters, bidi marks and doubled spaces gone; at most MAX_INPUT chars."""
    text = _CONTROL.sub(" ", text[:MAX_INPUT])
    return re.sub(r"\s+", " ", text).strip()


def without_mention(text: str) -> str:
    """A leading ``@bot`` mention taken off, as a group's message to the bot is read (the
    console and ``seizure-bot ask`` have no username to match, so any one goes)."""
    return _MENTION.sub("", text, count=1).strip() or text


def split_command(text: str) -> tuple[str, str, str | None]:
    """(command name, arguments, addressed bot) -- plain text counts as /force."""
    text = clean_text(text)
    match = _COMMAND.match(text)
    if not match:
        return "force", text, None
    return match.group(1).lower(), text[match.end() :].strip(), match.group(2)


class Parser:
    def __init__(
        self, forces: NameIndex, regions: NameIndex, drugs: NameIndex, coverage: Coverage
    ) -> None:
        self.forces = forces
        self.regions = regions
        self.drugs = drugs
        self.coverage = coverage
        self.places: dict[str, str] = {}  # local authority name -> force_id
        self._lexicon: Lexicon | None = None

    @classmethod
    def from_names(
        cls,
        force_names: dict[str, str],
        region_names: dict[str, str],
        drug_names: dict[str, str],
        coverage: Coverage,
    ) -> Parser:
        return cls(
            NameIndex("force", force_names, FORCE_ALIASES, FORCE_AMBIGUOUS),
            NameIndex("region", region_names, REGION_ALIASES),
            NameIndex("drug", drug_names, DRUG_ALIASES, places=False),
            coverage,
        )

    def set_places(self, places: Mapping[str, str]) -> None:
        """Local authority names -> force ids (data/places.csv), for plain questions."""
        self.places = dict(places)
        self._lexicon = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:  # built at the first question, after every alias is in
            self._lexicon = Lexicon(self.forces, self.regions, self.drugs, self.places)
        return self._lexicon

    def parse(self, text: str, context: ChatContext | None = None) -> Command:
        return self.read(text, context).command

    def read(self, text: str, context: ChatContext | None = None) -> Reading:
        """A slash command, or a question in plain words (bot.reading.question); a slash command
        its own parser cannot read exactly (``/force cocaine kent``) is read as a question
        too, and kept only when every word is understood."""
        context = context or ChatContext()
        text = without_mention(clean_text(text))
        if not _COMMAND.match(text):
            if small_talk(text) and not greeting(text):
                raise SmallTalk()  # "thanks", "ok", "great, thanks": no figures
            return self.question(text, context)
        name, args, _bot = split_command(text)
        spec = commands.answer(name)
        if spec is None:
            raise UsageError("help", f"I don't know the command /{short(name)}.")
        try:
            command = spec.parse(name, args, self, context)
        except (UnknownName, NoData) as exc:  # a name it does not know: maybe a town
            if not args or spec.literal or getattr(exc, "suggestions", None):
                raise  # its own choices keep the command's words
            return self._question_or(args, context, name, exc)
        if args and not spec.literal and not exact(command):
            try:
                reading = self.question(args, context, name, strict=True)
            except OtherMeasure:
                raise  # "/force arrests in kent" is about arrests: refused, never a card
            except CoreError:
                return Reading(command)
            if type(reading.command) is not type(command):
                return reading  # "/force cocaine kent" is about cocaine

        return Reading(command)

    def _question_or(self, args: str, context: ChatContext, name: str, exc: CoreError) -> Reading:
        try:
            return self.question(args, context, name, strict=True)
        except OtherMeasure:
            raise
        except CoreError:
            raise exc from None

    def question(
        self, text: str, context: ChatContext, hint: str | None = None, *, strict: bool = False
    ) -> Reading:
        """Plain words -> the Command their slash command gives, with notes."""
        year, rest = self.year(without_top_n(text))
        claims = read_claims(self.lexicon, rest, year.text if year else "")
        meaningful = [c for c in claims.claims if c.kind != "filler"]
        empty = not (claims.claims or claims.unknown or year)  # punctuation or emoji only
        if empty or (strict and (claims.unknown or not meaningful)):
            raise NotUnderstood(" ".join(claims.unknown) or text)
        try:
            wanted = plan(claims, context, hint)
        except OtherMeasure as exc:  # offer the first seizures card that is a whole question
            exc.buttons = tuple(b for b in exc.buttons if self._answers(b[1], context))[:1]
            raise
        except Ambiguous as exc:  # each choice a whole question, never one that asks back
            offered = exc.suggestions
            exc.suggestions = tuple(s for s in offered if self._answers(s[0], context))
            if offered and not exc.suggestions:  # no reading answers: the first says why
                self.read(offered[0][0], context)
            raise
        latest = claims.of("latest")
        if latest and not year:
            wanted.notes.append(self._latest(wanted, latest[0].words))
        spec = commands.answer(wanted.name)
        assert spec is not None  # a plan names a declared answer
        command = spec.parse(wanted.name, " ".join(a for a in wanted.args if a), self, context)
        return Reading(command, tuple(wanted.notes))

    def _answers(self, text: str, context: ChatContext) -> bool:
        """Whether ``text`` reads as a whole command (a button must never ask back)."""
        try:
            self.read(text, context)
        except CoreError:
            return False
        return True

    def _latest(self, wanted: Plan, typed: str) -> str:
        """ "Latest" is the newest year the asked figure exists for, said with its reason:
        England and Wales the newest published national figure; anything per force the
        newest complete force table."""
        c = self.coverage
        if wanted.name == "national" and not any(wanted.args):
            wanted.args = [fmt.fye(c.last_reported_fye)]
            return (
                f"I read “{typed}” as {fmt.fye(c.last_reported_fye)}, the newest year with a "
                "published England and Wales figure."
            )
        later = (
            "; figures published since are listed below"
            if wanted.name == "force" and c.last_reported_fye > c.last_fye
            else ""
        )
        return (
            f"I read “{typed}” as {fmt.fye(c.last_fye)}, the newest year of the complete force "
            f"tables{later}."
        )

    def year(self, args: str) -> tuple[YearMatch | None, str]:
        try:
            year, rest = find_year(args)
        except YearError as exc:
            raise self._bad_year(args, str(exc)) from None
        if year and not self.coverage.first_fye <= year.fye <= self.coverage.last_reported_fye:
            raise self._bad_year(year.text)
        return year, rest

    def _bad_year(self, text: str, detail: str = "") -> BadYear:
        c = self.coverage
        return BadYear(text, c.first_fye, c.last_fye, c.last_reported_fye, detail)

    def force(self, text: str, command: str, year: YearMatch | None) -> Match:
        """The force ``text`` names; choices rebuild ``/{command} <force> <year>``."""
        return _resolve(self.forces, text, command, year)

    def region(self, text: str, command: str, year: YearMatch | None) -> Match:
        """The region ``text`` names; choices rebuild ``/{command} <region> <year>``."""
        return _resolve(self.regions, text, command, year)

    def default_force(self, context: ChatContext, command: str) -> Match:
        """The chat's default force (/setforce), or a usage error naming the command."""
        if context.default_force and context.default_force in self.forces.display:
            force_id = context.default_force
            return Match(force_id, self.forces.display[force_id], True, force_id)
        raise UsageError(command, "Which force? (Set a default for this chat with /setforce.)")

    def drug(self, text: str) -> Match:
        """The Home Office drug category ``text`` names (``weed`` -> cannabis)."""
        return self.drugs.resolve(text)


def _resolve(index: NameIndex, text: str, command: str, year: YearMatch | None) -> Match:
    """``index.resolve``, with choice buttons that rebuild the question asked."""
    try:
        return index.resolve(text)
    except UnknownName as exc:
        exc.command, exc.rest = command, fmt.fye(year.fye) if year else ""
        raise


def exact(command: object) -> bool:
    """Whether every name in a Command was read exactly (no "did you mean" guess)."""
    if getattr(command, "exact", True) is False:
        return False
    if is_dataclass(command):
        return all(exact(getattr(command, f.name)) for f in fields(command))
    return True


def parse_simple(name: str, args: str, parser: Parser, context: ChatContext) -> Command:
    """Commands that take no arguments (/help, /start); anything after them is ignored."""
    return Simple(name)


__all__ = ["Command", "Coverage", "Parser", "Reading", "Simple", "UnknownName", "clean_text"]
