"""Telegram's HTML rules (bot.writing.markup): a table of texts Telegram takes, with what a reader
sees, and of texts it refuses, with its words. The messages and byte offsets are those of
the Bot API's parser (TDLib's parse_html); "(strict)" marks the rules it documents but
forgives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.writing import fmt, markup
from bot.writing.markup import MarkupError
from tests.adapters.telegram.test_sweep import problems_of

VALID = [
    ("plain words", "plain words"),
    ("<b>Kent</b>: 3,678", "Kent: 3,678"),
    ("<strong>a</strong><em>b</em><ins>c</ins><strike>d</strike><del>e</del>", "abcde"),
    ("<B>Kent</B>", "Kent"),  # tag names are not case sensitive
    ("&lt;1% &amp; &gt; &quot;x&quot;", '<1% & > "x"'),
    ("&#60;1% &#x3C;1%", "<1% <1%"),
    ('<a href="https://example.org/?a=1&amp;b=2">link</a>', "link"),
    ("<a href='https://example.org'>single quotes</a>", "single quotes"),
    ('<span class="tg-spoiler">hidden</span> <tg-spoiler>too</tg-spoiler>', "hidden too"),
    ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
    ("<pre>Drug   Seized\nKent   &lt;1%</pre>", "Drug   Seized\nKent   <1%"),
    ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
    ("<blockquote expandable>long\nquote</blockquote>", "long\nquote"),
    ("<blockquote>quote</blockquote>", "quote"),
    ("<b>bold <i>and italic</i></b>", "bold and italic"),
    ("<b></b>empty tags make no entity", "empty tags make no entity"),
    ("<b >spaces inside tags</b >", "spaces inside tags"),
    ("line one\n\nline three", "line one\n\nline three"),
]

INVALID = [
    ("Ketamine 6 <1% of all", 'Unsupported start tag "1%" at byte offset 11'),
    ("Ketamine 6 <1%", "Unclosed start tag at byte offset 11"),  # no space or ">" after it
    ("<p>para</p>", 'Unsupported start tag "p" at byte offset 0'),
    ("£ <foo>", 'Unsupported start tag "foo" at byte offset 3'),  # bytes, not characters
    ("a <b", "Unclosed start tag at byte offset 2"),
    ("<b>bold", "Can't find end tag corresponding to start tag b"),
    ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
    ("x</b>", "Unexpected end tag at byte offset 1"),
    ("<b>x</b", "Unclosed end tag at byte offset 4"),
    ('<span class="big">x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
    ('<a href=x"y>z</a>', "Unexpected end of name token at byte offset 8"),
    ("<b =x>y</b>", 'Empty attribute name in the tag "b" at byte offset 0'),
    (
        "<b bold>y</b>",
        'Expected equal sign in declaration of an attribute of the tag "b" at byte offset 0',
    ),
    ('<tg-emoji emoji-id="x">👍</tg-emoji>', "Invalid custom emoji identifier specified"),
    # the documented rules that Telegram's parser forgives
    ("AT&T", 'Unescaped "&" or unsupported entity at byte offset 2 (strict)'),
    ("&nbsp;", 'Unescaped "&" or unsupported entity at byte offset 0 (strict)'),
    ("&amp no semicolon", 'Unescaped "&" or unsupported entity at byte offset 0 (strict)'),
    ("a > b", 'Unescaped ">" at byte offset 2 (strict)'),
    ("<code><b>x</b></code>", 'Tag "b" inside "code" at byte offset 6 (strict: Telegram drops it)'),
]


@pytest.mark.parametrize(("html", "text"), VALID)
def test_valid_html_and_what_a_reader_sees(html, text):
    assert markup.parse(html).text == text
    assert markup.visible_text(html, lenient=True) == text


@pytest.mark.parametrize(("html", "problem"), INVALID)
def test_invalid_html_gets_telegrams_own_words(html, problem):
    with pytest.raises(MarkupError) as caught:
        markup.parse(html)
    assert caught.value.description == "Bad Request: can't parse entities: " + problem


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("AT&T", "AT&T"),
        ("&nbsp;", "&nbsp;"),
        ("&amp no semicolon", "& no semicolon"),
        ("a > b", "a > b"),
        ("<code><b>x</b></code>", "x"),
    ],
)
def test_what_telegram_forgives_shows_as_telegram_shows_it(html, text):
    assert markup.parse(html, strict=False).text == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Other class A 13 <1%\nKetamine 6 <1%", "Other class A 13 <1%\nKetamine 6 <1%"),
        ("<pre>A <1%\nB 2%</pre>\nAll seizures", "A <1%\nB 2%\nAll seizures"),
        ("<b>open", "open"),
        ("x</b> y", "x</b> y"),
        ("<b><i>x</b></i>", "x"),
        ("a <b", "a <b"),
        ("AT&T &amp;", "AT&T &"),
    ],
)
def test_lenient_reading_never_loses_a_word(html, text):
    assert markup.visible_text(html, lenient=True) == text


def test_entities_carry_their_spans_and_arguments():
    parsed = markup.parse(
        '<b>Kent</b> <a href="https://x.org">src</a> <blockquote expandable>q</blockquote>'
    )
    assert parsed.entities == (
        markup.Entity("b", 0, 4),
        markup.Entity("a", 5, 8, "https://x.org"),
        markup.Entity("blockquote", 9, 10, "expandable"),
    )


def test_lengths_are_telegrams():
    assert markup.check("<b>x</b>" * 4096) == "x" * 4096
    for html, caption, description in [
        ("x" * 4097, False, "Bad Request: message is too long"),
        ("😀" * 2049, False, "Bad Request: message is too long"),  # UTF-16: two units each
        ("<b> \n </b>", False, "Bad Request: message text is empty"),
        ("x" * 1025, True, "Bad Request: message caption is too long"),
    ]:
        with pytest.raises(MarkupError) as caught:
            markup.check(html, caption=caption)
        assert caught.value.description == description
    assert markup.check("", caption=True) == ""
    assert markup.check("&lt;" * 1024, caption=True) == "<" * 1024  # counted after parsing


@given(st.text(max_size=200))
def test_any_escaped_text_is_valid_and_reads_back_unchanged(text):
    html = f"<b>{fmt.esc(text)}</b>"
    assert markup.parse(html).text == text
    assert markup.visible_text(html, lenient=True) == text


@given(st.text(alphabet="<>&/b;1 \n", max_size=40))
def test_lenient_reading_never_raises_and_keeps_every_letter(html):
    text = markup.visible_text(html, lenient=True)
    assert text.count("1") == html.count("1")  # no word between a "<" and a ">" is lost


def golden_commands() -> list[str]:
    """Every command in tests/golden/*.txt."""
    return sorted(
        {
            line.removeprefix("### ")
            for path in Path(__file__).parent.parent.glob("golden/*.txt")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("### ")
        }
    )


@pytest.mark.parametrize("command", golden_commands())
def test_every_golden_reply_is_valid_and_its_plain_text_is_what_the_html_shows(core, command):
    assert problems_of(core.answer(command)) == []
