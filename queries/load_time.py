"""How long the store takes to load: ``python -m queries.load_time``.

Cold: Store.open into a fresh, empty cache folder (hash the tables, build the DuckDB file, open
it).
Warm: Store.open when the cache file exists (hash data/, open read-only).
Query: one ``force-series`` query on an open store.
Each figure is the median of RUNS runs, in milliseconds.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.paths import DATA_DIR
from queries.store import Store

RUNS = 5
TARGET_MS = 500.0  # load, cold or warm
FORCE_ID = "west-mercia"


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``action`` over ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def open_and_close(data_dir: Path, cache_dir: Path) -> None:
    Store.open(data_dir, cache_dir).close()


def cold_ms(data_dir: Path) -> float:
    def build_fresh() -> None:
        with tempfile.TemporaryDirectory(prefix="load-time-cold-") as cache:
            open_and_close(data_dir, Path(cache))

    return median_ms(build_fresh)


def measure(data_dir: Path = DATA_DIR) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="load-time-warm-") as folder:
        cache = Path(folder)
        open_and_close(data_dir, cache)  # build the cache file once
        warm = median_ms(lambda: open_and_close(data_dir, cache))
        store = Store.open(data_dir, cache)
        try:
            # _execute: the query itself, not the result the store keeps after the first run
            query = median_ms(lambda: store._execute("force-series", {"force_id": FORCE_ID}))
        finally:
            store.close()
    return {"cold": cold_ms(data_dir), "warm": warm, "query": query}


def report(figures: dict[str, float]) -> str:
    def verdict(ms: float) -> str:
        return f"target < {TARGET_MS:.0f} ms: {'ok' if ms < TARGET_MS else 'TOO SLOW'}"

    return "\n".join(
        [
            f"store load times, median of {RUNS} runs",
            f"  cold build (fresh cache)  {figures['cold']:8.1f} ms   ({verdict(figures['cold'])})",
            f"  warm open (cache exists)  {figures['warm']:8.1f} ms   ({verdict(figures['warm'])})",
            f"  force-series query        {figures['query']:8.1f} ms   ({FORCE_ID})",
        ]
    )


def main() -> None:
    print(report(measure()))


if __name__ == "__main__":
    main()
