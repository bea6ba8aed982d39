"""parse_question_p99_ms: how long the parser takes to read one plain question.

Every question of tests/reading/test_question.py's table, parsed 20 times each after one warm-up
pass (the lexicon is built at the first question); the 99th percentile in milliseconds.
Refusals and questions back count: they are answers the parser gives too.
"""

from __future__ import annotations

import contextlib
import time

from bot.core import Core
from bot.errors import CoreError
from bot.reply import ChatContext

ROUNDS = 20


def questions() -> list[str]:
    from tests.reading.test_question import QUESTIONS  # the table is the workload

    return [question for question, _ in QUESTIONS]


def parse_question_p99_ms(core: Core, rounds: int = ROUNDS, *, cpu: bool = False) -> float:
    """The 99th percentile of one parse, in milliseconds, over the question table: wall
    clock, or (``cpu``) this thread's CPU time, which leaves out time spent waiting for a
    core on a busy machine."""
    clock = time.thread_time if cpu else time.perf_counter
    asked = questions()
    context = ChatContext()
    timings: list[float] = []
    for round_number in range(rounds + 1):
        for question in asked:
            started = clock()
            with contextlib.suppress(CoreError):
                core.parser.parse(question, context)
            if round_number:  # the first round warms up
                timings.append((clock() - started) * 1000)
    timings.sort()
    return timings[min(len(timings) - 1, int(len(timings) * 0.99))]


if __name__ == "__main__":
    from bot import paths
    from bot.core import open_core

    core = open_core(paths.DATA_DIR, None, long_running=True)
    print(f"parse_question_p99_ms {parse_question_p99_ms(core):.3f} (wall clock)")
    print(f"parse_question_p99_ms {parse_question_p99_ms(core, cpu=True):.3f} (CPU time)")
