"""The sweep: every command, for every force, region, drug and year with data, checked
against Telegram's HTML rules (bot.writing.markup, as sendMessage/sendPhoto/sendDocument and inline
results would see it), and its plain text against the text the HTML shows.

A plain loop per command family (not thousands of parametrised cases): each test records
how many replies it checked, and tests/conftest.py prints the total at the end of the run.
/trend is checked through its caption (caption_of), without drawing the chart.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from bot.adapters.telegram.send import MAX_MESSAGE, parts
from bot.answers.trend import caption_of
from bot.errors import CoreError
from bot.reply import ChatContext, Reply
from bot.run import run
from bot.writing import fmt, markup
from bot.writing.markup import MarkupError

NATIONAL = "national"
ALL = "all_drugs"  # /drug all_drugs is /drug all, swept with the force cards


def problems_of(reply: Reply) -> list[str]:
    """What Telegram would refuse in a reply, as it is cut into messages and captions, and
    whether its plain text is the text its HTML shows."""
    try:
        for part in parts(reply):
            if part.text is not None:
                markup.check(part.text, caption=part.kind != "text")
        shown = markup.parse(reply.html).text
    except MarkupError as exc:
        return [exc.description]
    return [] if reply.text == shown else ["Reply.text differs from the text the HTML shows"]


class Sweep:
    """Counts the replies checked and keeps what was wrong with them."""

    def __init__(self, core, node: pytest.Item) -> None:  # noqa: ANN001 (the session's Core)
        self.core = core
        self.node = node
        self.checked = 0
        self.problems: list[str] = []

    def ask(self, questions: Iterable[str]) -> None:
        for question in questions:
            self.reply(question, self.core.answer(question))

    def reply(self, question: str, reply: Reply) -> None:
        self.checked += 1
        self.problems += [f"{question}: {problem}" for problem in problems_of(reply)]

    def html(self, question: str, html: str, *, caption: bool = False) -> None:
        """A piece of HTML sent on its own (a caption, an inline result's message)."""
        self.checked += 1
        try:
            markup.check(html, caption=caption)
        except MarkupError as exc:
            self.problems.append(f"{question}: {exc.description}")

    def assert_clean(self) -> None:
        """Fail with the first problems found; the count goes into the test's report,
        where tests/conftest.py sums it up."""
        self.node.user_properties.append(("replies_checked", self.checked))
        if self.problems:
            shown = "\n".join(self.problems[:25])
            pytest.fail(f"{len(self.problems)} of {self.checked} replies:\n{shown}", pytrace=False)


@pytest.fixture(scope="module")
def data(core):
    return core.data


@pytest.fixture
def sweep(core, request) -> Sweep:
    return Sweep(core, request.node)


def years(data) -> list[str]:  # noqa: ANN001
    return [fmt.fye(fye) for fye in range(data.first_fye, data.last_reported_fye + 1)]


def test_force_cards_stories_comparisons_and_drug_tables(sweep, data):
    for force in data.forces:
        for year in years(data):
            sweep.ask(
                [
                    f"/force {force} {year}",
                    f"/story {force} {year}",
                    f"/drug all {force} {year}",
                    f"/compare {force} vs national {year}",
                ]
            )
    sweep.assert_clean()


def test_every_drug_for_every_force_and_year(sweep, data):
    for force in [*data.forces, NATIONAL]:
        for year in years(data):
            sweep.ask(f"/drug {drug} {force} {year}" for drug in data.drugs if drug != ALL)
    sweep.assert_clean()


def test_regions_ranks_and_national(sweep, data):
    for year in years(data):
        sweep.ask(f"/region {region} {year}" for region in data.regions)
        sweep.ask(f"/rank {year} {region}" for region in data.regions)
        sweep.ask(f"/rank {drug} {year}" for drug in data.drugs)
        sweep.ask([f"/national {year}", f"/rank {year}", f"/drug all national {year}"])
    sweep.assert_clean()


def test_trend_captions(sweep, core, data):
    places = [*data.forces, *data.regions, NATIONAL]
    for place in places:
        for drug in data.drugs:
            question = f"/trend {place} {drug}"
            try:
                series = run(core.parser.parse(question), core.data, ChatContext())
            except CoreError:  # a usage or no-data reply: checked whole
                sweep.ask([question])
                continue
            sweep.html(question, caption_of(series) or "no figures", caption=True)
    sweep.assert_clean()


def test_csv_summaries(sweep, data):
    for year in years(data):
        sweep.ask(f"/csv {force} {year}" for force in data.forces)
        sweep.ask(f"/csv region {region} {year}" for region in data.regions)
        sweep.ask([f"/csv national {year}", f"/csv rank {year}"])
    sweep.ask(f"/csv trend {place}" for place in [*data.forces, *data.regions, NATIONAL])
    sweep.assert_clean()


def test_inline_results(sweep, core, data):
    queries = [row["full_name"] for row in data.forces.values()]
    queries += [f"{force} {year}" for force in data.forces for year in years(data)]
    queries += ["", "west", "nowhere at all", "/drug all kent", "/rank cocaine"]
    for query in queries:
        for result in core.inline(query):
            sweep.html(f"inline {query!r}", result.reply.html[:MAX_MESSAGE])
            sweep.reply(f"inline {query!r}", result.reply)
    sweep.assert_clean()
