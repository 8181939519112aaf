"""The support network, indexed once: who backs whom, who belongs to what, who fights whom.

`SupportIndex` reads the graph (or a view of it: `as_of`, `of_types`) in one pass and answers
the questions the proxy analytics ask many times: the chains of ``backs`` into or out of an
actor, and an actor's fights.

**Membership inheritance** (``inherit=True``, the default): a member takes part in the fights
of every coalition it belongs to, directly or through nested coalitions (``member-of`` is
followed upwards). A coalition does *not* take part in the fights of its members. Because
``fights`` is symmetric, an enemy of a coalition is an enemy of its members too, so a fight is
found between X and Y when a coalition X belongs to (or X) fights a coalition Y belongs to (or
Y). The ``member-of`` hops are part of the evidence: a fight is a `Chain` such as
``turkish-backed-rebels -member-of-> syrian-rebels -fights- assad-government``.

**Chains of support** are walked by ONE function, `SupportIndex.held_walk` (supporters, clients,
proxy chains, proxy wars), on ONE walker, `held_walks` (`graph.analytics.paths` walks any relation
with it): a chain holds only while every hop does, so a walk whose hops never held together is
dropped as soon as it is found and not extended, and each hop of an answer keeps only its
relations that may hold during the chain's common periods (`cut`, `held_chain`). `SupportIndex.
held_reach` finds the actors such chains reach without listing the chains (``rank``'s reach).
Chains do not pass *through* an actor whose kind does not relay support (`relays_support`: a
state or a government that others back for its own war), unless ``via_states=True``. Such an
actor may still start or end a chain.

>>> from graph.dataset import load_dataset
>>> from graph.network import build_graph
>>> ix = SupportIndex(build_graph(load_dataset()))
>>> [c.nodes for c in ix.fights_of("turkish-backed-rebels")["assad-government"]]
[['turkish-backed-rebels', 'syrian-rebels', 'assad-government']]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator, Sequence

import networkx as nx

from graph.analytics.chains import Chain, Step
from graph.model import ALWAYS, Period, Relation, intersect, overlaps, periods_of, subtract, unite
from graph.vocabulary import ACTOR_KINDS, RELATION_TYPES

Adjacency = dict[str, dict[str, tuple[Relation, ...]]]
HopInfo = tuple[list[Period], int, bool]  # when it may hold, confidence, whether relations are parallel
Held = tuple[tuple[Step, ...], list[Period], int, bool]  # steps, when all hold, weakest, any parallel


def _add(adj: Adjacency, u: str, v: str, rel: Relation) -> None:
    row = adj.setdefault(u, {})
    row[v] = (*row.get(v, ()), rel)


def hop_info(step: Step) -> HopInfo:
    """When ``step`` may hold (the union of its relations' periods), its confidence, whether it has
    parallel relations."""
    return periods_of(step.relations), step.confidence, len(step.relations) > 1


def hop_cache() -> Callable[[Step], HopInfo]:
    """`hop_info`, cached by the identity of each hop's relations tuple: for tuples that live at
    least as long as the cache (those of an adjacency), so an id is never reused."""
    cache: dict[int, HopInfo] = {}

    def hop(step: Step) -> HopInfo:
        info = cache.get(id(step.relations))
        if info is None:
            info = cache[id(step.relations)] = hop_info(step)
        return info

    return hop


def held_walks(
    adj: Adjacency,
    start: str,
    max_depth: int,
    *,
    hop: Callable[[Step], HopInfo] = hop_info,
    forward: bool = True,
    through: Container[str] | None = None,
    within: Callable[[str, int], bool] | None = None,
) -> Iterator[Held]:
    """Every simple walk of 1..``max_depth`` hops from ``start`` over ``adj`` whose hops may all
    hold at once, each with its `Held` figures (steps, when all hold, weakest confidence, any
    parallel relations), computed hop by hop.

    THE walk of the held rule: a walk whose hops never held together is dropped when found, and
    not extended. ``forward``: steps point along the walk (``adj`` is node -> next -> relations);
    otherwise ``adj`` is read backwards (node -> previous) and the steps point towards ``start``.
    Only nodes in ``through`` (default: all) stand in the middle of a walk; ``within(node, hops)``
    may refuse a walk reaching ``node`` after ``hops`` hops (a distance bound, say). The steps are
    not `cut`: see `held_chain`. Cost: O(walks held x max_depth), depth-first, memory O(max_depth).
    """
    stack: list[tuple[str, Held, frozenset[str]]] = [(start, ((), ALWAYS, 99, False), frozenset({start}))]
    while stack:
        node, (steps, span, conf, multi), seen = stack.pop()
        if len(steps) >= max_depth:
            continue
        for other, rels in adj.get(node, {}).items():
            if other in seen or (within is not None and not within(other, len(steps) + 1)):
                continue
            step = Step(node, other, rels) if forward else Step(other, node, rels)
            hspan, hconf, hmulti = hop(step)
            held = intersect(span, hspan)
            if not held:
                continue
            found = ((*steps, step) if forward else (step, *steps), held, min(conf, hconf), multi or hmulti)
            yield found
            if through is None or other in through:
                stack.append((other, found, seen | {other}))


def cut(steps: Sequence[Step], periods: Sequence[Period]) -> tuple[Step, ...]:
    """Each hop with only its relations that may hold during ``periods`` (a lone one always does,
    when ``periods`` are the days all the hops may hold)."""
    return tuple(
        s if len(s.relations) == 1 else Step(s.source, s.target, tuple(r for r in s.relations if overlaps(r, periods)))
        for s in steps
    )


def held_chain(held: Held) -> Chain:
    """The `Chain` of a held walk, each hop cut to the relations that may hold with the others."""
    steps, span, _, multi = held
    return Chain(cut(steps, span) if multi else steps)


class SupportIndex:
    """Adjacency of ``backs``, ``member-of`` and ``fights`` among actors, read once from ``G``.

    Symmetric relation types (read from the vocabulary) are indexed both ways. ``relays`` holds
    the sponsors that chains of ``backs`` may pass through (all of them with ``via_states``).
    Cost: O(E) to build; memory O(E).
    """

    def __init__(self, G: nx.MultiDiGraph[str], *, inherit: bool = True, via_states: bool = False) -> None:
        self.inherit = inherit
        self.backs_in: Adjacency = {}  # client -> sponsor -> relations
        self.backs_out: Adjacency = {}  # sponsor -> client -> relations
        self.member_up: Adjacency = {}  # member -> coalition -> relations
        self.member_down: Adjacency = {}  # coalition -> member -> relations
        self.fights: Adjacency = {}  # actor -> enemy -> relations (both ways)
        self._up: dict[str, dict[str, tuple[Step, ...]]] = {}
        self._down: dict[str, dict[str, tuple[Step, ...]]] = {}
        self._enemies: dict[str, dict[str, list[Chain]]] = {}
        self._hop = hop_cache()
        self._paths: dict[int, Held] = {}  # keyed by id: the paths live in the _up/_down caches
        self._by_support: dict[tuple[str, bool], Adjacency] = {}
        for u, v, attrs in G.edges(data=True):
            rel: Relation = attrs["relation"]
            if u == v:
                continue
            if rel.type == "backs":
                _add(self.backs_out, u, v, rel)
                _add(self.backs_in, v, u, rel)
            elif rel.type == "member-of":
                _add(self.member_up, u, v, rel)
                _add(self.member_down, v, u, rel)
            elif rel.type == "fights":
                _add(self.fights, u, v, rel)
                if not RELATION_TYPES["fights"].directed:
                    _add(self.fights, v, u, rel)
        self.fighting = self._fighting()
        self.relays = {a for a in self.backs_out if via_states or relays_support(G, a)}

    def _fighting(self) -> set[str]:
        """Actors that fight, themselves or (inheriting) through a coalition: members of fighters."""
        found = set(self.fights)
        queue = deque(found) if self.inherit else deque()
        while queue:
            for member in self.member_down.get(queue.popleft(), ()):
                if member not in found:
                    found.add(member)
                    queue.append(member)
        return found

    def coalitions(self, actor: str) -> dict[str, tuple[Step, ...]]:
        """``actor`` and every coalition it belongs to, each with the ``member-of`` hops to it.

        One shortest path per coalition; cycles of membership are cut. Only coalitions that
        fight or lead to one that does are followed, and only ``actor`` itself without membership
        inheritance. Cost: O(coalitions reached), cached.
        """
        return self._climb(actor, self.member_up, self._up, upward=True)

    def members(self, coalition: str) -> dict[str, tuple[Step, ...]]:
        """``coalition`` and its members, nested members included, each with the hops down to it."""
        return self._climb(coalition, self.member_down, self._down, upward=False)

    def _climb(
        self, start: str, adj: Adjacency, cache: dict[str, dict[str, tuple[Step, ...]]], *, upward: bool
    ) -> dict[str, tuple[Step, ...]]:
        if start in cache:
            return cache[start]
        found: dict[str, tuple[Step, ...]] = {start: ()}
        queue = deque([start]) if self.inherit else deque()
        while queue:
            node = queue.popleft()
            for other, rels in adj.get(node, {}).items():
                if other not in found and (not upward or other in self.fighting):
                    found[other] = (*found[node], Step(node, other, rels))
                    queue.append(other)
        cache[start] = found
        return found

    def fights_of(self, actor: str) -> dict[str, list[Chain]]:
        """Every enemy of ``actor``, each with the chains of relations that make it one.

        A chain is ``member-of`` hops up from ``actor``, one ``fights`` hop, and hops down the
        enemy's coalitions to the enemy. Cost: O(size of the answer), cached.
        """
        if actor in self._enemies:
            return self._enemies[actor]
        enemies: dict[str, list[Chain]] = self._enemies.setdefault(actor, {})
        for enemy, steps in self.enemy_chains(actor):
            enemies.setdefault(enemy, []).append(Chain(steps))
        return enemies

    def enemy_chains(self, actor: str) -> Iterator[tuple[str, tuple[Step, ...]]]:
        """`fights_of` as a stream of (enemy, steps), not cached: for one pass over many actors."""
        for coalition, up in self.coalitions(actor).items():
            for foe, rels in self.fights.get(coalition, {}).items():
                fight = Step(coalition, foe, rels)
                for enemy, down in self.members(foe).items():
                    if self._simple(actor, up, foe, down):
                        yield enemy, (*up, fight, *down)

    @staticmethod
    def _simple(actor: str, up: tuple[Step, ...], foe: str, down: tuple[Step, ...]) -> bool:
        """Whether the walk up from ``actor``, across to ``foe`` and down visits no actor twice
        (a coalition fighting the umbrella it belongs to is no enemy of its own members)."""
        if not up and not down:
            return foe != actor
        ups = {actor, *(s.target for s in up)}
        return foe not in ups and not any(s.target in ups for s in down)

    def held_fights(self, actor: str) -> Iterator[tuple[str, Held]]:
        """`enemy_chains` with their `held` figures, only those that may hold; a fight that never
        held with the hops up to it is dropped before its members are walked. Not cached."""
        for coalition, up in self.coalitions(actor).items():
            _, uspan, uconf, umulti = self._held_path(up)
            for foe, rels in self.fights.get(coalition, {}).items() if uspan else ():
                fight = Step(coalition, foe, rels)
                fspan, fconf, fmulti = self.hop(fight)
                span, conf, multi = intersect(uspan, fspan), min(uconf, fconf), umulti or fmulti
                for enemy, down in self.members(foe).items() if span else ():
                    _, dspan, dconf, dmulti = self._held_path(down)
                    held = intersect(span, dspan) if down else span
                    if held and self._simple(actor, up, foe, down):
                        yield enemy, ((*up, fight, *down), held, min(conf, dconf), multi or dmulti)

    def _held_path(self, steps: tuple[Step, ...]) -> Held:
        """`held` of a membership path from the `coalitions`/`members` caches, cached by identity."""
        key = id(steps)
        found = self._paths.get(key)
        if found is None:
            found = self._paths[key] = self.held(steps)
        return found

    def hop(self, step: Step) -> HopInfo:
        """`hop_info` of ``step``, cached per hop (`hop_cache`: the relations tuples live in the index)."""
        return self._hop(step)

    def held(self, steps: tuple[Step, ...]) -> Held:
        """``steps`` with when they may all hold (empty: never), their weakest confidence, any parallel."""
        span, conf, multi = ALWAYS, 99, False
        for step in steps:
            hspan, hconf, hmulti = self.hop(step)
            span, conf, multi = intersect(span, hspan), min(conf, hconf), multi or hmulti
        return steps, span, conf, multi

    def periods(self, steps: Iterable[Step]) -> list[Period]:
        """The days all ``steps`` may hold together (`graph.model.intersect`), cached per hop of the index."""
        span: list[Period] = ALWAYS
        for step in steps:
            span = intersect(span, self.hop(step)[0])
            if not span:
                break
        return span

    def has_fights(self, actor: str) -> bool:
        """Whether ``actor`` fights anyone, itself or through a coalition. Cost: O(1)."""
        return actor in self.fighting

    def held_walk(self, start: str, max_depth: int, *, forward: bool, support: str | None = None) -> Iterator[Held]:
        """Every simple chain of ``backs`` of 1..``max_depth`` hops that holds, from ``start``
        (``forward``: whom it backs) or into it (who backs it), with `held` figures; see `held_walks`.

        Only actors in ``relays`` stand in the middle. With ``support`` (a support type) a hop keeps
        only its relations of that type, and a hop left without one is no hop. Chains that never
        held are dropped, and not extended. Cost: O(held chains x max_depth).
        """
        adj = self.backs_out if forward else self.backs_in
        if support is not None:
            adj = self._of_support(support, forward)
        return held_walks(adj, start, max_depth, hop=self.hop, forward=forward, through=self.relays)

    def _of_support(self, support: str, forward: bool) -> Adjacency:
        """The ``backs`` adjacency with only relations of ``support``: built once per type and way,
        and kept, so the relations tuples live as long as the index (`hop` caches by their id)."""
        key = (support, forward)
        if key not in self._by_support:
            adj: Adjacency = {}
            for u, row in (self.backs_out if forward else self.backs_in).items():
                for v, rels in row.items():
                    kept = tuple(r for r in rels if support in r.support)
                    if kept:
                        adj.setdefault(u, {})[v] = kept if len(kept) < len(rels) else rels
            self._by_support[key] = adj
        return self._by_support[key]

    def held_reach(self, start: str) -> tuple[str, ...]:
        """The actors some held chain of ``backs`` from ``start`` reaches, at any depth, in the order
        found (breadth first), without listing the chains.

        The same rule as `held_walk`: a chain reaches an actor on the days all its hops may hold,
        and passes only through ``relays``. Each actor is walked on for the days not already walked
        from it, so a day of an actor is explored once; walks need not be checked for repeated
        actors, since a held walk through a cycle contains a held simple chain (dropping hops only
        adds days). Cost: O(E x P), P the distinct periods of the data (O(E) when dates are few).
        """
        covered: dict[str, list[Period]] = {start: ALWAYS}
        found: list[str] = []
        queue: deque[tuple[str, list[Period]]] = deque([(start, ALWAYS)])
        while queue:
            node, span = queue.popleft()
            if node != start and node not in self.relays:
                continue
            for other, rels in self.backs_out.get(node, {}).items():
                days = intersect(span, self.hop(Step(node, other, rels))[0])
                new = subtract(days, covered.get(other, [])) if days else days
                if new:
                    if other not in covered:
                        found.append(other)
                    covered[other] = unite(covered.get(other, []), new)
                    queue.append((other, new))
        return tuple(found)


def relays_support(G: nx.MultiDiGraph[str], node: str) -> bool:
    """Whether support passes through ``node`` to a third party (see `Kind.relays_support`)."""
    kind = ACTOR_KINDS.get(G.nodes[node].get("kind", ""))
    return kind is None or kind.relays_support
