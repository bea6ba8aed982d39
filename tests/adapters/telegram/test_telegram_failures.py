"""Telegram failing, through the real Application over the fake transport: 429, 5xx,
timeouts, 403, 400 can't parse entities, 400 too long; and getMe failing at start-up.

Each fault is scripted on the fake (``api.fail``) and hits the next matching call only, so
every test states exactly which calls fail. Retry waits are cut to hundredths of a second
through Settings, except where the waits themselves are under test.
"""

from __future__ import annotations

import logging
import time

import pytest

from bot.adapters.telegram.handlers import APOLOGY
from bot.adapters.telegram.send import TEXT_LIMIT, split_html
from bot.config import SEND_RETRY_DELAYS, Settings
from bot.reply import Button, Reply
from tests.adapters.telegram.test_telegram_e2e import (
    E2E_TOKEN,
    EXIT_TIMEOUT,
    REPLY_TIMEOUT,
    start_bot,
    stop_bot,
    wait_for,
)
from tests.support.fake_bot_api import (
    GROUP_CHAT,
    NO_ANSWER,
    PRIVATE_CHAT,
    FakeBotApi,
    FakeBotApiServer,
    FixedCore,
    button_update,
    make_app,
    message_update,
    process,
)

FAST = {"send_retry_delays": (0.01, 0.02)}
BLOCKED = "Forbidden: bot was blocked by the user"
UNPARSED = 'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 0'


def messages(api: FakeBotApi) -> list[dict]:
    return [call.params for call in api.delivered("sendMessage")]


def logged(caplog, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own
async def test_429_is_waited_out_and_the_message_sent_once(core, api, tmp_path):
    api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    async with make_app(core, api, tmp_path, **FAST) as app:
        await process(app, message_update("/force Kent"))
    refused, sent = api.sent("sendMessage")
    assert refused.status == 429 and sent.status == 200
    assert [c.params["text"] for c in api.delivered()] == [core.answer("/force Kent").html]
    assert sent.at - refused.at >= 1.0  # retry_after, as Telegram asked


async def test_5xx_is_tried_again_and_then_sent(core, api, tmp_path, caplog):
    api.fail("sendMessage", 502, "Bad Gateway", times=2)
    async with make_app(core, api, tmp_path, **FAST) as app:
        await process(app, message_update("/force Kent"))
    assert [c.status for c in api.sent("sendMessage")] == [502, 502, 200]
    assert messages(api)[0]["text"] == core.answer("/force Kent").html
    retries = [m for m in logged(caplog, logging.WARNING) if "trying again" in m]
    assert len(retries) == 2 and "attempt 1 of 3" in retries[0]


async def test_a_timeout_is_tried_again(core, api, tmp_path):
    api.fail("sendMessage", NO_ANSWER)
    async with make_app(core, api, tmp_path, **FAST) as app:
        await process(app, message_update("/force Kent"))
    assert [c.status for c in api.sent("sendMessage")] == [NO_ANSWER, 200]


async def test_5xx_for_good_gives_up_after_3_attempts_with_growing_waits(
    core, api, tmp_path, caplog
):
    assert Settings().send_retry_delays == SEND_RETRY_DELAYS == (0.5, 1.0)
    api.fail("sendMessage", 500, "Internal Server Error", times=100)
    async with make_app(core, api, tmp_path) as app:  # the real delays
        await process(app, message_update("/force Kent"))
        await process(app, message_update("/help", GROUP_CHAT))
    first = [c for c in api.sent("sendMessage") if c.params["chat_id"] == PRIVATE_CHAT["id"]]
    assert [c.status for c in first] == [500, 500, 500]  # no apology tried after them
    waits = [later.at - earlier.at for earlier, later in zip(first, first[1:], strict=False)]
    assert 0.5 <= waits[0] < 0.9 and 1.0 <= waits[1] < 1.5
    errors = logged(caplog, logging.ERROR)
    assert (
        errors.count(
            f"Could not deliver a reply to chat {PRIVATE_CHAT['id']} "
            "(Internal Server Error); giving up"
        )
        == 1
    )
    assert not any("Unexpected error" in e for e in errors)
    assert APOLOGY not in [c.params["text"] for c in api.sent()]


async def test_a_blocked_bot_logs_once_without_retry_or_apology(core, api, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    api.fail("sendMessage", 403, BLOCKED, times=100, chat_id=PRIVATE_CHAT["id"])
    async with make_app(core, api, tmp_path, **FAST) as app:
        await process(app, message_update("/force Kent"))
        await process(app, message_update("/force Kent", GROUP_CHAT))  # others still answered
    [blocked] = [c for c in api.sent() if c.params["chat_id"] == PRIVATE_CHAT["id"]]
    assert blocked.status == 403
    assert [c.params["chat_id"] for c in api.delivered()] == [GROUP_CHAT["id"]]
    infos = [m for m in logged(caplog, logging.INFO) if "cannot be written to" in m]
    assert infos == [f"Chat {PRIVATE_CHAT['id']} cannot be written to ({BLOCKED}); reply dropped"]
    assert logged(caplog, logging.ERROR) == []


async def test_html_telegram_cannot_parse_is_resent_once_as_plain_text(core, api, tmp_path):
    api.fail("sendMessage", 400, UNPARSED)
    update = message_update("/force Kent", GROUP_CHAT)
    async with make_app(core, api, tmp_path, **FAST) as app:
        await process(app, update)
    reply = core.answer("/force Kent")
    refused, plain = api.sent("sendMessage")
    assert refused.status == 400 and refused.params["parse_mode"] == "HTML"
    assert plain.status == 200 and plain.params["text"] == reply.text
    assert "parse_mode" not in plain.params  # shown as it is
    assert plain.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert plain.params["reply_markup"] == refused.params["reply_markup"]  # buttons kept


def long_card(lines: int = 300) -> str:
    return "\n".join(f"<b>Force {n}</b>: {n:,} seizures &amp; more" for n in range(lines))


async def test_unparsable_html_after_the_first_message_goes_on_without_tags(api, tmp_path):
    html = long_card()
    chunks = split_html(html)
    reply = Reply(html=html, text="plain version", buttons=((Button("Kent", "/force kent"),),))
    api.fail("sendMessage", 400, UNPARSED, skip=1)
    async with make_app(FixedCore(reply), api, tmp_path, **FAST) as app:
        await process(app, message_update("/force anything"))
    texts = [c["text"] for c in messages(api)]
    assert texts[0] == chunks[0]
    assert texts[1:] == [
        c.replace("<b>", "").replace("</b>", "").replace("&amp;", "&") for c in chunks[1:]
    ]
    assert "reply_markup" in messages(api)[-1]


async def test_a_message_telegram_finds_too_long_is_cut_and_resent(api, tmp_path):
    html = long_card(100)  # one message by our count; Telegram counts UTF-16 units
    assert len(html) <= TEXT_LIMIT
    reply = Reply(html=html, text="", buttons=((Button("Kent", "/force kent"),),))
    api.fail("sendMessage", 400, "Bad Request: message is too long")
    update = message_update("/force anything", GROUP_CHAT)
    async with make_app(FixedCore(reply), api, tmp_path, **FAST) as app:
        await process(app, update)
    pieces = messages(api)
    assert len(pieces) > 1 and "\n".join(p["text"] for p in pieces) == html
    assert all(len(p["text"]) <= len(html) // 2 for p in pieces)
    assert pieces[0]["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert all("reply_parameters" not in p for p in pieces[1:])
    assert ["reply_markup" in p for p in pieces] == [False] * (len(pieces) - 1) + [True]


async def test_a_caption_telegram_finds_too_long_goes_as_a_message(api, tmp_path):
    reply = Reply(html="<b>Kent</b>: 1,234", text="Kent: 1,234", png=b"png", png_name="k.png")
    api.fail("sendPhoto", 400, "Bad Request: message caption is too long")
    async with make_app(FixedCore(reply), api, tmp_path, **FAST) as app:
        await process(app, message_update("/force kent"))
    text, photo = api.delivered()
    assert text.method == "sendMessage" and text.params["text"] == reply.html
    assert photo.method == "sendPhoto" and "caption" not in photo.params


async def test_a_button_press_survives_a_failing_answer_and_a_failing_send(core, api, tmp_path):
    api.fail("answerCallbackQuery", 502, "Bad Gateway", times=3)
    api.fail("sendMessage", 504, "Gateway Timeout")
    async with make_app(core, api, tmp_path, **FAST) as app:
        await process(app, button_update("/force kent 2017-18"))
    assert [c.status for c in api.sent("answerCallbackQuery")] == [502, 502, 502]
    assert messages(api)[0]["text"] == core.answer("/force kent 2017-18").html


# The real ``python -m bot`` process: helpers shared with the end-to-end tests.


def getme_times(server: FakeBotApiServer) -> list[float]:
    return [call.at for call in server.api.sent("getMe")]


@pytest.mark.process
def test_the_real_bot_waits_for_the_bot_api_then_starts(tmp_path, cache_dir, core):
    """python-telegram-bot's bootstrap retries: waits of 1.5 s, then 2.25 s."""
    with FakeBotApiServer(E2E_TOKEN) as server:
        server.api.fail("getMe", 502, "Bad Gateway", times=2)
        server.push(message_update("/force Kent"))
        bot = start_bot(server, tmp_path, cache_dir, LOG_LEVEL="INFO")
        try:
            wait_for(
                lambda: bool(server.api.delivered("sendMessage")), REPLY_TIMEOUT, "a reply", bot
            )
        finally:
            output = stop_bot(bot, tmp_path)
    assert [c.status for c in server.api.sent("getMe")] == [502, 502, 200]
    first, second, third = getme_times(server)
    assert 1.4 <= second - first < 2.4 and 2.1 <= third - second < 3.5
    lines = [line for line in output.splitlines() if "failed at start-up" in line]
    assert [line.split("WARNING ")[1] for line in lines] == [
        "bot.adapters.telegram.client: Bot API getMe failed at start-up (Bad Gateway)"
    ] * 2
    assert server.api.delivered("sendMessage")[0].params["text"] == core.answer("/force Kent").html
    assert E2E_TOKEN not in output and "Traceback" not in output


@pytest.mark.process
def test_the_real_bot_gives_up_on_an_unreachable_bot_api_with_exit_1(tmp_path, cache_dir):
    with FakeBotApiServer(E2E_TOKEN) as server:
        server.api.fail("getMe", NO_ANSWER, times=1000)  # the connection drops, every time
        started = time.monotonic()
        bot = start_bot(server, tmp_path, cache_dir, STARTUP_RETRIES="2", LOG_LEVEL="INFO")
        code = bot.wait(timeout=EXIT_TIMEOUT)
        elapsed = time.monotonic() - started
    output = (tmp_path / "bot.log").read_text(errors="replace")
    assert code == 1, output[-2000:]
    times = getme_times(server)
    assert len(times) == 3  # waits of 1.5 s and 2.25 s: no busy loop
    assert times[-1] - times[0] >= 3.5 and elapsed < 15
    host = server.base_url.split("/")[2]
    problem = "httpx.RemoteProtocolError: Server disconnected without sending a response."
    attempts = [line for line in output.splitlines() if "failed at start-up" in line]
    assert len(attempts) == 3 and all(problem in line for line in attempts)
    [final] = [line for line in output.splitlines() if " ERROR " in line]
    assert final.endswith(
        f"Could not start the bot: the Bot API at {host} did not answer after "
        f"2 retries ({problem}); check the network and TELEGRAM_API_BASE_URL"
    )
    assert E2E_TOKEN not in output and "Traceback" not in output
