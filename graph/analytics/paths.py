"""How two actors connect, over any relation and either way; an actor's relations."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import networkx as nx

from graph.analytics.chains import Chain, Step
from graph.model import Relation
from graph.vocabulary import CONFIDENCE_LEVELS, RELATION_TYPES


def _undirected(G: nx.MultiDiGraph[str]) -> nx.Graph[str]:
    """The simple undirected graph of who is linked to whom (any relation, any direction)."""
    H: nx.Graph[str] = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def _step(G: nx.MultiDiGraph[str], u: str, v: str) -> Step:
    forward: dict[Any, dict[str, Any]] = G.get_edge_data(u, v, default={})
    backward: dict[Any, dict[str, Any]] = G.get_edge_data(v, u, default={})
    rels: list[Relation] = [d["relation"] for d in (*forward.values(), *backward.values())]
    rels.sort(key=lambda r: (-CONFIDENCE_LEVELS.get(r.confidence, 0), r.key))
    return Step(u, v, tuple(rels))


def paths(
    G: nx.MultiDiGraph[str], source: str, target: str, *, max_hops: int | None = None, shortest: bool = True
) -> list[Chain]:
    """How ``source`` and ``target`` connect, walking relations in either direction.

    With ``shortest`` (the default), every shortest path; otherwise every simple path up to
    ``max_hops`` (default 4). Each hop lists all relations joining its two ends, so a reader
    sees which way each points. Restrict the relation types with `graph.network.of_types`.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> for chain in paths(build_graph(load_dataset()), "iran", "hts"):
    ...     print(" ".join(chain.nodes))
    iran assad-government syrian-rebels hts
    iran iran-allied-militias syrian-rebels hts
    iran iraqi-militias syrian-rebels hts

    Cost: shortest paths O(V + E) per path; all simple paths grows with their number, bounded
    by ``max_hops``.
    """
    H = _undirected(G)
    if source not in H or target not in H or source == target:
        return []
    if shortest:
        try:
            found = list(nx.all_shortest_paths(H, source, target))
        except nx.NetworkXNoPath:
            return []
        found = [p for p in found if max_hops is None or len(p) - 1 <= max_hops]
    else:
        found = list(nx.all_simple_paths(H, source, target, cutoff=max_hops or 4))
    chains = [Chain(tuple(_step(G, u, v) for u, v in itertools.pairwise(p))) for p in found]
    chains.sort(key=lambda c: (len(c), -c.confidence, c.nodes))
    return chains


def relations_of(G: nx.MultiDiGraph[str], node: str) -> list[Relation]:
    """Every relation in or out of ``node``, by type, then date (undated first), then the other end."""
    found = [d["relation"] for _, _, d in G.out_edges(node, data=True)]
    found += [d["relation"] for _, _, d in G.in_edges(node, data=True)]
    type_order = list(RELATION_TYPES)
    return sorted(found, key=lambda r: (type_order.index(r.type), r.since.first if r.since else dt.date.min, r.key))
