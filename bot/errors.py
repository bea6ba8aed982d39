"""Expected failures, each of which becomes a helpful reply inside the core.

CoreError
 ├── UsageError          the command's words are off: reply with its usage line
 ├── UnknownName         no force/region/drug matched, or several did (suggestions)
 ├── BadYear             a year that is not in the data: reply names the years there are
 └── NoData              the question is fine but the data has no figure for it
"""

from __future__ import annotations


class CoreError(Exception):
    """Base of the expected failures; the message is safe to show to a person."""


class UsageError(CoreError):
    def __init__(self, command: str, detail: str = "") -> None:
        super().__init__(detail or command)
        self.command = command
        self.detail = detail


class UnknownName(CoreError):
    def __init__(
        self,
        kind: str,
        text: str,
        suggestions: tuple[tuple[str, str], ...] = (),
        command: str = "",
        rest: str = "",
    ) -> None:
        """``suggestions``: (id, display name) pairs, best first. ``command`` and ``rest``
        rebuild the question for each choice: ``/{command} {id} {rest}``."""
        super().__init__(text)
        self.kind = kind
        self.text = text
        self.suggestions = suggestions
        self.command = command or kind
        self.rest = rest


class BadYear(CoreError):
    def __init__(
        self, text: str, first_fye: int, last_complete_fye: int, last_fye: int, detail: str = ""
    ) -> None:
        """The years the data holds: complete force tables first_fye..last_complete_fye,
        published figures up to last_fye."""
        super().__init__(text)
        self.text = text
        self.first_fye = first_fye
        self.last_complete_fye = last_complete_fye
        self.last_fye = last_fye
        self.detail = detail


class NoData(CoreError):
    pass
