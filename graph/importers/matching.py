"""Match actors across datasets: by external id first, then by name or alias, ignoring case.

An importer asks an `ActorIndex` built from the actors already in a dataset whether an incoming
actor is one of them. A match is made only on an exact external id (``ucdp: "114"``), on a
name, alias or id equal after folding case, white space and a trailing parenthesis
(``Government of Russia (Soviet Union)`` is ``Government of Russia``), or, when no name is
equal, on the state a government is named after: ``Government of Syria``, ``Govt. of Syria``,
``Syrian government`` and ``Syria`` are one actor when exactly one actor answers to that state.
Everything that only looks alike (by shared words or fuzzy similarity) is a `NearMiss`:
reported, never merged.

>>> from graph.model import Actor
>>> index = ActorIndex([Actor("iran", "Iran", "state", aliases=["Government of Iran"])])
>>> index.match(["Government of Iran"], {"ucdp": "114"})
Match(incoming='Government of Iran', actor='iran', by="alias 'Government of Iran'")
>>> index.match(["Govt. of Iran"], {})
Match(incoming='Govt. of Iran', actor='iran', by="state named 'Iran'")
>>> [m.actor for m in index.near_misses(["Government of Iraq"])]
['iran']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from graph.model import Actor

_PAREN = re.compile(r"\s*\([^()]*\)\s*")
_WORD = re.compile(r"[a-z0-9]+")
# Words too common in armed actors' names to say that two names mean the same actor.
_COMMON = frozenset({
    "government", "of", "the", "and", "for", "forces", "force", "group", "groups", "front", "army", "movement",
    "party", "state", "islamic", "national", "organization", "organisation", "al", "people", "popular", "republic",
    "democratic", "liberation", "union", "brigade", "brigades", "militia", "militias", "coalition", "council",
    "united", "states", "kingdom", "arab", "emirates", "south", "north", "east", "west", "central",
})  # fmt: skip


@dataclass(frozen=True)
class Match:
    """An incoming actor found in the dataset: ``by`` says how (external id, id, name or alias)."""

    incoming: str
    actor: str
    by: str


@dataclass(frozen=True)
class NearMiss:
    """An incoming actor that resembles an existing one without matching it; not merged."""

    incoming: str
    actor: str
    why: str


def clean_name(text: str) -> str:
    """A name as given, with Unicode forms, stray spaces and stray commas folded away.

    >>> clean_name("  al-Qaida ,")
    'al-Qaida'
    """
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).strip(" ,;")


def base_name(text: str) -> str:
    """The name without parentheses: ``Government of Russia (Soviet Union)`` -> ``Government of Russia``."""
    return clean_name(_PAREN.sub(" ", clean_name(text))) or clean_name(text)


def fold(text: str) -> str:
    """The form names are compared in: clean, case-folded."""
    return clean_name(text).casefold()


_GOVERNMENT_OF = re.compile(r"^(?:the\s+)?(?:government|govt\.?|gov't|gov\.?)\s+of\s+(?:the\s+)?(.+)$", re.IGNORECASE)
_GOVERNMENT_AFTER = re.compile(r"^(?:the\s+)?(.+?)\s+(?:government|govt\.?)$", re.IGNORECASE)


def state_named(text: str) -> str:
    """The state a government's name names, else the name itself, folded: ``Govt. of Syria``,
    ``Government of Syria (1970-)`` and ``Syria`` are all ``syria``.

    >>> state_named("Govt. of the United Kingdom"), state_named("Iraqi government"), state_named("Hezbollah")
    ('united kingdom', 'iraqi', 'hezbollah')
    """
    name = base_name(text)
    found = _GOVERNMENT_OF.match(name) or _GOVERNMENT_AFTER.match(name)
    return fold(found.group(1) if found else name)


def state_alias(name: str) -> str | None:
    """The name of the state a ``Government of X`` is named after, as written; None for other names.

    >>> state_alias("Government of Iran (1979-)"), state_alias("Hezbollah")
    ('Iran', None)
    """
    found = _GOVERNMENT_OF.match(base_name(name))
    return clean_name(found.group(1)) if found else None


def _core(text: str) -> str:
    words = _WORD.findall(fold(base_name(text)))
    return " ".join(w for w in words if w not in ("government", "of", "the"))


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if len(w) >= 4 and w not in _COMMON}


def _share_word(a: set[str], b: set[str]) -> str | None:
    for x in sorted(a):
        for y in sorted(b):
            if x.startswith(y) or y.startswith(x):
                return min(x, y, key=len)
    return None


class ActorIndex:
    """The actors of a dataset, looked up by external id and by folded id, name and alias.

    Cost: building is O(actors x aliases); `match` is O(names); `near_misses` is
    O(actors x aliases) per call.
    """

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self.by_external: dict[tuple[str, str], str] = {}
        self.by_name: dict[str, set[str]] = {}
        self.names: dict[str, list[str]] = {}  # actor id -> its names as written
        self.by_state: dict[str, set[str]] = {}  # the state each name names -> actor ids
        for actor in actors:
            self.add(actor)

    def add(self, actor: Actor) -> None:
        for scheme, value in actor.external_ids.items():
            self.by_external.setdefault((scheme, str(value)), actor.id)
        if actor.wikidata:
            self.by_external.setdefault(("wikidata", actor.wikidata), actor.id)
        names = [actor.id, actor.name, *actor.aliases]
        self.names[actor.id] = names
        for name in names:
            for form in {fold(name), fold(base_name(name))}:
                self.by_name.setdefault(form, set()).add(actor.id)
            self.by_state.setdefault(state_named(name), set()).add(actor.id)

    def answers_to(self, name: str) -> bool:
        """Whether an actor of the index answers to ``name`` (its id, name or an alias)."""
        return fold(name) in self.by_name or fold(base_name(name)) in self.by_name

    def match(self, names: Sequence[str], external_ids: Mapping[str, str]) -> Match | None:
        """The existing actor with one of ``external_ids``, else with one of ``names``; None when none.

        A name shared by two actors matches neither (see `near_misses`).
        """
        incoming = names[0] if names else str(dict(external_ids))
        for scheme, value in external_ids.items():
            found = self.by_external.get((scheme, str(value)))
            if found is not None:
                return Match(incoming, found, f"external id {scheme}={value}")
        for name in names:
            for form in (fold(name), fold(base_name(name))):
                ids = self.by_name.get(form, set())
                if len(ids) == 1:
                    (found,) = ids
                    return Match(incoming, found, self._how(found, form))
        for name in names:
            ids = self.by_state.get(state_named(name), set())
            if len(ids) == 1:
                (found,) = ids
                own = self.names[found]
                written = next(n for n in [*own[1:], own[0]] if state_named(n) == state_named(name))
                return Match(incoming, found, f"state named {written!r}")
        return None

    def _how(self, actor_id: str, form: str) -> str:
        for written in self.names[actor_id]:
            if form in (fold(written), fold(base_name(written))):
                what = "id" if written == actor_id else "name" if written == self.names[actor_id][1] else "alias"
                return f"{what} {written!r}"
        return "name"

    def near_misses(self, names: Sequence[str], limit: int = 3) -> list[NearMiss]:
        """Existing actors that ``names`` resemble without matching: a shared core name, a close
        spelling, a shared distinctive word, or a name shared by several actors. Best first."""
        found: dict[str, NearMiss] = {}
        for name in names:
            ambiguous = self.by_name.get(fold(name), set()) | self.by_name.get(fold(base_name(name)), set())
            if len(ambiguous) > 1:
                for actor_id in sorted(ambiguous):
                    found.setdefault(actor_id, NearMiss(names[0], actor_id, f"{name!r} names several actors"))
            for actor_id, written in self._closest(name):
                found.setdefault(actor_id, NearMiss(names[0], actor_id, written))
        return list(found.values())[:limit]

    def _closest(self, name: str) -> list[tuple[str, str]]:
        scored: list[tuple[float, str, str]] = []
        core, words = _core(name), _words(base_name(name))
        for actor_id, written_names in self.names.items():
            for written in written_names:
                similarity = ratio(core, _core(written)) / 100
                shared = _share_word(words, _words(base_name(written)))
                if core and core == _core(written):
                    scored.append((2.0, actor_id, f"same name without 'Government of': {written!r}"))
                elif similarity >= 0.75:
                    scored.append((similarity, actor_id, f"close spelling: {written!r}"))
                elif shared:
                    scored.append((0.5, actor_id, f"shares the word {shared!r} with {written!r}"))
        scored.sort(key=lambda s: -s[0])
        return [(actor_id, why) for _, actor_id, why in scored]
