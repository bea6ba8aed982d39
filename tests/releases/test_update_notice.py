"""The developer hears of a failing update at most once a day per kind of failure."""

from __future__ import annotations

from datetime import date

from bot.releases.update_notice import UpdateNotices, failure_kind


def test_once_a_day_per_kind():
    day = [date(2026, 3, 5)]
    notices = UpdateNotices(today=lambda: day[0])
    first = notices.due("GOV.UK: https://www.gov.uk/x: timed out (tried 3 times)")
    assert first is not None and first.startswith("seizure-bot update: GOV.UK: ")
    assert notices.due("GOV.UK: https://www.gov.uk/y answered 500") is None  # same kind
    assert notices.due("NOT imported: FYE 2025: t.ods: no table") is not None  # another kind
    assert notices.due("NOT imported: FYE 2025: t.ods: still no table") is None
    day[0] = date(2026, 3, 6)
    assert notices.due("GOV.UK: https://www.gov.uk/x: timed out") is not None  # a new day


def test_the_kind_of_a_failure():
    assert failure_kind("GOV.UK: https://x answered 404") == "GOV.UK"
    assert failure_kind("NOT imported: Title A: reason: more") == "NOT imported: Title A"


def test_a_long_reason_is_cut_and_escaped():
    text = UpdateNotices().due("checks <failed>: " + "x" * 1000)
    assert text is not None and "&lt;failed&gt;" in text and len(text) < 500
