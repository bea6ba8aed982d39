"""The tables a plain question is read with, built once from the names the data hold.

Every phrase (one to six words, lower case) maps to what it claims: a place (one or more
targets: a force, a region, a force reached through a local authority), something outside
England and Wales, a drug, an intent, "the latest year", or filler. Misspellings are read
with rapidfuzz: single words against intent, drug and filler words; the place part of a
question against place names, with a threshold and a margin over the runner-up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot import commands
from bot.reading import vocab
from bot.reading.names import FORCE_AMBIGUOUS, SHORT_FORMS, NameIndex

MAX_PHRASE = 6
WORD_SCORE = 85  # a misspelt intent, drug or filler word (rapidfuzz ratio, 0-100)
WORD_MIN_LENGTH = 5  # shorter words are too easily read as another ("most" as "post")
PLACE_SCORE = 85  # a misspelt place: at least this close to one name ...
PLACE_MARGIN = 6  # ... and this much closer than any name of another place
SUGGEST_SCORE = 70  # names offered back when no place is close enough, with names that
# begin with the words typed
MAX_PLACE_WORDS = 4  # a longer run of unknown words is never matched to a place
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Target:
    """A place a question can be about: a force (``via`` the authority typed) or a region."""

    kind: str  # force | region
    id: str
    name: str
    via: str = ""  # the local authority named ("Leeds"), when not the force itself


@dataclass(frozen=True)
class Claim:
    kind: str  # place | outside | wider | drug | measure | body | intent | latest | context
    # | filler
    value: str = ""  # drug id, intent, outside area, measure name, body (all | police)
    targets: tuple[Target, ...] = ()
    words: str = ""  # the words claimed, as read
    read_as: str = ""  # for a misspelling: what it was read as


def words(text: str) -> list[str]:
    """Lower-case words; ``&`` is ``and``, ``Kent's`` is ``kent``, emoji and punctuation go."""
    text = text.lower().replace("&", " and ")
    text = re.sub(r"['’](s\b)?", "", text)
    return _WORD.findall(text)


def key(text: str) -> str:
    return " ".join(words(text))


class Lexicon:
    def __init__(
        self,
        forces: NameIndex,
        regions: NameIndex,
        drugs: NameIndex,
        places: Mapping[str, str],
    ) -> None:
        """``places``: local authority name -> force_id (data/places.csv)."""
        self.phrases: dict[str, Claim] = {}
        self._place_keys: dict[str, tuple[Target, ...]] = {}
        self._add_places(forces, regions, places)
        for area, forms in vocab.OUTSIDE.items():
            for form in forms:
                self.phrases[key(form)] = Claim("outside", area)
        self._add_drugs(drugs)
        for area, forms in vocab.WIDER.items():
            for form in forms:
                self.phrases.setdefault(key(form), Claim("wider", area))
        for form in vocab.CONTEXT:
            self.phrases.setdefault(key(form), Claim("context"))
        for measure, (forms, _statistic) in vocab.MEASURES.items():
            for form in forms:
                self.phrases.setdefault(key(form), Claim("measure", measure))
        for body, forms in vocab.BODIES.items():
            for form in forms:
                self.phrases.setdefault(key(form), Claim("body", body))
        for form in vocab.SIGN_OFFS:
            self.phrases.setdefault(key(form), Claim("filler"))
        for intent, forms in commands.intents().items():  # each answer's own words
            for form in forms:
                self.phrases.setdefault(key(form), Claim("intent", intent))
        for form in vocab.LATEST:
            self.phrases.setdefault(key(form), Claim("latest"))
        for word in vocab.FILLER:
            self.phrases.setdefault(key(word), Claim("filler"))
        self._words = {  # places are read loosely only as a whole span (``place``)
            k: c
            for k, c in self.phrases.items()
            if " " not in k and len(k) >= 4 and c.kind in {"drug", "intent", "latest", "filler"}
        }
        self._word_list = list(self._words)
        outside = [k for k, c in self.phrases.items() if c.kind == "outside" and len(k) > 3]
        self._fuzzy_places = [*self._place_keys, *outside]
        self._place_list = list(self._place_keys)

    def _add_places(self, forces: NameIndex, regions: NameIndex, places: Mapping[str, str]) -> None:
        found: dict[str, list[Target]] = {}

        def add(form: str, target: Target) -> None:
            targets = found.setdefault(key(form), [])
            if all((t.kind, t.id) != (target.kind, target.id) for t in targets):
                targets.append(target)

        for form, force_id in forces.keys().items():
            add(form, Target("force", force_id, forces.display[force_id]))
        for form, region_id in regions.keys().items():
            add(form, Target("region", region_id, regions.display[region_id]))
        for form, ids in FORCE_AMBIGUOUS.items():
            for force_id in ids:
                if force_id in forces.display:  # all are, but for a parser of small tables
                    add(form, Target("force", force_id, forces.display[force_id]))
        for name, force_id in sorted(places.items()):
            target = Target("force", force_id, forces.display[force_id], name)
            for form in _authority_forms(name):
                add(form, target)
        for name, forms in vocab.PLACE_ALIASES.items():
            if name in places:
                for form in forms:
                    add(form, Target("force", places[name], forces.display[places[name]], name))
        for town, name in vocab.TOWNS.items():  # a town inside one authority: its force
            if name in places:
                add(town, Target("force", places[name], forces.display[places[name]], town))
        for form, names in vocab.PLACE_AMBIGUOUS.items():
            found[key(form)] = [
                Target("force", places[n], forces.display[places[n]], n)
                for n in names
                if n in places
            ]
        for form, targets in list(found.items()):  # "devon n cornwall", "and the humber"
            if " and " in form:
                for joint in (" n ", " and the "):
                    found.setdefault(form.replace(" and ", joint), targets)
        for form, targets in found.items():
            if form and targets:
                self._place_keys[form] = tuple(targets)
                self.phrases[form] = Claim("place", targets=tuple(targets))

    def _add_drugs(self, drugs: NameIndex) -> None:
        forms = dict(drugs.keys())
        for drug_id, extra in vocab.EXTRA_DRUG_FORMS.items():
            forms.update({form: drug_id for form in extra})
        for form, drug_id in forms.items():
            if form not in vocab.NOT_A_DRUG_IN_QUESTIONS:
                self.phrases.setdefault(key(form), Claim("drug", drug_id))

    def word(self, token: str) -> Claim | None:
        """A misspelt intent, drug or filler word, when one is clearly meant."""
        if len(token) < WORD_MIN_LENGTH or token.isdigit():
            return None
        scored = process.extract(token, self._word_list, scorer=fuzz.ratio, limit=3,
                                 score_cutoff=WORD_SCORE)  # fmt: skip
        if not scored:
            return None
        best = self._words[scored[0][0]]
        rival = next((s for c, s, _ in scored[1:] if self._words[c] != best), 0.0)
        if scored[0][1] - rival < PLACE_MARGIN:
            return None
        return Claim(best.kind, best.value, best.targets, token, scored[0][0])

    def place(self, span: str) -> tuple[Claim | None, tuple[Target, ...]]:
        """(the place a misspelt span names, if one is clearly meant; else the nearest
        places to offer back)."""
        if len(span.split()) > MAX_PLACE_WORDS:
            return None, ()
        grown = " ".join(SHORT_FORMS.get(word, word) for word in span.split())  # W Mercia
        found = self.phrases.get(grown)
        if grown != span and found and found.kind == "place":
            return Claim("place", found.value, found.targets, span, grown), ()
        scored = process.extract(span, self._fuzzy_places, scorer=fuzz.ratio, limit=8,
                                 score_cutoff=PLACE_SCORE)  # fmt: skip
        if scored:
            best = self.phrases[scored[0][0]]
            rival = next((s for c, s, _ in scored[1:] if not _same(self.phrases[c], best)), 0.0)
            if scored[0][1] - rival >= PLACE_MARGIN:
                return Claim(best.kind, best.value, best.targets, span, scored[0][0]), ()
        near = [
            choice
            for choice, _, _ in process.extract(
                span, self._place_list, scorer=fuzz.ratio, limit=8, score_cutoff=SUGGEST_SCORE
            )
        ]
        if len(span) >= 3:  # "brighton" -> "brighton and hove", "west" -> "west mercia" ...
            near += [k for k in self._place_list if k.startswith(span + " ") or f" {span}" in k]
        offered: list[Target] = []
        for choice in near:
            for target in self._place_keys[choice]:
                if target not in offered:
                    offered.append(target)
        return None, tuple(offered)


def _same(a: Claim, b: Claim) -> bool:
    """Two readings that come to the same answer (Cornwall the county and the force)."""
    ids = lambda c: {(t.kind, t.id) for t in c.targets} or {(c.kind, c.value)}  # noqa: E731
    return ids(a) == ids(b)


def _authority_forms(name: str) -> tuple[str, ...]:
    """``Bristol, City of`` is also ``Bristol``; ``St. Helens`` is ``st helens``."""
    short = re.sub(r",\s*(City|County) of$", "", name)
    return (name, short) if short != name else (name,)
