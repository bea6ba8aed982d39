"""A queue per chat: answers that cannot go at once wait their turn, and the askers are told when.

    Outbox(limiter, queue_limit)
        delay(chat_id) -> seconds       until a new answer to the chat could go (0: at once)
        queue(chat_id, job, messages)   an answer to send after those queued before it: a
                                        future done when it went (None: the queue is full)
        tell(bot, target, line)         one line of a notice; lines told while a notice
                                        waits for its place go in that same message

Telegram takes about 20 messages a minute in a group. Answers beyond that wait here, in the
order asked, one sending task per chat (ended when its queue is empty), so a busy group holds
no worker of the update processor while it waits. Notices ("Ana's question: in about 40
seconds") go as urgent messages: before the queued answers, in the places the limiter keeps
for them, several askers to one message when they come together. At most ``queue_limit``
answers wait per chat; past that the asker is told to ask again.
"""

from __future__ import annotations

import asyncio
import html
import logging
import math
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace

from telegram import Bot
from telegram.error import TelegramError

from bot.adapters.telegram.limiter import ChatRateLimiter
from bot.adapters.telegram.send import Target, deliver
from bot.reply import Reply

log = logging.getLogger(__name__)

QUEUE_LIMIT = 30  # answers waiting for one chat, at most
AT_ONCE = 1.0  # seconds: an answer that goes within this is sent without a notice
CLOSE_SECONDS = 5.0  # at shutdown, queued answers may still go for this long
Job = Callable[[], Awaitable[object]]


def queued_line(name: str, seconds: float) -> str:
    return f"Many questions here at once: {name}, I'll answer yours in about {when(seconds)}."


def ask_again_line(name: str, seconds: float) -> str:
    return f"Too many questions here at once: {name}, please ask again in {when(seconds)}."


def when(seconds: float) -> str:
    """A wait in words, rounded up: 'about 10 seconds', '2 minutes'."""
    if seconds < 55:
        return f"{max(5, 5 * math.ceil(seconds / 5))} seconds"
    minutes = math.ceil(seconds / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


@dataclass
class _Chat:
    jobs: deque[tuple[Job, int, asyncio.Future[None]]] = field(default_factory=deque)
    waiting: int = 0  # messages queued or being sent
    worker: asyncio.Task[None] | None = None
    notes: dict[int | None, list[tuple[str, int | None]]] = field(default_factory=dict)
    telling: set[int | None] = field(default_factory=set)  # threads with a notice on its way


class Outbox:
    def __init__(self, limiter: ChatRateLimiter | None, queue_limit: int = QUEUE_LIMIT) -> None:
        self.limiter = limiter
        self.queue_limit = queue_limit
        self._chats: dict[int, _Chat] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def delay(self, chat_id: int) -> float:
        """Seconds until a new answer to the chat could go, after those queued."""
        chat = self._chats.get(chat_id)
        waiting = chat.waiting if chat else 0
        return self.limiter.eta(chat_id, waiting) if self.limiter else 0.0

    def busy(self, chat_id: int) -> bool:
        """Whether answers are queued for the chat (a new one must queue behind them)."""
        chat = self._chats.get(chat_id)
        return bool(chat and chat.waiting)

    def queue(self, chat_id: int, job: Job, messages: int) -> asyncio.Future[None] | None:
        """Queue an answer of ``messages`` messages: a future done once it has gone (or
        failed); None if the chat's queue is full."""
        chat = self._chats.setdefault(chat_id, _Chat())
        if len(chat.jobs) >= self.queue_limit:
            return None
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        chat.jobs.append((job, messages, done))
        chat.waiting += messages
        if chat.worker is None:
            chat.worker = self._start(self._drain(chat_id, chat))
        return done

    def tell(self, bot: Bot, target: Target, line: str) -> None:
        """Send ``line`` as an urgent notice, with any other lines told meanwhile."""
        chat = self._chats.setdefault(target.chat_id, _Chat())
        chat.notes.setdefault(target.thread, []).append((line, target.quote))
        if target.thread not in chat.telling:
            chat.telling.add(target.thread)
            self._start(self._notify(bot, target, chat))

    async def _drain(self, chat_id: int, chat: _Chat) -> None:
        try:
            while chat.jobs:
                job, messages, done = chat.jobs.popleft()
                try:
                    await job()
                except Exception:  # one answer failing must not stop the chat's queue
                    log.exception("A queued answer to chat %s failed", chat_id)
                finally:
                    chat.waiting -= messages
                    if not done.done():
                        done.set_result(None)
        finally:
            chat.worker = None
            self._forget(chat_id, chat)

    async def _notify(self, bot: Bot, target: Target, chat: _Chat) -> None:
        try:
            while chat.notes.get(target.thread):
                if self.limiter is not None:  # wait here, so that later lines join this one
                    await asyncio.sleep(self.limiter.eta_urgent(target.chat_id))
                notes = chat.notes.pop(target.thread, [])
                quote = notes[0][1] if len(notes) == 1 else None
                text = "\n".join(line for line, _ in notes)
                reply = Reply(html=text, text=html.unescape(text), kind="error")
                try:
                    await deliver(bot, replace(target, quote=quote, urgent=True), reply)
                except TelegramError as exc:  # e.g. the group became a supergroup meanwhile
                    log.info("Could not send a notice to chat %s (%s)", target.chat_id, exc)
        finally:
            chat.telling.discard(target.thread)
            self._forget(target.chat_id, chat)

    def _start(self, work: Awaitable[None]) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _forget(self, chat_id: int, chat: _Chat) -> None:
        if not (chat.jobs or chat.worker or chat.telling or chat.notes):
            self._chats.pop(chat_id, None)

    async def idle(self) -> None:
        """Wait until every queued answer and notice has gone (tests; shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self, seconds: float = CLOSE_SECONDS) -> None:
        """At shutdown: what is queued may still go for ``seconds``; the rest is dropped,
        with one log line."""
        try:
            await asyncio.wait_for(self.idle(), seconds)
        except TimeoutError:
            left = sum(len(chat.jobs) for chat in self._chats.values())
            log.warning("Stopping with %d queued answers unsent", left)
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
