"""Benchmark the Neo4j loader: a synthetic 100k-relation dataset into the local server (relations/s),
and 2,000 of those relations loaded the naive way (one MERGE per row, one transaction each).

Run: eval "$(scripts/neo4j env)"; .venv/bin/python scripts/bench_neo4j.py [--relations 100000] [--actors 10000]

The dataset is `tests.synthetic.generate(actors, relations, seed=4)`. A small load first warms the
server's JIT (as a server that has run a while is warm); it is not counted. The batched figure is
the whole `graph.neo4j.store.load`: schema, diff read, rows, writes and commit, in one transaction. The
floor is the same relationships with no properties, one UNWIND CREATE per type in one transaction:
what the server costs before the loader writes anything. Every load here uses its own dataset
name and is removed at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.synthetic: the synthetic datasets

from graph.model import Dataset
from graph.neo4j import store
from graph.neo4j.plan import REL_TYPES
from graph.neo4j.props import REL_DATES, relation_rows
from tests.synthetic import generate

NAIVE = 2000
Row = tuple[str, dict[str, Any]]


def naive(conn: store.Store, dataset_name: str, rows: list[Row]) -> float:
    """One MERGE per relation, each in its own transaction (endpoints already loaded)."""
    started = time.perf_counter()
    with conn.session() as session:
        for rtype, row in rows:
            assert rtype in REL_TYPES
            query = (f"MATCH (a:Actor {{id: $source}}) OPTIONAL MATCH (ba:Actor {{id: $target}}) "
                     f"OPTIONAL MATCH (bp:Place {{id: $target}}) WITH a, coalesce(ba, bp) AS b "
                     f"MERGE (a)-[r:{rtype} {{key: $key, dataset: $dataset}}]->(b) SET r += $props")  # fmt: skip
            session.execute_write(lambda tx, q=query, r=row: tx.run(q, {**r, "dataset": dataset_name}).consume())
    return time.perf_counter() - started


def naive_rows(ds: Dataset, dataset_name: str) -> list[Row]:
    """The first `NAIVE` relations, with the same properties as the batched load (dates as dates)."""
    rows = []
    for rtype, type_rows in relation_rows(ds, dataset_name).items():
        for r in type_rows:
            props = {k: dt.date.fromisoformat(v) if k in REL_DATES else v for k, v in r["props"].items()}
            rows.append((rtype, {"source": r["source"], "target": r["target"], "key": r["key"], "props": props}))
    return rows[:NAIVE]


def floor(conn: store.Store, ds: Dataset, dataset_name: str) -> float:
    """The same relationships with only ``dataset`` set, batched, one transaction: the server's floor."""
    started = time.perf_counter()
    with conn.session() as session, session.begin_transaction() as tx:
        for rtype, rows in relation_rows(ds, dataset_name).items():
            for ends in sorted({r["ends"] for r in rows}):
                a, b = ends
                assert {a, b} <= {"Actor", "Place"}
                query = (f"UNWIND $rows AS row MATCH (a:{a} {{id: row.source}}) MATCH (b:{b} {{id: row.target}}) "
                         f"CREATE (a)-[:{rtype} {{dataset: $dataset}}]->(b)")  # fmt: skip
                batch = [{"source": r["source"], "target": r["target"]} for r in rows if r["ends"] == ends]
                for i in range(0, len(batch), 5000):
                    tx.run(query, {"rows": batch[i : i + 5000], "dataset": dataset_name}).consume()
        tx.commit()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=10_000)
    args = parser.parse_args()
    env = os.environ.get
    settings = store.Settings(env("NEO4J_URI", "bolt://127.0.0.1:7687"), env("NEO4J_USER", "neo4j"),
                              env("NEO4J_PASSWORD"), env("NEO4J_DATABASE", "neo4j"))  # fmt: skip
    ds = generate(args.actors, args.relations, seed=4)
    with store.connect(settings) as conn:
        try:
            store.load(conn, generate(1000, 10_000, seed=5), "bench-warmup")
            store.drop_dataset(conn, "bench-warmup")
            summary = store.load(conn, ds, "bench-batched")
            rate = len(ds.relations) / summary.seconds
            nodes = len(ds.actors) + len(ds.places) + len(ds.sources)
            print(f"batched load: {len(ds.relations):,} relations, {nodes:,} nodes in {summary.seconds:.2f} s "
                  f"= {rate:,.0f} relations/s (whole load, one transaction)")  # fmt: skip
            again = store.load(conn, ds, "bench-batched")
            print(f"reload, nothing changed: {again.seconds:.2f} s ({again})")
            seconds = floor(conn, ds, "bench-floor")
            print(f"floor: the same {len(ds.relations):,} relationships with no properties in {seconds:.2f} s "
                  f"= {len(ds.relations) / seconds:,.0f} relations/s")  # fmt: skip
            rows = naive_rows(ds, "bench-naive")
            seconds = naive(conn, "bench-naive", rows)
            naive_rate = len(rows) / seconds
            print(f"naive load: {len(rows):,} relations in {seconds:.2f} s = {naive_rate:,.0f} relations/s "
                  "(one MERGE per row, one transaction each)")  # fmt: skip
            print(f"ratio batched/naive: {rate / naive_rate:.0f}x  (targets: >= 20,000 rel/s and >= 50x)")
        finally:
            for name in ("bench-naive", "bench-floor"):
                conn.run("MATCH ()-[r]->() WHERE r.dataset = $d CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS",
                         {"d": name})  # fmt: skip
            store.drop_dataset(conn, "bench-batched")


if __name__ == "__main__":
    main()
