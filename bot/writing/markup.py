"""Telegram's HTML, read the way Telegram reads it: what is valid, and what a reader sees.

``parse`` follows the Bot API's own parser (TDLib's ``parse_html``) step by step, so it
refuses what Telegram refuses with Telegram's words, byte offsets included:

    Bad Request: can't parse entities: Unsupported start tag "1%" at byte offset 12

and gives the text a reader sees (tags gone, ``&lt;`` ``&gt;`` ``&amp;`` ``&quot;`` and
numeric references decoded). ``strict`` (the default) adds the rules the Bot API documents
but its parser forgives, so that a missed escape is caught before it meets a ``<``: every
``&`` starts one of those entities and ends with ``;``, no ``>`` stands outside a tag, and
``pre``/``code`` hold no other entity (Telegram would silently drop it). Their messages are
worded in Telegram's style and say "(strict)".

``check`` adds the length rules: 1 to 4,096 characters of text after parsing, a caption at
most 1,024, counted as Telegram counts (UTF-16 code units, leading and trailing blanks
trimmed). ``visible_text(..., lenient=True)`` never raises: a ``<`` that does not open a
supported tag is kept as text, so a plain-text twin can never lose words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
PREFIX = "Bad Request: can't parse entities: "
EMPTY = "Bad Request: message text is empty"
TOO_LONG = "Bad Request: message is too long"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
STYLES = ("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "span")
BLOCKS = ("a", "tg-emoji", "code", "pre", "blockquote")
TAGS = frozenset(STYLES + BLOCKS)  # what Telegram's parser accepts as a start tag
NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
SPACES = " \t\n\r\f\v"
_SPECIAL = re.compile("[&<>]")


class MarkupError(ValueError):
    """Telegram would refuse the text; ``description`` is its answer, word for word."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


@dataclass(frozen=True)
class Entity:
    """One formatting entity: a tag's name, its span in the visible text, its argument
    (the link of an ``a``, ``expandable`` of a blockquote)."""

    tag: str
    start: int
    end: int
    argument: str = ""


@dataclass(frozen=True)
class Parsed:
    text: str
    entities: tuple[Entity, ...]


def parse(html_text: str, *, strict: bool = True) -> Parsed:
    """The visible text and entities of ``html_text``, or MarkupError as Telegram says it."""
    return _Parser(html_text, strict=strict, lenient=False).run()


def visible_text(html_text: str, *, lenient: bool = False) -> str:
    """What a reader sees. ``lenient``: never raise; what is not markup stays text."""
    return _Parser(html_text, strict=not lenient, lenient=lenient).run().text


def check(html_text: str, *, caption: bool = False, strict: bool = True) -> str:
    """``parse`` plus Telegram's length rules for a message (or a caption); the visible text."""
    text = parse(html_text, strict=strict).text
    size = utf16_length(text.strip(SPACES))
    if caption and size > CAPTION_LIMIT:
        raise MarkupError(CAPTION_TOO_LONG)
    if not caption and size == 0:
        raise MarkupError(EMPTY)
    if not caption and size > TEXT_LIMIT:
        raise MarkupError(TOO_LONG)
    return text


def utf16_length(text: str) -> int:
    """Telegram's length: UTF-16 code units (an emoji outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    argument: str
    start: int  # where its text begins in the output


class _Parser:
    """One pass over the text, as TDLib's parse_html does it."""

    def __init__(self, source: str, *, strict: bool, lenient: bool) -> None:
        self.src = source
        self.strict = strict
        self.lenient = lenient
        self.out: list[str] = []
        self.size = 0  # characters in out
        self.stack: list[_Open] = []
        self.entities: list[Entity] = []

    def run(self) -> Parsed:
        i, end = 0, len(self.src)
        while i < end:
            char = self.src[i]
            if char == "&":
                i = self._entity(i)
            elif char == "<":
                i = self._tag(i)
            elif char == ">":
                if self.strict:
                    raise self._error(f'Unescaped ">" at byte offset {self._byte(i)} (strict)')
                self._emit(char)
                i += 1
            else:  # a run of ordinary text, up to the next character that means something
                found = _SPECIAL.search(self.src, i)
                stop = found.start() if found else end
                self._emit(self.src[i:stop])
                i = stop
        if self.stack and not self.lenient:
            raise MarkupError(
                f"{PREFIX}Can't find end tag corresponding to start tag {self.stack[-1].tag}"
            )
        entities = sorted(self.entities, key=lambda e: (e.start, -e.end))
        return Parsed("".join(self.out), tuple(entities))

    # pieces of text

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.size += len(text)

    def _byte(self, index: int) -> int:
        return len(self.src[:index].encode())

    def _entity(self, i: int) -> int:
        """An ``&``: a character reference decoded, else (as Telegram does) a plain ``&``."""
        code, after, clean = decode_reference(self.src, i)
        if self.strict and not clean:
            raise self._error(
                f'Unescaped "&" or unsupported entity at byte offset {self._byte(i)} (strict)'
            )
        if code is None:
            self._emit("&")
            return i + 1
        self._emit(chr(code))
        return after

    # tags

    def _tag(self, i: int) -> int:
        try:
            if self.src.startswith("</", i):
                return self._end_tag(i)
            return self._start_tag(i)
        except MarkupError:
            if not self.lenient:
                raise
            self._emit("<")  # not markup after all: the reader sees the "<"
            return i + 1

    def _error(self, message: str) -> MarkupError:
        return MarkupError(PREFIX + message)

    def _start_tag(self, begin: int) -> int:
        src, at = self.src, self._byte(begin)
        i = _skip_to(src, begin + 1, SPACES + ">")
        if i >= len(src):
            raise self._error(f"Unclosed start tag at byte offset {at}")
        tag = src[begin + 1 : i].lower()
        if tag not in TAGS:
            raise self._error(f'Unsupported start tag "{tag}" at byte offset {at}')
        argument, i = self._attributes(tag, i, at)
        if tag == "span" and argument != "spoiler":
            raise self._error(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        if self.strict:
            self._check_nesting(tag, at)
        self.stack.append(_Open(tag, argument, self.size))
        return i + 1

    def _attributes(self, tag: str, i: int, at: int) -> tuple[str, int]:
        """Read attributes up to the ``>``; returns the tag's argument and the ``>``'s index."""
        src, argument = self.src, ""
        while True:
            i = _skip(src, i, SPACES)
            if i >= len(src):
                raise self._error(f"Unclosed start tag at byte offset {at}")
            if src[i] == ">":
                return argument, i
            name_start = i
            i = _skip_to(src, i, SPACES + "=>")
            name = src[name_start:i]
            if not name:
                raise self._error(f'Empty attribute name in the tag "{tag}" at byte offset {at}')
            i = _skip(src, i, SPACES)
            if tag == "blockquote" and name == "expandable" and (i >= len(src) or src[i] != "="):
                argument = "expandable"
                continue
            if i >= len(src) or src[i] != "=":
                raise self._error(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {at}'
                )
            value, i = self._value(tag, _skip(src, i + 1, SPACES), at)
            argument = _argument(tag, name, value, argument)

    def _value(self, tag: str, i: int, at: int) -> tuple[str, int]:
        src = self.src
        if i >= len(src):
            raise self._error(f'Unclosed start tag "{tag}" at byte offset {at}')
        if src[i] not in "'\"":
            start = i
            while i < len(src) and (src[i].isascii() and src[i].isalnum() or src[i] in ".-"):
                i += 1
            if i >= len(src) or src[i] not in SPACES + ">":
                raise self._error(
                    f"Unexpected end of name token at byte offset {self._byte(start)}"
                )
            return src[start:i].lower(), i
        quote, i, value = src[i], i + 1, []
        while i < len(src) and src[i] != quote:
            code, after, _ = decode_reference(src, i) if src[i] == "&" else (None, i, True)
            value.append(chr(code) if code is not None else src[i])
            i = after if code is not None else i + 1
        if i + 1 >= len(src):
            raise self._error(f"Unclosed start tag at byte offset {at}")
        return "".join(value), i + 1

    def _check_nesting(self, tag: str, at: int) -> None:
        inner = self.stack[-1] if self.stack else None
        if inner is None or inner.tag not in ("pre", "code"):
            return
        if inner.tag == "pre" and tag == "code" and inner.start == self.size:
            return  # <pre><code class="language-x">: one pre-with-language entity
        raise self._error(
            f'Tag "{tag}" inside "{inner.tag}" at byte offset {at} (strict: Telegram drops it)'
        )

    def _end_tag(self, begin: int) -> int:
        src, at = self.src, self._byte(begin)
        i = _skip_to(src, begin + 2, SPACES + ">")
        name = src[begin + 2 : i].lower()
        i = _skip(src, i, SPACES)
        if self.lenient and name not in TAGS:
            raise self._error("not a tag")  # kept as text
        if not self.stack:
            raise self._error(f"Unexpected end tag at byte offset {at}")
        if i >= len(src) or src[i] != ">":
            raise self._error(f"Unclosed end tag at byte offset {at}")
        opened = self.stack[-1]
        if name and name != opened.tag:
            if self.lenient:
                return i + 1  # a tag, misplaced: no text lost by dropping it
            raise self._error(
                f'Unmatched end tag at byte offset {at}, expected "</{opened.tag}>", '
                f'found "</{name}>"'
            )
        self.stack.pop()
        if opened.tag == "tg-emoji" and not (opened.argument.isdigit() and int(opened.argument)):
            raise self._error("Invalid custom emoji identifier specified")
        if self.size > opened.start:
            self.entities.append(Entity(opened.tag, opened.start, self.size, opened.argument))
        return i + 1


def _argument(tag: str, name: str, value: str, current: str) -> str:
    """The attribute that means something for this tag, as Telegram reads it."""
    if tag == "a" and name == "href":
        return value
    if tag == "code" and name == "class" and value.startswith("language-"):
        return value[len("language-") :]
    if tag == "span" and name == "class" and value.startswith("tg-"):
        return value[len("tg-") :]
    if tag == "tg-emoji" and name == "emoji-id":
        return value
    return current


def decode_reference(text: str, i: int) -> tuple[int | None, int, bool]:
    """The character reference at ``text[i] == "&"`` as Telegram decodes it: (code point or
    None if it is not one, the index after it, whether it is well formed with its ``;``)."""
    end = i + 1
    if text.startswith("&#", i):
        end += 1
        hexadecimal = text.startswith("x", end)
        end += hexadecimal
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        start = end
        end = _skip(text, end, digits)
        code = int(text[start:end], 16 if hexadecimal else 10) if end > start else 0
        if code == 0 or code >= 0x10FFFF or end - i >= 10:
            return None, i + 1, False
    else:
        while end < len(text) and text[end].isascii() and text[end].isalpha():
            end += 1
        name = text[i + 1 : end]
        if name not in NAMED:
            return None, i + 1, False
        code = ord(NAMED[name])
    closed = text.startswith(";", end)
    return code, end + closed, closed


def _skip(text: str, i: int, chars: str) -> int:
    while i < len(text) and text[i] in chars:
        i += 1
    return i


def _skip_to(text: str, i: int, stops: str) -> int:
    while i < len(text) and text[i] not in stops:
        i += 1
    return i
