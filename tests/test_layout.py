"""Tests of graph/html/layout.py: where the page puts each node, on small graphs checked by hand."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Callable
from itertools import combinations
from typing import Any

import networkx as nx
import pytest

from graph.dataset import load_dataset
from graph.html import layout, pagedata
from graph.network import build_graph
from tests.browser import REPO_ROOT


def radii(G: nx.MultiDiGraph[str]) -> dict[str, float]:
    return {n: pagedata.node_size(G.degree(n)) for n in G}


def test_sponsors_stand_above_what_they_back(make_graph: Callable[..., Any]) -> None:
    # patron backs proxy and proxy2, proxy backs cell; they fight rivals backed by other
    G = make_graph(
        {"patron": "state", "other": "state", "proxy": "militia", "proxy2": "militia", "cell": "militia",
         "rival": "rebel-group", "rival2": "rebel-group"},
        [("patron", "backs", "proxy"), ("patron", "backs", "proxy2"), ("proxy", "backs", "cell"),
         ("other", "backs", "rival"), ("other", "backs", "rival2"), ("proxy", "fights", "rival"),
         ("proxy2", "fights", "rival2"), ("cell", "fights", "rival"), ("proxy2", "allied-with", "proxy")],
    )  # fmt: skip
    pos = layout.positions(G, radii(G))
    below = [(u, v) for u, v, t in G.edges(data="type") if t == "backs" and pos[u][1] < pos[v][1]]
    assert len(below) >= 4  # of 5: a force layout turned for it, not a strict hierarchy
    assert pos["patron"][1] < pos["cell"][1]


def test_same_graph_same_positions_in_any_process(make_dataset: Callable[..., Any]) -> None:
    folder = make_dataset(
        {f"a{i}": "militia" for i in range(12)} | {"s": "state"},
        [("s", "backs", f"a{i}") for i in range(8)] + [(f"a{i}", "fights", f"a{i + 1}") for i in range(11)],
    )
    code = (
        "import json, sys; from graph.dataset import load_dataset; from graph.network import build_graph;"
        "from graph.html import layout; G = build_graph(load_dataset(sys.argv[1]));"
        "print(json.dumps(layout.positions(G, {n: 20.0 for n in G})))"
    )
    runs = []
    for hash_seed in ("1", "2"):  # set and dict orders of strings change with the hash seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", code, str(folder)], check=True, capture_output=True,
                             text=True, env=env, cwd=REPO_ROOT).stdout  # fmt: skip
        runs.append(json.loads(out))
    assert runs[0] == runs[1]
    G = build_graph(load_dataset(folder))
    assert {n: list(p) for n, p in layout.positions(G, {n: 20.0 for n in G}).items()} == runs[0]


def test_satellites_ring_their_hub_and_no_two_nodes_touch(make_graph: Callable[..., Any]) -> None:
    # 30 governments back the hub and nothing else; the hub backs a client that fights a foe
    G = make_graph(
        {"hub": "government", "client": "militia", "foe": "rebel-group", "far": "state"}
        | {f"g{i}": "government" for i in range(30)},
        [(f"g{i}", "backs", "hub") for i in range(30)]
        + [("hub", "backs", "client"), ("client", "fights", "foe"), ("far", "backs", "foe"), ("far", "backs", "hub")],
    )
    r = radii(G)
    pos = layout.positions(G, r)
    rings = [math.dist(pos[f"g{i}"], pos["hub"]) for i in range(30)]
    assert min(rings) >= layout.RING - 1 and max(rings) <= layout.RING + 3 * layout.SPACING  # in at most 4 rings
    for a, b in combinations(G, 2):
        assert math.dist(pos[a], pos[b]) >= r[a] + r[b] + layout.GAP - 0.5, (a, b)


def test_groups_are_packed_apart(make_graph: Callable[..., Any]) -> None:
    G = make_graph(
        {"a": "state", "b": "militia", "c": "militia", "x": "state", "y": "militia", "lone": "state"},
        [("a", "backs", "b"), ("b", "fights", "c"), ("a", "backs", "c"), ("x", "backs", "y")],
    )
    pos = layout.positions(G, radii(G))

    def box(nodes: list[str]) -> tuple[float, float, float, float]:
        xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
        return min(xs), min(ys), max(xs), max(ys)

    boxes = [box(["a", "b", "c"]), box(["x", "y"]), box(["lone"])]
    for (l1, t1, r1, b1), (l2, t2, r2, b2) in combinations(boxes, 2):
        assert r1 < l2 or r2 < l1 or b1 < t2 or b2 < t1  # no two groups' boxes meet


def test_a_place_stands_by_the_places_within_it() -> None:
    """'northern Syria' has no relation: only the base and the strip within it tie it to the
    graph (the `in` field). It stands beside them, not adrift."""
    G = build_graph(load_dataset())
    assert G.degree("northern-syria") == 0
    pos = layout.positions(G, radii(G))
    inside = [n for n, parent in G.nodes(data="in") if parent == "northern-syria"]
    assert sorted(inside) == ["russian-air-base-northern-syria", "turkish-border-strip"]
    nearest = sorted(math.dist(pos["northern-syria"], pos[n]) for n in G if n != "northern-syria")
    assert min(math.dist(pos["northern-syria"], pos[n]) for n in inside) <= nearest[2]  # among its 3 nearest


def test_empty_and_single_node_graphs() -> None:
    assert layout.positions(nx.MultiDiGraph()) == {}
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    G.add_node("only", node_class="actor", kind="state")
    assert layout.positions(G) == {"only": (0.0, 0.0)}


@pytest.mark.parametrize("n", [1000])
def test_large_graphs_get_every_node_a_finite_place(n: int) -> None:
    from tests.synthetic import generate

    G = build_graph(generate(n_actors=n, n_relations=2 * n, seed=3))
    pos = layout.positions(G, radii(G))
    assert set(pos) == set(G) and all(math.isfinite(c) for p in pos.values() for c in p)
