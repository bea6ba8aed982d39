"""Helpers the tests (and bench/) import: the fake Bot API, the GOV.UK stand-in, release
workbook and data table builders, hand-made /force cards."""
