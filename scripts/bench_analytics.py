#!/usr/bin/env python
"""Benchmark the analytics of issue 4 on synthetic proxy-war data: time and peak memory.

For each size: proxy-chains (depth 3, membership inheritance on), proxy-wars, blocs and rank;
then proxy-chain discovery against enumerating ``networkx.all_simple_paths`` with the same
cutoff (depth + 1 hops over backs and fights, from the same sponsors, inheritance off so that
both find the same pattern; the baseline does not even check dates), with the ratio. Each
measurement runs in a forked child: time is wall-clock, peak memory the child's peak RSS above
the RSS it started with (getrusage).

The data comes from `graph.synthetic.generate_proxy_wars`; the graph is built directly from the
generated Relation objects with `build_graph` (no YAML round trip), then `gc.freeze()` moves it
out of the garbage collector's way, as a long-running process would.

    .venv/bin/python scripts/bench_analytics.py --sizes 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import pickle
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.balance import blocs
from graph.network import build_graph
from graph.proxies import proxy_chains, proxy_wars
from graph.ranking import rank
from graph.synthetic import generate_proxy_wars


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def measure(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Run ``fn`` in a forked child: (seconds, peak MB above the start, fn's small summary)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        start_rss = rss_kb()
        t0 = time.perf_counter()
        summary = fn()
        seconds = time.perf_counter() - t0
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_rss) / 1024
        with os.fdopen(write, "wb") as f:
            pickle.dump((seconds, peak, summary), f)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        result: tuple[float, float, Any] = pickle.load(f)
    os.waitpid(pid, 0)
    return result


def pattern_paths(G: nx.MultiDiGraph[str], sponsors: list[str], depth: int) -> int:
    """The baseline: every simple path from each sponsor up to depth + 1 hops, kept if backs*-fights."""
    H: nx.DiGraph[str] = nx.DiGraph()
    for u, v, t in G.edges(data="type"):
        if u != v and t in ("backs", "fights"):
            H.add_edge(u, v, t=t)
            if t == "fights":
                H.add_edge(v, u, t=t)
    found = 0
    for s in sponsors:
        for p in nx.all_simple_paths(H, s, set(H) - {s}, cutoff=depth + 1):
            if len(p) >= 3 and H[p[-2]][p[-1]]["t"] == "fights":
                found += all(H[a][b]["t"] == "backs" for a, b in itertools.pairwise(p[:-1]))
    return found


def row(name: str, seconds: float, peak: float, summary: Any) -> None:
    print(f"  {name:<34} {seconds:9.2f} s {peak:9.1f} MB   {summary}", flush=True)


def bench(n: int, depth: int, baseline_max: int, seed: int) -> None:
    t0 = time.perf_counter()
    ds = generate_proxy_wars(n, seed=seed)
    G = build_graph(ds)
    gc.freeze()
    print(f"\n{n:,} relations, {len(ds.actors):,} actors: generated and built in {time.perf_counter() - t0:.1f} s"
          " (graph built directly from Relation objects, no YAML)", flush=True)  # fmt: skip
    row("proxy-chains depth 3", *measure(lambda: f"{len(proxy_chains(G, max_depth=depth)):,} chains"))
    row("proxy-wars", *measure(lambda: f"{len(proxy_wars(G)):,} sponsor pairs"))
    row("blocs", *measure(lambda: (lambda b: f"frustration {b.lower_bound:,}..{b.frustration:,}")(blocs(G))))
    row("rank (reach, brokerage, ...)", *measure(lambda: f"{len(rank(G)):,} actors ranked"))
    if n > baseline_max:
        print(f"  (all_simple_paths baseline skipped above {baseline_max:,} relations)")
        return
    sponsors = sorted({u for u, _, t in G.edges(data="type") if t == "backs"})
    label = f"all {len(sponsors):,} sponsors"
    mine = measure(lambda: f"{len(proxy_chains(G, max_depth=depth, inherit_membership=False)):,}")
    base = measure(lambda: f"{pattern_paths(G, sponsors, depth):,}")
    row(f"proxy_chains, {label}", mine[0], mine[1], f"{mine[2]} chains (held at once)")
    row(f"all_simple_paths cutoff {depth + 1}, {label}", base[0], base[1], f"{base[2]} backs*-fights paths (undated)")
    print(f"  ratio all_simple_paths / proxy_chains: {base[0] / mine[0]:.1f}x", flush=True)


def neo4j_note() -> None:
    root = Path(__file__).resolve().parent.parent
    if not (root / "cypher" / "proxy_chains.cypher").exists() or not (root / "graph" / "store.py").exists():
        print("\nNeo4j: cypher/proxy_chains.cypher or graph/store.py is not there; no Cypher comparison run.")
    else:
        print("\nNeo4j: cypher/proxy_chains.cypher exists; the Cypher comparison is not wired into this script yet.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="relation counts, comma-separated")
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--baseline-max", type=int, default=100000, help="no baseline above this many relations")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, networkx {nx.__version__}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    for n in (int(s) for s in args.sizes.split(",")):
        bench(n, args.depth, args.baseline_max, args.seed)
    neo4j_note()


if __name__ == "__main__":
    main()
