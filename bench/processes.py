"""The benchmark's figures that need a process of their own: start-up to the first answer,
and the peak memory of a bot that has answered every command."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# A bot process that answers every command once (charts included) and prints its own peak
# resident memory: the memory a running bot needs, without this harness's.
PEAK_RSS_SCRIPT = """
import os, sys
from pathlib import Path
from bot import paths
from bot.core import open_core
core = open_core(paths.DATA_DIR, Path(os.environ["CACHE_DIR"]), long_running=True)
for text in sys.argv[1:]:
    core.answer(text)
core.inline("west mercia")
# VmHWM: this process's own peak (ru_maxrss would carry the forking parent's over exec)
status = Path("/proc/self/status").read_text()
print(int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM"))) / 1024)
"""


def child_env(cache_dir: Path) -> dict[str, str]:
    env = {**os.environ, "CACHE_DIR": str(cache_dir)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return env


def startup(cache_dir: Path, runs: int) -> dict[str, float]:
    """Process start to the first answer printed, for ``seizure-bot ask "/force Kent"``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", "/force Kent"],
            env=child_env(cache_dir),
            check=True,
            capture_output=True,
            cwd=tempfile.gettempdir(),
        )
        times.append(time.perf_counter() - started)
    return {"median_s": statistics.median(times)}


def bot_peak_rss(cache_dir: Path, texts: list[str]) -> float:
    """Peak resident memory (MB) of a process that answers ``texts`` (every command, charts
    included) and an inline query."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS_SCRIPT, *texts],
        env=child_env(cache_dir),
        check=True,
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    return float(done.stdout.strip().splitlines()[-1])
