"""What the core gives back: a small frozen value that every adapter translates."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PAYLOAD = 64  # bytes: Telegram's limit on a button's callback_data


@dataclass(frozen=True)
class Button:
    """A button under a reply. ``payload`` is a command the core understands
    (``/force west-mercia 2019``), at most 64 bytes so it fits Telegram's callback_data."""

    label: str
    payload: str

    def __post_init__(self) -> None:
        if len(self.payload.encode()) > MAX_PAYLOAD:
            raise ValueError(f"button payload over 64 bytes: {self.payload!r}")


@dataclass(frozen=True)
class Reply:
    """HTML text (Telegram's subset), its plain-text twin, optional files and buttons."""

    html: str
    text: str
    png: bytes | None = None
    png_name: str = "chart.png"
    csv: bytes | None = None
    csv_name: str = "figures.csv"
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)
    kind: str = "answer"  # answer | usage | not_found | choices | error
    # State the adapter keeps for the chat: a new default force (/setforce), and the
    # question whose figures a later bare /csv should give; release-alert topics to add
    # (/subscribe) or remove (/unsubscribe).
    set_default_force: str | None = None
    csv_query: str | None = None
    subscribe: str | None = None
    unsubscribe: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChatContext:
    """What the core may know about the chat a message came from."""

    chat_id: int | None = None
    is_group: bool = False
    default_force: str | None = None  # a force_id set with /setforce
    last_query: str | None = None  # the csv_query of the chat's last answer
    subscriptions: tuple[str, ...] = ()  # release-alert topics (/subscriptions)
    place: str = "chat"  # whose default force /setforce sets: the chat's, or a forum "topic"'s
    default_force_of: str = "chat"  # whose default force default_force is: "chat" or "topic"
