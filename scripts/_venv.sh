# Sourced by run.sh and test.sh: make .venv and install the project into it when
# pyproject.toml is newer than the last install. Needs only Python 3.11+ and PyPI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e '.[dev,ingest]'
    touch .venv/.installed
fi
export PATH="$PWD/.venv/bin:$PATH"
