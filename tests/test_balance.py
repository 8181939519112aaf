"""Blocs, signed triangles and frustration on small hand-checked graphs."""

from __future__ import annotations

import itertools
import random
from collections import deque

import pytest

from graph.analytics.balance import Pair, _components, _improve, _neighbours, balance, blocs, signed_pairs
from graph.network import as_of, build_graph
from tests.analytics_support import Spec, graph_of, keys
from tests.synthetic import generate_proxy_wars


def test_balanced_triangle_two_camps_no_frustration() -> None:
    G = graph_of(("a", "backs", "b"), ("a", "fights", "c"), ("c", "fights", "b"))
    b = blocs(G)
    assert b.camps == (("a", "b"), ("c",))
    assert (b.frustration, b.lower_bound, b.exact, b.contradictions) == (0, 0, True, ())
    assert balance(G).counts == {"+++": 0, "+--": 1, "++-": 0, "---": 0}


def test_an_actor_backing_two_groups_that_fight_is_unbalanced() -> None:
    G = graph_of(("s", "backs", "a"), ("s", "backs", "b"), ("a", "fights", "b"))
    bal = balance(G)
    assert bal.counts["++-"] == 1
    (tri,) = bal.unbalanced
    assert (tri.actors, tri.kind, tri.balanced) == (("a", "b", "s"), "++-", False)
    assert [(a, b, keys(rels)) for a, b, rels in tri.sides] == [
        ("a", "b", ["r2"]),
        ("a", "s", ["r0"]),
        ("b", "s", ["r1"]),
    ]
    assert (bal.blocs.frustration, bal.blocs.lower_bound) == (1, 1)
    assert len(bal.blocs.contradictions) == 1


def test_three_mutual_enemies() -> None:
    G = graph_of(("a", "fights", "b"), ("b", "fights", "c"), ("c", "fights", "a"))
    bal = balance(G)
    assert bal.counts["---"] == 1 and bal.blocs.frustration == 1
    (c,) = bal.blocs.contradictions
    assert c.kind == "enemies within a camp"


def test_parallel_relations_of_both_signs_count_each_relation() -> None:
    G = graph_of(("a", "backs", "b", {"until": "2010"}), ("a", "backs", "b", {"since": "2011", "until": "2012"}),
                 ("a", "fights", "b", {"since": "2014"}))  # fmt: skip
    (pair,) = signed_pairs(G).values()
    assert (keys(pair.positive), keys(pair.negative)) == (["r0", "r1"], ["r2"])
    b = blocs(G)
    assert b.camps == (("a", "b"),) and b.frustration == 1
    assert [(c.kind, keys(c.relations)) for c in b.contradictions] == [("enemies within a camp", ["r2"])]


def test_relations_that_end_before_another_begins_separate_by_date() -> None:
    G = graph_of(("a", "backs", "b", {"until": "2010"}), ("a", "fights", "b", {"since": "2012"}))
    assert blocs(as_of(G, "2009")).camps == (("a", "b"),)
    assert blocs(as_of(G, "2013")).camps == (("a",), ("b",))
    assert blocs(as_of(G, "2013")).frustration == 0 and blocs(G).frustration == 1


def test_cycle_of_backing_is_one_camp() -> None:
    b = blocs(graph_of(("a", "backs", "b"), ("b", "backs", "a"), ("c", "fights", "a")))
    assert b.camps == (("a", "b"), ("c",)) and b.frustration == 0


def test_ties_are_broken_by_name_and_components_split_apart() -> None:
    b = blocs(graph_of(("x", "fights", "y"), ("a", "fights", "b")))
    assert b.camps == (("a",), ("b",), ("x",), ("y",))
    assert b.leaders == ("a", "b", "x", "y")


def test_neutral_relations_are_left_out() -> None:
    assert signed_pairs(graph_of(("a", "successor-of", "b"))) == {}


def brute_force(specs: list[Spec]) -> int:
    """The frustration, by trying every split of every actor."""
    actors = sorted({n for s in specs for n in (s[0], s[2])})
    best = len(specs)
    for sides in itertools.product((0, 1), repeat=len(actors)):
        side = dict(zip(actors, sides, strict=True))
        cost = sum((side[s[0]] == side[s[2]]) == (s[1] == "fights") for s in specs)
        best = min(best, cost)
    return best


def random_specs(seed: int, n: int = 9, m: int = 22) -> list[Spec]:
    rng = random.Random(seed)
    actors = [f"n{i}" for i in range(n)]
    specs: list[Spec] = [(actors[i], "backs", actors[i + 1]) for i in range(n - 1)]  # connected
    while len(specs) < m:
        a, b = rng.sample(actors, 2)
        specs.append((a, rng.choice(("backs", "fights", "allied-with")), b))
    return specs


@pytest.mark.parametrize("seed", range(6))
def test_exact_frustration_matches_brute_force_and_heuristic_bounds_it(seed: int) -> None:
    specs = random_specs(seed)
    G = graph_of(*specs)
    expected = brute_force(specs)
    exact = blocs(G)
    assert exact.exact and exact.frustration == exact.lower_bound == expected
    assert sum(len(c.relations) for c in exact.contradictions) == expected
    heuristic = blocs(G, exact_limit=2)
    assert not heuristic.exact
    assert heuristic.lower_bound <= expected <= heuristic.frustration


def _full_sweeps(root: str, comp: list[str], nbrs: dict[str, dict[str, Pair]]) -> dict[str, int]:
    """The plain local search `_improve` must match: BFS signs, then full sweeps while one helps."""
    side, queue = {root: 0}, deque([root])
    while queue:
        u = queue.popleft()
        for v, pair in nbrs[u].items():
            if v not in side:
                side[v] = side[u] ^ (len(pair.negative) > len(pair.positive))
                queue.append(v)
    moved = True
    while moved:
        moved = False
        for n in comp:
            if sum(p.cost(side[n] == side[o]) - p.cost(side[n] != side[o]) for o, p in nbrs[n].items()) > 0:
                side[n], moved = side[n] ^ 1, True
    return side


def test_improve_makes_the_moves_of_full_sweeps() -> None:
    nbrs = _neighbours(signed_pairs(build_graph(generate_proxy_wars(4000, seed=3))))
    comp = max(_components(nbrs), key=len)
    lean = {n: [(o, len(p.negative) - len(p.positive)) for o, p in nbrs[n].items()] for n in comp}
    for root in sorted(comp, key=lambda n: -len(nbrs[n]))[:3]:
        assert _improve(root, comp, nbrs, lean) == _full_sweeps(root, comp, nbrs)
