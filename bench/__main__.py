"""Benchmark: ``python -m bench`` prints figures; ``python -m bench --json`` one JSON object.

Measures, on this machine, in one run:
- per command: latency through the core alone and through the real Application with a
  fake Bot API transport (process_update to the recorded send*), cold and warm;
- the floor: an echo handler through the same kind of Application, and DuckDB ``SELECT 1``;
- throughput: updates per second through the Application for a mixed workload from 500
  chats, bad input included;
- start-up: process start to the first answer of ``seizure-bot ask "/force Kent"``;
- peak resident memory; chart drawing time.
No timing is asserted anywhere in the test suite; this script is where speed lives.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from bench import measure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    args = parser.parse_args(argv)
    results = asyncio.run(measure.run_all(quick=args.quick))
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        print(measure.report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
