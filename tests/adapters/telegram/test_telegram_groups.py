"""Newsroom groups through the real Application over the fake Bot API, which keeps Telegram's
group rules (20 messages a window per group, 30 a second overall, 429 with retry_after, forum
topics, 403 for blocked chats): every reporter answered, in the right topic, with their own
figures.

The bursts run with the group window shrunk from 60 s to 2 s (GROUP_WINDOW, in the bot's
settings and in the fake alike) so that they take seconds, not minutes: the same 20 messages
a window, the queue and its notices, at thirty times the speed. Each burst prints what it
measured (answers, notices, the slowest private answer, 429s honoured).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from tests.adapters.telegram.test_telegram_flood import feed, running, wait_until
from tests.support.fake_bot_api import (
    GROUP_CHAT,
    PRIVATE_CHAT,
    FakeBotApi,
    make_app,
    message_update,
    person,
    process,
    topic_update,
)

GROUP = GROUP_CHAT["id"]
GROUP_WINDOW = 2.0  # seconds for Telegram's 20 messages a group (really 60)
FORCES = ["Kent", "Essex", "Surrey", "Durham", "Gwent", "Cumbria", "Dorset", "Suffolk"]


def fast_app(core: Any, api: FakeBotApi, tmp_path: Any) -> Any:
    return make_app(core, api, tmp_path, group_window_seconds=GROUP_WINDOW)


def answers_to(api: FakeBotApi, chat_id: int) -> list:
    return [c for c in api.delivered() if int(c.params["chat_id"]) == chat_id]


def quoted(call: Any) -> int | None:
    return (call.params.get("reply_parameters") or {}).get("message_id")


def question_id(update: dict) -> int:
    return int(update["message"]["message_id"])


async def test_eight_reporters_asking_at_once_in_a_supergroup_all_get_answers(core, tmp_path):
    api = FakeBotApi()
    asked = [
        message_update(f"/force {force}", GROUP_CHAT, **{"from": person(n)})
        for n, force in enumerate(FORCES, start=2)
    ]
    async with running(fast_app(core, api, tmp_path)) as app:
        for update in asked:  # eight reporters within 3 s (here within 0.4 s)
            await feed(app, update)
            await asyncio.sleep(0.05)
        await wait_until(lambda: len(answers_to(api, GROUP)) >= 8)
        await asyncio.sleep(0.3)  # anything more would show now
    got = {quoted(c): c.params["text"] for c in answers_to(api, GROUP)}
    assert got == {
        question_id(u): core.answer(f"/force {f}").html for u, f in zip(asked, FORCES, strict=True)
    }
    print(f"\nsupergroup: 8 reporters, {len(got)} answered, 429s: {len(api.too_fast)}")


async def test_eight_reporters_across_two_forum_topics_answered_in_their_topics(core, tmp_path):
    api = FakeBotApi()
    api.topics[GROUP] = {5: True, 9: True}
    asked = [
        topic_update(f"/force {force}", GROUP_CHAT, 5 if n % 2 else 9, **{"from": person(n)})
        for n, force in enumerate(FORCES, start=2)
    ]
    async with running(fast_app(core, api, tmp_path)) as app:
        for update in asked:
            await feed(app, update)
            await asyncio.sleep(0.05)
        await wait_until(lambda: len(answers_to(api, GROUP)) >= 8)
        await asyncio.sleep(0.3)
    got = {
        quoted(c): (c.params["message_thread_id"], c.params["text"]) for c in answers_to(api, GROUP)
    }
    wanted = {
        question_id(u): (u["message"]["message_thread_id"], core.answer(f"/force {f}").html)
        for u, f in zip(asked, FORCES, strict=True)
    }
    assert got == wanted
    print(f"\nforum: 8 reporters in 2 topics, {len(got)} answered in their topics")


async def test_forty_group_questions_in_a_burst_and_a_private_chat_keeps_its_speed(core, tmp_path):
    """40 questions in one group (8 reporters, 5 each) over about 1.3 s, a 429 from Telegram
    in the middle, while a private chat asks once a second. Scaled: the group's window is
    2 s, so 40 answers need about 3 windows, as 40 questions in 10 s need 2 minutes."""
    api = FakeBotApi(group_window=GROUP_WINDOW)
    api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1,
             chat_id=GROUP, skip=8)  # fmt: skip
    group = [
        message_update(f"/force {FORCES[n % 8]} {2010 + n // 8}", GROUP_CHAT,
                       **{"from": person(2 + n % 8, f"Reporter{2 + n % 8}")})
        for n in range(40)
    ]  # fmt: skip
    private_asked: list[tuple[float, int]] = []
    group_asked: dict[int, float] = {}
    async with running(fast_app(core, api, tmp_path)) as app:
        started = time.monotonic()

        async def private_chat() -> None:  # once a second, as in the issue, throughout
            for n in range(6):
                question = message_update(f"/force {FORCES[n]} 2015", PRIVATE_CHAT)
                private_asked.append((await feed(app, question), question_id(question)))
                await asyncio.sleep(1.0)

        asking = asyncio.create_task(private_chat())
        for update in group:  # 40 in about 1.3 s
            group_asked[question_id(update)] = await feed(app, update)
            await asyncio.sleep(0.033)
        await asking

        def answered() -> set[int | None]:
            return {quoted(c) for c in answers_to(api, GROUP) if "at once" not in c.params["text"]}

        await wait_until(lambda: {question_id(u) for u in group} <= answered(), timeout=20)
        await asyncio.sleep(0.3)
    finished = time.monotonic() - started
    sent = answers_to(api, GROUP)
    notices = [c for c in sent if "Many questions here at once" in c.params["text"]]
    answers = {quoted(c): c for c in sent if c not in notices}
    assert set(answers) == {question_id(u) for u in group}  # every question answered
    for update in group:  # and any answer that waited was announced, before it went
        answer = answers[question_id(update)]
        name = update["message"]["from"]["first_name"]
        if answer.at - group_asked[question_id(update)] > 1.5:
            told = [c for c in notices if name in c.params["text"] and c.at < answer.at]
            assert told, (
                f"{name}'s question waited {answer.at - group_asked[question_id(update)]:.1f} s"
                f" untold; asked at {group_asked[question_id(update)] - started:.2f} s; notices: "
                + "; ".join(f"{c.at - started:.2f} {c.params['text']}" for c in notices)
            )
    latencies = private_latencies(api, private_asked)
    assert len(latencies) == len(private_asked) and max(latencies) < 1.0
    refused = [c for c in api.sent() if c.status == 429]
    for call in refused:  # each 429 honoured: the same message went later, after retry_after
        again = [c for c in sent if c.params == call.params and c.at >= call.at + 1.0]
        assert again, "a message refused with 429 never went"
    print(
        f"\n40 group questions: {len(answers)} answered, "
        f"{sum(c.params['text'].count('at once') for c in notices)} told when in "
        f"{len(notices)} notices, "
        f"all done in {finished:.1f} s (group window {GROUP_WINDOW} s); private: "
        f"{len(latencies)} answers, slowest {max(latencies) * 1000:.0f} ms; "
        f"429s: {len(refused)} ({len(api.too_fast)} unscripted), all honoured"
    )


def private_latencies(api: FakeBotApi, asked: list[tuple[float, int]]) -> list[float]:
    """Seconds from each private question to its answer (answers go in order)."""
    answers = [c.at for c in answers_to(api, PRIVATE_CHAT["id"])]
    return [at - fed for (fed, _), at in zip(asked, answers, strict=False)]


async def test_a_bare_csv_gives_each_reporter_their_own_figures_in_their_topic(core, tmp_path):
    api = FakeBotApi()
    api.topics[GROUP] = {5: True, 9: True}
    a, b = {"from": person(2, "Ana")}, {"from": person(3, "Ben")}
    async with make_app(core, api, tmp_path) as app:
        for text, thread, who in [
            ("/force Kent", 5, a),
            ("/force Essex 2016-17", 9, b),
            ("/csv", 5, a),
            ("/csv", 9, b),
        ]:
            await process(app, topic_update(text, GROUP_CHAT, thread, **who))
    files = [(c.params["message_thread_id"], c.params["caption"]) for c in csv_files(api)]
    assert files[0][0] == 5 and "/force kent 2018-19" in files[0][1]  # A's Kent, in topic 5
    assert files[1][0] == 9 and "/force essex 2016-17" in files[1][1]


def csv_files(api: FakeBotApi) -> list:
    return api.delivered("sendDocument")
