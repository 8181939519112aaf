"""Dataset -> networkx.MultiDiGraph, and views of it by date and relation type.

One node per actor and place, one edge per relation (key = the relation's stable key), in the
direction written in the YAML. Symmetric relations (``fights``) are one edge too; the analytics
read the vocabulary to walk them both ways.

>>> from graph.dataset import load_dataset
>>> G = build_graph(load_dataset())
>>> G.nodes["iran"]["name"], G.nodes["iran"]["kind"]
('Iran', 'state')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

import networkx as nx

from graph.claims import CONFIRMED
from graph.errors import NotAnActor, UnknownActor, UsageError
from graph.model import ANY_DAY, KNOWN, Actor, Dataset, Dates, PartialDate, Place, Relation
from graph.text import name_index, suggest
from graph.vocabulary import RELATION_TYPES


def build_graph(dataset: Dataset) -> nx.MultiDiGraph[str]:
    """Build the graph of a dataset: every field on its node or edge.

    Nodes carry ``node_class`` ("actor" or "place"), ``kind``, ``name``, ``aliases`` and the
    rest of the record; edges carry ``type``, ``sign``, ``directed``, ``confidence`` and the
    `Relation` itself under ``relation``. Cost: O(actors + places + relations).
    """
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=dataset.name, dataset=dataset.name)
    nodes: list[Actor | Place] = [*dataset.actors.values(), *dataset.places.values()]
    for node in nodes:
        G.add_node(node.id, **node_attributes(node))
    # The edges go straight into networkx's adjacency (node -> neighbour -> key -> attributes; one
    # key dict shared by _succ and _pred), as `add_edge` would put them, at a third of its cost.
    succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = G._succ  # type: ignore[attr-defined]
    pred: dict[str, dict[str, dict[str, dict[str, Any]]]] = G._pred  # type: ignore[attr-defined]
    for rel in dataset.relations:
        u, v = rel.source, rel.target
        if u not in succ or v not in succ:  # an end no record names (a dataset with errors): as add_edge
            G.add_nodes_from((u, v))
        vocab = RELATION_TYPES[rel.type]
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        keys[rel.key] = {"relation": rel, "type": rel.type, "sign": vocab.sign, "directed": vocab.directed,
                         "confidence": rel.confidence}  # fmt: skip
    G.graph[STATES] = EdgeStates(len(dataset.relations), frozenset(r.state for r in dataset.relations))
    return G


STATES = "states"  # the graph attribute `build_graph` leaves: the states its relations' evidence adds up to


@dataclass(frozen=True)
class EdgeStates:
    """What the evidence of a graph's relations adds up to, noted when the graph is built, so that
    `as_of` knows without a look at every relation that there is nothing to leave out (the common
    case: an answer then walks the graph itself, no filter on each edge it meets).

    Trusted only for the graph it was noted on, and while that graph has as many edges as then
    (a view has a subset of them: its relations' states are among these); a graph whose edges
    were changed since is looked at relation by relation.
    """

    edges: int
    states: frozenset[str]


def _states(G: nx.MultiDiGraph[str]) -> frozenset[str] | None:
    """The states of ``G``'s relations as `build_graph` noted them (of the graph a view is of), or
    None when they are not known: not noted, or the graph has changed since."""
    root = G
    while isinstance(getattr(root, "_graph", None), nx.Graph):  # a view (nx.subgraph_view) of root._graph
        root = root._graph  # type: ignore[attr-defined]
    noted = root.graph.get(STATES)
    if not isinstance(noted, EdgeStates) or _edges(root) != noted.edges:
        return None
    return noted.states


def _edges(G: nx.MultiDiGraph[str]) -> int:
    """``G.number_of_edges()`` of a directed multigraph, counted in C: the keys of each (u, v) pair
    (a tenth of the time of networkx's walk of the degrees)."""
    adjacency: dict[str, dict[str, dict[Any, Any]]] = G._succ  # type: ignore[attr-defined]
    return sum(map(len, chain.from_iterable(map(dict.values, adjacency.values()))))


def node_attributes(node: Actor | Place) -> dict[str, Any]:
    attrs = {k: v for k, v in vars(node).items() if k not in ("origin", "within")}
    if isinstance(node, Place):
        attrs["in"] = node.within
    attrs["node_class"] = node.node_class
    return attrs


def relations(G: nx.MultiDiGraph[str]) -> Iterator[Relation]:
    """Every relation of the graph (or of a view of it)."""
    for _, _, attrs in G.edges(data=True):
        yield attrs["relation"]


def date_range(when: str | dt.date | PartialDate) -> tuple[dt.date, dt.date]:
    """The days a date stands for: ``"2016"`` -> 1 Jan 2016 .. 31 Dec 2016.

    Raises
    ------
    UsageError
        When ``when`` is not a date.
    """
    if isinstance(when, PartialDate):
        return when.first, when.last
    try:
        date = PartialDate.parse(when)
    except ValueError as exc:
        raise UsageError(f"bad date: {exc}") from None
    return date.first, date.last


def as_of(
    G: nx.MultiDiGraph[str],
    when: str | dt.date | PartialDate | None,
    *,
    possible: bool = False,
    claims: Iterable[str] | None = None,
) -> nx.MultiDiGraph[str]:
    """A read-only view of the graph as it stood on a date, as the sources know it: THE view every
    answer reads.

    A relation is kept when it is known to hold on one of the days ``when`` stands for (partial
    dates are whole months or years; `graph.model.Relation.holding`, the one date rule); with
    ``possible``, also when it only may hold then (an unknown start, after a dataset's window).
    ``None`` keeps everything. The view says what was asked (`dates_of`), so that the walks and
    the answers mark what only may hold.

    ``claims``: the states of evidence kept besides confirmed (`graph.claims.STATES`: ``alleged``,
    ``contested``, ``denied``; `graph.claims.FLAG_STATES` for the CLI's flags); None keeps every
    relation whatever its evidence adds up to. The answers mark each relation and chain that is
    not confirmed (`graph.model.Relation.state`, `graph.analytics.chains.Chain.state`).

    >>> from graph.dataset import load_dataset
    >>> G = build_graph(load_dataset())
    >>> sorted(r.source for r in relations(as_of(G, "2014")) if r.type == "controls" and r.target == "aleppo")
    ['syrian-rebels']
    """
    states = None if claims is None else frozenset({CONFIRMED, *claims})
    if states is not None:
        noted = _states(G)
        if noted <= states if noted is not None else all(r.state in states for r in relations(G)):
            states = None  # nothing to leave out (the common case): no filter on every later walk
    if when is None and states is None:
        return G if not possible else _asking(nx.subgraph_view(G), Dates(possible=True))
    window = None if when is None else date_range(when)

    def keep(u: str, v: str, k: Any) -> bool:
        rel: Relation = G.edges[u, v, k]["relation"]
        if states is not None and rel.state not in states:
            return False
        if window is None:
            return True
        held = rel.holding(*window)
        return held == KNOWN or (possible and held is not None)

    return _asking(nx.subgraph_view(G, filter_edge=keep), Dates(window, possible))


def _asking(view: nx.MultiDiGraph[str], dates: Dates) -> nx.MultiDiGraph[str]:
    view.graph = {**view.graph, "dates": dates}  # the view's own dict: the graph's is left as it is
    return view


def dates_of(G: nx.MultiDiGraph[str]) -> Dates:
    """What ``G`` (a view by `as_of`, or a view of one) asks of time: `graph.model.Dates`."""
    dates = G.graph.get("dates", ANY_DAY)
    return dates if isinstance(dates, Dates) else ANY_DAY


def of_types(G: nx.MultiDiGraph[str], types: Iterable[str] | None) -> nx.MultiDiGraph[str]:
    """A view keeping only relations of the given types (``None`` keeps all).

    Raises
    ------
    UsageError
        When a type is not in the vocabulary.
    """
    if types is None:
        return G
    wanted = set(types)
    for name in wanted - set(RELATION_TYPES):
        hint = suggest(name, RELATION_TYPES)
        raise UsageError(f"unknown relation type {name!r}" + (f" - did you mean {hint[0]!r}?" if hint else ""))

    def keep(u: str, v: str, k: Any) -> bool:
        return G.edges[u, v, k]["type"] in wanted

    view: nx.MultiDiGraph[str] = nx.subgraph_view(G, filter_edge=keep)
    return view


def of_sources(
    G: nx.MultiDiGraph[str], sources: Iterable[str] | None, *, known: Iterable[str] | None = None
) -> nx.MultiDiGraph[str]:
    """A view keeping only relations that cite one of ``sources`` (ids; ``None`` keeps all).

    ``known`` are the source ids a name may be (the dataset's sources); by default those the
    relations of ``G`` cite. Cost: O(relations + citations).

    >>> from graph.dataset import load_dataset
    >>> G = build_graph(load_dataset())
    >>> report = of_sources(G, ["report-2024-12-02"])
    >>> all(any(c.source == "report-2024-12-02" for c in r.evidence) for r in relations(report))
    True
    >>> 0 < report.number_of_edges() < G.number_of_edges()
    True

    Raises
    ------
    UsageError
        When a source is not known (with the closest ids).
    """
    if sources is None:
        return G
    wanted = set(sources)
    names = set(known) if known is not None else {c.source for r in relations(G) for c in r.evidence}
    for name in sorted(wanted - names):
        hint = suggest(name, names)
        raise UsageError(f"unknown source {name!r}" + (f" - did you mean {hint[0]!r}?" if hint else ""),
                         argument="sources")  # fmt: skip

    def keep(u: str, v: str, k: Any) -> bool:
        return any(c.source in wanted for c in G.edges[u, v, k]["relation"].evidence)

    view: nx.MultiDiGraph[str] = nx.subgraph_view(G, filter_edge=keep)
    return view


def places_within(G: nx.MultiDiGraph[str], place: str) -> list[str]:
    """The places inside ``place``, at any depth (by their ``in``), nearest first, then by id.

    >>> from graph.dataset import load_dataset
    >>> places_within(build_graph(load_dataset()), "northern-syria")
    ['russian-air-base-northern-syria', 'turkish-border-strip']

    Cost: O(nodes).
    """
    inside: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        if data.get("node_class") == "place" and data.get("in"):
            inside.setdefault(data["in"], []).append(node)
    found: list[str] = []
    layer, seen = [place], {place}
    while layer:
        layer = sorted(p for parent in layer for p in inside.get(parent, ()) if p not in seen)
        seen.update(layer)
        found += layer
    return found


def find_node(G: nx.MultiDiGraph[str], text: str, *, node_class: str | None = "actor") -> str:
    """The id of the node named ``text``: by id, name or alias, ignoring case.

    Raises
    ------
    UnknownActor
        When nothing matches; the exception carries the closest names.
    NotAnActor
        When an actor is asked for and ``text`` names a place (say what to run instead).
    """
    wanted = text.strip().casefold()
    names = name_index(
        (node, (data.get("name") or "", *(data.get("aliases") or ())))
        for node, data in G.nodes(data=True)
        if node_class is None or data.get("node_class") == node_class
    )
    if wanted in names:
        return names[wanted]
    if node_class == "actor":
        try:
            place = find_node(G, text, node_class="place")
        except UnknownActor:
            place = None
        if place is not None:
            raise NotAnActor(text, place)
    close = suggest(wanted, names)
    raise UnknownActor(text, sorted({names[c] for c in close}, key=[names[c] for c in close].index))
