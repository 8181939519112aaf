"""Who supports whom: chains of backs into or out of an actor, grouped by the actor at the far end."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.analytics.chains import Chain, Supporter
from graph.analytics.held import Membership, Relays, Rows, begins_with_backs, held_chain, held_walks, hop_cache
from graph.claims import STATES
from graph.network import dates_of


def _held_chains(
    G: nx.MultiDiGraph[str], start: str, *, forward: bool, max_depth: int, support: str | None, via_states: bool,
    inherit: bool,
) -> Iterable[Chain]:  # fmt: skip
    """The held chains of ``backs`` into (or, ``forward``, out of) ``start``: `held_walks` over the
    graph's ``backs`` rows (read as the walk reaches them), and with ``inherit`` its ``member-of``
    rows too (`Membership`), through relaying actors only."""
    rows = Rows(G, forward=forward, types={"backs"}, support=support)
    through, dates = Relays(G, via_states=via_states), dates_of(G)
    hop = hop_cache(dates)
    if inherit:
        moves = Membership.of_graph(G, forward=forward, support=support, possible=dates.possible)
        walks = held_walks(rows, start, max_depth, hop=hop, forward=forward, through=through, moves=moves,
                           complete=begins_with_backs)  # fmt: skip
    else:
        walks = held_walks(rows, start, max_depth, hop=hop, forward=forward, through=through)
    return (held_chain(h, dates) for h in walks)


def group_chains(chains: Iterable[Chain], *, end: int) -> list[Supporter]:
    """Chains grouped by the actor at ``end`` (0: the sponsor, -1: the client), each group's chains
    that hold before those that only may, then shortest and surest first, quoted before those
    resting on dataset rows only; groups by the same order of their best chain, then id."""
    by_actor: dict[str, list[Chain]] = {}
    for chain in chains:
        by_actor.setdefault(chain.nodes[end], []).append(chain)
    result = []
    for actor, found in by_actor.items():
        found.sort(key=lambda c: (c.possible is not None, STATES.index(c.state), len(c), -c.confidence,
                                  not c.quoted, c.nodes))  # fmt: skip
        result.append(Supporter(actor, len(found[0]), tuple(found)))
    result.sort(key=lambda s: (s.chains[0].possible is not None, STATES.index(s.chains[0].state), s.depth,
                               -s.chains[0].confidence, not s.chains[0].quoted, s.actor))  # fmt: skip
    return result


def supporters(
    G: nx.MultiDiGraph[str], actor: str, *, max_depth: int = 3, support: str | None = None, via_states: bool = False,
    inherit_membership: bool = True,
) -> list[Supporter]:  # fmt: skip
    """Who backs ``actor``, directly or through a chain of ``backs`` up to ``max_depth`` hops.

    Each supporter comes with every chain that makes it one, shortest and surest first. A chain
    holds only while every hop does: a chain whose hops never held at the same time is none, and
    each hop keeps only its relations that may hold with the others (`graph.analytics.held`).
    With ``support`` (a support type), every hop of a chain must carry that type. Chains pass
    through proxies and coalitions, not through a state or a government that others back for
    its own war, unless ``via_states``. With ``inherit_membership`` (the default) chains pass
    through membership as `graph.analytics.held.Membership` says: a backer of a member backs its
    coalition, and a backer of a coalition backs its members only where its relation
    ``reaches_members``; member-of hops count toward ``max_depth``. Supporters are ordered by
    depth, then the confidence of their best chain, those the sources quote before those resting
    on dataset rows only, then id (the Government of Iraq, backing Syria in UCDP's rows, comes last).
    Asked about a date with what may hold (`graph.network.as_of` ``possible``), chains that only
    may hold come after those that hold, each with its reason (`graph.analytics.chains.Chain.possible`).

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> [s.actor for s in supporters(build_graph(load_dataset()), "assad-government")]
    ['iran', 'iran-allied-militias', 'iraqi-militias', 'russia', 'government-of-iraq']

    Cost: O(held chains x max_depth), reading only the rows the walks reach; each chain is a
    simple path of ``backs``.
    """
    chains = _held_chains(G, actor, forward=False, max_depth=max_depth, support=support, via_states=via_states,
                          inherit=inherit_membership)  # fmt: skip
    return group_chains(chains, end=0)


def clients(
    G: nx.MultiDiGraph[str], sponsor: str, *, max_depth: int = 3, support: str | None = None, via_states: bool = False,
    inherit_membership: bool = True,
) -> list[Supporter]:  # fmt: skip
    """Whom ``sponsor`` backs, directly or through others: `supporters` the other way round.

    The ``actor`` of each result is the client; chains hold as in `supporters`.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> [c.actor for c in clients(build_graph(load_dataset()), "turkey")]
    ['turkish-backed-rebels', 'government-of-iraq', 'syrian-rebels']
    """
    chains = _held_chains(G, sponsor, forward=True, max_depth=max_depth, support=support, via_states=via_states,
                          inherit=inherit_membership)  # fmt: skip
    return group_chains(chains, end=-1)
