"""The measurements behind ``python -m bench``. Every figure is measured in this run.

Through the Application, Telegram's own limit of about 30 messages a second to all chats
(MESSAGES_PER_SECOND, bot.adapters.telegram.limiter) is lifted, as for an emulator: it caps
what Telegram accepts, not what the bot can do, and the echo floor runs without it too.
"""

from __future__ import annotations

import asyncio
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import Update  # noqa: E402
from telegram.ext import ApplicationBuilder, ExtBot, MessageHandler, filters  # noqa: E402

from bench.parse_timing import parse_question_p99_ms, questions  # noqa: E402
from bench.processes import bot_peak_rss, startup  # noqa: E402
from bot import paths  # noqa: E402
from bot.adapters.telegram.guard import FLOOD_BURST, FLOOD_INTERVAL  # noqa: E402
from bot.core import Core, open_core  # noqa: E402
from queries.store import Store  # noqa: E402
from tests.support.fake_bot_api import (  # noqa: E402  (the tests' fake Bot API, reused as it is)
    GROUP_CHAT,
    PERSON,
    PRIVATE_CHAT,
    SENDS,
    TOKEN,
    FakeBotApi,
    FakeRequest,
    inline_update,
    make_app,
    message_update,
)

COMMANDS = {
    "force": "/force West Mercia",
    "national": "/national",
    "compare": "/compare West Mercia vs Warwickshire",
    "rank": "/rank",
    "region": "/region West Midlands",
    "drug": "/drug cocaine West Mercia",
    "trend": "/trend West Mercia",
    "story": "/story West Mercia",
    "csv": "/csv West Mercia",
    "inline": "west mercia",  # an inline query, not a message
}
BAD_INPUT = (
    "/force xyzzy",
    "/force",
    "/force Kent 2031",
    "/compare Kent vs",
    "hello?",
    "/rank nonsense",
    "'; DROP TABLE seizures; --",
    "/force west merica",
)

FLOOD_QUIET = FLOOD_BURST * FLOOD_INTERVAL + 0.5  # seconds for a chat's allowance to refill


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(values), "p99": percentile(values, 0.99)}


def fresh_core(cache_dir: Path) -> Core:
    """The core exactly as the running bot opens it (bot.core.open_core, long-running)."""
    return open_core(paths.DATA_DIR, cache_dir, long_running=True)


def time_ms(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def core_latency(cache_dir: Path, repeat: int) -> dict[str, Any]:
    """Per command through the core alone: cold (first ask of a new core) and warm."""
    out: dict[str, Any] = {}
    for name, text in COMMANDS.items():
        core = fresh_core(cache_dir)
        ask = (
            (lambda c=core, t=text: c.inline(t))
            if name == "inline"
            else (lambda c=core, t=text: c.answer(t))
        )
        cold = time_ms(ask)
        warm = [time_ms(ask) for _ in range(repeat)]
        out[name] = {"cold_ms": cold, **{f"warm_{k}_ms": v for k, v in summary(warm).items()}}
    return out


def update_for(name: str, text: str, chat: int = 1) -> dict[str, Any]:
    """The update for a question, from one of 500 private chats, each its own person's (each
    asks once in a while, as people do, so the flood guard, which counts each person, never
    steps in)."""
    if name == "inline":
        return inline_update(text)
    chat_id = 1 + chat % 500
    return message_update(text, {**PRIVATE_CHAT, "id": chat_id}, **asked_by(chat_id))


def asked_by(chat_id: int) -> dict[str, Any]:
    """The person who asks in a chat: in a private chat its own id, as in Telegram; in a group
    one reporter of its own (the flood guard counts each person, not the chat)."""
    return {"from": {**PERSON, "id": chat_id if chat_id > 0 else 2_000_000 - chat_id}}


async def app_latency(cache_dir: Path, repeat: int, tmp: Path) -> dict[str, Any]:
    """Per command through the real Application: process_update to the recorded send."""
    out: dict[str, Any] = {}
    for name, text in COMMANDS.items():
        api = FakeBotApi(rules=False)
        app = make_app(fresh_core(cache_dir), api, tmp / name, messages_per_second=0)
        async with app:
            cold = await timed_update(app, update_for(name, text))
            warm = [await timed_update(app, update_for(name, text, i)) for i in range(repeat)]
        out[name] = {"cold_ms": cold, **{f"warm_{k}_ms": v for k, v in summary(warm).items()}}
    return out


async def timed_update(app: Any, data: dict[str, Any]) -> float:
    """Milliseconds from handing the update to the Application to the answer recorded."""
    started = time.perf_counter()
    await app.process_update(Update.de_json(data, app.bot))
    return (time.perf_counter() - started) * 1000


def echo_app(api: FakeBotApi) -> Any:
    """python-telegram-bot with one echo handler over the same fake transport."""
    bot = ExtBot(TOKEN, request=FakeRequest(api), get_updates_request=FakeRequest(api))
    app = ApplicationBuilder().bot(bot).concurrent_updates(64).build()

    async def echo(update: Update, context: Any) -> None:
        await context.bot.send_message(update.effective_chat.id, update.effective_message.text)

    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


async def echo_floor(repeat: int) -> dict[str, float]:
    """python-telegram-bot's own per-update cost: an echo handler, same fake transport."""
    app = echo_app(FakeBotApi(rules=False))
    async with app:
        for i in range(20):
            await timed_update(app, update_for("force", "/force West Mercia", i))
        times = [
            await timed_update(app, update_for("force", "/force West Mercia", i))
            for i in range(repeat)
        ]
    return summary(times)


def duckdb_floor(cache_dir: Path, repeat: int) -> dict[str, float]:
    store = Store.open(paths.DATA_DIR, cache_dir)
    cursor = store._cursor()
    times = [time_ms(lambda: cursor.execute("SELECT 1").fetchall()) for _ in range(repeat)]
    return summary(times)


def workload(count: int, chats: int = 500, seed: int = 7) -> list[dict[str, Any]]:
    """A mixed workload: commands, bad input, private and group chats (three in ten are
    groups); chats take turns, so no chat sends more than count / chats updates."""
    rng = random.Random(seed)
    texts = [t for n, t in COMMANDS.items() if n != "inline"] + list(BAD_INPUT)
    updates = []
    for index in range(count):
        chat_id = index % chats + 1
        if chat_id % 10 < 3:
            chat = {**GROUP_CHAT, "id": -1_000_000 - chat_id}
            text = rng.choice(texts).replace(" ", "@SeizureTestBot ", 1)
        else:
            chat = {**PRIVATE_CHAT, "id": chat_id}
            text = rng.choice(texts)
        if not text.startswith("/") and chat["type"] != "private":
            text = "/force Kent"
        updates.append(message_update(text, chat, **asked_by(chat["id"])))
    return updates


async def drain(app: Any, api: FakeBotApi, data: list[dict[str, Any]]) -> dict[str, float]:
    """Sustained throughput: put every update on the running Application's queue and time
    until all are answered, after one untimed pass of the same workload (so the first
    chart's matplotlib import and each answer's first computation are not counted)."""
    async with app:
        await app.start()
        for timed in (False, True):
            updates = [Update.de_json(item, app.bot) for item in data]
            first_call = len(api.calls)
            started = time.perf_counter()
            for update in updates:
                await app.update_queue.put(update)
            answered = await answers_after(api, first_call, len(data), started)
            elapsed = time.perf_counter() - started
            if not timed:
                await asyncio.sleep(FLOOD_QUIET)  # let every chat's flood allowance refill
        await app.stop()
    return {
        "updates": len(data),
        "answered": answered,
        "seconds": elapsed,
        "updates_per_s": answered / elapsed,
    }


async def answers_after(api: FakeBotApi, first_call: int, wanted: int, started: float) -> int:
    """Wait until ``wanted`` sends are recorded after call number ``first_call`` (at most
    120 s), looking only at new calls so the waiting costs the bot under test little."""
    seen, answered = first_call, 0
    while answered < wanted and time.perf_counter() - started < 120:
        await asyncio.sleep(0.01)
        calls = api.calls[seen:]
        seen += len(calls)
        answered += sum(1 for call in calls if call.method in SENDS)
    return answered


async def echo_throughput(count: int) -> dict[str, float]:
    """The floor for throughput: the echo application, the same queue and workload."""
    api = FakeBotApi(rules=False)
    return await drain(echo_app(api), api, workload(count))


async def throughput(cache_dir: Path, count: int, tmp: Path) -> dict[str, float]:
    """Updates per second through the running Application (its update queue), until every
    update has had its answer recorded by the fake Bot API. Telegram's own limit of about
    30 messages a second is lifted (MESSAGES_PER_SECOND=0, as for an emulator) to measure
    the bot; each chat sends at most the flood guard's burst, so every update is answered."""
    api = FakeBotApi(rules=False)
    app = make_app(fresh_core(cache_dir), api, tmp / "throughput", messages_per_second=0)
    return await drain(app, api, workload(count))


def chart_time(cache_dir: Path, runs: int) -> float:
    """Drawing a /trend chart: the core with its reply cache off, so each call draws; each
    force asked once untimed first, so its figures are fetched and only the drawing (and
    the caption) is timed."""
    core = Core(Store.open(paths.DATA_DIR, cache_dir), reply_cache=0)
    core.answer("/trend Kent")  # matplotlib imported once, as in a running bot
    forces = ["West Mercia", "Kent", "Essex", "Dorset", "Cumbria", "Surrey", "Durham"][:runs]
    for force in forces:
        core.answer(f"/trend {force}")
    times = [
        time_ms(lambda f=force: core.answer(f"/trend {f}")) for _ in range(3) for force in forces
    ]
    return statistics.median(times)


async def run_all(quick: bool = False) -> dict[str, Any]:
    repeat = 30 if quick else 200
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        cache_dir = tmp / "cache"
        Store.open(paths.DATA_DIR, cache_dir).close()  # build the database file once
        floor = await echo_floor(repeat)
        results: dict[str, Any] = {
            "echo_floor_p50_ms": floor["p50"],
            "echo_floor_p99_ms": floor["p99"],
            "duckdb_floor_p50_ms": duckdb_floor(cache_dir, repeat)["p50"],
            "core": core_latency(cache_dir, repeat),
            "app": await app_latency(cache_dir, repeat, tmp),
            "trend_chart_ms": chart_time(cache_dir, 3 if quick else 7),
        }
        parse_core = fresh_core(cache_dir)
        results["parse_question_p99_ms"] = parse_question_p99_ms(parse_core, 5 if quick else 20)
        results["parse_question_count"] = len(questions())
        load = await throughput(cache_dir, 1000 if quick else 2500, tmp)
        floor_load = await echo_throughput(1000 if quick else 2500)
        start = startup(cache_dir, 2 if quick else 5)
        bot_rss = bot_peak_rss(cache_dir, [t for n, t in COMMANDS.items() if n != "inline"])
    for name, figures in results["app"].items():
        results[f"{name}_warm_p50_ms"] = figures["warm_p50_ms"]
        results[f"{name}_warm_p99_ms"] = figures["warm_p99_ms"]
        results[f"{name}_cold_ms"] = figures["cold_ms"]
    results["force_core_cold_ms"] = results["core"]["force"]["cold_ms"]
    firsts = {name: f["cold_ms"] for name, f in results["app"].items() if name != "trend"}
    results["first_ask_slowest"] = max(firsts, key=firsts.__getitem__)
    results["first_ask_max_ms"] = firsts[results["first_ask_slowest"]]
    results["force_warm_x_echo"] = results["force_warm_p50_ms"] / results["echo_floor_p50_ms"]
    results.update(
        throughput_updates_per_s=load["updates_per_s"],
        throughput_answered=load["answered"],
        throughput_updates=load["updates"],
        echo_throughput_updates_per_s=floor_load["updates_per_s"],
        startup_s=start["median_s"],
        peak_rss_mb=bot_rss,
        bench_peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        machine=f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
    )
    results["throughput_x_echo"] = (
        results["throughput_updates_per_s"] / results["echo_throughput_updates_per_s"]
    )
    return results


def report(results: dict[str, Any]) -> str:
    lines = [
        f"Machine: {results['machine']}",
        "",
        "command   core cold  core p50  app cold  app p50  app p99   (ms)",
    ]
    for name in COMMANDS:
        core, app = results["core"][name], results["app"][name]
        lines.append(
            f"{name:<9} {core['cold_ms']:9.2f} {core['warm_p50_ms']:9.3f} "
            f"{app['cold_ms']:9.2f} {app['warm_p50_ms']:8.3f} {app['warm_p99_ms']:8.3f}"
        )
    floor = results["echo_floor_p50_ms"]
    slowest = results["first_ask_slowest"]
    lines += [
        "",
        f"echo floor (Application, fake transport): p50 {floor:.3f} ms, "
        f"p99 {results['echo_floor_p99_ms']:.3f} ms",
        f"DuckDB SELECT 1: p50 {results['duckdb_floor_p50_ms']:.3f} ms",
        "",
        "figure                     measured      target",
        f"force warm p50 (app)      {results['force_warm_p50_ms']:8.3f} ms   "
        f"= {results['force_warm_x_echo']:.2f} x echo floor; target <= 1.5 x "
        f"({1.5 * floor:.3f} ms)",
        f"first ask, slowest (app)  {results['first_ask_max_ms']:8.2f} ms   <= 10 ms "
        f"(/{slowest}; every command but /trend)",
        f"force cold (core)         {results['force_core_cold_ms']:8.2f} ms",
        f"trend chart               {results['trend_chart_ms']:8.1f} ms   <= 150 ms",
        f"start-up to first answer  {results['startup_s']:8.3f} s    <= 0.5 s",
        f"peak RSS (bot, every cmd) {results['peak_rss_mb']:8.1f} MB   <= 200 MB",
        f"peak RSS (this harness)   {results['bench_peak_rss_mb']:8.1f} MB   (ten cores and apps)",
        f"throughput                {results['throughput_updates_per_s']:8.0f} /s   "
        f"= {results['throughput_x_echo']:.0%} of the echo application's; target >= 70% "
        f"({results['throughput_answered']} of {results['throughput_updates']} answered)",
        f"throughput, echo floor    {results['echo_throughput_updates_per_s']:8.0f} /s   "
        "(the same queue and workload, echo handler)",
    ]
    if "parse_question_p99_ms" in results:
        lines.append(
            f"question parser p99       {results['parse_question_p99_ms']:8.3f} ms   < 1 ms "
            f"({results['parse_question_count']} questions of the test table)"
        )
    return "\n".join(lines)
