"""How two actors connect, over any relation and either way; an actor's relations."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import networkx as nx

from graph.analytics.chains import Chain, Step
from graph.analytics.held import HopInfo, Rows, held_chain, held_walks, hop_cache
from graph.claims import STATES
from graph.model import Dates, Relation
from graph.network import dates_of
from graph.vocabulary import RELATION_TYPES

SHORTEST_BOUND = 8  # the longest shortest path looked for, without max_hops (--max-hops goes to 8)
ALL_BOUND = 4  # the longest path of shortest=False, without max_hops


class _Near:
    """Hops from each node to ``target``, dates aside, found breadth first one layer at a time:
    only as far as the walks being searched need."""

    def __init__(self, G: nx.MultiDiGraph[str], target: str) -> None:
        self.G, self.dist, self.layer, self.depth = G, {target: 0}, [target], 0

    def grow(self, depth: int, until: str | None = None) -> None:
        """Know every node within ``depth`` hops (stop at the layer that reaches ``until``)."""
        while self.depth < depth and self.layer and not (until is not None and until in self.dist):
            self.depth += 1
            found = []
            for v in self.layer:
                for w in itertools.chain(self.G.succ[v], self.G.pred[v]):
                    if w not in self.dist:
                        self.dist[w] = self.depth
                        found.append(w)
            self.layer = found


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
    `graph.analytics.held.held_walks`). With ``shortest`` (the default), every path of the
    fewest hops among those that hold, up to ``max_hops`` (default 8); otherwise every simple path
    that holds, up to ``max_hops`` (default 4). Paths that hold come before those that only may
    (a view asking what may hold: `graph.network.as_of`), then fewest hops, surest, those the
    sources quote before those resting on dataset rows only. Each hop lists its relations joining its two ends,
    so a reader sees which way each points. Restrict the relation types with
    `graph.network.of_types`.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> for chain in paths(build_graph(load_dataset()), "iran", "hts"):
    ...     print(" ".join(chain.nodes))
    iran assad-government syrian-rebels hts
    iran iran-allied-militias syrian-rebels hts
    iran iraqi-militias syrian-rebels hts

    Cost: a breadth-first search from ``target`` as deep as the longest walk searched (O(V + E)
    at worst), then the held walks of each length L from the shortest distance up, each pruned
    as soon as it cannot reach ``target`` within L hops or its hops cannot hold together:
    O(walks within the bound x L).
    """
    if source not in G or target not in G or source == target:
        return []
    bound = max_hops if max_hops is not None else SHORTEST_BOUND if shortest else ALL_BOUND
    near = _Near(G, target)
    near.grow(bound, until=source)
    if source not in near.dist:
        return []
    dates = dates_of(G)
    rows, hop = Rows(G, forward=None), hop_cache(dates)  # the relations tuples live in ``rows``
    found: list[Chain] = []
    for length in range(near.dist[source], bound + 1) if shortest else [bound]:
        near.grow(length)
        found = _held_paths(rows, source, target, near.dist, length, hop, dates)
        if found or not shortest:
            break
    found.sort(key=lambda c: (c.possible is not None, STATES.index(c.state), len(c), -c.confidence, not c.quoted,
                              c.nodes))  # fmt: skip
    return found


def _held_paths(
    rows: Rows,
    source: str,
    target: str,
    dist: dict[str, int],
    length: int,
    hop: Callable[[Step], HopInfo],
    dates: Dates,
) -> list[Chain]:
    """Every held simple walk from ``source`` to ``target`` of at most ``length`` hops."""

    def within(node: str, hops: int) -> bool:
        return node in dist and hops + dist[node] <= length

    walks = held_walks(rows, source, length, hop=hop, through=_AllBut(target), within=within)
    return [held_chain(h, dates) for h in walks if h[0][-1].target == target]


def relations_of(G: nx.MultiDiGraph[str], node: str) -> list[Relation]:
    """Every relation in or out of ``node``, by type, then date (undated first), then the other end."""
    found = [d["relation"] for _, _, d in G.out_edges(node, data=True)]
    found += [d["relation"] for _, _, d in G.in_edges(node, data=True)]
    type_order = list(RELATION_TYPES)
    return sorted(found, key=lambda r: (type_order.index(r.type), r.since.first if r.since else dt.date.min, r.key))
