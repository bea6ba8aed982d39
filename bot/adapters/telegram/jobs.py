"""What a running Telegram bot does on its own: new data, and release alerts.

    DataJobs(settings, cores, state, migrated).schedule(app)

- **Reload**: every RELOAD_CHECK_SECONDS, on SIGHUP, and after an update that changed
  something, ``DataWatch.check`` (bot.releases.reload) runs in a worker thread; a new Core is
  swapped into the one CoreSlot the handlers read, between updates.
- **Update**: every UPDATE_CHECK_HOURS (0: never), the same ``update`` as `seizure-bot update`
  (bot.releases.update), in a child process with memory and time limits
  (bot.releases.update_child), into DATA_DIR (or the user data folder when the bot reads the
  bundled tables); then a reload.
  A failure is logged at ERROR and told to the developer chat once a day per kind.
- **Alerts**: whenever the core in use holds a newer complete year than the chat state has
  noted (``ChatState.data_year``), one alert per subscription is queued in SQLite; each is
  claimed there before it goes, so a restart or a second sender never sends it twice. An
  alert that met a network failure is released and tried at the next run; one Telegram
  refused (403 blocked, 400) is not. An alert goes to the forum topic /subscribe was sent in;
  if that topic is closed or deleted, to General with a note, once, and the subscription
  moves there. A chat that blocked or removed the bot (403) has its subscriptions paused
  until it takes the bot back. Pacing is the application's rate limiter (30 messages a
  second overall, 20 a minute per group, kept chat by chat).
"""

from __future__ import annotations

import asyncio
import html
import logging
import signal
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application, ContextTypes

from bot.adapters.state import ChatState
from bot.adapters.telegram.send import Target, send_reply
from bot.config import Settings
from bot.releases.alerts import alert_reply
from bot.releases.reload import CoreSlot, DataWatch, update_folder
from bot.releases.update_child import UPDATE_SECONDS, run_update_child
from bot.releases.update_notice import UpdateNotices
from bot.reply import Reply
from bot.writing.messages import plain

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
FIRST_UPDATE_SECONDS = 300.0  # the first update after start, unless UPDATE_CHECK_HOURS is less
DATA_JOBS = "data_jobs"  # the key of this object in Application.bot_data
FLUSH_SECONDS = 2.0  # how often the questions a bare /csv answers are written to STATE_PATH
FIRST_ALERTS_SECONDS = 1.0  # alerts left from before a restart go out once the bot is up
QUIET_SECONDS = 10.0  # the timer opens only a folder unchanged for this long
TOPIC_GONE = ("message thread not found", "topic_closed", "topic_deleted")  # 400s, lower case
MOVED_NOTE = (
    "<i>The topic these alerts went to is closed or deleted, so they come here now; "
    "send /subscribe in another topic to move them.</i>\n\n"
)


class DataJobs:
    def __init__(
        self,
        settings: Settings,
        cores: CoreSlot,
        state: ChatState,
        migrated: Callable[[int, int], None],
    ) -> None:
        self.settings = settings
        self.cores = cores
        self.state = state
        self.migrated = migrated  # Handlers.migrated: a group's state follows it
        version = getattr(getattr(cores.current, "store", None), "version", "")
        self.watch = DataWatch(settings.data_dir, settings.cache_dir, version)
        self._busy = asyncio.Lock()  # one reload at a time
        self.notices = UpdateNotices()  # the developer hears of a failed update once a day
        self._updating = asyncio.Lock()  # one update at a time (bot.releases.update_child)
        self.update_seconds = UPDATE_SECONDS

    def schedule(self, app: Application) -> None:
        app.bot_data[DATA_JOBS] = self  # for the tests and the console of a debugger
        jobs = app.job_queue
        if jobs is None:  # python-telegram-bot without its job-queue extra
            log.warning("No job queue: new data are read only after a restart")
            return
        jobs.run_once(self._signals_job, 0, name="SIGHUP")
        jobs.run_once(self._alerts_job, FIRST_ALERTS_SECONDS, name="alerts")
        jobs.run_repeating(self._flush_job, FLUSH_SECONDS, first=FLUSH_SECONDS, name="flush")
        seconds = self.settings.reload_check_seconds
        if seconds > 0:
            jobs.run_repeating(self._reload_job, seconds, first=seconds, name="reload")
        hours = self.settings.update_check_hours
        if hours > 0:
            every = hours * 3600.0
            first = min(every, FIRST_UPDATE_SECONDS)
            jobs.run_repeating(self._update_job, every, first=first, name="update")

    # the jobs (python-telegram-bot callbacks)

    async def _signals_job(self, context: Context) -> None:
        self.watch_signals(context.application)

    async def _flush_job(self, context: Context) -> None:
        await asyncio.to_thread(self.state.flush)

    async def _alerts_job(self, context: Context) -> None:
        await self.alerts(context.bot)

    async def _reload_job(self, context: Context) -> None:
        await self.reload(context.bot, quiet=QUIET_SECONDS)

    async def _update_job(self, context: Context) -> None:
        await self.update(context.bot)

    # what they do

    async def reload(self, bot: Bot, quiet: float = 0.0) -> bool:
        """A new core if the data changed (then its alerts); whether one was swapped in.
        ``quiet``: see DataWatch.check."""
        async with self._busy:
            swapped = await self._reload(quiet)
        await self.alerts(bot)
        return swapped

    async def _reload(self, quiet: float = 0.0) -> bool:
        core = await asyncio.to_thread(self.watch.check, quiet)
        if core is None:
            return False
        self.cores.swap(core)  # on the event loop, between updates
        log.info("Now answering from data version %s", self.watch.version)
        return True

    async def update(self, bot: Bot) -> bool:
        """``update`` as `seizure-bot update` runs it, then a reload; whether data changed."""
        from bot.ingest import missing_extra

        if problem := missing_extra():
            log.warning("Update from GOV.UK skipped, data unchanged: %s", problem)
            return False
        target = update_folder(self.settings.data_dir)
        if self._updating.locked():
            return False  # the one before is still running
        async with self._updating:  # in a child process: the bot answers and reloads meanwhile
            result = await run_update_child(target, self.settings.govuk_base_url,
                                            seconds=self.update_seconds)  # fmt: skip
        if result.error:
            log.error("Update from GOV.UK failed, data unchanged: %s", result.error)
            await self._tell_developer(bot, result.error)
            return False
        for line in result.lines:
            log.log(logging.ERROR if line.startswith("NOT") else logging.INFO, "update: %s", line)
        for failure in result.failures:
            await self._tell_developer(bot, f"NOT imported: {failure}")
        if result.changed:
            async with self._busy:
                await self._reload()
        await self.alerts(bot)
        return result.changed

    async def _tell_developer(self, bot: Bot, reason: str) -> None:
        """One message per kind of failure per day (bot.releases.update_notice), if a developer chat
        is set."""
        text = self.notices.due(reason)
        chat_id = self.settings.developer_chat_id
        if text is None or chat_id is None:
            return
        try:
            plain = html.unescape(text)
            await send_reply(bot, Target(chat_id), Reply(html=text, text=plain, kind="error"))
        except TelegramError as exc:
            log.warning("Could not tell the developer chat of a failed update (%s)", exc)

    async def alerts(self, bot: Bot) -> int:
        """Queue alerts if the data gained a year, then send those still to send; how many
        went."""
        with self.cores.lease() as core:
            last_fye = getattr(getattr(core, "data", None), "last_fye", None)
            if last_fye is not None and self.state.data_year(last_fye):
                log.info("A new year of data, %s: release alerts queued", last_fye)
            sent = 0
            for chat_id, topic, fye in self.state.pending_alerts():
                if not self.state.claim_alert(chat_id, topic, fye):
                    continue  # another sender took it
                reply = await asyncio.to_thread(alert_reply, core, topic, fye)
                if reply is None:
                    log.warning("No card for the alert %s %s; not sent", topic, fye)
                    continue
                thread = self.state.subscription_thread(chat_id, topic)
                outcome = await self._send(bot, Target(chat_id, thread), reply)
                if outcome is None:  # the network: try again at the next run
                    self.state.release_alert(chat_id, topic, fye)
                    break
                sent += outcome
        if sent:
            log.info("Sent %d release alerts", sent)
        return sent

    async def _send(self, bot: Bot, where: Target, reply: Any) -> bool | None:
        """True if sent, False if Telegram refused it for good, None to try again later."""
        chat_id = where.chat_id
        try:
            try:
                await send_reply(bot, where, reply)
            except ChatMigrated as exc:
                self.migrated(chat_id, exc.new_chat_id)
                await send_reply(bot, Target(exc.new_chat_id, where.thread), reply)
            return True
        except Forbidden as exc:  # blocked, or removed from the group: wait for its return
            paused = self.state.pause(chat_id)
            log.info("Chat %s cannot be written to (%s); %d alerts paused", chat_id, exc, paused)
        except BadRequest as exc:
            if where.thread is not None and any(g in exc.message.lower() for g in TOPIC_GONE):
                return await self._to_general(bot, where, reply, exc.message)
            log.warning("Telegram refused an alert to chat %s (%s)", chat_id, exc.message)
        except (NetworkError, RetryAfter) as exc:
            log.warning("Could not send an alert to chat %s (%s); trying later", chat_id, exc)
            return None
        return False

    async def _to_general(self, bot: Bot, where: Target, reply: Reply, problem: str) -> bool | None:
        """The alert's topic is closed or deleted: its subscriptions move to General, and
        this alert goes there with a note saying so."""
        moved = self.state.move_subscriptions(where.chat_id, where.thread, None)
        log.info(
            "Topic %s of chat %s is gone (%s): %d subscriptions moved to General",
            where.thread,
            where.chat_id,
            problem,
            moved,
        )
        noted = replace(reply, html=MOVED_NOTE + reply.html, text=plain(MOVED_NOTE) + reply.text)
        return await self._send(bot, Target(where.chat_id), noted)

    # SIGHUP: look for new data now

    def watch_signals(self, app: Application) -> None:
        """Reload on SIGHUP (Unix, main thread; elsewhere only the timer works)."""
        loop = asyncio.get_running_loop()
        try:
            loop.add_signal_handler(signal.SIGHUP, self._hangup, app)
        except (AttributeError, NotImplementedError, RuntimeError, ValueError):
            log.info("SIGHUP cannot be caught here; new data are read by the timer")

    def _hangup(self, app: Application) -> None:
        log.info("SIGHUP: looking for new data")
        app.create_task(self.reload(app.bot), name="reload on SIGHUP")
