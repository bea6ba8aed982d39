"""Force, region and drug names as people type them, resolved to ids.

Exact forms (any case or punctuation, ``&`` or ``and``, with or without Police or
Constabulary, the usual short forms) answer at once. Otherwise rapidfuzz ranks the names:
one close match answers with a "did you mean" note, two to five become choices, more ask
the person to be more specific, none gets a sorry and a hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.errors import UnknownName

ALL_DRUGS = "all_drugs"  # the drug id of every seizure: the total of all drugs

# Short forms people use, by the id they mean.
FORCE_ALIASES: dict[str, tuple[str, ...]] = {
    "metropolitan": (
        "met",
        "the met",
        "mps",
        "met police",
        "metropolitan police service",
        "scotland yard",
        "metropolitan police",
    ),
    "greater-manchester": ("gmp", "manchester", "greater manchester police"),
    "btp": ("british transport", "transport police", "british transport police"),
    "city-of-london": (
        "city of london",
        "city police",
        "col police",
        "city of london police",
        "london city",
    ),
    "avon-and-somerset": ("avon", "avon somerset"),
    "devon-and-cornwall": ("devon", "cornwall", "devon cornwall"),
    "dyfed-powys": ("dyfed", "powys"),
    "thames-valley": ("tvp",),
    "west-midlands": ("wmp",),
    "west-yorkshire": ("wyp",),
    "south-yorkshire": ("syp",),
    "north-yorkshire": ("nyp",),
    "hampshire": ("hampshire and isle of wight", "hants"),
    "nottinghamshire": ("notts",),
    "hertfordshire": ("herts",),
    "bedfordshire": ("beds",),
    "cambridgeshire": ("cambs",),
    "northamptonshire": ("northants",),
    "leicestershire": ("leics",),
    "lincolnshire": ("lincs",),
    "gloucestershire": ("glos",),
    "staffordshire": ("staffs",),
    "wiltshire": ("wilts",),
    "lancashire": ("lancs",),
    "border-force": ("uk border force", "ukbf", "border", "uk border agency", "ukba"),
}
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "east-of-england-region": ("eastern", "east anglia", "east", "the east"),
    "yorkshire-and-the-humber-region": ("yorkshire", "yorkshire and humber", "humber"),
    "north-west-region": ("the north west", "northwest"),
    "north-east-region": ("the north east", "northeast"),
    "south-west-region": ("the south west", "southwest"),
    "south-east-region": ("the south east", "southeast"),
    "east-midlands-region": ("the east midlands",),
    "west-midlands-region": ("the west midlands",),
    "london-region": ("greater london",),
    "wales": ("welsh forces", "cymru"),
}
# Everyday names, by the Home Office category they fall in. Replies name the category used.
DRUG_ALIASES: dict[str, tuple[str, ...]] = {
    "all_drugs": ("all", "all drugs", "total", "drugs", "any drug", "everything"),
    "cannabis": (
        "weed",
        "skunk",
        "grass",
        "ganja",
        "pot",
        "marijuana",
        "marihuana",
        "hash",
        "hashish",
        "dope",
        "spliff",
        "cannabis resin",
        "resin",
        "herbal cannabis",
        "cannabis plants",
        "thc",
    ),
    "cocaine": ("coke", "charlie", "powder cocaine", "blow", "snow", "cocaine powder"),
    "crack": ("crack cocaine", "rock", "rocks", "freebase"),
    "ecstasy": ("mdma", "molly", "mandy", "e", "es", "pills", "xtc"),
    "heroin": ("smack", "gear", "brown", "h", "skag", "junk"),
    "amphetamines": ("speed", "amphetamine", "amphet", "whizz", "base"),
    "ketamine": ("ket", "k", "special k", "vitamin k"),
    "mephedrone": ("meow meow", "m cat", "mcat", "4 mmc", "drone"),
    "anabolic_steroids": ("steroids", "roids", "anabolic steroid", "steroid"),
    "benzodiazepines": (
        "benzos",
        "benzo",
        "valium",
        "diazepam",
        "xanax",
        "alprazolam",
        "etizolam",
        "street valium",
    ),
    "ghb": ("g", "gbl", "liquid ecstasy", "gina"),
    "lsd": ("acid", "tabs", "blotter"),
    "methadone": ("methadose", "physeptone"),
    "morphine": ("morph",),
    "temazepam": ("jellies", "temazies"),
    "barbiturates": ("barbs", "barbiturate"),
    "class_a": ("class a", "a", "class a drugs"),
    "class_b": ("class b", "b", "class b drugs"),
    "class_c": ("class c", "c", "class c drugs"),
    "unknown": ("unknown drug", "unidentified", "unknown drugs"),
    "other_class_a": ("other class a",),
    "other_class_b": ("other class b",),
    "other_class_c": ("other class c",),
}

# Forms that name more than one force: always offered as choices.
FORCE_AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "london": ("metropolitan", "city-of-london"),
    "yorkshire": ("west-yorkshire", "south-yorkshire", "north-yorkshire", "humberside"),
    "wales": ("north-wales", "south-wales", "dyfed-powys", "gwent"),
    "midlands": ("west-midlands", "west-mercia", "staffordshire", "warwickshire"),
}
_WORDS_DROPPED = {"the", "police", "constabulary", "service", "force", "area", "pfa", "region"}
SHORT_FORMS = {  # short forms of place words: W Mercia, Gtr Manchester
    "w": "west",
    "n": "north",
    "s": "south",
    "e": "east",
    "nth": "north",
    "sth": "south",
    "yorks": "yorkshire",
    "mids": "midlands",
    "gtr": "greater",
}


def normalise(text: str, *, places: bool = True) -> str:
    """A comparison key: lower case, ``&`` as ``and``, punctuation and filler words gone;
    for place names (``places``) short forms grow: ``W Mercia`` -> ``west mercia``."""
    text = text.lower().replace("&", " and ")
    if text.strip().startswith("london, city of"):
        text = "city of london" + text.strip()[len("london, city of") :]
    text = re.sub(r"[^a-z0-9]+", " ", text)
    prefixes = SHORT_FORMS if places else {}
    words = [prefixes.get(w, w) for w in text.split() if w not in _WORDS_DROPPED]
    return " ".join(words)


@dataclass(frozen=True)
class Match:
    """A resolved name: the id, its display name, and how it was found."""

    id: str
    name: str
    exact: bool
    typed: str


class NameIndex:
    """Names of one kind (force, region, drug) -> ids, exact first, then fuzzy."""

    def __init__(
        self,
        kind: str,
        names: dict[str, str],
        aliases: Mapping[str, Iterable[str]],
        ambiguous: dict[str, tuple[str, ...]] | None = None,
        *,
        places: bool = True,
    ) -> None:
        """``names``: id -> display name; ``aliases``: id -> extra forms; ``ambiguous``:
        forms that always become a choice between several ids; ``places``: whether short
        forms such as ``W`` for West apply (not for drugs, where ``E`` is ecstasy)."""
        self.kind = kind
        self.places = places
        self._ambiguous = {self.key(k): v for k, v in (ambiguous or {}).items()}
        self.display = dict(names)
        self._keys: dict[str, str] = {}
        for item_id, name in names.items():
            for form in (
                name,
                item_id.replace("-", " ").replace("_", " "),
                *aliases.get(item_id, ()),
            ):
                key = self.key(form)
                if key:
                    self._keys.setdefault(key, item_id)
        self._choices = [key for key in self._keys if len(key) > 2]  # "e" is exact-only

    def leading(self, text: str) -> tuple[Match | None, str]:
        """The longest run of leading words that names an item exactly, and the rest."""
        words = text.split()
        for size in range(len(words), 0, -1):
            head = " ".join(words[:size])
            found = self.exact(head)
            if found:
                return Match(found, self.display[found], True, head), " ".join(words[size:])
        return None, text.strip()

    def trailing(self, text: str) -> tuple[Match | None, str]:
        """The longest run of trailing words that names an item exactly, and the rest."""
        words = text.split()
        for size in range(len(words), 0, -1):
            tail = " ".join(words[-size:])
            found = self.exact(tail)
            if found:
                return Match(found, self.display[found], True, tail), " ".join(words[:-size])
        return None, text.strip()

    def key(self, text: str) -> str:
        return normalise(text, places=self.places)

    def add_alias(self, item_id: str, form: str) -> None:
        key = self.key(form)
        if key and key not in self._keys:
            self._keys[key] = item_id
            if len(key) > 2:
                self._choices.append(key)

    def keys(self) -> dict[str, str]:
        """Every exact form (as compared, see ``key``) -> the id it names."""
        return dict(self._keys)

    def exact(self, text: str) -> str | None:
        return self._keys.get(self.key(text))

    def resolve(self, text: str) -> Match:
        """The one item ``text`` names; UnknownName with suggestions otherwise."""
        key = self.key(text)
        if not key:
            raise UnknownName(self.kind, text)
        found = self._keys.get(key)
        if found:
            return Match(found, self.display[found], True, text)
        if key in self._ambiguous:
            options = self._ambiguous[key]
            raise UnknownName(self.kind, text, tuple((c, self.display[c]) for c in options))
        candidates = self.suggest(key)
        if len(candidates) == 1:
            return Match(candidates[0], self.display[candidates[0]], False, text)
        raise UnknownName(self.kind, text, tuple((c, self.display[c]) for c in candidates))

    def suggest(self, key: str, limit: int = 6) -> list[str]:
        """Ids whose names are close to ``key``, best first (at most ``limit``)."""
        scored = process.extract(key, self._choices, scorer=fuzz.WRatio, limit=30, score_cutoff=80)
        if not scored:
            return []
        best = scored[0][1]
        ids: list[str] = []
        for choice, score, _ in scored:
            item = self._keys[choice]
            if score >= best - 8 and item not in ids:
                ids.append(item)
        if (
            len(ids) > 1
            and best >= 95
            and scored[0][1] - _second_score(scored, ids[0], self._keys) >= 5
        ):
            return ids[:1]
        return ids[:limit]


def _second_score(scored: list[tuple[str, float, int]], first: str, keys: dict[str, str]) -> float:
    return next((score for choice, score, _ in scored if keys[choice] != first), 0.0)
