"""Hand-made /force cards for the tests of bot/answers/force/force_card.py."""

from __future__ import annotations

from bot.answers.force import force_card  # noqa: F401  (registers the renderers)
from bot.results import DrugShare, ForceCard, Reported
from bot.writing.render import render

FOOTER = (
    "<i>Source: Home Office, Seizures of drugs in England and Wales, 2018-19; ONS mid-2018 "
    "population. Caveats: /sources</i>"
)
SEVERAL = "<i>A seizure of several drugs counts once in the total and once per drug.</i>"
URL = "https://www.example.org/news?a=1&b=2"


def card(**fields: object) -> ForceCard:
    """Kent in 2018-19 with a rate and nothing else to say, but for ``fields``."""
    values: dict[str, object] = {
        "force_id": "kent",
        "full_name": "Kent Police",
        "region_id": "south-east",
        "region_name": "South East",
        "kind": "territorial",
        "fye": 2019,
        "seizures": 1000,
        "trend": None,
        "rate": 500.4,
        "population_mid_year": 2018,
        "population_note": "",
        "national_rate": None,
        "region_rate": None,
        "national_rank": None,
        "region_rank": None,
        "region_rank_by_count": None,
        "drugs": (),
        "unknown": None,
        "class_a": None,
        "later": (),
        "sources": ("bdd-force",),
    }
    values.update(fields)
    return ForceCard(**values)  # type: ignore[arg-type]


def lines(result: object) -> list[str]:
    return render(result).html.split("\n")


def middle(result: object) -> list[str]:
    """The lines between the headline and the footer."""
    return lines(result)[1:-1]


def later(fye: int, value: float, url: str = URL) -> Reported:
    return Reported(fye, "seizures", "all_drugs", value, "seizures", "news", url, "")


DRUGS = (
    DrugShare("cannabis", "Cannabis", 600),
    DrugShare("cocaine", "Cocaine", 150),
    DrugShare("lsd", "LSD", 4),
    DrugShare("other_a", "Other class A", 8),
    DrugShare("heroin", "Heroin", 100),
)
