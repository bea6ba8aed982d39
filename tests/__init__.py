"""The tests, mirroring bot/: tests/reading/, tests/writing/, tests/answers/, tests/releases/,
tests/ingest/, tests/queries/, tests/adapters/ (and adapters/telegram/); project-wide tests here.
Helpers live in tests/support/. Tests that start the real bot are marked ``process``."""
