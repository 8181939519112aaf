"""The Neo4j half of scripts/bench_analytics.py: Cypher against graph.analytics.proxies on the same data.

One synthetic proxy-war dataset, undated and with its actor ids prefixed (no other dataset
shares its nodes), is loaded under a dataset name of its own; cypher/proxy-chains.cypher runs
for the sponsors with the most clients (one query each, as `proxygraph cypher run` would) and
`graph.analytics.proxies.proxy_chains` for the same sponsors (one call each, as the CLI would, index build
included); their (sponsor, proxy, target) triples are compared (the Cypher query returns one
walk per triple). cypher/proxy-wars.cypher runs against `proxy_wars` likewise. The Cypher files
check no dates and walk backs through any actor: the data is undated, and graph.analytics.proxies runs
with ``via_states=True``. The dataset is dropped at the end.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.synthetic: the synthetic datasets

from bench_common import DEPTH, undated

from graph.analytics.proxies import proxy_chains, proxy_wars
from graph.errors import StoreError
from graph.neo4j import queries as cypher_library
from graph.neo4j import store
from graph.network import build_graph
from tests.synthetic import generate_proxy_wars


def settings() -> store.Settings | None:
    env = os.environ.get
    if not env("NEO4J_URI") or not env("NEO4J_PASSWORD"):
        return None
    return store.Settings(env("NEO4J_URI", ""), env("NEO4J_USER", "neo4j"), env("NEO4J_PASSWORD"),
                          env("NEO4J_DATABASE", "neo4j"))  # fmt: skip


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def compare(n: int, seed: int, n_sponsors: int, *, wars: bool) -> bool:
    """Print the comparison at ``n`` relations; False when there is no server to compare with."""
    conf = settings()
    if conf is None:
        print('\nNeo4j: NEO4J_URI / NEO4J_PASSWORD not set (eval "$(scripts/neo4j env)"): no Cypher comparison.')
        return False
    ds = undated(generate_proxy_wars(n, seed=seed), prefix=f"pw{n}-")
    name = f"bench-analytics-{n}"
    G = build_graph(ds)
    try:
        with store.connect(conf) as conn:
            try:
                seconds, _ = timed(lambda: store.load(conn, ds, name))
                print(f"\nNeo4j, {n:,} relations (undated, ids prefixed pw{n}-), loaded as {name!r} in {seconds:.1f} s")
                chains(conn, G, n_sponsors)
                if wars:
                    wars_rows(conn, G, f"pw{n}-")
            finally:
                store.drop_dataset(conn, name)
    except StoreError as e:
        print(f"\nNeo4j: {e}: no Cypher comparison.")
        return False
    return True


def chains(conn: store.Store, G: Any, n_sponsors: int) -> None:
    clients = Counter(u for u, _, t in G.edges(data="type") if t == "backs")
    sponsors = [s for s, _ in clients.most_common(n_sponsors)]
    query = cypher_library.get("proxy-chains").text
    conn.read(query, {"sponsor": sponsors[-1]})  # warm the plan cache, not counted
    cy_s, cy = timed(lambda: [r for s in sponsors for r in conn.read(query, {"sponsor": s})])
    py_s, py = timed(
        lambda: [c for s in sponsors for c in proxy_chains(G, sponsor=s, max_depth=DEPTH, via_states=True)]
    )
    cy_set = {(r["sponsor"], r["proxy"], r["target"]) for r in cy}
    py_set = {(c.sponsor, c.proxy, c.target) for c in py}
    agree = (
        "agree"
        if cy_set == py_set
        else f"DIFFER ({len(cy_set - py_set)} only Cypher, {len(py_set - cy_set)} only ours)"
    )
    label = f"{len(sponsors)} sponsors with most clients ({sum(clients[s] for s in sponsors):,} backs)"
    print(f"  proxy-chains, {label}:\n"
          f"    Cypher   {cy_s:8.2f} s  {len(cy_set):,} (sponsor, proxy, target) triples\n"
          f"    networkx {py_s:8.2f} s  {len(py):,} chains = {len(py_set):,} triples\n"
          f"    ratio Cypher / networkx {cy_s / py_s:.1f}x; triples {agree}", flush=True)  # fmt: skip


def wars_rows(conn: store.Store, G: Any, prefix: str) -> None:
    """The Cypher file reads every dataset in the database: its rows for this one are those of its ids."""
    query = cypher_library.get("proxy-wars").text
    cy_s, cy = timed(lambda: conn.read(query))
    py_s, py = timed(lambda: proxy_wars(G, via_states=True))
    cy_map = {(r["sponsor_a"], r["sponsor_b"]): r["fronts"] for r in cy if r["sponsor_a"].startswith(prefix)}
    py_map = {w.sponsors: len(w.sides) for w in py}
    differ = {k for k in cy_map.keys() | py_map.keys() if cy_map.get(k) != py_map.get(k)}
    agree = "agree" if not differ else f"DIFFER on {len(differ)} pairs ({why(cy, py, differ)})"
    print(f"  proxy-wars, whole graph:\n"
          f"    Cypher   {cy_s:8.2f} s  {len(cy_map):,} sponsor pairs, {sum(cy_map.values()):,} fronts\n"
          f"    networkx {py_s:8.2f} s  {len(py_map):,} sponsor pairs, {sum(py_map.values()):,} fronts\n"
          f"    ratio Cypher / networkx {cy_s / py_s:.1f}x; pairs and fronts {agree}", flush=True)  # fmt: skip


def why(cy: list[Any], py: list[Any], differ: set[tuple[str, str]]) -> str:
    """How the fronts of the differing pairs differ, with an example front found by one side only."""
    theirs = {((r["sponsor_a"], r["sponsor_b"]), side) for r in cy for side in r["sides"]}
    ours = {(w.sponsors, f"{a} vs {b}") for w in py for a, b in w.sides}
    only_cy = sorted(f for f in theirs - ours if f[0] in differ)
    only_py = sorted(f for f in ours - theirs if f[0] in differ)
    example = only_cy[0] if only_cy else only_py[0] if only_py else None
    return (f"fronts only in Cypher {len(only_cy):,}, only ours {len(only_py):,}; e.g. {example}; the Cypher"
            " walk may pass a coalition twice, e.g. up to it, across to the umbrella it fights and belongs to,"
            " and back down through it; graph.analytics.proxies keeps walks simple,"
            " as proxy-chains.cypher does")  # fmt: skip
