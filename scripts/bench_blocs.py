#!/usr/bin/env python
"""Benchmark exact frustration (issue 14): blocs with the integer program against the heuristic alone.

For each graph: the heuristic's bounds and time (``blocs(G, time_limit=0)``: every split tried
up to the exact limit, the heuristic split and its lower bound above), then the exact answer and
its time (``blocs(G)``, the program within the default time limit), and the ratio of the two
times, measured in the same run. The graphs:

- the bundled dataset, over all dates and as of 2016;
- planted graphs (`tests.test_balance.planted`): two camps and k pentagons with one wrong
  relation each, so the optimum is k by construction; 184 actors and k = 18 is the shape of the
  UCDP component of the issue;
- synthetic proxy wars (`tests.synthetic.generate_proxy_wars`) of about 200 actors.

HiGHS's import (paid once, by the first answer that needs the program) is measured apart, in a
fresh interpreter, and left out of the times. The target: an exact answer for 200 actors and a
few hundred relations in under 5 s.

    .venv/bin/python scripts/bench_blocs.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

# the repository root, for tests.synthetic and tests.test_balance, after the installed package
sys.path.append(str(Path(__file__).resolve().parent.parent))

from graph.analytics.balance import Blocs, blocs
from graph.dataset import load_dataset
from graph.network import as_of, build_graph
from tests.analytics_support import graph_of
from tests.synthetic import generate_proxy_wars
from tests.test_balance import planted

TARGET_SECONDS = 5.0


def cases() -> list[tuple[str, nx.MultiDiGraph[str], int | None]]:
    """(label, graph, the optimum when known by construction)."""
    bundled = build_graph(load_dataset())
    found: list[tuple[str, nx.MultiDiGraph[str], int | None]] = [
        ("bundled, all dates", bundled, None),
        ("bundled, as of 2016", as_of(bundled, "2016"), None),
    ]
    for n, k, extra, seed in ((184, 18, 200, 0), (200, 18, 150, 1), (200, 30, 250, 2), (200, 40, 300, 3)):
        found.append((f"planted {n} actors, k={k}", graph_of(*planted(n, k, extra, seed)), k))
    for relations, per_actor in ((400, 2), (600, 3), (800, 4)):
        G = build_graph(generate_proxy_wars(relations, seed=0, relations_per_actor=per_actor))
        found.append((f"proxy wars, {relations} relations", G, None))
    return found


def timed(fn: Callable[[], Blocs]) -> tuple[float, Blocs]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def import_seconds() -> float:
    """HiGHS's import in a fresh interpreter, less the interpreter's own start (best of 3)."""

    def run(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - t0

    return min(run("import highspy._core") for _ in range(3)) - min(run("pass") for _ in range(3))


def main() -> None:
    print(f"HiGHS import (once per process, left out below): {import_seconds():.2f} s")
    import highspy._core  # noqa: F401  (paid here, not by the first case)

    print(f"{'graph':<30} {'actors':>6} {'rels':>5}  {'heuristic':>10} {'s':>6}  {'exact':>6} {'s':>6}  "
          f"{'ratio':>6}  method")  # fmt: skip
    worst = 0.0
    for label, G, known in cases():
        actors = sum(1 for _, d in G.nodes(data=True) if d.get("node_class") == "actor")
        h_s, h = timed(lambda G=G: blocs(G, time_limit=0))
        e_s, e = timed(lambda G=G: blocs(G))
        bounds = f"{h.lower_bound}..{h.frustration}"
        value = str(e.frustration) if e.exact else f"{e.lower_bound}..{e.frustration}"
        check = "" if known is None else (" (= k)" if e.exact and e.frustration == known else f" (k={known}!)")
        print(f"{label:<30} {actors:>6} {G.number_of_edges():>5}  {bounds:>10} {h_s:>6.2f}  {value:>6} {e_s:>6.2f}  "
              f"{e_s / h_s:>5.1f}x  {e.method}{check}")  # fmt: skip
        if 150 <= actors <= 250:
            worst = max(worst, e_s)
    verdict = "met" if worst < TARGET_SECONDS else "MISSED"
    print(f"target: exact for ~200 actors and a few hundred relations under {TARGET_SECONDS:.0f} s: "
          f"slowest {worst:.2f} s, {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
