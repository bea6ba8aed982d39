#!/usr/bin/env bash
# Run the checks: ruff (lint, then the formatting), mypy, then the whole test suite, on every
# core. Installs the test tools (the `dev` extra) into .venv, which run.sh does not.
# Extra arguments go to pytest,
# e.g. `bash scripts/test.sh -m "not load"` to skip the load test.
EXTRAS=dev
source "$(dirname "$0")/_venv.sh"
cd "$ROOT"
ruff check .
ruff format --check .  # `ruff format .` fixes it
mypy
exec python -m pytest -n auto "$@"  # one worker per core (pytest-xdist)
