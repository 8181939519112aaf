"""Turn answers into plain data (the stable JSON shape) and into table, JSON or CSV text.

The JSON shapes are documented in the README ("JSON output"); change them only with a note.
Tables are for people: aligned columns, and under a row the evidence behind it, indented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import networkx as nx

from graph.analytics.chains import Chain, Step, Supporter
from graph.model import Period, Relation
from graph.vocabulary import RELATION_TYPES


def relation_data(rel: Relation) -> dict[str, Any]:
    return {
        "key": rel.key,
        "from": rel.source,
        "type": rel.type,
        "to": rel.target,
        "directed": RELATION_TYPES[rel.type].directed,
        "since": str(rel.since) if rel.since else None,
        "until": str(rel.until) if rel.until else None,
        "status": "ongoing" if rel.is_ongoing else "ended",
        "support": list(rel.support),
        "confidence": rel.confidence,
        "note": rel.note,
        "evidence": [
            {k: v for k, v in (("source", c.source), ("quote", c.quote), ("record", c.record)) if v is not None}
            for c in rel.evidence
        ],
    }


def step_data(step: Step) -> dict[str, Any]:
    return {"from": step.source, "to": step.target, "relations": [relation_data(r) for r in step.relations]}


def chain_data(chain: Chain) -> dict[str, Any]:
    return {"nodes": chain.nodes, "hops": len(chain), "steps": [step_data(s) for s in chain.steps]}


def node_data(G: nx.MultiDiGraph[str], node: str) -> dict[str, Any]:
    data = G.nodes[node]
    return {"id": node, "name": data.get("name"), "kind": data.get("kind")}


def supporter_data(G: nx.MultiDiGraph[str], s: Supporter) -> dict[str, Any]:
    return {**node_data(G, s.actor), "depth": s.depth, "chains": [chain_data(c) for c in s.chains]}


def period_data(periods: Sequence[Period]) -> list[dict[str, str | None]]:
    """JSON shape: ``[{"from": "2011-01-01", "to": null}]`` (null: unknown start, or ongoing)."""
    return [
        {
            "from": None if first == dt.date.min else first.isoformat(),
            "to": None if last == dt.date.max else last.isoformat(),
        }
        for first, last in periods
    ]
