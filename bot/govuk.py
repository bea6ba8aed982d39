"""The GOV.UK Content API, as far as the seizures releases need it.

    GET {base}/api/content/government/collections/seizures-of-drugs-in-england-and-wales
        -> links.documents[]: title, base_path, api_url, public_updated_at
    GET {base}/api/content{base_path}
        -> title, public_updated_at, details.attachments[]: title, url, filename, content_type

Attachment URLs are followed as given. Every request has timeouts; a timeout, a dropped
connection, a 429 or a 5xx answer is tried again a bounded number of times; a 4xx is not.
Downloads stop at a size limit. Failures raise GovukError, whose message names the URL.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

DEFAULT_BASE_URL = "https://www.gov.uk"
COLLECTION = "/government/collections/seizures-of-drugs-in-england-and-wales"
SPREADSHEETS = {
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "text/csv": ".csv",
}
MAX_FILE_BYTES = 50_000_000
MAX_JSON_BYTES = 5_000_000
RETRY_DELAYS = (1.0, 3.0)  # waits before the 2nd and 3rd try


class GovukError(RuntimeError):
    """GOV.UK could not be reached or answered something unusable; names the URL."""


@dataclass(frozen=True)
class Document:
    """A document listed in the collection."""

    title: str
    base_path: str
    updated: str  # public_updated_at, ISO date and time


@dataclass(frozen=True)
class Attachment:
    title: str
    url: str
    filename: str


@dataclass(frozen=True)
class Release:
    title: str
    base_path: str
    web_url: str
    updated: str
    attachments: tuple[Attachment, ...]  # spreadsheets only


class Client:
    """A small, patient GOV.UK client. ``progress`` gets one line per file downloaded."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = 30.0,
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
        max_file_bytes: int = MAX_FILE_BYTES,
        progress: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.retry_delays = retry_delays
        self.max_file_bytes = max_file_bytes
        self.progress = progress
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=True,
            headers={"User-Agent": "seizure-bot (drug seizure statistics; update)"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def collection(self) -> list[Document]:
        data = self._json(f"{self.base_url}/api/content{COLLECTION}")
        documents = (data.get("links") or {}).get("documents") or []
        return [
            Document(
                str(d.get("title", "")), str(d["base_path"]), str(d.get("public_updated_at", ""))
            )
            for d in documents
            if isinstance(d, dict) and d.get("base_path")
        ]

    def release(self, base_path: str) -> Release:
        data = self._json(f"{self.base_url}/api/content{base_path}")
        details = data.get("details") or {}
        return Release(
            title=str(data.get("title", "")),
            base_path=base_path,
            web_url=f"{self.base_url}{base_path}",
            updated=str(data.get("public_updated_at") or data.get("first_published_at") or ""),
            attachments=tuple(_spreadsheets(details.get("attachments") or [])),
        )

    def download(self, attachment: Attachment, folder: Path) -> Path:
        """The file, saved in ``folder`` under its own name (made safe)."""
        name = Path(attachment.filename).name or "attachment"
        target = folder / name
        size = self._fetch(attachment.url, target, self.max_file_bytes)
        self.progress(f"downloaded {name} ({_size(size)}) from {attachment.url}")
        return target

    def _json(self, url: str) -> dict[str, Any]:
        body = self._fetch(url, None, MAX_JSON_BYTES)
        assert isinstance(body, bytes)
        try:
            data = json.loads(body)
        except ValueError:
            raise GovukError(f"{url} did not answer JSON") from None
        if not isinstance(data, dict):
            raise GovukError(f"{url} did not answer a JSON object")
        return data

    def _fetch(self, url: str, target: Path | None, limit: int) -> Any:
        """The body (or its size, once written to ``target``), with bounded retries."""
        for attempt, delay in enumerate((*self.retry_delays, None)):
            try:
                return self._once(url, target, limit)
            except _Retry as exc:
                if delay is None:
                    raise GovukError(f"{url}: {exc} (tried {attempt + 1} times)") from None
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _once(self, url: str, target: Path | None, limit: int) -> Any:
        try:
            with self._http.stream("GET", url) as response:
                if response.status_code == 429 or response.status_code >= 500:
                    raise _Retry(f"answered {response.status_code}")
                if response.status_code != 200:
                    raise GovukError(f"{url} answered {response.status_code}")
                declared = int(response.headers.get("content-length") or 0)
                if declared > limit:
                    raise GovukError(f"{url} is {_size(declared)}, over the {_size(limit)} limit")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise GovukError(f"{url} is over the {_size(limit)} limit")
                    chunks.append(chunk)
        except httpx.TimeoutException:
            raise _Retry("timed out") from None
        except httpx.TransportError as exc:
            raise _Retry(f"could not be reached ({type(exc).__name__})") from None
        body = b"".join(chunks)
        if target is None:
            return body
        target.write_bytes(body)
        return size


class _Retry(Exception):
    """A failure worth another try."""


def _spreadsheets(attachments: list[Any]) -> list[Attachment]:
    out = []
    for item in attachments:
        if not isinstance(item, dict) or not item.get("url"):
            continue
        filename = str(item.get("filename") or item["url"].rsplit("/", 1)[-1])
        suffix = SPREADSHEETS.get(str(item.get("content_type", "")).split(";")[0])
        if suffix or Path(filename).suffix.lower() in SPREADSHEETS.values():
            out.append(Attachment(str(item.get("title", filename)), str(item["url"]), filename))
    return out


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, size // 1000)} KB"
