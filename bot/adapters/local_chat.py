"""The console and ``ask`` as one local chat in the bot's own chat state (STATE_PATH), so
what they confirm (/setforce, /subscribe) is kept across restarts, as in Telegram.

    open_local_chat(state_path) -> LocalChat   StateError (one line) if it cannot be used
    LocalChat.context() -> ChatContext          what the core may know about the chat
    LocalChat.keep(reply)                       what the reply asks to keep, committed
"""

from __future__ import annotations

from pathlib import Path

from bot.adapters.state import LOCAL_CHAT_ID, Asker, ChatState, open_state, remember
from bot.reply import ChatContext, Reply


class LocalChat:
    def __init__(self, state: ChatState) -> None:
        self.state = state

    def context(self) -> ChatContext:
        self.state.refresh()  # what another `ask` or console confirmed meanwhile
        kept = self.state.chat(LOCAL_CHAT_ID)
        return ChatContext(
            chat_id=LOCAL_CHAT_ID,
            default_force=kept.default_force,
            last_query=kept.last_query,
            subscriptions=kept.subscriptions,
        )

    def keep(self, reply: Reply) -> None:
        """Committed before the reply is shown, as the Telegram adapter does."""
        remember(self.state, Asker(LOCAL_CHAT_ID), self.state.chat(LOCAL_CHAT_ID), reply)

    def close(self) -> None:
        self.state.close()


def open_local_chat(state_path: Path) -> LocalChat:
    return LocalChat(open_state(state_path))
