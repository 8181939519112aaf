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
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import networkx as nx

from graph import collector
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
    with collector.paused():  # many objects, no cycle (`graph.collector`)
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
    with collector.paused():  # many objects, no cycle (`graph.collector`)
        return _count(SupportIndex(G, inherit=inherit_membership, via_states=via_states), sponsor, target, max_depth)


def _count(ix: SupportIndex, sponsor: str | None, target: str | None, max_depth: int) -> int:
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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

    Streamed: each side's chains of ``backs`` are walked once (`SupportIndex.held_walk`, with
    their held figures), each actor's fights once and let go after (`SupportIndex.held_fights`),
    and a front is built only when its hops hold at once, its days the meet of the figures
    already known; only the fronts of the answer are kept, with the garbage collector paused (they
    make no cycle; `graph.collector`). Cost: O(F x Ba x Bb): F fights between backed actors, Ba and
    Bb the chains of ``backs`` into each side; memory O(E + fronts).
    """
    with collector.paused():  # millions of fronts and no cycle: a collection would only walk them again
        return _wars(SupportIndex(G, inherit=inherit_membership, via_states=via_states), max_depth)


def _wars(ix: SupportIndex, max_depth: int) -> list[ProxyWar]:
    backers: dict[str, list[_Backing]] = {}

    def backing(actor: str) -> list[_Backing]:
        found = backers.get(actor)
        if found is None:
            found = backers[actor] = [
                (steps, span, conf, multi, steps[0].source, frozenset(s.target for s in steps[:-1]) or None)
                for steps, span, conf, multi in ix.held_walk(actor, max_depth, forward=False)
            ]
        return found

    fronts = _Fronts(ix)
    for a in sorted(ix.backs_in):  # in order: an actor's chains are needed last as the side a
        if not ix.has_fights(a):
            continue
        enemies: dict[str, list[Held]] = {}
        for b, held in ix.held_fights(a):
            if b > a and b in ix.backs_in:
                enemies.setdefault(b, []).append(held)
        for b, fights in enemies.items():
            fronts.add(fights, backing(a), backing(b))
        backers.pop(a, None)  # its fights with those after it are found: let its chains go
    return fronts.wars()


# a chain of backs into a side: its held figures, its sponsor, the actors between them (None: none)
_Backing = tuple[tuple[Step, ...], list[Period], int, bool, str, frozenset[str] | None]


class _Fronts:
    """The fronts found so far, by pair of sponsors, with what they share: each distinct tuple of
    days once, each fight hop read backwards once (keyed by the identity of its relations tuple,
    which lives in the index as long as this does)."""

    def __init__(self, ix: SupportIndex) -> None:
        self.ix = ix
        self.by_pair: dict[tuple[str, str], list[Front | int]] = {}  # each front, then its confidence
        self.days: dict[tuple[Period, ...], tuple[Period, ...]] = {}
        self.flips: dict[tuple[str, str, int], Step] = {}

    def add(self, fights: list[Held], backs_a: list[_Backing], backs_b: list[_Backing]) -> None:
        """The fronts of the fights between two sides, each backed by a chain of ``backs_a`` and one
        of ``backs_b``: two different sponsors, neither the other side, no actor on both chains, all
        held at once. Each front's hops keep only their relations that may hold during its days (`cut`)."""
        ix, possible = self.ix, self.ix.dates.possible
        for fsteps, fspan, fconf, fmulti in fights:
            a, b = fsteps[0].source, fsteps[-1].target
            flipped: tuple[Step, ...] | None = None  # the fight read from b, built once
            for ba, aspan, aconf, amulti, s1, ta in backs_a:
                if s1 == b:
                    continue
                span = intersect(aspan, fspan)
                if not span:
                    continue
                for bb, bspan, bconf, bmulti, s2, tb in backs_b:
                    if s2 in (s1, a):
                        continue
                    if tb is not None and (a in tb or (ta is not None and not ta.isdisjoint(tb))):
                        continue
                    if ta is not None and b in ta:
                        continue
                    periods = intersect(span, bspan)
                    if not periods:
                        continue
                    cut_a, fight, cut_b = ba, fsteps, bb
                    if amulti or fmulti or bmulti:
                        cut_a = cut(ba, periods) if amulti else ba
                        fight = cut(fsteps, periods) if fmulti else fsteps
                        cut_b = cut(bb, periods) if bmulti else bb
                        conf = min(s.confidence for part in (cut_a, fight, cut_b) for s in part)
                    else:
                        conf = min(aconf, fconf, bconf)
                    pair, side_a, side_b = (s1, s2), a, b
                    if s1 > s2:
                        pair, side_a, side_b, cut_a, cut_b = (s2, s1), b, a, cut_b, cut_a
                        if fight is fsteps:
                            flipped = fight = flipped or self.flip(fsteps)
                        else:
                            fight = _flip(fight)
                    why = doubt((*cut_a, *fight, *cut_b), ix.dates) if possible else None
                    held = tuple(periods)
                    found = self.by_pair.get(pair)
                    if found is None:  # most pairs have one front: one list each, not two
                        found = self.by_pair[pair] = []
                    found += (Front(side_a, side_b, cut_a, cut_b, fight, self.days.setdefault(held, held), why), conf)

    def flip(self, fight: tuple[Step, ...]) -> tuple[Step, ...]:
        """`_flip`, each hop flipped once."""
        out = []
        for s in reversed(fight):
            key = (s.source, s.target, id(s.relations))
            step = self.flips.get(key)
            if step is None:
                step = self.flips[key] = Step(s.target, s.source, s.relations)
            out.append(step)
        return tuple(out)

    def wars(self) -> list[ProxyWar]:
        """The wars, most distinct sides first, then the surest front, then names; each war's fronts
        those that hold first, surest first, shortest first, then by sides and the walk's nodes."""
        found: list[tuple[bool, int, int, tuple[str, str], ProxyWar]] = []
        # the largest pairs first, while few wars are made: sorting their fronts is what needs most
        # memory for a while; each pair's list let go once its war is made
        for pair in sorted(self.by_pair, key=lambda p: -len(self.by_pair[p])):
            flat = self.by_pair.pop(pair)
            fronts = cast(list[Front], flat[::2])
            confs = cast(list[int], flat[1::2])
            del flat
            if len(fronts) > 1:
                order = sorted(range(len(fronts)), key=lambda i: _front_key(fronts[i], confs[i]))
                fronts = [fronts[i] for i in order]
                del order
            war = ProxyWar(pair, tuple(fronts))
            found.append((war.possible is not None, -len(war.sides), -max(confs), pair, war))
        found.sort()  # never reaches the war: each pair is there once
        return [war for *_, war in found]


def _flip(fight: tuple[Step, ...]) -> tuple[Step, ...]:
    """A fight read from the other side."""
    return tuple(Step(s.target, s.source, s.relations) for s in reversed(fight))


def _front_key(f: Front, confidence: int) -> tuple[bool | int | str, ...]:
    # ties end on the walk's nodes: one order whatever the order of G's nodes (or a graph read from Neo4j);
    # they come after the walk's length, so walks that get to them have as many, compared one by one
    return (f.possible is not None, -confidence, len(f.backing_a) + len(f.fight) + len(f.backing_b), f.side_a,
            f.side_b, *(s.source for s in f.backing_a), *(s.source for s in f.fight), f.side_b,
            *(s.source for s in reversed(f.backing_b)))  # fmt: skip
