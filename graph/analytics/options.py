"""The analytics' defaults and names that commands show before any graph is read: their ``--help``
and option defaults. Light on purpose (no networkx), so that ``proxygraph --help`` starts fast;
`graph.analytics.balance` and `graph.analytics.ranking` read them from here.
"""

from __future__ import annotations

EXACT_LIMIT = 10  # actors in a component up to which every split is tried (2^(n-1) splits)
TIME_LIMIT = 10.0  # seconds the integer program may take, over all components, before giving bounds

# The measures of `proxygraph rank` (`graph.analytics.ranking.Rank`), with what each counts.
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
