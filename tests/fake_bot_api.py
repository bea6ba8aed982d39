"""A fake Telegram Bot API for the tests: no network, every call recorded.

    FakeBotApi        the answers: getMe, send*, the start-up calls; records every call and
                      answers anything else with an error and a note in ``unexpected``
    FakeRequest       a telegram.request.BaseRequest over a FakeBotApi (handler tests);
                      make_app builds the real application over it, process feeds it JSON
    FakeBotApiServer  the same over HTTP on 127.0.0.1 with getUpdates (end-to-end tests)

Updates are raw Bot API JSON, as Telegram sends them: ``message_update``, ``button_update``.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.config import Settings
from bot.core import Core
from bot.telegram_app import build_application

TOKEN = "123456:TEST-SECRET-TOKEN-abcdef"
BOT_USERNAME = "SeizureTestBot"
BOT_USER = {"id": 7000001, "is_bot": True, "first_name": "Seizures", "username": BOT_USERNAME}
PERSON = {"id": 1001, "is_bot": False, "first_name": "Reporter", "language_code": "en"}
PRIVATE_CHAT = {"id": 1001, "type": "private", "first_name": "Reporter"}
GROUP_CHAT = {"id": -1001234567890, "type": "supergroup", "title": "Newsroom"}
SENDS = ("sendMessage", "sendPhoto", "sendDocument")
ANSWERED_TRUE = ("answerCallbackQuery", "answerInlineQuery", "setMyCommands", "deleteWebhook",
                 "setWebhook")
# form fields that PTB sends JSON-encoded (strings are sent as they are)
JSON_FIELDS = {"chat_id", "reply_markup", "reply_parameters", "link_preview_options", "results",
               "commands", "scope", "allowed_updates", "offset", "timeout", "limit",
               "drop_pending_updates", "max_connections"}
_ids = itertools.count(1)


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)


class FakeBotApi:
    """What the Bot API answers. ``failing`` maps a method to the error description it
    returns (HTTP 400), to test how the bot copes."""

    def __init__(self, failing: Mapping[str, str] | None = None) -> None:
        self.calls: list[Call] = []
        self.unexpected: list[str] = []
        self.failing = dict(failing or {})
        self._lock = threading.Lock()

    def respond(
        self, method: str, params: dict[str, Any], files: dict[str, bytes] | None = None
    ) -> tuple[int, dict[str, Any]]:
        self.record(Call(method, params, files or {}))
        if method in self.failing:
            return 400, {"ok": False, "error_code": 400, "description": self.failing[method]}
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method in SENDS:
            return 200, {"ok": True, "result": sent_message(method, params)}
        if method in ANSWERED_TRUE:
            return 200, {"ok": True, "result": True}
        self.unexpected.append(method)
        return 400, {"ok": False, "error_code": 400, "description": f"{method} is not faked"}

    def record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    def sent(self, *methods: str) -> list[Call]:
        """The recorded calls of these methods (default: every send*), in order."""
        wanted = methods or SENDS
        return [call for call in self.calls if call.method in wanted]


def sent_message(method: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The Message Telegram returns for a send* call."""
    chat_id = int(params["chat_id"])
    chat = PRIVATE_CHAT if chat_id == PRIVATE_CHAT["id"] else {**GROUP_CHAT, "id": chat_id}
    message: dict[str, Any] = {
        "message_id": next(_ids) + 5000, "date": int(time.time()), "chat": chat, "from": BOT_USER,
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
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        params = dict(request_data.parameters) if request_data else {}
        files = {}
        if request_data and request_data.contains_files:
            files = {name: part[1] for name, part in request_data.multipart_data.items()}
        status, body = self.api.respond(url.rsplit("/", 1)[-1], params, files)  # type: ignore
        return status, json.dumps(body).encode()


def make_app(core: Core, api: FakeBotApi, tmp_path: Path, **settings: Any) -> Application:
    """The application that runs, built by build_application, over the fake transport."""
    config = Settings(token=TOKEN, persistence_path=tmp_path / "state.pickle", **settings)
    return build_application(config, core, request=FakeRequest(api))


async def process(app: Application, data: dict) -> None:
    """Handle one update given as Bot API JSON, as the running application would."""
    await app.process_update(Update.de_json(data, app.bot))


def message_update(text: str, chat: Mapping[str, Any] = PRIVATE_CHAT, **extra: Any) -> dict:
    """A new message as Telegram sends it; a leading /command gets its bot_command entity."""
    update_id = next(_ids)
    message: dict[str, Any] = {
        "message_id": update_id + 100, "date": int(time.time()), "chat": dict(chat),
        "from": PERSON, "text": text, **extra,
    }
    if text.startswith("/"):
        length = len(text.split()[0].encode("utf-16-le")) // 2
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": update_id, "message": message}


def button_update(data: str | None, chat: Mapping[str, Any] = PRIVATE_CHAT) -> dict:
    """A press on a button under one of the bot's messages, with ``data`` as callback_data."""
    update_id = next(_ids)
    query: dict[str, Any] = {
        "id": f"query{update_id}", "from": PERSON, "chat_instance": "instance-1",
        "message": {"message_id": update_id + 100, "date": int(time.time()),
                    "chat": dict(chat), "from": BOT_USER, "text": "Did you mean..."},
    }
    if data is not None:
        query["data"] = data
    return {"update_id": update_id, "callback_query": query}


def inline_update(query: str) -> dict:
    """An inline query (``@TheBot west mercia`` typed in any chat)."""
    update_id = next(_ids)
    return {
        "update_id": update_id,
        "inline_query": {"id": f"inline{update_id}", "from": PERSON, "query": query,
                         "offset": ""},
    }


class FakeBotApiServer:
    """The fake Bot API over HTTP on 127.0.0.1 (a free port), serving ``/bot<token>/<method>``.
    ``push`` queues an update that the next getUpdates delivers once; an empty getUpdates
    waits ``poll_wait`` seconds, like a short long poll."""

    def __init__(self, token: str, api: FakeBotApi | None = None, poll_wait: float = 0.3) -> None:
        self.token = token
        self.api = api or FakeBotApi()
        self.poll_wait = poll_wait
        self._pending: list[dict[str, Any]] = []
        self._ready = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
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

    def push(self, update: dict[str, Any]) -> None:
        with self._ready:
            self._pending.append(update)
            self._ready.notify_all()

    def get_updates(self, params: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
        self.api.record(Call("getUpdates", dict(params)))
        with self._ready:
            if not self._pending:
                self._ready.wait(self.poll_wait)
            batch, self._pending = self._pending, []
        return 200, {"ok": True, "result": batch}

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
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                status, answer = server.handle(self.path, self.rfile.read(length))
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
