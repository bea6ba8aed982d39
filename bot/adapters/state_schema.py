"""The chat state's tables in SQLite (bot.adapters.state): what each row holds, and what a
file made by an older version lacks.

    SCHEMA_VERSION   the ``PRAGMA user_version`` of a file made or brought up to date
    SCHEMA           the tables and their indexes, each made if missing
    statements()     SCHEMA one statement at a time (not executescript: it would commit midway)
    ADDED_COLUMNS    columns added in schema version 2, added to a table version 1 made

bot.adapters.state_file applies them when it opens a file.
"""

from __future__ import annotations

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS chat (
    chat_id       INTEGER PRIMARY KEY,
    default_force TEXT,  -- a force_id set with /setforce
    last_query    TEXT   -- the csv_query of the chat's last answer
);
CREATE TABLE IF NOT EXISTS subscription (
    chat_id INTEGER NOT NULL,
    topic   TEXT NOT NULL,  -- e.g. 'release': what the chat wants to hear about
    PRIMARY KEY (chat_id, topic)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS subscription_by_topic ON subscription (topic, chat_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS topic (  -- a forum topic's own settings
    chat_id       INTEGER NOT NULL,
    thread_id     INTEGER NOT NULL,
    default_force TEXT,
    PRIMARY KEY (chat_id, thread_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sent (  -- the bot's recent messages (the newest SENT_KEPT)
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    thread_id  INTEGER,  -- the forum topic it went to
    query      TEXT,     -- the csv_query of the answer it carries
    at         REAL NOT NULL,  -- when it went (unix time)
    PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sent_by_time ON sent (at);
CREATE TABLE IF NOT EXISTS last_answer (  -- in groups: each person's, per topic (0: none)
    chat_id    INTEGER NOT NULL,
    thread_id  INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    last_query TEXT,
    PRIMARY KEY (chat_id, thread_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alert (
    chat_id INTEGER NOT NULL,
    topic   TEXT NOT NULL,     -- the subscription it is for
    fye     INTEGER NOT NULL,  -- the new year whose card it sends
    sent_at TEXT,              -- when it was claimed for sending (NULL: still to send)
    PRIMARY KEY (chat_id, topic, fye)
) WITHOUT ROWID;
"""
# columns added in schema version 2 (a table made by version 1 lacks them)
ADDED_COLUMNS = {
    "subscription": {
        "thread_id": "INTEGER",  # the forum topic /subscribe was sent in (NULL: none)
        "paused": "INTEGER NOT NULL DEFAULT 0",  # 1: the chat blocked or removed the bot
    },
}


def statements() -> list[str]:
    return [s.strip() for s in SCHEMA.split(";") if s.strip()]
