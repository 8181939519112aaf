"""Questions about the graph: who supports whom, through whom, and how two actors connect.

Pure functions in the networkx mould: the graph first, keyword options, plain results. Every
answer carries its relations, so the caller can show the dates and the quotes behind each hop.
Filter the graph first (`graph.network.as_of`, `of_types`) to ask about a date or some types.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.model import ACTOR_KINDS, CONFIDENCE_LEVELS, RELATION_TYPES, Relation


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Chain:
    """A walk from one actor to another, one `Step` per hop."""

    steps: tuple[Step, ...]

    @property
    def nodes(self) -> list[str]:
        return [self.steps[0].source, *(s.target for s in self.steps)] if self.steps else []

    @property
    def confidence(self) -> int:
        """The confidence of the weakest hop (1 low, 2 medium, 3 high)."""
        return min(s.confidence for s in self.steps)

    def __len__(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class Supporter:
    """An actor that backs another, directly or through others, with every chain found."""

    actor: str
    depth: int  # hops of the shortest chain; 1 is direct backing
    chains: tuple[Chain, ...]


def _backs_edges(G: nx.MultiDiGraph[str], u: str, v: str, support: str | None) -> tuple[Relation, ...]:
    found = []
    edges: dict[Any, dict[str, Any]] = G.get_edge_data(u, v, default={})
    for attrs in edges.values():
        r: Relation = attrs["relation"]
        if r.type == "backs" and (support is None or support in r.support):
            found.append(r)
    return tuple(found)


def relays_support(G: nx.MultiDiGraph[str], node: str) -> bool:
    """Whether support passes through ``node`` to a third party (see `Kind.relays_support`)."""
    kind = ACTOR_KINDS.get(G.nodes[node].get("kind", ""))
    return kind is None or kind.relays_support


def _chains(
    G: nx.MultiDiGraph[str], start: str, *, reverse: bool, max_depth: int, support: str | None, via_states: bool
) -> Iterator[Chain]:
    """Every simple chain of ``backs`` up to ``max_depth`` hops ending (or, reversed, starting) at ``start``.

    A chain passes through states and governments only with ``via_states``.
    """
    stack: list[tuple[str, tuple[Step, ...], frozenset[str]]] = [(start, (), frozenset({start}))]
    while stack:
        node, steps, seen = stack.pop()
        if len(steps) >= max_depth:
            continue
        neighbours = G.predecessors(node) if not reverse else G.successors(node)
        for other in sorted(set(neighbours)):
            if other in seen:
                continue
            u, v = (other, node) if not reverse else (node, other)
            rels = _backs_edges(G, u, v, support)
            if not rels:
                continue
            step = Step(u, v, rels)
            chain = (step, *steps) if not reverse else (*steps, step)
            yield Chain(chain)
            if via_states or relays_support(G, other):
                stack.append((other, chain, seen | {other}))


def _group(chains: Iterator[Chain], *, end: int) -> list[Supporter]:
    by_actor: dict[str, list[Chain]] = {}
    for chain in chains:
        by_actor.setdefault(chain.nodes[end], []).append(chain)
    result = []
    for actor, found in by_actor.items():
        found.sort(key=lambda c: (len(c), -c.confidence, c.nodes))
        result.append(Supporter(actor, len(found[0]), tuple(found)))
    result.sort(key=lambda s: (s.depth, -s.chains[0].confidence, s.actor))
    return result


def supporters(
    G: nx.MultiDiGraph[str], actor: str, *, max_depth: int = 3, support: str | None = None, via_states: bool = False
) -> list[Supporter]:
    """Who backs ``actor``, directly or through a chain of ``backs`` up to ``max_depth`` hops.

    Each supporter comes with every chain that makes it one, shortest and surest first. With
    ``support`` (a support type), every hop of a chain must carry that type. Chains pass
    through proxies and coalitions, not through a state or a government that others back for
    its own war, unless ``via_states``. Supporters are ordered by depth, then the confidence of
    their best chain, then id.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> [s.actor for s in supporters(build_graph(load_dataset()), "assad-government")]
    ['government-of-iraq', 'iran', 'iran-allied-militias', 'iraqi-militias', 'russia']

    Cost: O(number of chains found x max_depth); each chain is a simple path of ``backs``.
    """
    chains = _chains(G, actor, reverse=False, max_depth=max_depth, support=support, via_states=via_states)
    return _group(chains, end=0)


def clients(
    G: nx.MultiDiGraph[str], sponsor: str, *, max_depth: int = 3, support: str | None = None, via_states: bool = False
) -> list[Supporter]:
    """Whom ``sponsor`` backs, directly or through others: `supporters` the other way round.

    The ``actor`` of each result is the client.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> [c.actor for c in clients(build_graph(load_dataset()), "turkey")]
    ['government-of-iraq', 'syrian-rebels', 'turkish-backed-rebels']
    """
    chains = _chains(G, sponsor, reverse=True, max_depth=max_depth, support=support, via_states=via_states)
    return _group(chains, end=-1)


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
