"""What a relation's evidence adds up to: THE claim rule, once.

Each citation takes a stance (`graph.vocabulary.STANCES`): it *asserts* the relation (the
default), *alleges* it (reports a claim it does not confirm: "X is accused of ...", UCDP-style
alleged support) or *denies* it ("Tehran denied sending weapons"). Citations are counted by
**voice**, not one by one: citations of the same source, of sources of the same publisher, or the
rows of one dataset are one voice (`voice`: a source's ``publisher``, else its id). The voices
then give the relation's **state**:

* ``confirmed``: some voice asserts it and none denies it;
* ``alleged``: only allegations, nothing asserts or denies it;
* ``contested``: some voices assert or allege it, others deny it;
* ``denied``: only denials. A record of a denial with no claim beside it in the data is still
  worth keeping (somebody claimed it, or the denial would not be news), but it is no fact: like
  ``contested`` it is answered only when asked for (``--contested``), marked.

`STATES` ranks them, strongest first: a hop of parallel relations is as strong as its strongest
relation, a chain as weak as its weakest hop (`weakest`). The curator's ``confidence`` stays
theirs; the state sits beside it.

>>> Claims.of([("reuters", "assert"), ("reuters", "assert")]).state
'confirmed'
>>> claims = Claims.of([("reuters", "assert"), ("tehran", "deny")])
>>> claims.state, claims.independent, claims.text()
('contested', 1, 'asserted by 1, denied by 1')
>>> Claims.of([("ucdp", "allege")]).state, Claims.of([("irna", "deny")]).state
('alleged', 'denied')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from graph.vocabulary import STANCES

ASSERT, ALLEGE, DENY = STANCES
CONFIRMED, ALLEGED, CONTESTED, DENIED = "confirmed", "alleged", "contested", "denied"
STATES = (CONFIRMED, ALLEGED, CONTESTED, DENIED)  # strongest first
# what each answer flag adds to the confirmed relations every answer lists
FLAG_STATES = {"alleged": (ALLEGED,), "contested": (CONTESTED, DENIED)}


def voice(source_id: str, publisher: str | None) -> str:
    """The voice a citation of ``source_id`` speaks with: its source's publisher, else the source.

    >>> voice("report-2024-12-02", None), voice("ucdp-esd-18-1", "UCDP")
    ('report-2024-12-02', 'UCDP')
    """
    return publisher or source_id


@dataclass(frozen=True)
class Claims:
    """The independent voices that assert, allege (and do not assert) and deny a relation."""

    asserting: frozenset[str] = frozenset()
    alleging: frozenset[str] = frozenset()
    denying: frozenset[str] = frozenset()

    @classmethod
    def of(cls, said: Iterable[tuple[str, str]]) -> Claims:
        """The claims of ``(voice, stance)`` pairs, one per citation. Cost: O(citations)."""
        by: dict[str, set[str]] = {s: set() for s in STANCES}
        for who, stance in said:
            by[stance].add(who)
        return cls(frozenset(by[ASSERT]), frozenset(by[ALLEGE] - by[ASSERT]), frozenset(by[DENY]))

    @functools.cached_property  # read on every edge a view filters: computed once
    def state(self) -> str:
        """`CONFIRMED`, `ALLEGED`, `CONTESTED` or `DENIED` (see the module)."""
        claimed = self.asserting or self.alleging
        if self.denying:
            return CONTESTED if claimed else DENIED
        return CONFIRMED if self.asserting or not self.alleging else ALLEGED

    @property
    def independent(self) -> int:
        """How many independent voices stand behind the relation (asserting or alleging it)."""
        return len(self.asserting | self.alleging)

    def text(self) -> str:
        """``"asserted by 2, alleged by 1, denied by 1"``: the voices on each side, for people."""
        sides = (("asserted", self.asserting), ("alleged", self.alleging), ("denied", self.denying))
        return ", ".join(f"{name} by {len(voices)}" for name, voices in sides if voices)


def weakest(states: Iterable[str]) -> str:
    """The weakest of ``states`` (`STATES` order); `CONFIRMED` for none.

    >>> weakest(["confirmed", "alleged"]), weakest([])
    ('alleged', 'confirmed')
    """
    return max(states, key=STATES.index, default=CONFIRMED)


def strongest(states: Iterable[str]) -> str:
    """The strongest of ``states`` (`STATES` order); `CONFIRMED` for none."""
    return min(states, key=STATES.index, default=CONFIRMED)
