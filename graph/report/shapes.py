"""Turn answers into plain data (the stable JSON shape) and into table, JSON or CSV text.

The JSON shapes are documented in the README ("JSON output"); change them only with a note.
Tables are for people: aligned columns, and under a row the evidence behind it, indented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from graph.analytics.chains import Chain, Step, Supporter
from graph.claims import CONFIRMED
from graph.model import ANY_DAY, Dates, Period, Relation
from graph.records import project, relation_record

if TYPE_CHECKING:  # validate's CSV reads this module and builds no graph
    import networkx as nx

# A relation in the JSON of every answer: the one record's fields the README documents, in order.
RELATION_JSON = ("key", "from", "type", "to", "directed", "since", "until", "status", "support", "confidence", "note",
                 "evidence")  # fmt: skip
AMOUNTS = ("count", "weight")  # added to a relation's JSON when it has them (an incident count, a weight)


def unconfirmed(state: str) -> str | None:
    """``state`` when it is not confirmed (what the JSON and CSV mark), else None."""
    return None if state == CONFIRMED else state


def relation_data(rel: Relation, dates: Dates = ANY_DAY) -> dict[str, Any]:
    """The JSON shape of a relation: a view of `graph.records.relation_record`; asked about a date
    (``dates``, `graph.network.dates_of`) where it only may hold, with ``possible``: the reason; where
    its evidence does not confirm it, with ``state`` (`graph.claims`: alleged, contested, denied)."""
    record = relation_record(rel)
    data = project(record, RELATION_JSON)
    for name in AMOUNTS:  # only where the relation has them: the shape of relations without stays as it was
        if record[name] is not None:
            data[name] = record[name]
    if (why := dates.doubt(rel)) is not None:
        data["possible"] = why
    if state := unconfirmed(rel.state):  # only where not confirmed: the shape of confirmed relations stays
        data["state"] = state
    return data


def step_data(step: Step, dates: Dates = ANY_DAY) -> dict[str, Any]:
    return {"from": step.source, "to": step.target, "relations": [relation_data(r, dates) for r in step.relations]}


def chain_placed(chain: Chain, *where: Any) -> list[tuple[tuple[Any, ...], Relation]]:
    """Every relation of ``chain`` with where it stands: ``(*where, step)``, steps from 1."""
    return [((*where, i), rel) for i, step in enumerate(chain.steps, 1) for rel in step.relations]


def chain_data(chain: Chain, dates: Dates = ANY_DAY) -> dict[str, Any]:
    """A chain's JSON; one that only may hold has ``possible``: why (`graph.analytics.held.doubt`); one
    whose weakest hop is not confirmed has ``state`` (`graph.analytics.chains.Chain.state`)."""
    data = {"nodes": chain.nodes, "hops": len(chain), "steps": [step_data(s, dates) for s in chain.steps]}
    if chain.possible is not None:
        data["possible"] = chain.possible
    if state := unconfirmed(chain.state):
        data["state"] = state
    return data


def node_data(G: nx.MultiDiGraph[str], node: str) -> dict[str, Any]:
    data = G.nodes[node]
    return {"id": node, "name": data.get("name"), "kind": data.get("kind")}


def supporter_data(G: nx.MultiDiGraph[str], s: Supporter) -> dict[str, Any]:
    from graph.network import dates_of

    dates = dates_of(G)
    return {**node_data(G, s.actor), "depth": s.depth, "chains": [chain_data(c, dates) for c in s.chains]}


def period_data(periods: Sequence[Period]) -> list[dict[str, str | None]]:
    """JSON shape: ``[{"from": "2011-01-01", "to": null}]`` (null: unknown start, or ongoing)."""
    return [
        {
            "from": None if first == dt.date.min else first.isoformat(),
            "to": None if last == dt.date.max else last.isoformat(),
        }
        for first, last in periods
    ]
