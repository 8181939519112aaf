"""Who matters in the sponsorship network: shared sponsors, reach and brokerage.

The sponsorship network is the directed graph of ``backs`` relations among actors.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.analytics.chains import Chain, Step
from graph.analytics.held import held_chain, held_walks
from graph.analytics.support import SupportIndex
from graph.errors import UsageError
from graph.model import Relation


@dataclass(frozen=True)
class SharedSponsors:
    """Two backed actors (``a`` < ``b``), the sponsors backing both, and the relations that say so
    (``backs``, and the ``member-of`` hops through which membership carries it)."""

    a: str
    b: str
    sponsors: tuple[str, ...]
    relations: tuple[Relation, ...]
    possible: str | None = None  # why the pair only may share them (`graph.analytics.held.doubt`)


@dataclass(frozen=True)
class CoSponsorship:
    """The one-mode projection onto backed actors: its pairs, and each actor's degree in it."""

    pairs: tuple[SharedSponsors, ...]
    degree: dict[str, int]


def co_sponsored(G: nx.MultiDiGraph[str], *, min_shared: int = 1, inherit_membership: bool = True) -> CoSponsorship:
    """Pairs of actors backed by at least ``min_shared`` common sponsors (directly: one ``backs``).

    With ``inherit_membership`` (the default) a sponsor backs what one ``backs`` hop and the
    ``member-of`` hops after it reach by the rule of `graph.analytics.held.Membership`: the
    coalitions its clients belong to, and the members of a coalition its relation
    ``reaches_members`` (asked what may hold, of any coalition it backs, with the reason). The
    member-of hops are part of the pair's relations. ``degree[x]`` is how many other actors share
    at least ``min_shared`` sponsors with x; pairs that hold come before those that only may, then
    most shared sponsors first, then by name.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> G = as_of(build_graph(load_dataset()), "2024-12-02")  # the day of the report
    >>> cs = co_sponsored(G)
    >>> [(p.a, p.b, p.sponsors) for p in cs.pairs][:2]
    [('assad-government', 'badr', ('iran',)), ('assad-government', 'iran-allied-militias', ('iran',))]

    Cost: O(sum over sponsors of clients^2): the size of the projection (and the member-of walks
    below each client).
    """
    ix = SupportIndex(G, inherit=inherit_membership)
    backed = {sponsor: _backed(ix, sponsor) for sponsor in sorted(ix.backs_out)}
    shared: dict[tuple[str, str], list[str]] = {}
    for sponsor, clients in backed.items():
        for a, b in itertools.combinations(sorted(clients), 2):
            shared.setdefault((a, b), []).append(sponsor)
    pairs = []
    degree: dict[str, int] = {}
    for (a, b), sponsors in shared.items():
        if len(sponsors) < min_shared:
            continue
        chains = [backed[s][end] for s in sponsors for end in (a, b)]
        rels = tuple({r.key: r for c in chains for step in c.steps for r in step.relations}.values())
        doubts = dict.fromkeys(why for c in chains if c.possible is not None for why in c.possible.split("; "))
        pairs.append(SharedSponsors(a, b, tuple(sponsors), rels, "; ".join(doubts) or None))
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    pairs.sort(key=lambda p: (p.possible is not None, -len(p.sponsors), p.a, p.b))
    return CoSponsorship(tuple(pairs), dict(sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))))


def _backed(ix: SupportIndex, sponsor: str) -> dict[str, Chain]:
    """Whom ``sponsor`` backs directly, each with its best chain: a ``backs`` hop, then (through
    membership, `SupportIndex.moves`) only ``member-of`` hops; those that hold before those that
    only may, then the shortest."""
    moves = ix.moves()
    if moves is None:
        return {c: Chain((Step(sponsor, c, rels),)) for c, rels in ix.backs_out.get(sponsor, {}).items()}
    through_membership = moves

    def direct(node: str, near: Step | None) -> Iterable[tuple[str, tuple[Relation, ...]]]:
        for other, rels in through_membership(node, near):
            if near is None or rels[0].type == "member-of":
                yield other, rels

    best: dict[str, Chain] = {}
    depth = len(ix.member_up) + len(ix.member_down) + 1
    for held in held_walks({}, sponsor, depth, hop=ix.hop, moves=direct, through=ix.relays):
        chain = held_chain(held, ix.dates)
        end, old = chain.nodes[-1], best.get(chain.nodes[-1])
        if old is None or (chain.possible is not None, len(chain)) < (old.possible is not None, len(old)):
            best[end] = chain
    return best


MEASURES: dict[str, str] = {
    "reach": (
        "actors it supports directly or through the groups it backs, at any depth, by chains whose hops"
        " held at the same time: the clients 'clients' lists (through membership as there, unless"
        " --no-inherit-membership; not through a state or government it backs, unless --via-states)"
    ),
    "clients": "actors it backs directly",
    "backers": "actors that back it directly",
    "brokerage": (
        "betweenness on the backs network restricted to sponsor-fighter pairs: for every actor that"
        " backs someone and every actor that fights (itself or through a coalition), the share of the"
        " shortest chains of backs between them that pass through it, summed (states and governments"
        " relay no support, so score 0, unless --via-states); it counts the shortest chains of the"
        " backs network as they stand, without checking that their hops held at the same time (ask"
        " --as-of a date)"
    ),
    "enemies": "actors it fights directly (fights relations, either way)",
}


@dataclass(frozen=True)
class Rank:
    """The measures of one actor (see `MEASURES`), the actors it reaches, and its backs relations."""

    actor: str
    reach: int
    clients: int
    backers: int
    brokerage: float
    enemies: int
    reached: tuple[str, ...]
    relations: tuple[Relation, ...]


def rank(
    G: nx.MultiDiGraph[str], *, by: str = "reach", via_states: bool = False, inherit_membership: bool = True
) -> list[Rank]:
    """Every actor with a ``backs`` or ``fights`` relation, highest ``by`` first (then by id).

    Reach and brokerage follow chains of ``backs`` that do not pass through a state or a
    government (`graph.analytics.held.relays_support`), unless ``via_states``: the actors a
    sponsor reaches through a state it backs are that state's own clients, not the sponsor's.
    Reach counts an actor only if a chain to it holds, every hop at the same time, and with
    ``inherit_membership`` (the default) passes through membership as `graph.analytics.supporters.
    clients` does (`SupportIndex.held_reach`: the same moves, `graph.analytics.held.Membership`). Brokerage is a
    betweenness over the shortest chains of the backs network as it stands (filter the graph
    by date first, `graph.network.as_of`): shortest chains are counted by their shape, not
    checked to hold together, since a count of shortest chains that hold has no Brandes-style
    accumulation.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> G = as_of(build_graph(load_dataset()), "2024-12-02")  # the day of the report
    >>> [(r.actor, r.reach) for r in rank(G)][:2]
    [('iran', 5), ('turkey', 2)]

    Cost: O(sum over sponsors of the backs relations they reach), for reach and brokerage both
    (from each sponsor, a breadth-first search of the days each actor is reached for reach, times
    the distinct periods met; one for Brandes' accumulation restricted to fighters).

    Raises
    ------
    UsageError
        When ``by`` is not one of `MEASURES`.
    """
    if by not in MEASURES:
        raise UsageError(f"unknown measure {by!r}: use one of {', '.join(MEASURES)}", argument="by")
    ix = SupportIndex(G, inherit=inherit_membership, via_states=via_states)
    actors = set(ix.backs_out) | set(ix.backs_in) | set(ix.fights)
    fighters = {a for a in actors if ix.has_fights(a)}
    between = dict.fromkeys(actors, 0.0)
    reached: dict[str, tuple[str, ...]] = {}
    for s in ix.backs_out:
        _brandes(ix, s, fighters, between)
        reached[s] = ix.held_reach(s)
    ranks = [
        Rank(a, len(reached.get(a, ())), len(ix.backs_out.get(a, {})), len(ix.backs_in.get(a, {})), between[a],
             len(ix.fights.get(a, {})), reached.get(a, ()), _relations(ix, a))
        for a in actors
    ]  # fmt: skip
    return sorted(ranks, key=lambda r: (-getattr(r, by), r.actor))


def _relations(ix: SupportIndex, actor: str) -> tuple[Relation, ...]:
    out: Iterable[tuple[Relation, ...]] = ix.backs_out.get(actor, {}).values()
    into: Iterable[tuple[Relation, ...]] = ix.backs_in.get(actor, {}).values()
    return tuple(r for rels in itertools.chain(out, into) for r in rels)


def _brandes(ix: SupportIndex, s: str, targets: set[str], between: dict[str, float]) -> None:
    """One source of Brandes' betweenness over ``backs``, passing only through ``ix.relays``; adds
    into ``between``."""
    order, sigma, dist, preds = [], {s: 1}, {s: 0}, {s: list[str]()}
    queue = deque([s])
    while queue:
        v = queue.popleft()
        order.append(v)
        if v != s and v not in ix.relays:
            continue
        for w in ix.backs_out.get(v, ()):
            if w not in dist:
                dist[w], sigma[w], preds[w] = dist[v] + 1, 0, []
                queue.append(w)
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
                preds[w].append(v)
    delta = dict.fromkeys(order, 0.0)
    for w in reversed(order):
        coeff = (delta[w] + (1.0 if w in targets and w != s else 0.0)) / sigma[w]
        for v in preds[w]:
            delta[v] += sigma[v] * coeff
        if w != s:
            between[w] += delta[w]
