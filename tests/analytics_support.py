"""Small hand-checked graphs for the analytics tests, built from tuples (no YAML on disk).

``graph_of(("s", "backs", "p"), ("p", "fights", "t", {"since": "2012"}))`` builds the graph of
a dataset with those relations; actors are created on the fly (a ``member-of`` target is a
coalition, an actor named in ``kinds`` has that kind, every other actor is a militia). Each
relation cites a record, and gets a unique key.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.model import Actor, Citation, Dataset, PartialDate, Relation
from graph.network import build_graph

Spec = tuple[str, str, str] | tuple[str, str, str, dict[str, Any]]


def relation(i: int, spec: Spec) -> Relation:
    source, rtype, target = spec[0], spec[1], spec[2]
    extra: dict[str, Any] = dict(spec[3]) if len(spec) == 4 else {}  # type: ignore[misc]
    for field in ("since", "until"):
        if field in extra:
            extra[field] = PartialDate.parse(extra[field])
    extra.setdefault("confidence", "high")
    return Relation(key=f"r{i}", source=source, type=rtype, target=target,
                    evidence=[Citation(source="db", record=f"row-{i}")], **extra)  # fmt: skip


def dataset_of(*specs: Spec, kinds: dict[str, str] | None = None) -> Dataset:
    ds = Dataset(name="hand", root="<test>")
    rels = [relation(i, spec) for i, spec in enumerate(specs)]
    coalitions = {r.target for r in rels if r.type == "member-of"}
    for r in rels:
        for node in (r.source, r.target):
            kind = (kinds or {}).get(node) or ("coalition" if node in coalitions else "militia")
            ds.actors.setdefault(node, Actor(id=node, name=node.upper(), kind=kind))
    ds.relations = rels
    return ds


def graph_of(*specs: Spec, kinds: dict[str, str] | None = None) -> nx.MultiDiGraph[str]:
    return build_graph(dataset_of(*specs, kinds=kinds))


def keys(rels: Any) -> list[str]:
    """The keys of some relations (of a Step, a tuple of relations ...), in order."""
    return [r.key for r in rels]
