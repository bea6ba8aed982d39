"""The Telegram adapter: python-telegram-bot around the core (the core never imports it).

    application  build_application: handlers, menus, chat state, error handler
    run          run_bot: logging, then polling or the webhook server; exit codes
    client       the Bot API client: retries on 5xx and timeouts, polling failures (PollWatch)
    send         a Reply out as messages, photos and documents, split to Telegram's limits
    guard        the flood guard per chat and one update at a time per chat
    jobs         timed jobs: data reload, release checks, alerts
    log          logging that hides the token and the webhook secret

Import the modules by their absolute names (``bot.adapters.telegram.run``); ``import telegram``
anywhere is python-telegram-bot itself.
"""
