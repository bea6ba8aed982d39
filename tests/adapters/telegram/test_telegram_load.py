"""Load: the real ``python -m bot`` process polling the fake Bot API server on 127.0.0.1.

10,000 updates from 500 chats (400 private, 100 groups; 20 each): /force with forces and
years, /help, /sources, bad commands, plain text in private chats, button presses with good,
stale and forged data. Each must get exactly one answer, in its own chat, in the order asked:
the text the core gives for it (groups: quoting it), and a button press also exactly one
answerCallbackQuery. Nothing lost, nothing duplicated, nothing sent to the wrong chat.

The flood guard stays on at its real setting (a burst of 5, then one every 2 s), so each
chat sends 4 updates at once, then one every 2.1 s: no chat ever exceeds it (a refusal would
show as a missing answer or as the slow-down notice). MESSAGES_PER_SECOND=0 and
GROUP_MESSAGES_PER_MINUTE=0 lift the bot's own limits of 30 messages a second and 20 a minute
per group (Telegram's, which the fake server here does not keep either). The bot
logs at WARNING, and must log nothing: no retry, no failure. Bounded: two minutes at most,
then SIGINT, and the bot must exit 0. Skip locally with ``-m "not load"``.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest

from bot.adapters.telegram.handlers import STALE_BUTTON, is_payload
from bot.core import Core
from bot.reply import ChatContext
from tests.adapters.telegram.test_telegram_e2e import start_bot, stop_bot, wait_for
from tests.support.fake_bot_api import (
    BOT_USERNAME,
    FakeBotApi,
    FakeBotApiServer,
    button_update,
    message_update,
)

pytestmark = [pytest.mark.load, pytest.mark.process]

LOAD_TOKEN = "654321:LOAD-TOKEN"
PRIVATE_CHATS, GROUPS, PER_CHAT = 400, 100, 20
AT_ONCE = 4  # updates a chat sends together at first (the guard allows 5)
PACE = 2.1  # seconds between a chat's later updates (the guard allows one every 2)
SPREAD = 2.1  # chats start at different moments within this many seconds
DEADLINE = 120.0  # seconds for everything, start-up included
FORCES = [
    "Kent",
    "West Mercia",
    "Durham",
    "Dyfed-Powys",
    "Greater Manchester",
    "essex",
    "north wales",
    "Thames Valley",
    "Cumbria",
    "Merseyside",
    "Surrey",
    "Gwent",
]
BAD = ["/force xyzzy", "/force Kent 2031", "/force", "/nonsense", "/force london"]
FORGED = ["'; DROP TABLE seizures; --", "x" * 64, "%s{}<b>&", None]


@dataclass
class Asked:
    """One update and the answer it must get."""

    update: dict
    chat_id: int
    text: str  # the message text the bot must send
    quote: int | None = None  # the message id the answer quotes (groups)
    query_id: str | None = None  # the callback query to acknowledge (buttons)
    release: float = 0.0  # seconds after the start when the fake server offers it


def private(chat_id: int) -> dict:
    return {"id": chat_id, "type": "private", "first_name": f"Reader {chat_id}"}


def group(chat_id: int) -> dict:
    return {"id": chat_id, "type": "supergroup", "title": f"Newsroom {chat_id}"}


def question(rng: random.Random, in_group: bool) -> tuple[str, str | None]:
    """(kind, text): a message (kind "message") or a button press ("button", data)."""
    force, year = rng.choice(FORCES), rng.randint(2008, 2020)
    roll = rng.random()
    if roll < 0.15:
        return "button", rng.choice(
            [
                f"/force {force.lower()} {year - 1}-{year % 100:02d}",
                "/force kent 2017-18",
                "/nonsense",
                *FORGED,
            ]
        )
    if roll < 0.45:
        text = f"/force {force} {year}"
    elif roll < 0.55:
        text = rng.choice(["/help", "/sources"])
    elif roll < 0.70:  # in groups, unknown commands may be another bot's: left alone
        text = rng.choice([bad for bad in BAD if not in_group or bad != "/nonsense"])
    elif roll < 0.85 and not in_group:
        text = f"{force.lower()} {year}"  # plain text: answered in private chats only
    else:
        text = f"/force {force}"
    if in_group and rng.random() < 0.5:
        command, _, rest = text.partition(" ")
        text = f"{command}@{BOT_USERNAME} {rest}".strip()
    return "message", text


def build(core: Core, seed: int = 20240607) -> list[Asked]:
    """Every update with its expected answer, in the order the server offers them."""
    rng = random.Random(seed)
    chats = [private(2_000_000 + n) for n in range(PRIVATE_CHATS)]
    chats += [group(-1_009_000_000 - n) for n in range(GROUPS)]
    asked: list[Asked] = []
    for index, chat in enumerate(chats):
        start = (index % 21) * SPREAD / 21
        for k in range(PER_CHAT):
            item = ask(core, rng, chat)
            item.release = start + max(0, k - AT_ONCE + 1) * PACE
            asked.append(item)
    asked.sort(key=lambda item: item.release)
    for number, item in enumerate(asked):  # ids in the order offered, as Telegram numbers them
        item.update["update_id"] = 50_000_000 + number
    return asked


def ask(core: Core, rng: random.Random, chat: dict) -> Asked:
    in_group = chat["type"] == "supergroup"
    kind, text = question(rng, in_group)
    context = ChatContext(chat_id=chat["id"], is_group=in_group)
    if kind == "button":  # pressed by the chat's person, or one of the group's (the guard
        presser = {"id": chat["id"] if not in_group else rng.randint(1, 10**6),  # is per person)
                   "is_bot": False, "first_name": "Reporter"}  # fmt: skip
        update = button_update(text, chat, sender=presser)
        answer = core.answer(text, context).html if is_payload(text) else STALE_BUTTON
        return Asked(update, chat["id"], answer, query_id=update["callback_query"]["id"])
    sender = {
        "id": chat["id"] if not in_group else rng.randint(1, 10**6),
        "is_bot": False,
        "first_name": "Reporter",
    }
    update = message_update(text, chat, **{"from": sender})
    quote = update["message"]["message_id"] if in_group else None
    return Asked(update, chat["id"], core.answer(text, context).html, quote)


def feed(server: FakeBotApiServer, asked: list[Asked], stop: threading.Event) -> float:
    """Offer each update at its release time (in a thread); returns the start time."""
    started = time.monotonic()

    def run() -> None:
        index = 0
        while index < len(asked) and not stop.is_set():
            now, first = time.monotonic() - started, index
            while index < len(asked) and asked[index].release <= now:
                index += 1
            if index > first:
                server.push(*(item.update for item in asked[first:index]))
            else:
                time.sleep(0.01)

    threading.Thread(target=run, daemon=True).start()
    return started


def test_ten_thousand_updates_from_500_chats_each_get_one_answer(tmp_path, cache_dir, core):
    asked = build(core)
    assert len(asked) == PER_CHAT * (PRIVATE_CHATS + GROUPS) == 10_000
    buttons = [item for item in asked if item.query_id]
    api = FakeBotApi(per_second=0, group_limit=0)  # Telegram's limits: off, as in the bot
    with FakeBotApiServer(LOAD_TOKEN, api) as server:
        bot = start_bot(
            server,
            tmp_path,
            cache_dir,
            TELEGRAM_BOT_TOKEN=LOAD_TOKEN,
            LOG_LEVEL="WARNING",
            MESSAGES_PER_SECOND="0",
            GROUP_MESSAGES_PER_MINUTE="0",
        )
        begun, stop = time.monotonic(), threading.Event()
        try:
            wait_for(lambda: bool(server.api.sent("getUpdates")), 30, "the first poll", bot)
            started = feed(server, asked, stop)
            left = DEADLINE - (time.monotonic() - begun)
            wait_for(
                lambda: len(server.api.sent("sendMessage")) >= len(asked), left, "every answer", bot
            )
            finished = max(call.at for call in server.api.sent("sendMessage"))
            wait_for(lambda: server.pending == 0, 10, "every update confirmed", bot)
            time.sleep(1.0)  # a duplicate would show now
        finally:
            stop.set()
            output = stop_bot(bot, tmp_path)
    seconds = finished - started
    print(
        f"\nload: {len(asked)} updates from {PRIVATE_CHATS + GROUPS} chats answered in "
        f"{seconds:.1f} s ({len(asked) / seconds:.0f} answers/s; offered over "
        f"{asked[-1].release:.1f} s)"
    )
    check_answers(server, asked)
    acknowledged = Counter(
        c.params["callback_query_id"] for c in server.api.sent("answerCallbackQuery")
    )
    assert acknowledged == Counter(item.query_id for item in buttons)
    assert server.api.unexpected == []
    assert output.strip() == "", output[-2000:]  # not even a warning


def check_answers(server: FakeBotApiServer, asked: list[Asked]) -> None:
    """Per chat, the answers sent are exactly those asked for, in order."""
    sent = server.api.sent("sendMessage")
    assert all(call.status == 200 for call in sent)
    got: dict[int, list[tuple[str, int | None]]] = defaultdict(list)
    for call in sent:
        quote = call.params.get("reply_parameters", {}).get("message_id")
        got[int(call.params["chat_id"])].append((call.params["text"], quote))
    wanted: dict[int, list[tuple[str, int | None]]] = defaultdict(list)
    for item in asked:
        wanted[item.chat_id].append((item.text, item.quote))
    assert set(got) == set(wanted)
    wrong = [chat for chat in wanted if got[chat] != wanted[chat]]
    assert not wrong, f"{len(wrong)} chats got other answers: {difference(got, wanted, wrong)}"


def difference(got: dict, wanted: dict, chats: list[int]) -> str:
    """Where the first chat's answers part from those asked for."""
    chat = chats[0]
    pairs = list(zip(got[chat], wanted[chat], strict=False))
    index = next((n for n, (a, b) in enumerate(pairs) if a != b), len(pairs))
    sent = got[chat][index] if index < len(got[chat]) else None
    asked = wanted[chat][index] if index < len(wanted[chat]) else None
    return (
        f"chat {chat}: {len(got[chat])} sent, {len(wanted[chat])} asked; answer {index} "
        f"is {str(sent)[:150]!r}, not {str(asked)[:150]!r}"
    )
