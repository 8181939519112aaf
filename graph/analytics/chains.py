"""What the walks of the analytics answer with: a `Chain` of `Step` s, a `Supporter` with its chains.

Every answer carries its relations, so the caller can show the dates and the quotes behind each
hop. The analytics are pure functions in the networkx mould (the graph first, keyword options,
plain results); filter the graph first (`graph.network.as_of`, `of_types`) to ask about a date
or some types.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.claims import strongest, weakest
from graph.model import Relation
from graph.vocabulary import CONFIDENCE_LEVELS


@dataclass(frozen=True, slots=True)
class Step:
    """One hop of a chain or path: from ``source`` to ``target`` through ``relations``.

    ``relations`` are every relation joining the two (parallel relations: two periods of
    backing, or backing and fighting at once); a relation may point against the walk.
    """

    source: str
    target: str
    relations: tuple[Relation, ...]

    @property
    def confidence(self) -> int:
        return max(CONFIDENCE_LEVELS.get(r.confidence, 0) for r in self.relations)

    @property
    def state(self) -> str:
        """What the evidence of the hop adds up to: that of its strongest relation (`graph.claims`)."""
        return strongest(r.state for r in self.relations)


@dataclass(frozen=True)
class Chain:
    """A walk from one actor to another, one `Step` per hop; ``possible``: why it only may hold
    (`graph.analytics.held.doubt`), None when it holds (or nobody asked what may hold)."""

    steps: tuple[Step, ...]
    possible: str | None = None

    @property
    def nodes(self) -> list[str]:
        return [self.steps[0].source, *(s.target for s in self.steps)] if self.steps else []

    @property
    def confidence(self) -> int:
        """The confidence of the weakest hop (1 low, 2 medium, 3 high)."""
        return min(s.confidence for s in self.steps)

    @property
    def state(self) -> str:
        """The state of the weakest hop (`graph.claims.STATES`): a chain is only as confirmed as each hop."""
        return weakest(s.state for s in self.steps)

    @property
    def quoted(self) -> bool:
        """Whether every hop has a relation with a quote (not only dataset rows): such chains come
        first where answers rank equal."""
        return all(any(c.quote for r in s.relations for c in r.evidence) for s in self.steps)

    def __len__(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class Supporter:
    """An actor that backs another, directly or through others, with every chain found."""

    actor: str
    depth: int  # hops of the shortest chain; 1 is direct backing
    chains: tuple[Chain, ...]
