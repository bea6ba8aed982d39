"""GOV.UK exchanges are bounded and trusted: an overall deadline, GOV.UK's own hosts over
https only (the stand-in's base URL aside), redirects checked, and every malformed answer
one line naming the URL, the data unchanged."""

from __future__ import annotations

import gzip
import json
import time

import pytest

from bot.releases import govuk
from bot.releases.update import UpdateError, update
from tests.support.fake_govuk import FakeGovuk, Route
from tests.support.release_books import bundled, save, workbook

SLUG = "seizures-of-drugs-in-england-and-wales-financial-year-ending-2019"
TITLE = "Seizures of drugs in England and Wales, financial year ending 2019"
UPDATED = "2026-03-05T09:30:00.000+00:00"
COLLECTION = f"/api/content{govuk.COLLECTION}"


@pytest.fixture()
def fake():
    server = FakeGovuk().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("book") / "t.xlsx"
    return save(workbook("accessible", "wide", bundled([2019]), [2019]), path).read_bytes()


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def refused(fake, data_dir, **options) -> str:
    """The one line saying why: the whole update's (UpdateError) when the collection
    cannot be read, else the release's ("NOT imported"); the data unchanged either way."""
    before = snapshot(data_dir)
    settings = {"timeout": 2.0, "retry_delays": (0.0, 0.0)} | options
    with govuk.Client(fake.base_url, **settings) as client:
        try:
            summary = update(data_dir, client=client)
        except UpdateError as exc:
            message = str(exc)
        else:
            assert not summary.ok and len(summary.failures) == 1
            message = summary.failures[0]
    assert snapshot(data_dir) == before
    assert "\n" not in message and "Traceback" not in message
    return message


def file_route(fake) -> str:
    return next(p for p in fake.routes if p.endswith("tables.xlsx"))


def test_a_trickling_server_ends_within_the_deadline(fake, data_dir, book):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": book})
    fake.routes[file_route(fake)].trickle = 0.2
    started = time.monotonic()
    message = refused(fake, data_dir, exchange_seconds=1.5)
    assert time.monotonic() - started < 4
    assert "no complete answer within 1.5 s" in message


def test_a_redirect_off_govuk_is_not_followed(fake, data_dir, book):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": book})
    fake.routes[file_route(fake)] = Route(b"", location="http://example.com/tables.xlsx")
    assert "'http://example.com/tables.xlsx' is not on GOV.UK over https" in refused(fake, data_dir)


def test_a_redirect_loop_stops(fake, data_dir, book):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": book})
    path = file_route(fake)
    fake.routes[path] = Route(b"", location=path)
    assert "more than 5 redirects" in refused(fake, data_dir)


def test_an_attachment_off_govuk_is_not_downloaded(fake, data_dir, book):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": book})
    release = fake.routes[f"/api/content/government/statistics/{SLUG}"]
    data = json.loads(release.body)
    data["details"]["attachments"][0]["url"] = "http://assets.publishing.service.gov.uk/t.xlsx"
    release.body = json.dumps(data).encode()
    assert "is not on GOV.UK over https" in refused(fake, data_dir)
    assert not any(p.endswith("t.xlsx") for p in fake.requests)


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        (b"[" * 200_000, "did not answer JSON"),  # nested past Python's recursion limit
        (b'{"links": []}', "'links' is not a JSON dict"),
        (b'{"links": {"documents": {"a": 1}}}', "'documents' is not a JSON list"),
        (b'{"links": {"documents": [{"base_path": "/../../etc"}]}}', "not a GOV.UK path"),
        (b"[1, 2]", "did not answer a JSON object"),
    ],
)
def test_malformed_json_is_one_line(fake, data_dir, body, complaint):
    fake.routes[COLLECTION] = Route(body)
    assert complaint in refused(fake, data_dir)


def test_a_bad_attachment_address_is_one_line(fake, data_dir, book):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": book})
    release = fake.routes[f"/api/content/government/statistics/{SLUG}"]
    data = json.loads(release.body)
    data["details"]["attachments"][0]["url"] = "http://[::1"
    release.body = json.dumps(data).encode()
    assert "is not a valid address" in refused(fake, data_dir)


def test_a_bad_gzip_body_is_one_line(fake, data_dir):
    fake.routes[COLLECTION] = Route(b"not gzip at all", headers={"Content-Encoding": "gzip"})
    assert "cannot be decoded" in refused(fake, data_dir)


def test_a_good_gzip_body_is_read(fake, data_dir, book):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": book})
    route = fake.routes[COLLECTION]
    fake.routes[COLLECTION] = Route(gzip.compress(route.body), headers={"Content-Encoding": "gzip"})
    with govuk.Client(fake.base_url, retry_delays=(0.0, 0.0)) as client:
        assert update(data_dir, client=client).ok


def test_a_file_named_dot_dot_is_saved_safely(fake, data_dir, book):
    fake.add_release(SLUG, TITLE, UPDATED, {"tables.xlsx": book})
    release = fake.routes[f"/api/content/government/statistics/{SLUG}"]
    data = json.loads(release.body)
    data["details"]["attachments"][0]["filename"] = ".."
    release.body = json.dumps(data).encode()
    lines: list[str] = []
    with govuk.Client(fake.base_url, retry_delays=(0.0, 0.0), progress=lines.append) as client:
        assert update(data_dir, client=client).ok
    assert lines[0].startswith("downloaded attachment.xlsx ")


def test_only_govuk_hosts_over_https_are_trusted():
    client = govuk.Client()
    client._check("https://assets.publishing.service.gov.uk/media/x/tables.ods")
    client._check("https://www.gov.uk/api/content/government/collections/x")
    for url in ("http://www.gov.uk/x", "https://www.gov.uk.evil.example/x", "https://evil/x"):
        with pytest.raises(govuk.GovukError, match="not on GOV.UK"):
            client._check(url)
    client.close()
