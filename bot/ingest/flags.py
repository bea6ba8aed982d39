"""Figures that are published but must not be compared or ranked as complete.

Each flag names the published statement that says why. A flagged figure is kept as it was
published; the bot shows it with the note and leaves it out of changes, ranks and sums.
"""

from __future__ import annotations

from bot.ingest import sources as src

GUARDIAN_FYE2013 = (
    "https://www.theguardian.com/news/datablog/2013/nov/01/"
    "drug-seizures-england-wales-drop-falls-in-cannabis-cocaine-heroin"
)

# (fye, force_id, flag, note, evidence page)
PARTIAL = (
    (
        2013,
        "surrey",
        "partial",
        "The Home Office reported insufficient data from Surrey for 2012-13, so the "
        "published figure is incomplete",
        GUARDIAN_FYE2013,
    ),
)


def flags_table(registry: src.SourceRegistry) -> list[dict[str, object]]:
    return [
        {
            "fye": fye,
            "force_id": force_id,
            "flag": flag,
            "note": note,
            "source": registry.add_page(url),
        }
        for fye, force_id, flag, note, url in PARTIAL
    ]
