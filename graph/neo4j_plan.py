"""The work of one load, inside the transaction `graph.store.load` opens (no neo4j import here).

`make_plan` reads what the database holds (every node of each class, the dataset's
relationships, with their digests) and compares it with the rows of `graph.neo4j_rows`;
`execute` deletes and writes only the difference, in batches of ``UNWIND``. Every query is
static: node labels and relationship types come from the vocabulary tables and are checked
against them before they reach the text of a query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from graph.model import ACTOR, ACTOR_KINDS, PLACE, PLACE_KINDS, RELATION_TYPES, Dataset
from graph.neo4j_rows import Row, node_rows, relation_rows

NODE_CLASSES = {"Actor": ACTOR_KINDS, "Place": PLACE_KINDS, "Source": {}}
REL_TYPES = {t.neo4j_type: t for t in RELATION_TYPES.values()}


class Tx(Protocol):
    def run(self, query: str, parameters: dict[str, Any] | None = None) -> Iterable[Any]: ...


@dataclass
class Plan:
    node_writes: dict[str, list[Row]] = field(default_factory=dict)  # by class label
    node_deletes: dict[str, list[str]] = field(default_factory=dict)  # ids, by class label
    rel_deletes: list[str] = field(default_factory=list)  # element ids
    rel_writes: dict[str, list[Row]] = field(default_factory=dict)  # by relationship type

    @property
    def total(self) -> int:
        writes = sum(map(len, self.node_writes.values())) + sum(map(len, self.rel_writes.values()))
        return writes + sum(map(len, self.node_deletes.values())) + len(self.rel_deletes)


def _label(name: str, allowed: Iterable[str]) -> str:
    if name not in set(allowed):
        raise ValueError(f"{name!r} is not in the vocabulary")
    return name


def make_plan(tx: Tx, dataset: Dataset, name: str, nodes: dict[str, int], rels: dict[str, int]) -> Plan:
    """Compare the dataset with the database; count into ``nodes`` and ``rels`` what will change."""
    work = Plan()
    for cls, rows in node_rows(dataset).items():
        label = _label(cls, NODE_CLASSES)
        query = f"MATCH (n:{label}) RETURN n.id AS id, n.digest AS digest, coalesce(n.datasets, []) AS datasets"
        held = {r["id"]: (r["digest"], list(r["datasets"])) for r in tx.run(query)}
        wanted = {row["id"] for row in rows}
        work.node_writes[cls] = [r for r in rows if _changed(held.get(r["id"]), r["digest"], name)]
        nodes["created"] += sum(r["id"] not in held for r in work.node_writes[cls])
        nodes["updated"] += sum(r["id"] in held for r in work.node_writes[cls])
        gone = [i for i, (_, ds) in held.items() if name in ds and i not in wanted]
        work.node_deletes[cls] = gone
        nodes["deleted"] += sum(held[i][1] == [name] for i in gone)
        nodes["updated"] += sum(held[i][1] != [name] for i in gone)
    query = ("MATCH ()-[r]->() WHERE r.dataset = $dataset "
             "RETURN r.key AS key, type(r) AS type, r.digest AS digest, elementId(r) AS eid")  # fmt: skip
    held_rels = {(r["key"]): (r["type"], r["digest"], r["eid"]) for r in tx.run(query, {"dataset": name})}
    wanted_keys = set()
    for rtype, rows in relation_rows(dataset, name).items():
        for row in rows:
            wanted_keys.add(row["key"])
            old = held_rels.get(row["key"])
            if old is not None and old[:2] == (rtype, row["digest"]):
                continue
            work.rel_writes.setdefault(rtype, []).append(row)
            rels["created" if old is None else "updated"] += 1
            if old is not None:
                work.rel_deletes.append(old[2])
    gone_rels = [eid for key, (_, _, eid) in held_rels.items() if key not in wanted_keys]
    rels["deleted"] += len(gone_rels)
    work.rel_deletes += gone_rels
    return work


def _changed(held: tuple[str, list[str]] | None, digest: str, name: str) -> bool:
    return held is None or held[0] != digest or name not in held[1]


def _batches(rows: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def execute(tx: Tx, work: Plan, name: str, batch_size: int, progress: Callable[[int, int], None] | None) -> None:
    """Delete, then write, batch by batch; ``progress(done, total)`` after each batch."""
    done, total = 0, work.total
    steps: list[tuple[str, list[Any]]] = [(DELETE_RELS, work.rel_deletes)]
    steps += [(delete_nodes_query(cls), ids) for cls, ids in work.node_deletes.items()]
    for cls, rows in work.node_writes.items():
        by_kind: dict[str | None, list[Row]] = {}
        for row in rows:
            by_kind.setdefault(row.get("label"), []).append(row)
        steps += [(write_nodes_query(cls, kind), kind_rows) for kind, kind_rows in by_kind.items()]
    steps.append((WITHIN, [r for r in work.node_writes.get("Place", [])]))
    steps += [(write_rels_query(rtype), rows) for rtype, rows in work.rel_writes.items()]
    if progress is not None:
        progress(0, total)
    for query, rows in steps:
        for batch in _batches(rows, batch_size):
            for _ in tx.run(query, {"rows": batch, "dataset": name}):
                pass
            done += len(batch) if query != WITHIN else 0
            if progress is not None:
                progress(done, total)


DELETE_RELS = "UNWIND $rows AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r"

WITHIN = """UNWIND $rows AS row
MATCH (p:Place {id: row.id})
OPTIONAL MATCH (p)-[w:WITHIN]->()
DELETE w
WITH DISTINCT p, row WHERE row.within IS NOT NULL
MATCH (q:Place {id: row.within})
CREATE (p)-[:WITHIN]->(q)"""


def delete_nodes_query(cls: str) -> str:
    """Take the dataset off these nodes; delete those no dataset holds any more."""
    label = _label(cls, NODE_CLASSES)
    return (f"UNWIND $rows AS id MATCH (n:{label} {{id: id}}) "
            "SET n.datasets = [d IN n.datasets WHERE d <> $dataset] "
            "WITH n WHERE size(n.datasets) = 0 DETACH DELETE n")  # fmt: skip


def write_nodes_query(cls: str, kind_label: str | None) -> str:
    """Create or replace the nodes of one class and kind, adding the dataset to ``datasets``."""
    label = _label(cls, NODE_CLASSES)
    kinds = [k.label for k in NODE_CLASSES[cls].values()]
    query = (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
             "WITH n, row, coalesce(n.datasets, []) AS old "
             "SET n = row.props, n.digest = row.digest, "
             "n.datasets = CASE WHEN $dataset IN old THEN old ELSE old + $dataset END")  # fmt: skip
    if kinds:
        query += f" REMOVE n:{':'.join(_label(k, kinds) for k in kinds)} SET n:{_label(str(kind_label), kinds)}"
    return query


def _endpoint(var: str, allowed: frozenset[str], key: str) -> str:
    actor = ACTOR in allowed or bool(allowed & set(ACTOR_KINDS))
    place = PLACE in allowed or bool(allowed & set(PLACE_KINDS))
    if actor and place:
        return (f"OPTIONAL MATCH ({var}a:Actor {{id: row.{key}}}) OPTIONAL MATCH ({var}p:Place {{id: row.{key}}}) "
                f"WITH *, coalesce({var}a, {var}p) AS {var} WHERE {var} IS NOT NULL ")  # fmt: skip
    return f"MATCH ({var}:{'Actor' if actor else 'Place'} {{id: row.{key}}}) "


def write_rels_query(rtype: str) -> str:
    """Create the relationships of one type (the old version, if any, was deleted first)."""
    vocab = REL_TYPES[_label(rtype, REL_TYPES)]
    return ("UNWIND $rows AS row " + _endpoint("a", vocab.sources, "source") + _endpoint("b", vocab.targets, "target")
            + f"CREATE (a)-[r:{rtype}]->(b) SET r = row.props, r.digest = row.digest")  # fmt: skip
