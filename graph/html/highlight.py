"""Answers drawn on top of a rendered graph: ``--highlight path:iran,hts`` and the like.

A highlight is a set of nodes and relations (and, for a split into blocs, a group per node)
that the page draws boldly while the rest fades. Each kind is one entry of `HIGHLIGHTERS`:
a function ``(G, args) -> Highlight`` over the graph being drawn; adding a kind is one entry.
`highlight_keys` says in the legend what its colours mean (`BLOC_COLORS`, the borders).

>>> from graph.dataset import load_dataset
>>> from graph.network import build_graph
>>> h = highlight(build_graph(load_dataset()), "path:iran,hts")
>>> h.label, sorted(h.nodes)[:3]
('shortest paths between iran and hts', ['assad-government', 'hts', 'iran'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import networkx as nx

from graph.analytics import paths as walks
from graph.analytics import supporters as backing
from graph.analytics.chains import Chain
from graph.errors import UsageError
from graph.network import find_node
from graph.text import did_you_mean

# The border of a highlighted node: the answer's, or each camp's of a split (they repeat).
BLOC_COLORS = ("#000000", "#e6550d", "#3182bd", "#31a354", "#756bb1")
SHOWN_CAMPS = 8  # the legend names this many camps of a split, the biggest


@dataclass(frozen=True)
class Highlight:
    """What to draw boldly: ``nodes`` (ids), ``relations`` (relation keys), optional ``groups``."""

    kind: str
    label: str
    nodes: frozenset[str]
    relations: frozenset[str]
    groups: dict[str, int] = field(default_factory=dict)  # node -> bloc number, for splits
    leaders: tuple[str, ...] = ()  # for splits: the best-connected actor of each bloc, by number


Highlighter: TypeAlias = "Callable[[nx.MultiDiGraph[str], list[str]], Highlight]"


def _from_chains(kind: str, label: str, chains: Iterable[Chain], extra: Iterable[str] = ()) -> Highlight:
    nodes: set[str] = set(extra)
    keys: set[str] = set()
    for chain in chains:
        nodes.update(chain.nodes)
        keys.update(r.key for step in chain.steps for r in step.relations)
    return Highlight(kind, label, frozenset(nodes), frozenset(keys))


def _args(kind: str, args: list[str], count: int, usage: str) -> list[str]:
    if len(args) != count:
        example = f", e.g. {kind}:{EXAMPLES[kind]}" if EXAMPLES[kind] else ""
        raise UsageError(f"{kind} takes {usage}{example}", argument="spec")
    return args


def _path(G: nx.MultiDiGraph[str], args: list[str]) -> Highlight:
    a, b = (find_node(G, x, node_class=None) for x in _args("path", args, 2, "two actors"))
    return _from_chains("path", f"shortest paths between {a} and {b}", walks.paths(G, a, b), (a, b))


def _supporters(G: nx.MultiDiGraph[str], args: list[str]) -> Highlight:
    (actor,) = (find_node(G, x) for x in _args("supporters", args, 1, "one actor"))
    found = backing.supporters(G, actor)
    return _from_chains("supporters", f"supporters of {actor}", (c for s in found for c in s.chains), (actor,))


def _clients(G: nx.MultiDiGraph[str], args: list[str]) -> Highlight:
    (actor,) = (find_node(G, x) for x in _args("clients", args, 1, "one actor"))
    found = backing.clients(G, actor)
    return _from_chains("clients", f"clients of {actor}", (c for s in found for c in s.chains), (actor,))


def _chains(G: nx.MultiDiGraph[str], args: list[str]) -> Highlight:
    from graph.analytics.proxies import proxy_chains

    (sponsor,) = (find_node(G, x) for x in _args("chains", args, 1, "one sponsor"))
    found = proxy_chains(G, sponsor=sponsor)
    direct = {r.key for c in found for r in c.direct}
    h = _from_chains("chains", f"proxy chains of {sponsor}", (c.chain for c in found), (sponsor,))
    return Highlight(h.kind, h.label, h.nodes, h.relations | direct)


def _blocs(G: nx.MultiDiGraph[str], args: list[str]) -> Highlight:
    from graph.analytics.balance import blocs

    _args("blocs", args, 0, "no argument")
    split = blocs(G)
    groups = {node: i for i, camp in enumerate(split.camps) for node in camp}
    keys = {d["relation"].key for u, v, d in G.edges(data=True) if d["sign"] and u in groups and v in groups}
    label = f"{len(split.camps)} camps; {split.frustration} relations go against the split"
    return Highlight("blocs", label, frozenset(groups), frozenset(keys), groups, tuple(split.leaders))


HIGHLIGHTERS: dict[str, Highlighter] = {
    "path": _path, "supporters": _supporters, "clients": _clients, "chains": _chains, "blocs": _blocs,
}  # fmt: skip
EXAMPLES: dict[str, str] = {
    "path": "iran,hts", "supporters": "assad-government", "clients": "iran", "chains": "iran", "blocs": "",
}  # fmt: skip


def highlight(G: nx.MultiDiGraph[str], spec: str) -> Highlight:
    """Compute the highlight ``spec`` (``KIND:ARG,ARG``) over the graph ``G``.

    Raises
    ------
    UsageError
        When the kind is unknown or its arguments are wrong.
    UnknownActor
        When an argument names no actor.
    """
    kind, _, rest = spec.partition(":")
    kind = kind.strip()
    if kind not in HIGHLIGHTERS:
        hint = did_you_mean(kind, HIGHLIGHTERS) or "use " + ", ".join(
            f"{k}:{v}".rstrip(":") for k, v in EXAMPLES.items()
        )
        raise UsageError(f"unknown highlight {kind!r} - {hint}")
    args = [a.strip() for a in rest.split(",") if a.strip()]
    return HIGHLIGHTERS[kind](G, args)


def highlight_keys(G: nx.MultiDiGraph[str], hl: Highlight) -> list[dict[str, Any]]:
    """What the highlight's colours mean, for the legend: each camp of a split with its border
    colour (named after its best-connected actor), or the border of an answer; then the fading.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import build_graph
    >>> G = build_graph(load_dataset())
    >>> [k["text"] for k in highlight_keys(G, highlight(G, "path:iran,hts"))][::2]
    ['black border: on the answer (6 actors)', 'faded: the rest of the graph']
    >>> highlight_keys(G, highlight(G, "blocs"))[0]["text"].startswith("camp of ")
    True
    """
    if hl.kind == "blocs":
        sizes = [0] * len(hl.leaders)
        for group in hl.groups.values():
            sizes[group] += 1
        keys: list[dict[str, Any]] = [
            {"border": BLOC_COLORS[i % len(BLOC_COLORS)], "text": f"camp of {G.nodes[leader]['name']}: {size} actors"}
            for i, (leader, size) in enumerate(zip(hl.leaders, sizes, strict=True))
        ][:SHOWN_CAMPS]
        if len(hl.leaders) > SHOWN_CAMPS:
            keys.append({"text": f"and {len(hl.leaders) - SHOWN_CAMPS} smaller camps "
                                 f"(the {len(BLOC_COLORS)} colours repeat)"})  # fmt: skip
        keys.append({"line": True, "text": "thick lines: friendly and hostile relations between actors in camps"})
        keys.append({"faded": True, "text": "faded: actors in no camp (no friend or foe), places"})
        return keys
    return [
        {"border": BLOC_COLORS[0], "text": f"black border: on the answer ({len(hl.nodes)} actors)"},
        {"line": True, "text": f"thick lines: its {len(hl.relations)} relations"},
        {"faded": True, "text": "faded: the rest of the graph"},
    ]
