"""Properties over the whole core: any text gives a Command or a usage error, and the core
always answers with HTML Telegram would accept, within 4,096 characters, never raising."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import CoreError
from bot.reading.parse import Command

ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "tg-spoiler", "blockquote"}
NASTY = st.sampled_from(
    [
        "'; DROP TABLE seizures; --",
        "%s",
        "{}",
        "{0}",
        "<b>",
        "</i>",
        "&",
        "&amp;",
        "\u202e",
        "\x00",
        "🚔",
        "مرحبا",
        "/force",
        "@",
        "\n",
        "west mercia",
        "2019-20",
        "-5",
        "19/20",
        "Robert'); DROP TABLE forces;--",
        "x" * 300,
    ]
)
TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(NASTY, st.text(max_size=20)), max_size=12).map(" ".join),
    st.text(min_size=4000, max_size=4096),
)
PREFIX = st.sampled_from(["", "/force ", "/force@SeizureBot ", "/help ", "/start ", "/"])


class TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag {tag}")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced {tag}")


def assert_telegram_html(html: str) -> None:
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    assert not checker.problems and not checker.stack, (checker.problems, checker.stack)
    bare_amp = re.search(r"&(?!(?:amp|lt|gt|quot|#\d+);)", html)
    assert bare_amp is None, html


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=PREFIX, text=TEXT)
def test_any_text_parses_to_a_command_or_a_core_error(core, prefix, text):
    try:
        command = core.parser.parse(prefix + text)
    except CoreError:
        return
    assert isinstance(command, Command)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=PREFIX, text=TEXT)
def test_any_text_gets_a_safe_reply(core, prefix, text):
    reply = core.answer(prefix + text)
    assert reply.html and reply.text
    assert len(reply.html) <= 4096
    assert_telegram_html(reply.html)
    assert "Traceback" not in reply.text
    for row in reply.buttons:
        for button in row:
            assert len(button.payload.encode()) <= 64
