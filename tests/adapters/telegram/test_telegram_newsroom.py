"""A newsroom's group through the real Application over the fake Bot API: each reporter's own
figures in their own topic, small talk left alone, alerts in the topic they were asked in,
settings for administrators, and the bot's membership followed (greeting, pause, return)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.adapters.state import ChatState
from bot.adapters.telegram.groups import GREETING, NOT_ADMIN, small_talk
from bot.adapters.telegram.jobs import DATA_JOBS, MOVED_NOTE
from tests.support.fake_bot_api import (
    BOT_USER,
    GROUP_CHAT,
    PRIVATE_CHAT,
    FakeBotApi,
    button_update,
    edited_update,
    make_app,
    member_update,
    message_update,
    person,
    process,
    topic_update,
)

GROUP = GROUP_CHAT["id"]
ANA, BEN = {"from": person(2, "Ana")}, {"from": person(3, "Ben")}


def texts(api: FakeBotApi) -> list[str]:
    return [c.params.get("text") or c.params.get("caption") or "" for c in api.delivered()]


def reply_to(message: Any, **extra: Any) -> dict:
    """reply_to_message: the bot's sent message (a Call's answer, rebuilt)."""
    return {"reply_to_message": {**message, **extra}}


def sent_message(api: FakeBotApi, call_index: int = -1) -> dict:
    """The bot's message as Telegram would quote it in a reply (chat, id, from the bot)."""
    call = api.delivered()[call_index]
    return {
        "message_id": call.message_id,
        "date": 0,
        "chat": GROUP_CHAT,
        "from": BOT_USER,
        "text": call.params.get("text", ""),
    }


async def test_the_default_force_belongs_to_the_topic(core, api, tmp_path):
    api.topics[GROUP] = {5: True, 9: True}
    async with make_app(core, api, tmp_path) as app:
        await process(app, topic_update("/setforce Kent", GROUP_CHAT, 5))
        await process(app, topic_update("/setforce Essex", GROUP_CHAT, 9))
        await process(app, topic_update("/force", GROUP_CHAT, 5, **ANA))
        await process(app, topic_update("/myforce", GROUP_CHAT, 9, **BEN))
        await process(app, message_update("/myforce", GROUP_CHAT, **BEN))  # General: the chat's
    said = texts(api)
    assert "Default force for this topic: <b>Kent Police</b>" in said[0]
    assert "Kent Police" in said[2] and "Essex" not in said[2]
    assert "This topic's default force is <b>Essex Police</b>" in said[3]
    assert "This chat has no default force" in said[4]


async def test_a_bare_csv_replying_to_a_card_gives_that_cards_figures(core, api, tmp_path):
    async with make_app(core, api, tmp_path) as app:
        await process(app, message_update("/force Kent", GROUP_CHAT, **ANA))
        card = sent_message(api)
        await process(app, message_update("/force Essex 2016-17", GROUP_CHAT, **BEN))
        await process(app, message_update("/csv", GROUP_CHAT, **BEN, **reply_to(card)))
        await process(app, message_update("/csv", GROUP_CHAT, **BEN))
    files = [c.params["caption"] for c in api.delivered("sendDocument")]
    assert "/force kent 2018-19" in files[0]  # the card replied to, whoever asks
    assert "/force essex 2016-17" in files[1]  # Ben's own last answer


@pytest.mark.parametrize(
    "text", ["thanks!", "ok", "👍", "great, thanks", "lol", "Thank you so much!", "cheers 🙏"]
)
def test_small_talk_asks_nothing(text):
    assert small_talk(text)


@pytest.mark.parametrize("text", ["what about essex?", "ok kent", "thanks, and 2019?", "cocaine"])
def test_questions_are_not_small_talk(text):
    assert not small_talk(text)


async def test_small_talk_in_reply_to_a_card_gets_nothing_a_question_gets_its_card(
    core, api, tmp_path
):
    async with make_app(core, api, tmp_path) as app:
        await process(app, message_update("/force Kent", GROUP_CHAT, **ANA))
        card = sent_message(api)
        for text in ("thanks!", "great, thanks", "ok", "lol", "👍"):
            await process(app, message_update(text, GROUP_CHAT, **ANA, **reply_to(card)))
        assert len(api.delivered()) == 1  # nothing more: no card, no "did you mean"
        await process(app, message_update("what about essex?", GROUP_CHAT, **reply_to(card)))
        assert "Essex Police" in texts(api)[-1]
        await process(app, message_update("/force Kent"))  # in a private chat, the same
        card = {**sent_message(api), "chat": PRIVATE_CHAT}
        await process(app, message_update("thanks!", **reply_to(card)))
        await process(app, message_update("what about essex?", **reply_to(card)))
    assert len(api.delivered()) == 4 and "Essex Police" in texts(api)[-1]


async def test_settings_are_for_administrators_and_a_button_runs_as_its_presser(
    core, api, tmp_path
):
    api.admins[GROUP] = {ANA["from"]["id"]}
    async with make_app(core, api, tmp_path) as app:
        await process(app, message_update("/setforce Kent", GROUP_CHAT, **BEN))
        await process(app, message_update("/subscribe Kent", GROUP_CHAT, **BEN))
        await process(app, button_update("/setforce essex", GROUP_CHAT, sender=BEN["from"]))
        await process(app, message_update("/force Kent", GROUP_CHAT, **BEN))  # anyone may ask
        await process(app, message_update("/setforce Kent", GROUP_CHAT, **ANA))
    said = texts(api)
    assert said[:3] == [NOT_ADMIN] * 3
    assert "Kent Police" in said[3] and "Default force for this chat" in said[4]
    state = ChatState(tmp_path / "state.sqlite3")
    assert state.default_force(GROUP) == "kent" and state.subscriptions(GROUP) == []
    state.close()


async def test_group_settings_everyone_lets_anyone_change_them(core, api, tmp_path):
    api.admins[GROUP] = set()
    async with make_app(core, api, tmp_path, group_settings="everyone") as app:
        await process(app, message_update("/setforce Kent", GROUP_CHAT, **BEN))
    assert "Default force for this chat: <b>Kent Police</b>" in texts(api)[0]
    assert api.sent("getChatMember") == []


async def test_added_to_a_group_it_greets_once_removed_it_pauses_back_it_says_so(
    core, api, tmp_path
):
    async with make_app(core, api, tmp_path) as app:
        await process(app, member_update("member", GROUP_CHAT, old="left"))
        await process(app, message_update("/subscribe Kent", GROUP_CHAT))
        await process(app, member_update("administrator", GROUP_CHAT, old="member"))  # promoted
        await process(app, member_update("kicked", GROUP_CHAT, old="administrator"))
        state = ChatState(tmp_path / "state.sqlite3")
        assert state.subscribers("force:kent") == []  # paused
        await process(app, member_update("member", GROUP_CHAT, old="kicked"))
        assert state.subscribers("force:kent") == [GROUP]
        state.close()
    said = texts(api)
    assert said[0] == GREETING.format(bot=BOT_USER["username"])
    assert "Release alerts on" in said[1]
    assert said[2].startswith(GREETING.format(bot=BOT_USER["username"]))
    assert "release alerts (1) start again" in said[2] and len(said) == 3


def test_the_greetings_examples_are_answered(core):
    for example in ("cocaine in Kent 2019", "/force West Mercia"):
        assert f"{example}</code>" in GREETING
        assert core.answer(example).kind == "answer"


async def release(app: Any, core: Any, tmp_path: Any) -> int:
    """A new year of data as the alerts job sees it: the state noted the year before."""
    state = ChatState(tmp_path / "state.sqlite3")
    state.data_year(core.data.last_fye - 1)
    state.close()
    return await app.bot_data[DATA_JOBS].alerts(app.bot)


async def test_an_alert_goes_to_the_topic_subscribe_was_sent_in(core, api, tmp_path):
    api.topics[GROUP] = {5: True}
    async with make_app(core, api, tmp_path) as app:
        await process(app, topic_update("/subscribe Kent", GROUP_CHAT, 5))
        assert await release(app, core, tmp_path) == 1
    alert = api.delivered()[-1]
    assert alert.params["message_thread_id"] == 5 and "New Home Office figures" in texts(api)[-1]


async def test_a_closed_topic_sends_the_alert_to_general_once_and_moves_it(core, api, tmp_path):
    api.topics[GROUP] = {5: True}
    async with make_app(core, api, tmp_path) as app:
        await process(app, topic_update("/subscribe Kent", GROUP_CHAT, 5))
        api.topics[GROUP][5] = False  # closed
        assert await release(app, core, tmp_path) == 1
    refused, moved = api.sent()[-2:]
    assert refused.status == 400 and refused.params["message_thread_id"] == 5
    assert moved.status == 200 and "message_thread_id" not in moved.params
    assert texts(api)[-1].startswith(MOVED_NOTE.strip())
    state = ChatState(tmp_path / "state.sqlite3")
    assert state.subscription_thread(GROUP, "force:kent") is None
    state.close()


async def test_a_blocked_chat_gets_no_further_sends(core, tmp_path):
    api = FakeBotApi()
    async with make_app(core, api, tmp_path) as app:
        await process(app, message_update("/subscribe Kent", PRIVATE_CHAT))
        api.blocked.add(PRIVATE_CHAT["id"])
        await process(app, message_update("/force Kent", PRIVATE_CHAT))  # 403: alerts paused
        before = len(api.sent())
        assert await release(app, core, tmp_path) == 0
    assert len(api.sent()) == before  # no alert tried
    assert api.sent()[-1].status == 403


async def test_a_button_on_an_old_message_answers_in_its_topic_even_after_a_restart(
    core, api, tmp_path
):
    api.topics[GROUP] = {5: True}
    async with make_app(core, api, tmp_path) as app:
        await process(app, topic_update("/force kent", GROUP_CHAT, 5))
        message_id = api.delivered()[-1].message_id
        app.bot_data[DATA_JOBS].state.flush()  # as the flush job and shutdown do
    async with make_app(core, api, tmp_path) as app:  # the same state file, a new process
        update = button_update("/force kent 2017-18", GROUP_CHAT, old=True)
        update["callback_query"]["message"]["message_id"] = message_id
        await process(app, update)
    assert api.delivered()[-1].params["message_thread_id"] == 5
    assert "Kent Police" in texts(api)[-1]


async def test_an_edited_question_edits_the_earlier_reply_in_place(core, api, tmp_path):
    async with make_app(core, api, tmp_path) as app:
        typo = message_update("/force Kemt", GROUP_CHAT, **ANA)
        await process(app, typo)
        first = api.delivered()[-1]
        await process(app, edited_update(typo, "/force Kent 2017-18"))
        private = message_update("west mercia 2019")
        await process(app, private)
        await process(app, edited_update(private, "west mercia 2018"))
    edit = api.sent("editMessageText")
    assert [c.params["message_id"] for c in edit] == [
        first.message_id,
        api.delivered()[-1].message_id,
    ]
    assert edit[0].params["text"] == core.answer("/force Kent 2017-18").html
    assert "West Mercia Police" in edit[1].params["text"] and "2017-18" in edit[1].params["text"]
    assert len(api.delivered()) == 2  # nothing sent anew
