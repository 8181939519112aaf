"""What the HTML page shows, as plain data: the part of the graph to draw and its details.

`select` cuts the graph down to what ``proxygraph render`` was asked for; `vis_nodes`,
`vis_edges` give the drawing (shapes, colours, widths: read from the vocabulary tables of
`graph.vocabulary`, never copied); `page_data` gives everything the page's own script needs
(legend, details, year spans, the highlight). No HTML here: `graph.html.render` writes the page.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.claims import ALLEGED, CONFIRMED, CONTESTED, DENIED
from graph.html.highlight import BLOC_COLORS, Highlight, highlight, highlight_keys
from graph.model import Dates, Relation, Source
from graph.network import as_of, dates_of, find_node, of_types, relations
from graph.records import project, relation_record
from graph.vocabulary import ACTOR_KINDS, CONFIDENCE_LEVELS, PLACE_KINDS, RELATION_TYPES

ENDED_OPACITY = 0.45  # ended relations are faded and dotted
ROWS_OPACITY = 0.5  # relations that rest only on dataset rows (no quoted evidence) are lighter
ENDED_DASHES = [2, 5]
MAY_DASHES = [10, 4, 2, 4]  # dash-dot: only may hold on the date drawn (--possible); dotted is ended, dashed a type
FADED_NODE = 0.2  # what a highlight leaves out
FADED_EDGE = 0.1
FADED_FONT = {"color": "rgba(52, 52, 52, 0.3)", "strokeColor": "rgba(255, 255, 255, 0.3)"}  # node opacity spares labels
# What the evidence adds up to (`graph.claims`), drawn in its own dashes: long dashes alleged,
# dash-dot-dot contested or only denied (they are on the page only when asked: render --alleged, --contested).
CLAIM_LINES = {
    ALLEGED: ([12, 6], "long dashes: alleged, no source asserts it"),
    CONTESTED: ([12, 4, 2, 4, 2, 4], "dash-dot-dot: contested, a source denies it; both sides in its details"),
    DENIED: ([12, 4, 2, 4, 2, 4], "dash-dot-dot: only denied; the denial in its details"),
}
WITHIN_LINE = {"color": "#9a9a9a", "width": 1.5, "dashes": [4, 4]}  # a place and the place it lies in


@dataclass(frozen=True)
class View:
    """What part of the dataset to draw, and what to highlight on it."""

    as_of: str | None = None
    types: list[str] | None = None
    focus: str | None = None
    radius: int = 2
    highlight: str | None = None
    possible: bool = False  # also what only may hold (--possible), drawn dash-dot
    claims: tuple[str, ...] | None = None  # the states kept besides confirmed (graph.network.as_of); None: all


def neighbourhood(G: nx.MultiDiGraph[str], node: str, radius: int) -> nx.MultiDiGraph[str]:
    """The nodes within ``radius`` hops of ``node`` (any relation, either way) and their relations."""
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), node, cutoff=radius)
    return only(G, set(near))


def only(G: nx.MultiDiGraph[str], nodes: set[str]) -> nx.MultiDiGraph[str]:
    """A view of ``G`` keeping ``nodes``: a view of the view (``G.subgraph`` of a view starts
    from the whole graph again, and so loses what `graph.network.as_of` asked of time)."""
    view: nx.MultiDiGraph[str] = nx.subgraph_view(G, filter_node=nodes.__contains__)
    return view


def select(G: nx.MultiDiGraph[str], view: View) -> tuple[nx.MultiDiGraph[str], Highlight | None]:
    """Cut ``G`` down to ``view``; nodes left without relations by a date or type filter go too.

    Raises
    ------
    UsageError
        For a bad date, relation type or highlight.
    UnknownActor
        When the focus or a highlighted actor is not found.
    """
    G = of_types(as_of(G, view.as_of, possible=view.possible, claims=view.claims), view.types)
    keep = None
    if view.focus is not None:
        keep = find_node(G, view.focus, node_class=None)
        G = neighbourhood(G, keep, view.radius)
    if view.as_of is not None or view.types is not None or view.claims is not None:
        linked = {n for n in G if G.degree(n) > 0 or n == keep}
        G = only(G, linked)
    return G, (highlight(G, view.highlight) if view.highlight else None)


def node_size(degree: int) -> float:
    """A node's radius on the page, by its number of relations."""
    return round(min(14 + 3 * math.sqrt(degree), 40), 1)


def vis_nodes(
    G: nx.MultiDiGraph[str], hl: Highlight | None, where: dict[str, tuple[float, float]] | None = None
) -> list[dict[str, Any]]:
    """One vis-network node per node: shape and colour by kind, size by degree, position ``where``."""
    found = []
    for node, attrs in G.nodes(data=True):
        kind = (ACTOR_KINDS if attrs["node_class"] == "actor" else PLACE_KINDS)[attrs["kind"]]
        item: dict[str, Any] = {"id": node, "label": attrs["name"], "shape": kind.shape, "color": kind.color}
        if where is not None:
            item["x"], item["y"] = where[node]
        item["size"] = node_size(G.degree(node))
        if hl is not None and node in hl.nodes:
            border = BLOC_COLORS[hl.groups.get(node, 0) % len(BLOC_COLORS)]
            item.update(borderWidth=4, color={"background": kind.color, "border": border})
        elif hl is not None:
            item.update(opacity=FADED_NODE, font=dict(FADED_FONT))
        found.append(item)
    return found


def vis_edges(G: nx.MultiDiGraph[str], hl: Highlight | None, *, plain: bool = False) -> list[dict[str, Any]]:
    """One vis-network edge per relation: colour and dashes by type, width by confidence.

    Ended relations are faded and dotted, those resting only on dataset rows (no quote) lighter,
    those that only may hold on the date asked (``--as-of`` with ``--possible``) dash-dot;
    parallel relations curve apart; arrows only for directed types. ``plain`` (for large graphs)
    draws no dashes but dash-dot and no curves: dashed lines halve the frame rate of a canvas
    with thousands of them.
    """
    found = []
    seen: dict[frozenset[str], int] = {}
    dates = dates_of(G)
    for index, rel in enumerate(relations(G)):
        vocab = RELATION_TYPES[rel.type]
        pair = frozenset((rel.source, rel.target))
        nth = seen[pair] = seen.get(pair, -1) + 1
        opacity = round((1.0 if rel.is_ongoing else ENDED_OPACITY) * (1.0 if quoted(rel) else ROWS_OPACITY), 3)
        width = round(1.2 * CONFIDENCE_LEVELS.get(rel.confidence, 1), 2)
        if hl is not None and rel.key in hl.relations:
            width += 2
        elif hl is not None:
            opacity = FADED_EDGE
        item: dict[str, Any] = {
            "id": f"e{index}", "from": rel.source, "to": rel.target, "width": width,
            "color": {"color": vocab.color, "highlight": vocab.color, "hover": vocab.color, "opacity": opacity},
            "dashes": MAY_DASHES if dates.doubt(rel) else own_dashes(rel, plain),
            "arrows": {"to": {"enabled": vocab.directed}},
        }  # fmt: skip
        if nth > 0 and not plain:  # the others are straight (the page's default)
            item["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                              "roundness": 0.2 * ((nth + 1) // 2)}  # fmt: skip
        found.append(item)
    return found


def own_dashes(rel: Relation, plain: bool) -> bool | list[int]:
    """How a relation's line is dashed when it is not marked as only possible: by what its evidence
    adds up to when not confirmed (`CLAIM_LINES`, on every page), else by its type, dotted once
    ended, never on a ``plain`` (large) page."""
    if (state := rel.state) != CONFIRMED:
        return CLAIM_LINES[state][0]
    return False if plain else rel.vocab.dashes if rel.is_ongoing else ENDED_DASHES


def quoted(rel: Relation) -> bool:
    """Whether some evidence of ``rel`` quotes its source (else it rests on dataset rows only)."""
    return any(c.quote for c in rel.evidence)


def _years(G: nx.MultiDiGraph[str]) -> list[int]:
    """Every year from the first to the last date of a relation, the dates its evidence attests
    and a dataset's last year included (where what is known begins or ends)."""
    years = {d.year for r in relations(G) for d in (r.since, r.until, r.ended_before, r.attested, r.observed_until)
             if d is not None}  # fmt: skip
    return list(range(min(years), max(years) + 1)) if years else []


def _span(rel: Relation, years: list[int]) -> list[int]:
    """The first and last year of ``years`` during which ``rel`` is known to hold (an interval:
    `graph.model.Relation.known`, as ``--as-of`` reads it); none when no day is known."""
    known = rel.known
    if not years or known is None:
        return [0, -1]
    start, end = known  # the one date rule: the year of each end, within the page's years
    first, last = max(start.year, years[0]), min(end.year, years[-1])
    return [first, last] if first <= last else [0, -1]


def _doubts(rel: Relation, years: list[int]) -> list[list[Any]]:
    """The runs of ``years`` in which ``rel`` only may hold, each ``[first, last, why]``: before the
    years it is known to hold (`_span`) and after them, within its `period`; the reason is
    `graph.model.Relation.holding`'s for the run's first year (the one rule; it is the same
    throughout a run).

    >>> from graph.model import PartialDate
    >>> rel = Relation("k", "a", "backs", "b", since=PartialDate(2014), observed_until=PartialDate(2017))
    >>> _doubts(rel, list(range(2010, 2021)))
    [[2018, 2020, "after the data's end (2017)"]]
    >>> _doubts(Relation("k", "a", "backs", "b", attested=PartialDate(2016)), list(range(2014, 2017)))
    [[2014, 2015, 'start unknown']]
    """
    if not years:
        return []
    start, end = rel.period
    first, last = max(start.year, years[0]), min(end.year, years[-1])
    known = _span(rel, years)
    runs = [(first, min(last, known[0] - 1)), (max(first, known[1] + 1), last)] if known[0] <= known[1] else [
        (first, last)]  # fmt: skip
    found = []
    for a, b in runs:
        if a <= b and (why := rel.holding(dt.date(a, 1, 1), dt.date(a, 12, 31))):
            found.append([a, b, why])
    return found


def _citation(source: Source | None, cite: dict[str, str]) -> dict[str, Any]:
    """A citation of the record with what the page shows of its source (a link only over http)."""
    url = source.url if source is not None and source.url else None
    return {
        "title": source.title if source is not None else None,
        "publisher": source.publisher if source is not None else None,
        "published": str(source.published) if source is not None and source.published else None,
        "url": url if url and url.lower().startswith(("https://", "http://")) else None,
        "quote": cite.get("quote"),
        "record": cite.get("record"),
        **({"stance": cite["stance"]} if "stance" in cite else {}),  # as in the record: only when not assert
    }


# What the details panel shows of the one relation record (`graph.records`), in this order; the
# status says when an ended relation ended before, the evidence names its sources.
EDGE_FIELDS = ("key", "type", "from", "to", "since", "until", "status", "support", "confidence", "note", "evidence")


def _edge_details(rel: Relation, sources: dict[str, Source], years: list[int], dates: Dates,
                  plain: bool) -> dict[str, Any]:  # fmt: skip
    """The details panel's record, the years it is known to hold (``span``); on a ``--possible``
    page also why it only may hold on the page's date (``possible``, as the CLI's JSON says it),
    the years it only may (``maybe``, `_doubts`) and its line when not marked so (``dashes``)."""
    full = relation_record(rel)
    record = project(full, EDGE_FIELDS)
    if full["until"] is None and full["ended_before"] is not None:
        record["status"] = f"ended before {full['ended_before']}"
    record["evidence"] = [_citation(sources.get(c["source"]), c) for c in record["evidence"]]
    found = {**record, "span": _span(rel, years)}
    if (claims := rel.vouched).state != CONFIRMED:  # what the CLI's JSON says, and who says what
        found.update(state=claims.state, claims=f"{claims.state}: {claims.text()}")
    if dates.possible:
        found.update(possible=dates.doubt(rel), maybe=_doubts(rel, years), dashes=own_dashes(rel, plain))
    return found


def _legend(G: nx.MultiDiGraph[str], plain: bool) -> dict[str, Any]:
    """The vocabulary entries in use, in vocabulary order, with their counts; how ended, rows-only
    and (on a ``--possible`` page) possible relations are drawn, with how many there are."""
    types = [r.type for r in relations(G)]
    states = [r.state for r in relations(G)]
    dates = dates_of(G)
    kinds = [(a["node_class"], a["kind"]) for _, a in G.nodes(data=True)]
    return {
        "relation_types": [
            {"name": t.name, "description": t.description, "color": t.color, "dashes": t.dashes and not plain,
             "directed": t.directed, "count": types.count(t.name)}
            for t in RELATION_TYPES.values() if t.name in types
        ],
        "kinds": [
            {"name": k.name, "class": cls, "label": k.label, "description": k.description, "color": k.color,
             "shape": k.shape, "count": kinds.count((cls, k.name))}
            for cls, table in (("actor", ACTOR_KINDS), ("place", PLACE_KINDS))
            for k in table.values() if (cls, k.name) in kinds
        ],
        "confidence": {name: 1.2 * level for name, level in CONFIDENCE_LEVELS.items()},
        "ended": {"opacity": ENDED_OPACITY, "dashes": False if plain else ENDED_DASHES},
        "rows_only": {"opacity": ROWS_OPACITY, "count": sum(not quoted(r) for r in relations(G))},
        "may_hold": {"dashes": MAY_DASHES, "count": sum(dates.doubt(r) is not None for r in relations(G))}
        if dates.possible else None,
        "within": WITHIN_LINE,
        "claims": [{"state": state, "dashes": dashes, "text": text, "count": states.count(state)}
                   for state, (dashes, text) in CLAIM_LINES.items() if state in states],
    }  # fmt: skip


def page_data(G: nx.MultiDiGraph[str], sources: dict[str, Source], *, title: str,
              hl: Highlight | None = None, plain: bool = False) -> dict[str, Any]:  # fmt: skip
    """Everything the page's script reads: legend, node and edge details, years, highlight, and
    which place lies within which (``within``: [place, parent] pairs, drawn as thin lines)."""
    years = _years(G)
    dates = dates_of(G)
    nodes = {
        n: {"name": a["name"], "kind": a["kind"], "class": a["node_class"], "aliases": list(a.get("aliases") or []),
            "country": a.get("country"), "description": a.get("description")}
        for n, a in G.nodes(data=True)
    }  # fmt: skip
    edges = {f"e{i}": _edge_details(rel, sources, years, dates, plain) for i, rel in enumerate(relations(G))}
    highlighted = None
    if hl is not None:
        highlighted = {"kind": hl.kind, "label": hl.label, "nodes": sorted(hl.nodes), "relations": len(hl.relations),
                       "keys": highlight_keys(G, hl)}  # fmt: skip
    within = [[n, a["in"]] for n, a in G.nodes(data=True) if a.get("in") is not None and a["in"] in G]
    return {"title": title, "legend": _legend(G, plain), "years": years, "nodes": nodes, "edges": edges,
            "highlight": highlighted, "within": within, "possible": dates.possible}  # fmt: skip
