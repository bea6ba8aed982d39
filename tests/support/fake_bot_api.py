"""A fake Telegram Bot API for the tests: no network, every call recorded.

    FakeBotApi        the answers: getMe, send*, the start-up calls; records every call and
                      answers anything else with an error and a note in ``unexpected``;
                      ``fail`` scripts Telegram's failures (429, 5xx, 403, 400, no answer)
    refusal           what Telegram itself would refuse, with its words: HTML texts, captions
                      and inline results that break its rules (bot.writing.markup), texts over 4,096
                      or captions over 1,024, callback_data over 64 bytes. The fake answers
                      400 and keeps the call in ``refused``; tests/conftest.py fails any test
                      that leaves a refusal behind (a reply that needed the plain fallback).
                      Scripted faults (``fail``) are not refusals: they test the fallback.
    group rules       Telegram's limits and groups: at most ``group_limit`` messages to one group
                      in ``group_window`` seconds and ``per_second`` in any second overall,
                      else 429 with ``retry_after`` (kept in ``too_fast``); forum topics
                      (``topics``: chat -> {thread: open?}): a closed one answers 400
                      TOPIC_CLOSED, an unknown one "message thread not found"; ``blocked``
                      chats answer 403; ``admins`` answer getChatMember
    FakeRequest       a telegram.request.BaseRequest over a FakeBotApi (handler tests);
                      make_app builds the real application over it, process feeds it JSON
    FakeBotApiServer  the same over HTTP on 127.0.0.1 with getUpdates (end-to-end tests),
                      which keeps each update until a later offset confirms it, like Telegram

Updates are raw Bot API JSON, as Telegram sends them: ``message_update``, ``button_update``,
``member_update`` (the bot added to a group, removed, blocked), ``edited_update``.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import json
import math
import threading
import time
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from telegram import Update
from telegram.error import TimedOut
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.adapters.state import ChatState
from bot.adapters.telegram.application import build_application
from bot.config import Settings
from bot.core import Core
from bot.reply import ChatContext, Reply
from bot.writing import fmt, markup

TOKEN = "123456:TEST-SECRET-TOKEN-abcdef"
BOT_USERNAME = "SeizureTestBot"
BOT_USER = {"id": 7000001, "is_bot": True, "first_name": "Seizures", "username": BOT_USERNAME}
PERSON = {"id": 1001, "is_bot": False, "first_name": "Reporter", "language_code": "en"}
PRIVATE_CHAT = {"id": 1001, "type": "private", "first_name": "Reporter"}
GROUP_CHAT = {"id": -1001234567890, "type": "supergroup", "title": "Newsroom"}
SENDS = ("sendMessage", "sendPhoto", "sendDocument")
ANSWERED_TRUE = (
    "answerCallbackQuery",
    "answerInlineQuery",
    "setMyCommands",
    "deleteWebhook",
    "setWebhook",
    "setMessageReaction",
)
THREAD_NOT_FOUND = "Bad Request: message thread not found"
TOPIC_CLOSED = "Bad Request: TOPIC_CLOSED"
BLOCKED = "Forbidden: bot was blocked by the user"
KICKED = "Forbidden: bot was kicked from the supergroup chat"
GROUP_LIMIT, GROUP_WINDOW, PER_SECOND = 20, 60.0, 30  # Telegram's
# form fields that PTB sends JSON-encoded (strings are sent as they are)
JSON_FIELDS = {
    "chat_id",
    "reply_markup",
    "reply_parameters",
    "link_preview_options",
    "results",
    "commands",
    "scope",
    "allowed_updates",
    "offset",
    "timeout",
    "limit",
    "drop_pending_updates",
    "max_connections",
    "message_thread_id",
    "message_id",
    "user_id",
}
_ids = itertools.count(1)


NO_ANSWER = 0  # a Fault status: FakeRequest raises TimedOut, the server hangs up


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    status: int = 200  # what the fake answered
    at: float = field(default_factory=time.monotonic)
    description: str = ""  # the error it answered, if any
    result: Any = None  # what it answered with 200 (the Message, for send*)

    @property
    def message_id(self) -> int:
        """The id of the message a send* made."""
        return int(self.result["message_id"])


@dataclass
class Fault:
    """A scripted failure: after ``skip`` calls of ``method`` (to ``chat_id`` only, if given)
    that go through, the next ``times`` get HTTP ``status`` with ``description`` (and
    ``retry_after``, for 429; ``migrate_to_chat_id``, for Telegram's 400 "group chat was
    upgraded to a supergroup chat"). getUpdates can fail too (FakeBotApiServer)."""

    method: str
    status: int
    description: str = ""
    retry_after: int | None = None
    times: int = 1
    chat_id: int | None = None
    skip: int = 0
    migrate_to_chat_id: int | None = None

    def matches(self, method: str, params: Mapping[str, Any]) -> bool:
        if self.times <= 0 or method != self.method:
            return False
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)

    def answer(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        if self.migrate_to_chat_id is not None:
            body["parameters"] = {"migrate_to_chat_id": self.migrate_to_chat_id}
        return body


class FakeBotApi:
    """What the Bot API answers. ``failing`` maps a method to the error description it
    returns (HTTP 400) every time; ``fail`` scripts a few failures; ``slow_chats`` maps a
    chat id to seconds each send* to it takes (FakeRequest only), to test how the bot copes.
    ``rules``: refuse what Telegram refuses (see ``refusal``); off only in the benchmark, so
    that the fake's own checking is not timed as the bot's work (the tests and the sweep
    prove the replies valid)."""

    def __init__(
        self,
        failing: Mapping[str, str] | None = None,
        *,
        rules: bool = True,
        group_limit: int = GROUP_LIMIT,
        group_window: float = GROUP_WINDOW,
        per_second: int = PER_SECOND,
    ) -> None:
        self.calls: list[Call] = []
        self.group_limit, self.group_window, self.per_second = group_limit, group_window, per_second
        self.too_fast: list[Call] = []  # sends answered 429 because they came too fast
        self.topics: dict[int, dict[int, bool]] = {}  # forum chat -> {thread id: open}
        self.blocked: set[int] = set()  # chats that blocked the bot or removed it
        self.admins: dict[int, set[int]] = {}  # chat -> its administrators (default: PERSON)
        self._went: list[float] = []  # when each delivered send went, all chats
        self._went_to: dict[int, list[float]] = {}  # the same by chat
        self.rules = rules
        self.unexpected: list[str] = []
        self.failing = dict(failing or {})
        self.faults: list[Fault] = []
        self.slow_chats: dict[int, float] = {}
        self.refused: list[Call] = []  # what Telegram's own rules refused (see ``refusal``)
        self._lock = threading.Lock()
        _made.add(self)

    def fail(self, method: str, status: int, description: str = "", **options: Any) -> Fault:
        """Script a failure (see Fault), e.g. ``fail("sendMessage", 429, retry_after=1)``."""
        fault = Fault(method, status, description, **options)
        with self._lock:
            self.faults.append(fault)
        return fault

    def respond(
        self, method: str, params: dict[str, Any], files: dict[str, bytes] | None = None
    ) -> tuple[int, dict[str, Any]]:
        fault = self._take_fault(method, params)
        if fault is not None:
            self.record(Call(method, params, files or {}, fault.status))
            return fault.status, fault.answer()
        if method in self.failing:
            self.record(Call(method, params, files or {}, 400))
            return 400, {"ok": False, "error_code": 400, "description": self.failing[method]}
        rule = self._group_rules(method, params)
        if rule is not None:
            status, body = rule
            self.record(Call(method, params, files or {}, status, description=body["description"]))
            if status == 429:
                with self._lock:
                    self.too_fast.append(self.calls[-1])
            return status, body
        problem = refusal(method, params) if self.rules else None
        if problem is not None:
            call = Call(method, params, files or {}, 400, description=problem)
            self.record(call)
            with self._lock:
                self.refused.append(call)
            return 400, {"ok": False, "error_code": 400, "description": problem}
        call = Call(method, params, files or {})
        if method in SENDS:
            call.result = sent_message(method, params)
        self.record(call)
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method in SENDS:
            return 200, {"ok": True, "result": call.result}
        if method in ANSWERED_TRUE:
            return 200, {"ok": True, "result": True}
        if method == "editMessageText":
            return 200, {"ok": True, "result": edited_message(params)}
        if method == "getChatMember":
            return 200, {"ok": True, "result": self._member(params)}
        self.unexpected.append(method)
        return 400, {"ok": False, "error_code": 400, "description": f"{method} is not faked"}

    def _group_rules(
        self, method: str, params: Mapping[str, Any]
    ) -> tuple[int, dict[str, Any]] | None:
        """Telegram's answer to a send that breaks its rules for chats: blocked, a topic
        closed or unknown, too fast (429 with retry_after); None if it may go."""
        if not self.rules or method not in SENDS or "chat_id" not in params:
            return None  # (the benchmark measures the bot, not Telegram's limits)
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            return 403, _error(403, BLOCKED if chat_id > 0 else KICKED)
        thread = params.get("message_thread_id")
        topics = self.topics.get(chat_id)
        if thread is not None and topics is not None:
            is_open = topics.get(int(thread))
            if is_open is None:
                return 400, _error(400, THREAD_NOT_FOUND)
            if not is_open:
                return 400, _error(400, TOPIC_CLOSED)
        wait = self._too_soon(chat_id)
        if wait:
            body = _error(429, f"Too Many Requests: retry after {wait}")
            return 429, {**body, "parameters": {"retry_after": wait}}
        return None

    def _too_soon(self, chat_id: int) -> int:
        """Whole seconds to wait (0: may go) by the windows of the sends that went."""
        now = time.monotonic()
        wait = 0.0
        with self._lock:
            if self.per_second and len(self._went) >= self.per_second:
                wait = self._went[-self.per_second] + 1.0 - now
            mine = self._went_to.get(chat_id, [])
            if chat_id < 0 and self.group_limit and len(mine) >= self.group_limit:
                wait = max(wait, mine[-self.group_limit] + self.group_window - now)
        return max(1, math.ceil(wait)) if wait > 0 else 0

    def _member(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """getChatMember: an administrator if listed in ``admins`` (PERSON where the chat is
        not listed), else a member."""
        user_id = int(params["user_id"])
        admin = user_id in self.admins.get(int(params["chat_id"]), {PERSON["id"]})
        user = {"id": user_id, "is_bot": False, "first_name": f"Person {user_id}"}
        if admin:
            return {"status": "administrator", "user": user, **ADMIN_RIGHTS}
        return {"status": "member", "user": user}

    def _take_fault(self, method: str, params: Mapping[str, Any]) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(method, params):
                    if fault.skip:
                        fault.skip -= 1
                        continue
                    fault.times -= 1
                    return fault
        return None

    def record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            if call.method in SENDS and call.status == 200 and "chat_id" in call.params:
                self._went.append(call.at)  # the windows of the group rules
                self._went_to.setdefault(int(call.params["chat_id"]), []).append(call.at)

    def sent(self, *methods: str) -> list[Call]:
        """The recorded calls of these methods (default: every send*), in order."""
        wanted = methods or SENDS
        return [call for call in self.calls if call.method in wanted]

    def delivered(self, *methods: str) -> list[Call]:
        """The calls of these methods (default: every send*) that the fake answered with 200."""
        return [call for call in self.sent(*methods) if call.status == 200]


def _error(status: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": status, "description": description}


ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
}
_made: weakref.WeakSet[FakeBotApi] = weakref.WeakSet()
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"


def take_refusals() -> list[str]:
    """Every refusal of every live FakeBotApi since the last call, as "method: description"
    (tests/conftest.py asks after each test)."""
    found = []
    for api in list(_made):
        with api._lock:
            found += [f"{call.method}: {call.description}" for call in api.refused]
            api.refused.clear()
    return found


def refusal(method: str, params: Mapping[str, Any]) -> str | None:
    """Telegram's description of why it would refuse this call, or None: a text or caption
    that breaks its HTML rules or length limits (bot.writing.markup), callback_data over 64
    bytes."""
    try:
        for text, caption, parse_mode in _texts(method, params):
            html = text if str(parse_mode).upper() == "HTML" else fmt.esc(text)
            markup.check(html, caption=caption)
    except markup.MarkupError as exc:
        return exc.description
    keyboard = params.get("reply_markup") or {}
    for row in keyboard.get("inline_keyboard", []) if isinstance(keyboard, dict) else []:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                return BUTTON_DATA_INVALID
    return None


def _texts(method: str, params: Mapping[str, Any]) -> Iterator[tuple[str, bool, Any]]:
    """(text, is a caption, parse mode) of each text a call asks Telegram to show."""
    if method in ("sendMessage", "editMessageText"):
        yield str(params.get("text", "")), False, params.get("parse_mode")
    elif method in ("sendPhoto", "sendDocument") and params.get("caption") is not None:
        yield str(params["caption"]), True, params.get("parse_mode")
    elif method == "answerInlineQuery":
        for result in params.get("results") or []:
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                yield str(content["message_text"]), False, content.get("parse_mode")


def sent_message(method: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The Message Telegram returns for a send* call."""
    chat_id = int(params["chat_id"])
    chat = {**GROUP_CHAT, "id": chat_id}
    if chat_id > 0:
        chat = {**PRIVATE_CHAT, "id": chat_id}
    message: dict[str, Any] = {
        "message_id": next(_ids) + 5000,
        "date": int(time.time()),
        "chat": chat,
        "from": BOT_USER,
    }
    if method == "sendMessage":
        message["text"] = params.get("text", "")
    else:
        file = {"file_id": f"file{next(_ids)}", "file_unique_id": f"u{next(_ids)}"}
        if method == "sendPhoto":
            message["photo"] = [{**file, "width": 640, "height": 480}]
        else:
            message["document"] = file
        message["caption"] = params.get("caption")
    if "reply_markup" in params:
        message["reply_markup"] = params["reply_markup"]
    if params.get("message_thread_id") is not None:
        message["message_thread_id"] = int(params["message_thread_id"])
        message["is_topic_message"] = True
        message["chat"]["is_forum"] = True
    return message


def edited_message(params: Mapping[str, Any]) -> dict[str, Any]:
    """The Message Telegram returns for editMessageText."""
    message = sent_message("sendMessage", params)
    message.update(message_id=int(params["message_id"]), edit_date=int(time.time()))
    return message


class FakeRequest(BaseRequest):
    """The fake Bot API as python-telegram-bot's transport: no sockets at all."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        params = dict(request_data.parameters) if request_data else {}
        files = {}
        if request_data and request_data.contains_files:
            files = {name: part[1] for name, part in request_data.multipart_data.items()}
        method = url.rsplit("/", 1)[-1]
        chat_id = params.get("chat_id")
        delay = self.api.slow_chats.get(int(chat_id)) if chat_id is not None else None
        if delay and method in SENDS:
            await asyncio.sleep(delay)
        status, body = self.api.respond(method, params, files)  # type: ignore
        if status == NO_ANSWER:
            raise TimedOut("fake: no answer")
        return status, json.dumps(body).encode()


class FixedCore(Core):
    """A core that gives one prepared reply, whatever it is asked (a test double of the
    core, to exercise the sending of any shape of reply)."""

    def __init__(self, reply: Reply) -> None:
        self.reply = reply

    def cached(self, text: str, context: ChatContext | None = None) -> Reply | None:
        return None  # nothing kept: every question goes to answer()

    def answer(self, text: str, context: ChatContext | None = None) -> Reply:
        return self.reply


def make_app(
    core: Core, api: FakeBotApi, tmp_path: Path, state: ChatState | None = None, **settings: Any
) -> Application:
    """The application that runs, built by build_application, over the fake transport;
    its chat state in tmp_path, unless ``state`` is given."""
    config = Settings(token=TOKEN, state_path=tmp_path / "state.sqlite3", **settings)
    return build_application(config, core, request=FakeRequest(api), state=state)


async def process(app: Application, data: dict) -> None:
    """Handle one update given as Bot API JSON, as the running application would."""
    await app.process_update(Update.de_json(data, app.bot))


def message_update(text: str, chat: Mapping[str, Any] = PRIVATE_CHAT, **extra: Any) -> dict:
    """A new message as Telegram sends it; a leading /command gets its bot_command entity."""
    update_id = next(_ids)
    message: dict[str, Any] = {
        "message_id": update_id + 100,
        "date": int(time.time()),
        "chat": dict(chat),
        "from": PERSON,
        "text": text,
        **extra,
    }
    if text.startswith("/"):
        length = len(text.split()[0].encode("utf-16-le")) // 2
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": update_id, "message": message}


def button_update(
    data: str | None,
    chat: Mapping[str, Any] = PRIVATE_CHAT,
    sender: Mapping[str, Any] = PERSON,
    thread: int | None = None,
    old: bool = False,
) -> dict:
    """A press on a button under one of the bot's messages, with ``data`` as callback_data;
    ``thread``: in that forum topic; ``old``: on a message Telegram no longer shows the bot
    (over 48 hours old: an InaccessibleMessage, date 0)."""
    update_id = next(_ids)
    query: dict[str, Any] = {
        "id": f"query{update_id}",
        "from": dict(sender),
        "chat_instance": "instance-1",
        "message": {
            "message_id": update_id + 100,
            "date": int(time.time()),
            "chat": dict(chat),
            "from": BOT_USER,
            "text": "Did you mean...",
        },
    }
    if thread is not None:
        query["message"].update(message_thread_id=thread, is_topic_message=True)
        query["message"]["chat"]["is_forum"] = True
    if old:
        query["message"] = {"message_id": update_id + 100, "date": 0, "chat": dict(chat)}
    if data is not None:
        query["data"] = data
    return {"update_id": update_id, "callback_query": query}


def edited_update(original: dict, text: str) -> dict:
    """The update Telegram sends when the message of ``original`` is edited to ``text``."""
    message = {**original["message"], "text": text, "edit_date": int(time.time())}
    if text.startswith("/"):
        length = len(text.split()[0].encode("utf-16-le")) // 2
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    else:
        message.pop("entities", None)
    return {"update_id": next(_ids), "edited_message": message}


def person(number: int, name: str = "") -> dict[str, Any]:
    """Another reporter (a user), e.g. ``person(2, "Bea")``."""
    return {"id": 1000 + number, "is_bot": False, "first_name": name or f"Reporter {number}"}


def topic_update(text: str, chat: Mapping[str, Any], thread: int, **extra: Any) -> dict:
    """A message in forum topic ``thread`` (General is thread 1: no thread fields there)."""
    forum = {**chat, "is_forum": True}
    update = message_update(text, forum, message_thread_id=thread, is_topic_message=True, **extra)
    return update


def member_update(
    status: str, chat: Mapping[str, Any] = GROUP_CHAT, old: str = "member", by: Any = None
) -> dict:
    """my_chat_member: the bot's own membership changed (``status``: member, kicked, left,
    administrator). In a private chat, kicked means the person blocked the bot."""
    update_id = next(_ids)
    return {
        "update_id": update_id,
        "my_chat_member": {
            "chat": dict(chat),
            "from": by or PERSON,
            "date": int(time.time()),
            "old_chat_member": {"status": old, "user": BOT_USER, **_until(old)},
            "new_chat_member": {"status": status, "user": BOT_USER, **_until(status)},
        },
    }


def _until(status: str) -> dict[str, Any]:
    """The fields Telegram adds for these statuses."""
    if status == "kicked":
        return {"until_date": 0}
    return ADMIN_RIGHTS if status == "administrator" else {}


def inline_update(query: str) -> dict:
    """An inline query (``@TheBot west mercia`` typed in any chat)."""
    update_id = next(_ids)
    return {
        "update_id": update_id,
        "inline_query": {"id": f"inline{update_id}", "from": PERSON, "query": query, "offset": ""},
    }


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # the bot opens dozens of connections at once
    daemon_threads = True


class FakeBotApiServer:
    """The fake Bot API over HTTP on 127.0.0.1 (a free port), serving ``/bot<token>/<method>``.

    ``push`` queues an update. getUpdates works like Telegram's: it returns at most ``limit``
    (100) updates with ids from ``offset`` on, in id order, and an update stays queued until
    a getUpdates with a higher offset confirms it, so a poll cut short loses nothing. (An
    update pushed with an id below one already confirmed is never delivered.) An empty
    getUpdates waits ``poll_wait`` seconds, like a short long poll. HTTP/1.1 keep-alive."""

    def __init__(self, token: str, api: FakeBotApi | None = None, poll_wait: float = 0.3) -> None:
        self.token = token
        self.api = api or FakeBotApi()
        self.poll_wait = poll_wait
        self._pending: list[dict[str, Any]] = []  # in update_id order
        self._confirmed = 0  # updates below this id are gone
        self._ready = threading.Condition()
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/bot"

    def __enter__(self) -> FakeBotApiServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def push(self, *updates: dict[str, Any]) -> None:
        with self._ready:
            for update in updates:
                bisect.insort(self._pending, update, key=lambda u: u["update_id"])
            self._ready.notify_all()

    @property
    def pending(self) -> int:
        """How many updates are not yet confirmed."""
        with self._ready:
            return len(self._pending)

    def get_updates(self, params: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
        fault = self.api._take_fault("getUpdates", params)
        if fault is not None:  # e.g. 409 Conflict, 401 Unauthorized
            self.api.record(Call("getUpdates", dict(params), status=fault.status))
            return fault.status, fault.answer()
        self.api.record(Call("getUpdates", dict(params)))
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        with self._ready:
            self._confirm(offset)
            if not self._pending:
                self._ready.wait(self.poll_wait)
                self._confirm(offset)
            start = bisect.bisect_left(self._pending, offset, key=lambda u: u["update_id"])
            batch = self._pending[start : start + max(1, min(limit, 100))]
        return 200, {"ok": True, "result": batch}

    def _confirm(self, offset: int) -> None:
        if offset > self._confirmed:
            self._confirmed = offset
            cut = bisect.bisect_left(self._pending, offset, key=lambda u: u["update_id"])
            del self._pending[:cut]

    def handle(self, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        prefix, _, method = path.rpartition("/")
        if prefix != f"/bot{self.token}":
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        params = {
            key: json.loads(value) if key in JSON_FIELDS else value
            for key, value in parse_qsl(body.decode(), keep_blank_values=True)
        }
        if method == "getUpdates":
            return self.get_updates(params)
        return self.api.respond(method, params)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects
            disable_nagle_algorithm = True  # else each answer's body waits ~40 ms for an ACK

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                status, answer = server.handle(self.path, self.rfile.read(length))
                if status == NO_ANSWER:  # the network fails: hang up without a word
                    self.close_connection = True
                    return
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the bot stopped polling
                    pass

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        return Handler
