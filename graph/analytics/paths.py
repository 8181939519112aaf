"""How two actors connect, over any relation and either way; an actor's relations."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable

import networkx as nx

from graph.analytics.chains import Chain, Step
from graph.analytics.support import Adjacency, HopInfo, held_chain, held_walks, hop_cache
from graph.model import Relation
from graph.vocabulary import CONFIDENCE_LEVELS, RELATION_TYPES

SHORTEST_BOUND = 8  # the longest shortest path looked for, without max_hops (--max-hops goes to 8)
ALL_BOUND = 4  # the longest path of shortest=False, without max_hops


def _either_way(G: nx.MultiDiGraph[str]) -> Adjacency:
    """Who is linked to whom, any relation either way: each pair's relations, surest first."""
    adj: Adjacency = {}
    for u, v, attrs in G.edges(data=True):
        if u != v:
            for a, b in ((u, v), (v, u)):
                row = adj.setdefault(a, {})
                row[b] = (*row.get(b, ()), attrs["relation"])
    for row in adj.values():
        for b, rels in row.items():
            row[b] = tuple(sorted(rels, key=lambda r: (-CONFIDENCE_LEVELS.get(r.confidence, 0), r.key)))
    return adj


def _distances(adj: Adjacency, target: str, bound: int) -> dict[str, int]:
    """Hops from each node to ``target``, dates aside, up to ``bound`` (breadth first)."""
    dist = {target: 0}
    queue = deque([target])
    while queue:
        v = queue.popleft()
        if dist[v] < bound:
            for w in adj.get(v, {}):
                if w not in dist:
                    dist[w] = dist[v] + 1
                    queue.append(w)
    return dist


class _AllBut:
    """Every node but one: the walks to ``target`` end there, they do not pass through it."""

    def __init__(self, node: str) -> None:
        self.node = node

    def __contains__(self, other: object) -> bool:
        return other != self.node


def paths(
    G: nx.MultiDiGraph[str], source: str, target: str, *, max_hops: int | None = None, shortest: bool = True
) -> list[Chain]:
    """How ``source`` and ``target`` connect, walking relations in either direction.

    A path holds only while every hop does: a walk whose hops never held at the same time is no
    path, and each hop keeps only its relations that may hold with the others (the held walk of
    `graph.analytics.support.held_walks`). With ``shortest`` (the default), every path of the
    fewest hops among those that hold, up to ``max_hops`` (default 8); otherwise every simple path
    that holds, up to ``max_hops`` (default 4). Each hop lists its relations joining its two ends,
    so a reader sees which way each points. Restrict the relation types with
    `graph.network.of_types`.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> for chain in paths(build_graph(load_dataset()), "iran", "hts"):
    ...     print(" ".join(chain.nodes))
    iran assad-government syrian-rebels hts
    iran iran-allied-militias syrian-rebels hts
    iran iraqi-militias syrian-rebels hts

    Cost: O(E) for the distances to ``target``, then the held walks of each length L from the
    shortest distance up, each walk pruned as soon as it cannot reach ``target`` within L hops
    or its hops cannot hold together: O(walks within the bound x L).
    """
    adj = _either_way(G)
    if source not in adj or target not in adj or source == target:
        return []
    bound = max_hops if max_hops is not None else SHORTEST_BOUND if shortest else ALL_BOUND
    dist = _distances(adj, target, bound)
    if source not in dist:
        return []
    found: list[Chain] = []
    hop = hop_cache()  # the relations tuples live in ``adj``
    for length in range(dist[source], bound + 1) if shortest else [bound]:
        found = _held_paths(adj, source, target, dist, length, hop)
        if found or not shortest:
            break
    found.sort(key=lambda c: (len(c), -c.confidence, c.nodes))
    return found


def _held_paths(
    adj: Adjacency, source: str, target: str, dist: dict[str, int], length: int, hop: Callable[[Step], HopInfo]
) -> list[Chain]:
    """Every held simple walk from ``source`` to ``target`` of at most ``length`` hops."""

    def within(node: str, hops: int) -> bool:
        return node in dist and hops + dist[node] <= length

    walks = held_walks(adj, source, length, hop=hop, through=_AllBut(target), within=within)
    return [held_chain(h) for h in walks if h[0][-1].target == target]


def relations_of(G: nx.MultiDiGraph[str], node: str) -> list[Relation]:
    """Every relation in or out of ``node``, by type, then date (undated first), then the other end."""
    found = [d["relation"] for _, _, d in G.out_edges(node, data=True)]
    found += [d["relation"] for _, _, d in G.in_edges(node, data=True)]
    type_order = list(RELATION_TYPES)
    return sorted(found, key=lambda r: (type_order.index(r.type), r.since.first if r.since else dt.date.min, r.key))
