#!/usr/bin/env bash
# Run the bot: with TELEGRAM_BOT_TOKEN set (environment or .env) it talks to Telegram;
# without one it starts the console chat on the bundled data. Extra arguments go to
# seizure-bot, e.g. `bash scripts/run.sh ask "/force Kent"`.
source "$(dirname "$0")/_venv.sh"
exec seizure-bot "$@"
