"""Who supports whom: chains of backs into or out of an actor, grouped by the actor at the far end."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from graph.analytics.chains import Chain, Step, Supporter
from graph.analytics.support import relays_support
from graph.model import Relation


def _backs_edges(G: nx.MultiDiGraph[str], u: str, v: str, support: str | None) -> tuple[Relation, ...]:
    found = []
    edges: dict[Any, dict[str, Any]] = G.get_edge_data(u, v, default={})
    for attrs in edges.values():
        r: Relation = attrs["relation"]
        if r.type == "backs" and (support is None or support in r.support):
            found.append(r)
    return tuple(found)


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


def group_chains(chains: Iterator[Chain], *, end: int) -> list[Supporter]:
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
    return group_chains(chains, end=0)


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
    return group_chains(chains, end=-1)
