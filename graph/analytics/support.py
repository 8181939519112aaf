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

**Chains of support** are walked by the one walk of `graph.analytics.held` (`held_walks`: a
chain holds only while every hop does, and each hop of an answer keeps only its relations that
may hold during the chain's common days); `SupportIndex.held_walk` walks this index with it (proxy
chains, proxy wars), `graph.analytics.supporters` the graph itself. `SupportIndex.held_reach`
finds the actors such chains reach without listing the chains (``rank``'s reach). Chains do not
pass *through* an actor whose kind does not relay support (`graph.analytics.held.relays_support`:
a state or a government that others back for its own war), unless ``via_states=True``. Such an
actor may still start or end a chain.

>>> from graph.dataset import load_dataset
>>> from graph.network import build_graph
>>> ix = SupportIndex(build_graph(load_dataset()))
>>> [c.nodes for c in ix.fights_of("turkish-backed-rebels")["assad-government"]]
[['turkish-backed-rebels', 'syrian-rebels', 'assad-government']]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

import networkx as nx

from graph.analytics.chains import Chain, Step
from graph.analytics.held import Held, HopInfo, Membership, held_walks, hop_cache, relays_support, undoubted
from graph.model import ALWAYS, Period, Relation, intersect, known_periods_of, subtract, unite
from graph.network import dates_of
from graph.vocabulary import RELATION_TYPES

Adjacency = dict[str, dict[str, tuple[Relation, ...]]]
Route = tuple[str, tuple[Step, ...]]  # an actor reached through membership, with the member-of hops to it


def _beyond(days: list[Period], covers: list[list[Period]]) -> bool:
    """Whether some of ``days`` is in none of ``covers``."""
    for cover in covers:
        days = subtract(days, cover)
        if not days:
            return False
    return True


def _add(ahead: Adjacency, back: Adjacency, u: str, v: str, rel: Relation) -> None:
    """``rel`` to the relations from ``u`` to ``v`` in ``ahead``, and from ``v`` to ``u`` in ``back``:
    one tuple read both ways (an index of a million relations holds each pair's once)."""
    row = ahead.setdefault(u, {})
    rels = row[v] = (*row.get(v, ()), rel)
    back.setdefault(v, {})[u] = rels


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
        self._up: dict[str, tuple[Route, ...]] = {}
        self._down: dict[str, tuple[Route, ...]] = {}
        self._enemies: dict[str, dict[str, list[Chain]]] = {}
        self.dates = dates_of(G)  # what the view asks of time: the hops' days follow it
        self._hop = hop_cache(self.dates)
        self._paths: dict[int, Held] = {}  # keyed by id: the paths live in the _up/_down caches
        both_ways = not RELATION_TYPES["fights"].directed
        for u, v, attrs in G.edges(data=True):
            rel: Relation = attrs["relation"]
            if u == v:
                continue
            if rel.type == "backs":
                _add(self.backs_out, self.backs_in, u, v, rel)
            elif rel.type == "member-of":
                _add(self.member_up, self.member_down, u, v, rel)
            elif rel.type == "fights":
                _add(self.fights, self.fights if both_ways else {}, u, v, rel)
        for u, row in self.fights.items():  # one order whatever the order of G's nodes (a graph read from
            for v, rels in row.items():  # Neo4j has another): from the smaller id first, each way as added
                if len(rels) > 1 and (u < v or not both_ways):
                    first = min(u, v)
                    row[v] = tuple(r for r in rels if r.source == first) + tuple(r for r in rels if r.source != first)
                    if both_ways:
                        self.fights[v][u] = row[v]
        self.fighting = self._fighting()
        self.relays = {a for a in G if via_states or relays_support(G, a)}

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

    def coalitions(self, actor: str) -> tuple[Route, ...]:
        """``actor`` and every coalition it belongs to, each with the ``member-of`` hops to it.

        A coalition may be reached by several routes: a member of it directly in 2012-2014, then
        through one of its fronts; through two of its fronts at once. Every route that holds on
        some day is listed, shortest first, except one that adds nothing: a route is left out
        when routes already listed to the same coalition, each as sure and passing only actors it
        passes, hold on all its days (a member of C directly and through C's front F, on
        the same days, has the one route to C). So wherever a walk through membership holds, on
        any day, a listed route holds with it, as surely and as simple (`_simple`). No route
        visits an actor twice. Only coalitions that fight or lead to one that does are followed,
        and only ``actor`` itself without membership inheritance. Cost: O(routes listed x their
        length), cached.
        """
        return self._climb(actor, self.member_up, self._up, upward=True)

    def members(self, coalition: str) -> tuple[Route, ...]:
        """``coalition`` and its members, nested members included, each with the routes down to it
        (listed as `coalitions` lists them)."""
        return self._climb(coalition, self.member_down, self._down, upward=False)

    def _climb(
        self, start: str, adj: Adjacency, cache: dict[str, tuple[Route, ...]], *, upward: bool
    ) -> tuple[Route, ...]:
        """The routes of `coalitions` (``upward``) or `members`, breadth first.

        A route left out is never extended: any walk through it is covered by the walks through
        the routes that cover it (their actors are among its own, so a hop it takes they can
        take, on the same days, as surely). With no dates and no parallel routes this is a
        breadth-first tree, one route per coalition.
        """
        if not self.inherit or start not in adj:  # no membership to follow: itself (most actors), not kept
            return ((start, ()),)
        found = cache.get(start)
        if found is not None:
            return found
        sure_asked = self.dates.possible and self.dates.window is not None  # may-hold days differ from sure ones
        routes: list[Route] = [(start, ())]
        # per actor reached: the listed routes to it, as (their actors, confidence, days, sure days)
        listed: dict[str, list[tuple[frozenset[str], int, list[Period], list[Period]]]] = {}
        queue: deque[tuple[str, tuple[Step, ...], frozenset[str], list[Period], list[Period], int]] = deque(
            [(start, (), frozenset({start}), ALWAYS, ALWAYS, 99)]
        )
        while queue:
            node, steps, on, span, sure, conf = queue.popleft()
            for other, rels in adj.get(node, {}).items():
                if other in on or (upward and other not in self.fighting):
                    continue
                step = Step(node, other, rels)
                hspan, hconf, _ = self.hop(step)
                days = intersect(span, hspan)
                if not days:
                    continue
                sure_days = intersect(sure, known_periods_of(undoubted(step, self.dates))) if sure_asked else days
                actors, weakest = on | {other}, min(conf, hconf)
                before = [r for r in listed.get(other, ()) if r[0] <= actors and r[1] >= weakest]
                if (
                    before
                    and not _beyond(days, [r[2] for r in before])
                    and not _beyond(sure_days, [r[3] for r in before])
                ):
                    continue
                listed.setdefault(other, []).append((actors, weakest, days, sure_days))
                route = (*steps, step)
                routes.append((other, route))
                queue.append((other, route, actors, days, sure_days, weakest))
        found = cache[start] = tuple(routes)
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
        for coalition, up in self.coalitions(actor):
            for foe, rels in self.fights.get(coalition, {}).items():
                fight = Step(coalition, foe, rels)
                for enemy, down in self.members(foe):
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
        for coalition, up in self.coalitions(actor):
            _, uspan, uconf, umulti = self._held_path(up)
            for foe, rels in self.fights.get(coalition, {}).items() if uspan else ():
                fight = Step(coalition, foe, rels)
                fspan, fconf, fmulti = self.hop(fight)
                span, conf, multi = intersect(uspan, fspan), min(uconf, fconf), umulti or fmulti
                for enemy, down in self.members(foe) if span else ():
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

    def held_walk(self, start: str, max_depth: int, *, forward: bool) -> Iterator[Held]:
        """Every simple chain of ``backs`` of 1..``max_depth`` hops that holds, from ``start``
        (``forward``: whom it backs) or into it (who backs it), with `held` figures: the one walk,
        `graph.analytics.held.held_walks`, over this index, through ``relays`` only. Cost: O(held
        chains x max_depth).
        """
        adj = self.backs_out if forward else self.backs_in
        return held_walks(adj, start, max_depth, hop=self.hop, forward=forward, through=self.relays)

    def moves(self) -> Membership | None:
        """The moves of a chain of support over this index through membership (`graph.analytics.
        held.Membership`, forward, asking what may hold as the view does); None without ``inherit``."""
        if not self.inherit:
            return None
        return Membership(self.backs_out, self.member_up, self.member_down, forward=True,
                          possible=self.dates.possible)  # fmt: skip

    def held_reach(self, start: str) -> tuple[str, ...]:
        """The actors some held chain of support from ``start`` reaches, at any depth, in the order
        found (breadth first), without listing the chains: those `graph.analytics.supporters.clients`
        lists (with ``inherit``, through membership as `Membership` says; otherwise ``backs`` only).

        The same rule as the walk: a chain reaches an actor on the days all its hops may hold, and
        passes only through ``relays``. Each actor is walked on for the days not already walked from
        it in the same `Membership.state` (what the hop into it allows next), so a day of an actor is
        explored once per state; walks need not be checked for repeated actors, since a held walk
        through a cycle that comes back in the same state contains a held simple chain (dropping
        hops only adds days). (A walk that passes an actor twice in two states, once as a member
        and once as a backed coalition, counts what it reaches: such data is rare, and a search of
        simple walks only has no polynomial bound.) Cost: O(E x P x 3), P the distinct periods of
        the data (O(E) when dates are few).
        """
        moves = self.moves()
        covered: dict[tuple[str, tuple[bool, ...]], list[Period]] = {}  # the days walked on from each state
        found: dict[str, None] = {}  # every actor reached, in the order found
        queue: deque[tuple[str, Step | None, list[Period]]] = deque([(start, None, ALWAYS)])
        while queue:
            node, near, span = queue.popleft()
            ahead = self.backs_out.get(node, {}).items() if moves is None else moves(node, near)
            for other, rels in ahead:
                if other == start:
                    continue
                step = Step(node, other, rels)
                days = intersect(span, self.hop(step)[0])
                if not days:
                    continue
                found.setdefault(other)
                if other not in self.relays:  # reached, not walked through
                    continue
                key = (other, Membership.state(step) if moves is not None else ())
                old = covered.get(key)
                new = days if old is None else subtract(days, old)
                if new:
                    covered[key] = new if old is None else unite(old, new)
                    queue.append((other, step, new))
        return tuple(found)
