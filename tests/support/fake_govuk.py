"""A GOV.UK stand-in on 127.0.0.1: the Content API's real shapes, and real failures.

The JSON follows the publishing-api examples (``document_collection``: ``links.documents[]``
with ``title``, ``base_path``, ``api_path``, ``api_url``, ``web_url``, ``public_updated_at``;
``publication``: ``details.attachments[]`` with ``attachment_type`` "file", ``title``,
``url``, ``filename``, ``content_type``, ``file_size``). Files are served from memory.
Routes can answer 404 (anything unknown), 500 a number of times before answering, answer
slowly, redirect, trickle a byte at a time, send any headers, or serve any bytes (a corrupt
file). Every request is recorded.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bot.releases.govuk import COLLECTION

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
CONTENT_TYPES = {".xlsx": XLSX, ".ods": ODS, ".csv": "text/csv", ".pdf": "application/pdf"}


@dataclass
class Route:
    body: bytes
    content_type: str = "application/json"
    status: int = 200
    fail_first: int = 0  # answer 500 this many times first
    delay: float = 0.0  # seconds before answering
    location: str = ""  # answer a 302 redirect to this address
    trickle: float = 0.0  # seconds between the bytes of the body
    headers: dict[str, str] = field(default_factory=dict)  # more response headers


@dataclass
class FakeGovuk:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)

    def start(self) -> FakeGovuk:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the http.server name)
                fake.requests.append(self.path)
                route = fake.routes.get(self.path.split("?")[0])
                if route is None:
                    self._send(404, "application/json", b'{"error":"not found"}')
                    return
                time.sleep(route.delay)
                if route.fail_first > 0:
                    route.fail_first -= 1
                    self._send(500, "text/html", b"<h1>Internal Server Error</h1>")
                    return
                if route.location:
                    self._send(302, "text/html", b"", {"Location": route.location})
                    return
                self._send(route.status, route.content_type, route.body, route.headers,
                           route.trickle)  # fmt: skip

            def _send(
                self,
                status: int,
                content_type: str,
                body: bytes,
                headers: dict[str, str] | None = None,
                trickle: float = 0.0,
            ) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    if not trickle:
                        self.wfile.write(body)
                        return
                    for byte in body:  # a server that trickles: a byte at a time
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(trickle)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self._publish_collection()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add_release(
        self,
        slug: str,
        title: str,
        updated: str,
        files: dict[str, bytes],
        **file_route: Any,
    ) -> str:
        """A publication with spreadsheet attachments, listed in the collection."""
        base_path = f"/government/statistics/{slug}"
        attachments = []
        for number, (name, body) in enumerate(files.items(), start=1):
            path = (
                f"/government/uploads/system/uploads/attachment_data/file/{900000 + number}/{name}"
            )
            suffix = name[name.rfind(".") :]
            self.routes[path] = Route(
                body, CONTENT_TYPES.get(suffix, "application/octet-stream"), **file_route
            )
            attachments.append(
                {
                    "attachment_type": "file",
                    "id": name,
                    "title": f"Data tables: {name}",
                    "url": f"{self.base_url}{path}",
                    "content_type": CONTENT_TYPES.get(suffix, ""),
                    "file_size": len(body),
                    "filename": name,
                    "accessible": True,
                }
            )
        self.routes[f"/api/content{base_path}"] = _json(
            {
                "base_path": base_path,
                "content_id": str(uuid.uuid4()),
                "document_type": "official_statistics",
                "schema_name": "publication",
                "title": title,
                "locale": "en",
                "first_published_at": updated,
                "public_updated_at": updated,
                "description": title,
                "links": {},
                "details": {
                    "attachments": attachments,
                    "body": "<p>Statistics.</p>",
                    "change_history": [{"public_timestamp": updated, "note": "First published."}],
                },
            }
        )
        self.documents.append(
            {
                "api_path": f"/api/content{base_path}",
                "base_path": base_path,
                "content_id": str(uuid.uuid4()),
                "document_type": "official_statistics",
                "locale": "en",
                "public_updated_at": updated,
                "schema_name": "publication",
                "title": title,
                "withdrawn": False,
                "links": {},
                "api_url": f"{self.base_url}/api/content{base_path}",
                "web_url": f"{self.base_url}{base_path}",
            }
        )
        self._publish_collection()
        return base_path

    def _publish_collection(self, **route: Any) -> None:
        self.routes[f"/api/content{COLLECTION}"] = _json(
            {
                "base_path": COLLECTION,
                "content_id": "5eb6a25e-7631-11e4-a3cb-005056011aef",
                "document_type": "document_collection",
                "schema_name": "document_collection",
                "title": "Seizures of drugs in England and Wales",
                "locale": "en",
                "public_updated_at": "2026-02-12T09:30:00.000+00:00",
                "description": "",
                "details": {
                    "collection_groups": [
                        {
                            "title": "Releases",
                            "body": "",
                            "documents": [d["content_id"] for d in self.documents],
                        }
                    ]
                },
                "links": {"documents": list(self.documents)},
            },
            **route,
        )


def _json(data: dict[str, Any], **route: Any) -> Route:
    return Route(json.dumps(data).encode(), "application/json", **route)
