# Sourced by run.sh and test.sh: make the checkout's .venv and install the project into it.
# Needs only Python 3.11+ (PYTHON, default python3) and PyPI. It does not change folder.
#   EXTRAS=""      what running needs (run.sh); "ingest" adds the spreadsheet readers
#   EXTRAS="dev"   the test tools too (test.sh; dev includes ingest)
# A .venv that does not run, has no pip, or was made by another Python than PYTHON names is
# made again; the install is redone when pyproject.toml is newer or more extras are wanted.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
EXTRAS=${EXTRAS:-}
_NEED='import sys; sys.exit(sys.version_info < (3, 11))'
_WHICH='import sys; print(sys.version.split()[0], sys.base_prefix)'

_venv_fail() {
    echo "scripts/$(basename "$0"): $*" >&2
    exit 2
}

_venv_usable() {  # .venv runs, has pip, is 3.11+, and (if PYTHON is set) is made by it
    [ -x "$VENV/bin/python" ] || return 1
    "$VENV/bin/python" -c "$_NEED" 2>/dev/null || return 1
    "$VENV/bin/python" -m pip --version >/dev/null 2>&1 || return 1
    if [ -n "${PYTHON:-}" ]; then
        [ "$("$VENV/bin/python" -c "$_WHICH")" = "$("$PYTHON" -c "$_WHICH" 2>/dev/null)" ] ||
            return 1
    fi
}

_venv_make() {
    local python=${PYTHON:-python3} found
    if ! found=$("$python" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null); then
        _venv_fail "needs Python 3.11 or newer; there is no '$python' here." \
            "Install one and run again with PYTHON pointing at it, e.g. PYTHON=python3.11 bash $0"
    fi
    if ! "$python" -c "$_NEED"; then
        _venv_fail "needs Python 3.11 or newer; $python is $found." \
            "Run again with PYTHON pointing at a newer one, e.g. PYTHON=python3.11 bash $0"
    fi
    echo "Making $VENV with $python $found (once; under a minute)..." >&2
    rm -rf "$VENV"
    if ! "$python" -m venv "$VENV" >/dev/null 2>&1; then
        rm -rf "$VENV"
        _venv_fail "$python $found cannot make a virtual environment" \
            "(on Debian or Ubuntu: apt install python3-venv, or python$found-venv)"
    fi
    "$VENV/bin/python" -m pip --version >/dev/null 2>&1 ||
        _venv_fail "the new .venv has no pip (on Debian or Ubuntu: apt install python3-venv)"
}

_venv_installed() {  # the last install is newer than pyproject.toml and has the extras wanted
    local marker="$VENV/.installed"
    [ -f "$marker" ] && [ ! "$ROOT/pyproject.toml" -nt "$marker" ] || return 1
    [ -z "$EXTRAS" ] || grep -qx -e "$EXTRAS" -e dev "$marker"
}

_venv_usable || _venv_make
if ! _venv_installed; then
    spec="$ROOT${EXTRAS:+[$EXTRAS]}"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec" >&2
    echo "${EXTRAS:-run}" >"$VENV/.installed"
fi
export PATH="$VENV/bin:$PATH"
