#!/usr/bin/env bash
# Run the bot: with TELEGRAM_BOT_TOKEN set (environment or ./.env) it talks to Telegram;
# without one it starts the console chat on the bundled data. Extra arguments go to
# seizure-bot, e.g. `bash scripts/run.sh ask "/force Kent"`. It runs in the folder you call
# it from (files named on the command line, ./.env, out/ and .state/ are found there).
# Needs Python 3.11+: PYTHON=python3.11 bash scripts/run.sh picks one (.venv is remade).
# Installs only what running needs; `ingest` and `update` add the spreadsheet readers.
case "${1:-}" in
    ingest | update) EXTRAS=${EXTRAS:-ingest} ;;
esac
source "$(dirname "$0")/_venv.sh"
exec seizure-bot "$@"
