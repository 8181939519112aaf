"""The work of one load, inside the transaction `graph.neo4j.store.load` opens (no neo4j import here).

`make_plan` reads what the database holds (every node of each class, the dataset's
relationships, with their digests) and compares it with the rows of `graph.neo4j.props`;
`execute` deletes and writes only the difference, in batches of ``UNWIND``. Every query is
static: node labels and relationship types come from the vocabulary tables and are checked
against them before they reach the text of a query.

Two loads may run at once (two analysts, two datasets, one server). A node's ``datasets`` list is
read only after the load holds the node's write lock (so neither load loses the other's name) and
kept sorted (so it does not depend on which load committed first); Neo4j's deadlock detection
aborts one of two loads that wait on each other, and `graph.neo4j.store` retries it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from graph.model import Dataset
from graph.neo4j.props import REL_DATES, REL_PROPS, Row, node_rows, relation_rows
from graph.vocabulary import ACTOR, ACTOR_KINDS, PLACE, PLACE_KINDS, RELATION_TYPES

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
    new: bool = True  # the database holds nothing of the dataset yet
    shared_changes: int = 0  # nodes another dataset holds whose content this load changes
    streamed: int = 0  # relations left to `relationship_batches`: a first load's, written after the nodes

    @property
    def total(self) -> int:
        writes = sum(map(len, self.node_writes.values())) + sum(map(len, self.rel_writes.values()))
        return writes + sum(map(len, self.node_deletes.values())) + len(self.rel_deletes) + self.streamed

    @property
    def undoable(self) -> bool:
        """Whether `graph.neo4j.store.drop_dataset` would undo this load exactly: the dataset is
        new and changes no other dataset's node (a shared node only gains the dataset's name)."""
        return self.new and not self.shared_changes


def _label(name: str, allowed: Iterable[str]) -> str:
    if name not in set(allowed):
        raise ValueError(f"{name!r} is not in the vocabulary")
    return name


def make_plan(
    tx: Tx, dataset: Dataset, name: str, nodes: dict[str, int], rels: dict[str, int], *, stream_over: int | None = None
) -> Plan:
    """Compare the dataset with the database; count into ``nodes`` and ``rels`` what will change.

    With ``stream_over``, a first load (`Plan.undoable`) of more relations than that makes no
    relationship rows: it leaves them to `relationship_batches` (`Plan.streamed`), to be written
    after the nodes, batch by batch, each batch's rows made while the one before is written."""
    work = Plan()
    for cls, rows in node_rows(dataset).items():
        _plan_nodes(tx, work, cls, rows, name, nodes)
    query = (
        "MATCH ()-[r]->() WHERE r.dataset = $dataset RETURN collect([r.key, type(r), r.digest, elementId(r)]) AS held"
    )
    held = {key: (rtype, dig, eid) for key, rtype, dig, eid in _held(tx, query, {"dataset": name})}
    work.new = work.new and not held
    if stream_over is not None and work.undoable and len(dataset.relations) > stream_over:
        work.streamed = len(dataset.relations)
        rels["created"] += work.streamed
    else:
        _plan_rels(work, relation_rows(dataset, name), held, rels)
    return work


def relationship_batches(dataset: Dataset, name: str, size: int) -> Iterator[list[tuple[str, list[Row]]]]:
    """A first load's relationship writes (`Plan.streamed`): for each ``size`` relations in turn,
    its (query, rows) steps, the rows made only when the batch is asked for."""
    for start in range(0, len(dataset.relations), size):
        yield _rel_steps(relation_rows(dataset, name, slice(start, start + size)))


def _held(tx: Tx, query: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
    """What a ``RETURN collect([...]) AS held`` query found: one list, not a record per row (100k
    records cost the client seconds; one list of 100k is unpacked by the driver at once)."""
    return [list(item) for item in next(iter(tx.run(query, params)))["held"]]


def _plan_nodes(tx: Tx, work: Plan, cls: str, rows: list[Row], name: str, nodes: dict[str, int]) -> None:
    label = _label(cls, NODE_CLASSES)
    query = f"MATCH (n:{label}) RETURN collect([n.id, n.digest, coalesce(n.datasets, [])]) AS held"
    held = {i: (d, list(ds)) for i, d, ds in _held(tx, query)}
    wanted = {row["id"] for row in rows}
    work.node_writes[cls] = [r for r in rows if _changed(held.get(r["id"]), r["digest"], name)]
    nodes["created"] += sum(r["id"] not in held for r in work.node_writes[cls])
    nodes["updated"] += sum(r["id"] in held for r in work.node_writes[cls])
    work.new = work.new and not any(name in ds for _, ds in held.values())
    work.shared_changes += sum(r["id"] in held and held[r["id"]][0] != r["digest"] and held[r["id"]][1] != [name]
                               for r in work.node_writes[cls])  # fmt: skip
    gone = [i for i, (_, ds) in held.items() if name in ds and i not in wanted]
    work.node_deletes[cls] = gone
    nodes["deleted"] += sum(held[i][1] == [name] for i in gone)
    nodes["updated"] += sum(held[i][1] != [name] for i in gone)


def _plan_rels(
    work: Plan, rows_by_type: dict[str, list[Row]], held: dict[str, tuple[str, str, str]], rels: dict[str, int]
) -> None:
    wanted_keys = set()
    for rtype, rows in rows_by_type.items():
        for row in rows:
            wanted_keys.add(row["key"])
            old = held.get(row["key"])
            if old is not None and old[:2] == (rtype, row["digest"]):
                continue
            work.rel_writes.setdefault(rtype, []).append(row)
            rels["created" if old is None else "updated"] += 1
            if old is not None:
                work.rel_deletes.append(old[2])
    gone = [eid for key, (_, _, eid) in held.items() if key not in wanted_keys]
    rels["deleted"] += len(gone)
    work.rel_deletes += gone


def _changed(held: tuple[str, list[str]] | None, digest: str, name: str) -> bool:
    return held is None or held[0] != digest or name not in held[1]


def _batches(rows: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def execute(tx: Tx, work: Plan, name: str, batch_size: int, progress: Callable[[int, int], None] | None) -> int:
    """Delete, then write, batch by batch (but `Plan.streamed`); ``progress(done, total)`` after
    each batch. Returns how many rows it wrote or deleted."""
    done, total = 0, work.total
    steps: list[tuple[str, list[Any]]] = [(DELETE_RELS, work.rel_deletes)]
    steps += [(delete_nodes_query(cls), ids) for cls, ids in work.node_deletes.items()]
    for cls, rows in work.node_writes.items():
        by_kind: dict[str | None, list[Row]] = {}
        for row in rows:
            by_kind.setdefault(row.get("label"), []).append(row)
        steps += [(write_nodes_query(cls, kind), kind_rows) for kind, kind_rows in by_kind.items()]
    steps.append((WITHIN, [r for r in work.node_writes.get("Place", [])]))
    steps += _rel_steps(work.rel_writes)
    if progress is not None:
        progress(0, total)
    for query, rows in steps:
        for batch in _batches(rows, batch_size):
            run_batch(tx, query, batch, name)
            done += len(batch) if query != WITHIN else 0
            if progress is not None:
                progress(done, total)
    return done


def _rel_steps(rel_writes: dict[str, list[Row]]) -> list[tuple[str, list[Row]]]:
    steps = []
    for rtype, rows in rel_writes.items():
        by_ends: dict[tuple[str, str], list[Row]] = {}
        for row in rows:
            by_ends.setdefault(row["ends"], []).append(row)
        steps += [(write_rels_query(rtype, ends), ends_rows) for ends, ends_rows in by_ends.items()]
    return steps


def run_batch(tx: Tx, query: str, rows: list[Any], name: str) -> None:
    """Run one write query of this module over one batch of rows."""
    for _ in tx.run(query, {"rows": rows, "dataset": name}):
        pass


# A dataset's fingerprint (`graph.neo4j.props.dataset_fingerprint`) as of its last load, on a
# ``(:Dataset {name, fingerprint})`` node (the only node of that label: no ``id``, no ``datasets``).
# Written in the load's own transaction (a first load in batches: once its last batch is in), so
# it is never there for a load that did not finish. A load that changes a node another dataset
# holds takes the other fingerprints off (their graph is no longer what they loaded).
FINGERPRINT = "MATCH (d:Dataset {name: $dataset}) RETURN collect(d.fingerprint) AS held"
SET_FINGERPRINT = "MERGE (d:Dataset {name: $dataset}) SET d.fingerprint = $fingerprint"
DROP_FINGERPRINT = "MATCH (d:Dataset {name: $dataset}) DELETE d"
CLEAR_OTHER_FINGERPRINTS = "MATCH (d:Dataset) WHERE d.name <> $dataset REMOVE d.fingerprint"


def fingerprint_held(tx: Tx, name: str) -> str | None:
    """The fingerprint of the dataset's last load, if any."""
    held = next(iter(tx.run(FINGERPRINT, {"dataset": name})))["held"]
    return str(held[0]) if len(held) == 1 else None


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
            f"SET n.{LOCK} = true WITH n "  # the write lock first: then read the list another load may change
            f"SET n.datasets = [d IN n.datasets WHERE d <> $dataset] REMOVE n.{LOCK} "
            "WITH n WHERE size(n.datasets) = 0 DETACH DELETE n")  # fmt: skip


# A property set only to take a node's write lock before its ``datasets`` are read, and removed
# (or replaced) in the same statement: no committed node ever holds it.
LOCK = "proxygraph_lock"

# The dataset added to a sorted ``old`` list of names, in its place.
ADD_DATASET = ("CASE WHEN $dataset IN old THEN old "
               "ELSE [d IN old WHERE d < $dataset] + $dataset + [d IN old WHERE d > $dataset] END")  # fmt: skip


def write_nodes_query(cls: str, kind_label: str | None) -> str:
    """Create or replace the nodes of one class and kind, adding the dataset to ``datasets`` (sorted)."""
    label = _label(cls, NODE_CLASSES)
    kinds = [k.label for k in NODE_CLASSES[cls].values()]
    query = (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n.{LOCK} = true "
             "WITH n, row, coalesce(n.datasets, []) AS old "
             f"SET n = row.props, n.digest = row.digest, n.datasets = {ADD_DATASET}")  # fmt: skip
    if kinds:
        query += f" REMOVE n:{':'.join(_label(k, kinds) for k in kinds)} SET n:{_label(str(kind_label), kinds)}"
    return query


def _endpoint(cls: str, allowed: frozenset[str]) -> str:
    """The label to match an endpoint of class ``cls`` under, if the relation type allows it there."""
    kinds = {ACTOR: ACTOR_KINDS, PLACE: PLACE_KINDS}
    ok = {label for label, c in (("Actor", ACTOR), ("Place", PLACE)) if c in allowed or allowed & set(kinds[c])}
    return _label(cls, ok)


def write_rels_query(rtype: str, ends: tuple[str, str]) -> str:
    """Create the relationships of one type between nodes of two classes (``("Actor", "Place")``)
    - the old version, if any, was deleted first. Each endpoint is one unique-index seek on its
    label; every property is named (a static map: no eager pass), dates made Neo4j dates here."""
    vocab = REL_TYPES[_label(rtype, REL_TYPES)]
    source, target = _endpoint(ends[0], vocab.sources), _endpoint(ends[1], vocab.targets)
    props = ", ".join(f"{k}: date(row.props.{k})" if k in REL_DATES else f"{k}: row.props.{k}" for k in REL_PROPS)
    return (f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) MATCH (b:{target} {{id: row.target}}) "
            f"CREATE (a)-[:{rtype} {{{props}, digest: row.digest}}]->(b)")  # fmt: skip
