"""/story <force> [year]: a ready-to-publish paragraph or three in newsroom style.

Built only from the figures of the /force card (the same run step), so the story can never
say more than the card: every sentence is written only when its figure exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from bot.answers.force import ForceQuery, force
from bot.commands import Answer
from bot.data import Data
from bot.reading.parse import Parser
from bot.reading.plan import build_story
from bot.reply import ChatContext, Reply
from bot.results import ForceCard, PublishedSeries, Reported, ReportedCard, Trend
from bot.run import run
from bot.writing import fmt, messages
from bot.writing.render import link, render, run_claim

CAVEAT = (
    "The Home Office says the figures reflect police activity rather than how common drugs "
    "are, and a seizure involving several drugs is counted once in the total."
)


@dataclass(frozen=True)
class StoryQuery(ForceQuery):
    pass


@dataclass(frozen=True)
class Story:
    card: ForceCard | ReportedCard | PublishedSeries


def parse_story(name: str, args: str, parser: Parser, context: ChatContext) -> StoryQuery:
    year, rest = parser.year(args)
    match = parser.force(rest, "story", year) if rest else parser.default_force(context, "story")
    return StoryQuery("story", match, year.fye if year else None, year)


@run.register
def _run_story(query: StoryQuery, data: Data, context: ChatContext) -> Story:
    return Story(force(query, data, context))


def per_cent(part: float, whole: float) -> str:
    return fmt.esc(fmt.percent(part, whole).replace("%", " per cent"))


def change_words(new: float, old: float) -> str:
    diff = 100 * (new - old) / old
    if round(diff, 1) == 0:
        return f"unchanged from {fmt.count(old)} the year before"
    direction = "up" if diff > 0 else "down"
    return f"{direction} {abs(diff):.1f} per cent from {fmt.count(old)} the year before"


def _trend_sentence(trend: Trend | None) -> str:
    """Records and runs, only where they stop short of any gap in the figures."""
    if trend is None:
        return ""
    parts = []
    first = fmt.fye(trend.series_first)
    if (trend.series_high or trend.series_low) and trend.record_claimable and trend.gap is None:
        word = "highest" if trend.series_high else "lowest"
        parts.append(f"the {word} number in figures going back to {first}")
    elif not (trend.series_high or trend.series_low):
        last = trend.previous.fye if trend.previous else None
        for since, word in ((trend.high_since, "highest"), (trend.low_since, "lowest")):
            if since and last is not None and since.fye < last:
                parts.append(f"the {word} number since {fmt.fye(since.fye)}")
                break
    run, reaches_gap = run_claim(trend)
    if run and not (reaches_gap and trend.gap is not None):
        parts.append(run)
    return f" It was {' and '.join(parts)}." if parts else ""


def _card_story(card: ForceCard) -> list[str]:
    name = card.full_name
    year = fmt.fye(card.fye)
    if card.seizures is None:
        return [
            f"Home Office figures hold no total for {name} in {year}: the force's data were "
            "missing or incomplete that year."
        ]
    first = f"{name} made {fmt.count(card.seizures)} drug seizures in {year}"
    previous = card.trend.previous if card.trend else None
    if any(not f.note for f in card.unusual):  # out of line: as published, no sentence on it
        return [first + ", Home Office figures show."]
    if previous and previous.seizures:
        first += f", {change_words(card.seizures, previous.seizures)}"
    paragraphs = [first + ", Home Office figures show." + _trend_sentence(card.trend)]
    if card.rate is not None:
        rate = (
            f"That equates to {fmt.rate(card.rate)} seizures per million people in the force area"
        )
        if card.national_rate is not None:
            side = "above" if card.rate > card.national_rate else "below"
            rate += f", {side} the England and Wales average of {fmt.rate(card.national_rate)}"
        if card.region_rank and card.region_rank.of > 1:
            position = (
                "the highest"
                if card.region_rank.rank == 1
                else "the lowest"
                if card.region_rank.rank == card.region_rank.of
                else f"the {fmt.ordinal(card.region_rank.rank)} highest"
            )
            rate += (
                f", and {position} rate of the {fmt.number_word(card.region_rank.of)} forces in "
                f"{fmt.region_phrase(card.region_name)}"
            )
        paragraphs.append(rate + ".")
    if card.drugs:
        lead, *rest = card.drugs[:2]
        mix = (
            f"{fmt.drug_label(lead.label).capitalize()} was involved in "
            f"{per_cent(lead.seizures, card.seizures)} of seizures"
        )
        if rest:
            share = per_cent(rest[0].seizures, card.seizures)
            mix += f" and {fmt.drug_label(rest[0].label)} in {share}"
        mix += "."
        if card.class_a is not None:
            mix += f" Class A drugs featured in {per_cent(card.class_a, card.seizures)}."
        if card.unknown:
            mix += f" The drug type was not recorded in {per_cent(card.unknown, card.seizures)}."
        paragraphs.append(mix)
    return paragraphs


def _reported_story(card: ReportedCard) -> list[str]:
    year = fmt.fye(card.fye)
    if card.total is None:
        return [f"No total has been found published for {card.full_name} in {year}."]
    first = f"{card.full_name} made {fmt.count(card.total.value)} drug seizures in {year}"
    if card.previous and card.previous.seizures:
        first += f", {change_words(card.total.value, card.previous.seizures)}"
    first += f", {host(card.total)} reported, from Home Office figures."
    if card.series_high_since:
        first += (
            f" It was the highest number in figures going back to "
            f"{fmt.fye(card.series_high_since)}."
        )
    paragraphs = [first]
    if card.rate is not None:
        rate = f"That equates to {fmt.rate(card.rate)} seizures per million people"
        national = card.national_reported_rate
        if national is not None:
            side = "above" if card.rate > national.value else "below"
            rate += (
                f", {side} the England and Wales average of {fmt.rate(national.value)}"
                if national.source_type == "computed"  # from the tables, not a report
                else f", {side} the national average of {fmt.rate(national.value)} "
                "reported at the time"
            )
        paragraphs.append(rate + ".")
    return paragraphs


@render.register
def _render_story(story: Story) -> Reply:
    card = story.card
    if isinstance(card, PublishedSeries):
        return render(card)
    paragraphs = _card_story(card) if isinstance(card, ForceCard) else _reported_story(card)
    paragraphs.append(CAVEAT)
    body = "\n\n".join(fmt.esc(p) for p in paragraphs)
    note = f"<i>Every figure is from /force. Before publishing, check {_checks(card)}.</i>"
    if isinstance(card, ReportedCard) and card.total is not None:
        total = card.total
        note += f"\n<i>Source: {link(total)} ({fmt.esc(total.source_type)}).</i>"
    return messages.reply(f"{body}\n\n{note}", csv_query=_csv_query(card))


def host(item: Reported) -> str:
    """The outlet a published figure comes from, by its address ("cambrian-news.co.uk")."""
    return urlparse(item.source_url).netloc.removeprefix("www.")


def _checks(card: ForceCard | ReportedCard) -> str:
    """What to check before publishing, in place of a promise that it is ready."""
    checks = []
    year = fmt.fye(card.fye)
    if isinstance(card, ReportedCard) and card.total is not None:
        checks.append(
            f"the {year} total against the Home Office release (it is as "
            f"{fmt.esc(host(card.total))} reported it)"
        )
    if isinstance(card, ForceCard) and any(not f.note for f in card.unusual):
        checks.append(f"the {year} total with the force (an unusual figure; see /force)")
    elif isinstance(card, ForceCard) and card.national_edition and card.rate is not None:
        checks.append(
            "the England and Wales average, built on the police total of the "
            f"{fmt.esc(card.national_edition)}"
        )
    checks.append("the caveats in /sources")
    return "; ".join(checks)


def _csv_query(card: ForceCard | ReportedCard) -> str | None:
    return f"/force {card.force_id} {fmt.fye(card.fye)}" if isinstance(card, ForceCard) else None


ANSWER = Answer(
    name="story",
    args="<force> [year]",
    summary="A ready-to-publish paragraph in newsroom style",
    example="/story West Mercia",
    parse=parse_story,
    reads=frozenset({"default_force"}),
    intents=(
        "story",
        "write",
        "write up",
        "paragraph",
        "article",
        "copy",
        "news story",
    ),
    plan=build_story,
    strength=50,
)
