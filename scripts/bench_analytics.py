#!/usr/bin/env python
"""Benchmark the analytics of issue 4 on synthetic proxy-war data: time and peak memory.

For each size: proxy-chains at depth 3 with membership inheritance (counted while streaming, the
best 20 by a bounded heap, and, up to --materialise-max relations, every chain sorted),
proxy-wars (up to --baseline-max relations against the implementation before it streamed; at 1M
relations against issue 14's target, under 60 s and 1 GB), blocs and rank. Then, up to
--baseline-max relations, proxy-chain discovery against enumerating ``networkx.all_simple_paths``
with the same cutoff (depth + 1 hops over backs and fights, from every sponsor, inheritance off so
both look for the same pattern, on an undated copy of the graph so both count the same chains),
with the ratio. Each measurement runs in a forked
child: time is wall-clock, peak memory the child's peak RSS above the RSS it started with.

With NEO4J_URI and NEO4J_PASSWORD set (``eval "$(scripts/neo4j env)"``) and the server
answering, the --neo4j-sizes datasets are loaded under a dataset name of their own (actor ids
prefixed, so no other dataset shares their nodes) and cypher/proxy-chains.cypher (per sponsor)
and cypher/proxy-wars.cypher run against graph.analytics.proxies on the same data; the dataset is dropped
after. The Cypher files check no dates, and the Cypher backs walk passes through any actor, so
graph.analytics.proxies runs there on the undated graph with ``via_states=True``.

The data comes from `tests.synthetic.generate_proxy_wars`; the graph is built directly from the
generated Relation objects (no YAML), then `gc.freeze()` moves it out of the collector's way.

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

# the repository root, for tests.synthetic (the synthetic datasets), after the installed package
sys.path.append(str(Path(__file__).resolve().parent.parent))

from bench_common import DEPTH, undated  # beside this script

from graph.analytics.balance import blocs
from graph.analytics.proxies import count_proxy_chains, proxy_chains, proxy_wars
from graph.analytics.ranking import rank
from graph.model import Dataset
from graph.network import build_graph
from tests.synthetic import generate_proxy_wars
from tests.wars_reference import reference_proxy_wars  # proxy-wars before it streamed, the baseline

WARS_TARGET = (1_000_000, 60, 1024)  # issue 14: proxy-wars at 1M relations in under 60 s and under 1 GB


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def measure(fn: Callable[[], Any], summarise: Callable[[Any], Any] = lambda x: x) -> tuple[float, float, Any]:
    """Run ``fn`` in a forked child: (seconds, peak MB above the start, ``summarise(fn())``, untimed)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        start_rss = rss_kb()
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_rss) / 1024
        with os.fdopen(write, "wb") as f:
            pickle.dump((seconds, peak, summarise(result)), f)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        out: tuple[float, float, Any] = pickle.load(f)
    os.waitpid(pid, 0)
    return out


def row(name: str, seconds: float, peak: float, summary: Any) -> None:
    print(f"  {name:<50} {seconds:9.2f} s {peak:9.1f} MB   {summary}", flush=True)


def pattern_paths(G: nx.MultiDiGraph[str], sponsors: list[str], depth: int) -> int:
    """The baseline: every simple path from each sponsor up to depth + 1 hops, kept if backs*-fights."""
    H: nx.DiGraph[str] = nx.DiGraph()
    for u, v, t in G.edges(data="type"):
        if u != v and t in ("backs", "fights"):
            for a, b in [(u, v), (v, u)] if t == "fights" else [(u, v)]:
                H.add_edge(a, b)
                H[a][b].setdefault("t", set()).add(t)  # a pair may both back and fight
    found = 0
    for s in sponsors:
        for p in nx.all_simple_paths(H, s, set(H) - {s}, cutoff=depth + 1):
            if len(p) >= 3 and "fights" in H[p[-2]][p[-1]]["t"]:
                found += all("backs" in H[a][b]["t"] for a, b in itertools.pairwise(p[:-1]))
    return found


def chain_shape(found: list[Any]) -> str:
    member = sum(1 for c in found if len(c.fighting) > 1)
    return f"{len(found):,} chains; {member:,} ({member / max(1, len(found)):.0%}) through member-of hops"


def war_shape(wars: list[Any]) -> str:
    return f"{len(wars):,} sponsor pairs, {sum(len(w.fronts) for w in wars):,} fronts"


def bench(n: int, args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    ds = generate_proxy_wars(n, seed=args.seed)
    G = build_graph(ds)
    gc.freeze()
    print(f"\n{n:,} relations, {len(ds.actors):,} actors: generated and built in {time.perf_counter() - t0:.1f} s",
          flush=True)  # fmt: skip
    row(
        "proxy-chains depth 3: count (streamed)", *measure(lambda: f"{count_proxy_chains(G, max_depth=DEPTH):,} chains")
    )
    top = measure(lambda: proxy_chains(G, max_depth=DEPTH, top=20), lambda top: f"best: {' '.join(top[0].nodes)}")
    row("proxy-chains depth 3: --top 20 (bounded heap)", *top)
    if n <= args.materialise_max:
        row(
            "proxy-chains depth 3: every chain, sorted", *measure(lambda: proxy_chains(G, max_depth=DEPTH), chain_shape)
        )
    else:
        print(f"  (every chain sorted: skipped above {args.materialise_max:,} relations; see --materialise-max)")
    wars = measure(lambda: proxy_wars(G), war_shape)
    row("proxy-wars (streamed)", *wars)
    if n <= args.baseline_max:
        before = measure(lambda: reference_proxy_wars(G), war_shape)
        row("proxy-wars before streaming (tests/wars_reference)", *before)
        agree = "agree" if before[2] == wars[2] else "DIFFER"  # the counts; the tests compare all
        print(f"  ratio before / streamed: {before[0] / wars[0]:.1f}x time, "
              f"{before[1] / max(wars[1], 0.1):.1f}x memory; counts {agree}", flush=True)  # fmt: skip
    if n >= WARS_TARGET[0]:
        seconds, mb = WARS_TARGET[1:]
        print(f"  issue 14 target, proxy-wars at {n:,} relations: {wars[0]:.1f} s (< {seconds} s: "
              f"{'met' if wars[0] < seconds else 'NOT met'}), {wars[1]:,.0f} MB (< {mb:,} MB: "
              f"{'met' if wars[1] < mb else 'NOT met'})", flush=True)  # fmt: skip
    row("blocs", *measure(lambda: (lambda b: f"frustration {b.lower_bound:,}..{b.frustration:,}")(blocs(G))))
    row("rank (reach, brokerage, ...)", *measure(lambda: f"{len(rank(G)):,} actors ranked"))
    if n <= args.baseline_max:
        baseline(G, undated(ds))


def baseline(G: nx.MultiDiGraph[str], ds: Dataset) -> None:
    U = build_graph(ds)
    sponsors = sorted({u for u, _, t in G.edges(data="type") if t == "backs"})
    options: dict[str, Any] = {"max_depth": DEPTH, "inherit_membership": False, "via_states": True}
    label = f"{len(sponsors):,} sponsors, undated"
    mine = measure(lambda: count_proxy_chains(U, **options))
    listed = measure(lambda: len(proxy_chains(U, **options)))
    base = measure(lambda: pattern_paths(U, sponsors, DEPTH))
    row(f"proxy_chains count, {label}", mine[0], mine[1], f"{mine[2]:,} chains")
    row(f"proxy_chains sorted list, {label}", listed[0], listed[1], f"{listed[2]:,} chains")
    row(f"all_simple_paths cutoff {DEPTH + 1}, {label}", base[0], base[1], f"{base[2]:,} backs*-fights paths")
    agree = "agree" if mine[2] == base[2] else "DIFFER"
    print(f"  ratio all_simple_paths / proxy_chains: {base[0] / mine[0]:.1f}x streamed count, "
          f"{base[0] / listed[0]:.1f}x sorted list; counts {agree}", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="relation counts, comma-separated")
    parser.add_argument("--baseline-max", type=int, default=100000, help="no baseline above this many relations")
    parser.add_argument("--materialise-max", type=int, default=1000000, help="no full sorted list above this")
    parser.add_argument("--neo4j-sizes", default="10000,100000", help="relation counts compared with Cypher")
    parser.add_argument("--neo4j-sponsors", type=int, default=10, help="sponsors asked in Cypher (most clients)")
    parser.add_argument("--neo4j-wars-max", type=int, default=10000, help="no Cypher proxy-wars above this")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, networkx {nx.__version__}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print("Synthetic shape: a fight between two coalitions makes every member of one an enemy of every member of the\n"
          "other (membership inheritance, as the CLI does by default), so chains multiply member x member there;\n"
          "the 'every chain' row says how many chains come through member-of hops.")  # fmt: skip
    for n in (int(s) for s in args.sizes.split(",") if s):
        bench(n, args)
    neo4j_comparison([int(s) for s in args.neo4j_sizes.split(",") if s], args)


def neo4j_comparison(sizes: list[int], args: argparse.Namespace) -> None:
    from bench_analytics_neo4j import compare  # beside this script; it loads graph.neo4j.store (the driver)

    for n in sizes:
        if not compare(n, args.seed, args.neo4j_sponsors, wars=n <= args.neo4j_wars_max):
            break


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
