"""Proxy chains and proxy wars: a sponsor reaches a target through the groups it backs.

A **proxy chain** is S backs P (directly, or through a chain of ``backs`` up to ``max_depth``
hops) and P fights T. A **proxy war** is two sponsors backing opposite sides of a fight: S1
backs A, S2 backs B, A fights B. Fights follow the membership rule of `graph.analytics.support` (a
member takes part in its coalitions' fights; switch it off with ``inherit_membership=False``).
A chain holds only while every hop does: chains whose hops never held at the same time are
dropped, and each hop keeps only the relations that overlap the chain's periods (the one held
walk of `graph.analytics.held`, through `SupportIndex.held_walk`, and its `cut`).

Chains of ``backs`` do not pass *through* a state or a government (the rule of
`graph.analytics.held.relays_support`; ``via_states=True`` lifts it); the proxy at the end of the
backing may be one.

Discovery grows with the answer, not with the paths of the graph: each actor's fights are
computed once, then ``backs`` is walked backwards from the fighters, never past ``max_depth``.
`iter_proxy_chains` streams the chains; `proxy_chains` sorts them (or keeps the best ``top``);
`count_proxy_chains` counts them.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.analytics.chains import Chain, Step
from graph.analytics.held import Held, cut, doubt
from graph.analytics.support import SupportIndex
from graph.model import Period, Relation, intersect


@dataclass(frozen=True, slots=True)
class ProxyChain:
    """``sponsor`` backs ``proxy`` (through the ``backing`` hops) and ``proxy`` fights ``target``.

    ``fighting`` holds the ``member-of`` hops (membership inheritance) and the ``fights`` hop;
    ``direct`` the fights between ``sponsor`` and ``target`` themselves, if any.
    """

    sponsor: str
    proxy: str
    target: str
    backing: tuple[Step, ...]
    fighting: tuple[Step, ...]
    periods: tuple[Period, ...]
    direct: tuple[Relation, ...] = ()
    confidence: int = 0  # of the weakest hop (1 low, 2 medium, 3 high)
    possible: str | None = None  # why it only may hold (`graph.analytics.held.doubt`), if it may only

    @property
    def chain(self) -> Chain:
        return Chain((*self.backing, *self.fighting), self.possible)

    @property
    def nodes(self) -> list[str]:
        return [self.sponsor, *(s.target for s in self.backing), *(s.target for s in self.fighting)]

    def __len__(self) -> int:
        return len(self.backing) + len(self.fighting)


def _held(ix: SupportIndex, steps: Sequence[Step]) -> tuple[tuple[Step, ...], list[Period]] | None:
    """The steps cut to the relations that can hold together, and when; None if they never do."""
    periods = ix.periods(steps)
    return (cut(steps, periods), periods) if periods else None


def chain_key(c: ProxyChain) -> tuple[int, int, str, str, list[str]]:
    """Rank: surest weakest hop first, then shortest, then by names."""
    return (-c.confidence, len(c), c.sponsor, c.target, c.nodes)


def iter_proxy_chains(
    G: nx.MultiDiGraph[str],
    *,
    sponsor: str | None = None,
    target: str | None = None,
    max_depth: int = 3,
    inherit_membership: bool = True,
    via_states: bool = False,
) -> Iterator[ProxyChain]:
    """Every proxy chain of ``G`` (or from ``sponsor`` and/or to ``target``), one at a time, unsorted.

    The streaming form of `proxy_chains`: nothing is kept but the index and each actor's fights,
    so memory does not grow with the number of chains. Chains of ``backs`` do not pass through a
    state or a government (`graph.analytics.held.relays_support`) unless ``via_states``; the proxy at
    the end of the backing may be one (Iran backs the Assad government, which fights the rebels).

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> G = as_of(build_graph(load_dataset()), "2024-12-02")  # the day of the report
    >>> sum(1 for _ in iter_proxy_chains(G, sponsor="turkey", target="assad-government"))
    1

    Cost: O(B + C x L) time, B chains of ``backs`` walked from the fighters (or from ``sponsor``),
    C chains found, L their length; memory O(E + fights found).
    """
    ix = SupportIndex(G, inherit=inherit_membership, via_states=via_states)
    for (backing, span, conf, multi), fights in _matches(ix, sponsor=sponsor, target=target, max_depth=max_depth):
        s, p = backing[0].source, backing[-1].target
        nodes = {s, *(step.target for step in backing)}
        direct = ix.fights.get(s, {})
        for enemy, (fsteps, fspan, fconf, fmulti), fnodes in fights:
            if enemy in nodes or (fnodes and not nodes.isdisjoint(fnodes)):
                continue
            periods = intersect(span, fspan)
            if periods:
                cut_b = cut(backing, periods) if multi else backing
                cut_f = cut(fsteps, periods) if fmulti else fsteps
                why = doubt((*cut_b, *cut_f), ix.dates) if ix.dates.possible else None
                yield ProxyChain(
                    s, p, enemy, cut_b, cut_f, tuple(periods), direct.get(enemy, ()), min(conf, fconf), why
                )


# the enemy, the held hops from the proxy to it, and the coalitions they pass (a chain is simple)
_Fight = tuple[str, Held, frozenset[str]]


def _matches(
    ix: SupportIndex, *, sponsor: str | None, target: str | None, max_depth: int
) -> Iterator[tuple[Held, list[_Fight]]]:
    """Each held chain of ``backs`` with the held fights of its proxy (only to ``target``, if given)."""
    if sponsor is not None:
        known: dict[str, list[_Fight]] = {}
        for held in ix.held_walk(sponsor, max_depth, forward=True):
            p = held[0][-1].target
            if p not in known:
                known[p] = _fights(ix, p, target)
            yield held, known[p]
        return
    proxies = ix.backs_in if target is None else [p for p in ix.fights_of(target) if p in ix.backs_in]
    for p in proxies:
        fights = _fights(ix, p, target) if ix.has_fights(p) else []
        if fights:  # each proxy once: its fights are computed here and let go after
            for held in ix.held_walk(p, max_depth, forward=False):
                yield held, fights


def _fights(ix: SupportIndex, proxy: str, target: str | None) -> list[_Fight]:
    return [
        (enemy, held, frozenset(s.target for s in held[0][:-1]))
        for enemy, held in ix.held_fights(proxy)
        if target in (None, enemy)
    ]


def proxy_chains(
    G: nx.MultiDiGraph[str],
    *,
    sponsor: str | None = None,
    target: str | None = None,
    max_depth: int = 3,
    inherit_membership: bool = True,
    via_states: bool = False,
    top: int | None = None,
) -> list[ProxyChain]:
    """Every proxy chain of ``G``, or those from ``sponsor`` and/or to ``target``; the best ``top``.

    Ranked by the confidence of the weakest hop, then length, then names (`chain_key`). With
    ``top``, only that many are kept while streaming (a bounded heap), so memory stays O(top).
    Options as in `iter_proxy_chains`.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> G = as_of(build_graph(load_dataset()), "2024-12-02")  # the day of the report
    >>> found = proxy_chains(G, sponsor="turkey", target="assad-government")
    >>> found[0].chain.nodes
    ['turkey', 'turkish-backed-rebels', 'syrian-rebels', 'assad-government']

    Cost: that of `iter_proxy_chains`, plus O(C log C) to sort, or O(C log top) with ``top``.
    """
    found = iter_proxy_chains(G, sponsor=sponsor, target=target, max_depth=max_depth,
                              inherit_membership=inherit_membership, via_states=via_states)  # fmt: skip
    if top is not None:
        return heapq.nsmallest(top, found, key=chain_key)
    return sorted(found, key=chain_key)


def count_proxy_chains(
    G: nx.MultiDiGraph[str],
    *,
    sponsor: str | None = None,
    target: str | None = None,
    max_depth: int = 3,
    inherit_membership: bool = True,
    via_states: bool = False,
) -> int:
    """How many chains `iter_proxy_chains` yields with the same options, building none of them.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> count_proxy_chains(as_of(build_graph(load_dataset()), "2024-12-02"), sponsor="turkey")
    9

    Cost: that of `iter_proxy_chains`, with a smaller constant; memory O(E + fights of a proxy).
    """
    ix = SupportIndex(G, inherit=inherit_membership, via_states=via_states)
    count = 0
    for (backing, span, _, _), fights in _matches(ix, sponsor=sponsor, target=target, max_depth=max_depth):
        nodes = {backing[0].source, *(step.target for step in backing)}
        (first, last), single = span[0], len(span) == 1
        for enemy, (_, fspan, _, _), fnodes in fights:
            if enemy in nodes or (fnodes and not nodes.isdisjoint(fnodes)):
                continue
            if single and len(fspan) == 1:  # the common case: do two single periods overlap?
                count += fspan[0][0] <= last and first <= fspan[0][1]
            else:
                count += bool(intersect(span, fspan))
    return count


@dataclass(frozen=True)
class Front:
    """One fight between the two sides of a proxy war: ``side_a`` (backed by the first sponsor)
    fights ``side_b`` (backed by the second), with the backing hops of each and the fight."""

    side_a: str
    side_b: str
    backing_a: tuple[Step, ...]
    backing_b: tuple[Step, ...]
    fight: tuple[Step, ...]
    periods: tuple[Period, ...]
    possible: str | None = None  # why it only may hold (`graph.analytics.held.doubt`), if it may only

    @property
    def confidence(self) -> int:
        return Chain((*self.backing_a, *self.fight, *self.backing_b)).confidence


@dataclass(frozen=True)
class ProxyWar:
    """Two sponsors backing opposite sides of at least one fight, with every front."""

    sponsors: tuple[str, str]
    fronts: tuple[Front, ...]

    @property
    def sides(self) -> set[tuple[str, str]]:
        """The distinct pairs of fighting clients."""
        return {(f.side_a, f.side_b) for f in self.fronts}

    @property
    def confidence(self) -> int:
        """The confidence of the surest front."""
        return max(f.confidence for f in self.fronts)

    @property
    def possible(self) -> str | None:
        """Why the war only may hold: when every front only may (the first front's reason)."""
        return None if any(f.possible is None for f in self.fronts) else self.fronts[0].possible


def proxy_wars(
    G: nx.MultiDiGraph[str], *, max_depth: int = 1, inherit_membership: bool = True, via_states: bool = False
) -> list[ProxyWar]:
    """Pairs of sponsors that back opposite sides of a fight, most fronts first.

    S1 backs A (through up to ``max_depth`` hops of ``backs``), S2 backs B, A fights B, and all
    of it held at some time; a chain of ``backs`` passes through a state or a government only
    with ``via_states`` (as in `iter_proxy_chains`). A sponsor that backs both sides is not at
    war with itself (see `graph.analytics.balance.balance` for that). Ordered by the number of distinct
    pairs of fighting clients, then the confidence of the surest front, then names.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> G = as_of(build_graph(load_dataset()), "2024-12-02")  # the day of the report
    >>> [w.sponsors for w in proxy_wars(G)]  # doctest: +NORMALIZE_WHITESPACE
    [('iran', 'turkey'), ('iran-allied-militias', 'turkey'), ('iraqi-militias', 'turkey'),
     ('russia', 'turkey')]

    Cost: O(F x Ba x Bb): F fights between backed actors, Ba and Bb the chains of ``backs``
    into each side: the size of the answer.
    """
    ix = SupportIndex(G, inherit=inherit_membership, via_states=via_states)
    backers: dict[str, list[tuple[Step, ...]]] = {}

    def backing(actor: str) -> list[tuple[Step, ...]]:
        if actor not in backers:
            backers[actor] = [held[0] for held in ix.held_walk(actor, max_depth, forward=False)]
        return backers[actor]

    fronts: dict[tuple[str, str], list[Front]] = {}
    for a in ix.backs_in:
        if not ix.has_fights(a):
            continue
        for b, fights in ix.fights_of(a).items():
            if b > a and b in ix.backs_in:
                for fight, ba, bb in itertools.product(fights, backing(a), backing(b)):
                    _add_front(ix, fronts, ba, fight.steps, bb)
    wars = [ProxyWar(pair, tuple(sorted(fs, key=_front_key))) for pair, fs in fronts.items()]
    return sorted(wars, key=lambda w: (w.possible is not None, -len(w.sides), -w.confidence, w.sponsors))


def _add_front(
    ix: SupportIndex,
    fronts: dict[tuple[str, str], list[Front]],
    ba: tuple[Step, ...],
    fight: tuple[Step, ...],
    bb: tuple[Step, ...],
) -> None:
    s1, s2 = ba[0].source, bb[0].source
    a, b = fight[0].source, fight[-1].target
    if s1 in (s2, b) or s2 == a or {s.target for s in ba} & {s.target for s in bb}:
        return
    held = _held(ix, (*ba, *fight, *bb))
    if held is None:
        return
    steps, periods = held
    ba, fight, bb = steps[: len(ba)], steps[len(ba) : len(ba) + len(fight)], steps[len(ba) + len(fight) :]
    if s1 > s2:
        s1, s2, a, b, ba, bb = s2, s1, b, a, bb, ba
        fight = tuple(Step(s.target, s.source, s.relations) for s in reversed(fight))
    why = doubt((*ba, *fight, *bb), ix.dates) if ix.dates.possible else None
    fronts.setdefault((s1, s2), []).append(Front(a, b, ba, bb, fight, tuple(periods), why))


def _front_key(f: Front) -> tuple[bool, int, int, str, str, list[str]]:
    # ties end on the walk's nodes: one order whatever the order of G's nodes (or a graph read from Neo4j)
    nodes = [*(s.source for s in f.backing_a), *(s.source for s in f.fight), f.side_b,
             *(s.source for s in reversed(f.backing_b))]  # fmt: skip
    return (f.possible is not None, -f.confidence, len(f.backing_a) + len(f.fight) + len(f.backing_b), f.side_a,
            f.side_b, nodes)  # fmt: skip
