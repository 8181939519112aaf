"""Benchmark the Neo4j loader: a synthetic 100k-relation dataset into the local server (relations/s),
and 2,000 of those relations loaded the naive way (one MERGE per row, one transaction each).

Run: eval "$(scripts/neo4j env)"; .venv/bin/python scripts/bench_neo4j.py [--relations 100000]
Both loads use their own dataset names and are removed at the end.
"""

from __future__ import annotations

import argparse
import os
import time

from graph import store
from graph.model import RELATION_TYPES
from graph.neo4j_rows import relation_rows
from graph.synthetic import generate

NAIVE = 2000


def naive(conn: store.Store, dataset_name: str, rows: list[tuple[str, dict[str, object]]]) -> float:
    """One MERGE per relation, each in its own transaction (endpoints already loaded)."""
    started = time.perf_counter()
    with conn.session() as session:
        for rtype, row in rows:
            assert rtype in {t.neo4j_type for t in RELATION_TYPES.values()}
            query = (f"MATCH (a:Actor {{id: $source}}) OPTIONAL MATCH (ba:Actor {{id: $target}}) "
                     f"OPTIONAL MATCH (bp:Place {{id: $target}}) WITH a, coalesce(ba, bp) AS b "
                     f"MERGE (a)-[r:{rtype} {{key: $key, dataset: $dataset}}]->(b) SET r += $props")  # fmt: skip
            session.execute_write(lambda tx, q=query, r=row: tx.run(q, {**r, "dataset": dataset_name}).consume())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=100_000)
    args = parser.parse_args()
    env = os.environ.get
    settings = store.Settings(env("NEO4J_URI", "bolt://127.0.0.1:7687"), env("NEO4J_USER", "neo4j"),
                              env("NEO4J_PASSWORD"), env("NEO4J_DATABASE", "neo4j"))  # fmt: skip
    ds = generate(n_actors=args.relations // 5, n_relations=args.relations, seed=7)
    with store.connect(settings) as conn:
        store.ensure_schema(conn)
        try:
            summary = store.load(conn, ds, "bench-batched")
            rate = len(ds.relations) / summary.seconds
            nodes = len(ds.actors) + len(ds.places) + len(ds.sources)
            print(f"batched load: {len(ds.relations):,} relations, {nodes:,} nodes in {summary.seconds:.2f} s "
                  f"= {rate:,.0f} relations/s (whole load, one transaction)")  # fmt: skip
            again = store.load(conn, ds, "bench-batched")
            print(f"reload, nothing changed: {again.seconds:.2f} s ({again})")
            rows = [(t, {"source": r["source"], "target": r["target"], "key": r["key"], "props": r["props"]})
                    for t, rs in relation_rows(ds, "bench-naive").items() for r in rs][:NAIVE]  # fmt: skip
            seconds = naive(conn, "bench-naive", rows)
            naive_rate = len(rows) / seconds
            print(f"naive load: {len(rows):,} relations in {seconds:.2f} s = {naive_rate:,.0f} relations/s "
                  "(one MERGE per row, one transaction each)")  # fmt: skip
            print(f"ratio batched/naive: {rate / naive_rate:.0f}x  (targets: >= 20,000 rel/s and >= 50x)")
        finally:
            conn.run("MATCH ()-[r]->() WHERE r.dataset = 'bench-naive' DELETE r")
            store.drop_dataset(conn, "bench-batched")


if __name__ == "__main__":
    main()
