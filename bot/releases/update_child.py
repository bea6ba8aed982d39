"""The running bot's own update, in a child process with memory and time limits, so that a
hostile release can fail the update but never the bot (its memory, its event loop, its
SIGHUP, reloads and alerts).

    result = await run_update_child(target, base_url)   # -> ChildResult, never raises

The child is ``python -m bot.releases.update_child TARGET BASE_URL MEMORY CPU``: the same ``update``
as `seizure-bot update`, under RLIMIT_AS (UPDATE_MEMORY_BYTES) and RLIMIT_CPU that it sets
itself before importing anything (no preexec_fn in a threaded parent), killed at
UPDATE_SECONDS of wall-clock time; it prints one JSON line (ChildResult's fields).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

UPDATE_MEMORY_BYTES = 3 * 1024**3
UPDATE_SECONDS = 900.0  # wall-clock, the whole update (GOV.UK exchanges have their own)
MAX_OUTPUT_BYTES = 1_000_000


@dataclass
class ChildResult:
    ok: bool = False
    changed: bool = False
    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # releases not imported
    error: str = ""  # the update failed as a whole; the data are unchanged


async def run_update_child(
    target: Path,
    base_url: str,
    *,
    seconds: float = UPDATE_SECONDS,
    memory_bytes: int = UPDATE_MEMORY_BYTES,
) -> ChildResult:
    limits = [str(memory_bytes), str(int(seconds) + 1)]  # set by the child itself, first
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.releases.update_child", str(target), base_url, *limits,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=os.environ.copy(),
    )  # fmt: skip
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout=seconds)
    except TimeoutError:
        process.kill()
        await process.wait()
        return ChildResult(error=f"the update took longer than {seconds:g} s and was stopped")
    return _result(process.returncode, out[:MAX_OUTPUT_BYTES], err)


def _result(code: int | None, out: bytes, err: bytes) -> ChildResult:
    for line in reversed(out.decode("utf-8", "replace").splitlines()):
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict):
            return ChildResult(**{k: data[k] for k in asdict(ChildResult()) if k in data})
    text = err.decode("utf-8", "replace")
    last = (text.strip().splitlines() or [""])[-1][:200]
    why = "ran out of memory" if "MemoryError" in text else f"ended with code {code}"
    return ChildResult(error=f"the update process {why}" + (f" ({last})" if last else ""))


def main(argv: list[str]) -> int:
    """The child: its limits (memory bytes, CPU seconds) set before anything is imported,
    then one update, one JSON line on stdout."""
    target, base_url = Path(argv[0]), argv[1]
    if len(argv) >= 4:
        memory, cpu = int(argv[2]), int(argv[3])
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    from bot.releases.update import UpdateError, update

    try:
        summary = update(target, base_url=base_url)
    except UpdateError as exc:
        result = ChildResult(error=str(exc))
    except MemoryError:
        result = ChildResult(error="the update ran out of memory; data unchanged")
    else:
        result = ChildResult(summary.ok, summary.changed, summary.lines(), summary.failures)
    print(json.dumps(asdict(result)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
