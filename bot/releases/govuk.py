"""The GOV.UK Content API, as far as the seizures releases need it.

    GET {base}/api/content/government/collections/seizures-of-drugs-in-england-and-wales
        -> links.documents[]: title, base_path, api_url, public_updated_at
    GET {base}/api/content{base_path}
        -> title, public_updated_at, details.attachments[]: title, url, filename, content_type

Trusted and bounded:
- only GOV.UK's own hosts over https (GOVUK_HOSTS), or the base URL's own host when another
  base URL is configured (a test stand-in); every redirect is checked the same way, at most
  MAX_REDIRECTS of them;
- every exchange (a request with its retries and redirects) ends within ``exchange_seconds``:
  each read waits at most what is left, and a body that trickles is cut off at the deadline;
- a timeout, a dropped connection, a 429 or a 5xx answer is tried again a bounded number of
  times; a 4xx is not; downloads stop at a size limit;
- JSON of the wrong shape, too deeply nested, a bad URL, a bad gzip body or a file name
  such as ``..`` is a GovukError like any other: one line naming the URL, never a traceback.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

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
EXCHANGE_SECONDS = 180.0  # the most one exchange (retries and redirects included) may take
MAX_REDIRECTS = 5
GOVUK_HOSTS = {"www.gov.uk", "assets.publishing.service.gov.uk"}
_BASE_PATH = re.compile(r"^/[A-Za-z0-9_./-]{1,300}$")


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
        exchange_seconds: float = EXCHANGE_SECONDS,
        progress: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry_delays = retry_delays
        self.max_file_bytes = max_file_bytes
        self.exchange_seconds = exchange_seconds
        self.progress = progress
        base = urlsplit(self.base_url)
        self._trusted = {("https", host) for host in GOVUK_HOSTS} | {(base.scheme, base.netloc)}
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,  # each redirect is checked (_once)
            headers={"User-Agent": "seizure-bot (drug seizure statistics; update)"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def collection(self) -> list[Document]:
        url = f"{self.base_url}/api/content{COLLECTION}"
        data = self._json(url)
        documents = _field(url, _field(url, data, "links", dict), "documents", list)
        return [
            Document(
                str(d.get("title", "")), _base_path(url, d), str(d.get("public_updated_at", ""))
            )
            for d in documents
            if isinstance(d, dict) and d.get("base_path")
        ]

    def release(self, base_path: str) -> Release:
        url = f"{self.base_url}/api/content{base_path}"
        data = self._json(url)
        details = _field(url, data, "details", dict)
        return Release(
            title=str(data.get("title") or ""),
            base_path=base_path,
            web_url=f"{self.base_url}{base_path}",
            updated=str(data.get("public_updated_at") or data.get("first_published_at") or ""),
            attachments=tuple(_spreadsheets(_field(url, details, "attachments", list))),
        )

    def download(self, attachment: Attachment, folder: Path) -> Path:
        """The file, saved in ``folder`` under its own name (made safe)."""
        name = _safe_name(attachment.filename)
        target = folder / name
        size = self._fetch(attachment.url, target, self.max_file_bytes)
        self.progress(f"downloaded {name} ({_size(size)}) from {attachment.url}")
        return target

    def _json(self, url: str) -> dict[str, Any]:
        body = self._fetch(url, None, MAX_JSON_BYTES)
        assert isinstance(body, bytes)
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            raise GovukError(f"{url} did not answer JSON") from None
        if not isinstance(data, dict):
            raise GovukError(f"{url} did not answer a JSON object")
        return data

    def _fetch(self, url: str, target: Path | None, limit: int) -> Any:
        """The body (or its size, once written to ``target``), with bounded retries, all
        within one deadline."""
        deadline = time.monotonic() + self.exchange_seconds
        for attempt, delay in enumerate((*self.retry_delays, None)):
            try:
                return self._once(url, target, limit, deadline)
            except _Retry as exc:
                if delay is None or time.monotonic() + delay >= deadline:
                    raise GovukError(f"{url}: {exc} (tried {attempt + 1} times)") from None
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _once(self, url: str, target: Path | None, limit: int, deadline: float) -> Any:
        for _ in range(MAX_REDIRECTS + 1):
            self._check(url)
            response = self._get(url, target, limit, deadline)
            if isinstance(response, str):  # a redirect: where to
                url = response
                continue
            return response
        raise GovukError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _check(self, url: str) -> None:
        """GOV.UK's own hosts over https only (or the configured base URL's host)."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise GovukError(f"{url!r} is not a valid address") from None
        if (parts.scheme, parts.netloc) not in self._trusted:
            raise GovukError(
                f"{url!r} is not on GOV.UK over https ({', '.join(sorted(GOVUK_HOSTS))}); "
                "not followed"
            )

    def _get(self, url: str, target: Path | None, limit: int, deadline: float) -> Any:
        """One GET: the body, its size once written, or the address a redirect names."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise GovukError(f"{url}: no complete answer within {self.exchange_seconds:g} s")
        timeout = httpx.Timeout(min(self.timeout, left), connect=min(self.timeout, left, 10.0))
        try:
            with self._http.stream("GET", url, timeout=timeout) as response:
                if response.is_redirect:
                    return urljoin(url, response.headers.get("location", ""))
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
                    if time.monotonic() > deadline:
                        raise GovukError(
                            f"{url}: no complete answer within {self.exchange_seconds:g} s"
                        )
                    chunks.append(chunk)
        except httpx.TimeoutException:
            raise _Retry("timed out") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError):
            raise GovukError(f"{url!r} is not a valid address") from None
        except httpx.DecodingError:
            raise GovukError(f"{url} answered a body that cannot be decoded") from None
        except httpx.TransportError as exc:
            raise _Retry(f"could not be reached ({type(exc).__name__})") from None
        body = b"".join(chunks)
        if target is None:
            return body
        target.write_bytes(body)
        return size


def _field(url: str, data: dict[str, Any], name: str, kind: type) -> Any:
    """``data[name]`` if it is of ``kind`` (absent: empty); otherwise a GovukError."""
    value = data.get(name)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        raise GovukError(f"{url}: {name!r} is not a JSON {kind.__name__}")
    return value


def _base_path(url: str, document: dict[str, Any]) -> str:
    path = str(document["base_path"])
    if not _BASE_PATH.match(path) or ".." in path:
        raise GovukError(f"{url}: a document path {path[:80]!r} that is not a GOV.UK path")
    return path


def _safe_name(filename: str) -> str:
    """A file name with no folder and nothing but letters, digits, '.', '_' and '-'."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename).name).strip("._")
    return name[:100] or "attachment"


class _Retry(Exception):
    """A failure worth another try."""


def _spreadsheets(attachments: list[Any]) -> list[Attachment]:
    out = []
    for item in attachments:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        filename = str(item.get("filename") or item["url"].rsplit("/", 1)[-1])
        typed = SPREADSHEETS.get(str(item.get("content_type", "")).split(";")[0])
        suffix = Path(filename).suffix.lower()
        if typed or suffix in SPREADSHEETS.values():
            name = _safe_name(filename)
            if Path(name).suffix.lower() not in SPREADSHEETS.values():
                name += typed or suffix
            out.append(Attachment(str(item.get("title", filename)), str(item["url"]), name))
    return out


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, size // 1000)} KB"
