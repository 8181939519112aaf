"""Blocs, signed triangles and frustration on small hand-checked graphs."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
import time
from collections import deque

import pytest
from click.testing import CliRunner

from graph.analytics.balance import Pair, _components, _improve, _neighbours, balance, blocs, signed_pairs
from graph.analytics.frustration import cost, solve
from graph.cli import cli
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
    G = graph_of(("a", "backs", "b", {"since": "2005", "until": "2010"}), ("a", "fights", "b", {"since": "2012"}))
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
def test_frustration_matches_brute_force_tried_or_by_the_integer_program(seed: int) -> None:
    specs = random_specs(seed)
    G = graph_of(*specs)
    expected = brute_force(specs)
    tried = blocs(G)  # 9 actors: every split tried
    assert (tried.frustration, tried.lower_bound, tried.exact, tried.method) == (expected, expected, True, "exact")
    assert sum(len(c.relations) for c in tried.contradictions) == expected
    program = blocs(G, exact_limit=2)
    assert (program.frustration, program.lower_bound, program.exact) == (expected, expected, True)
    assert program.method in ("exact", "exact (integer program)")  # "exact" when the heuristic met its bound
    assert sum(len(c.relations) for c in program.contradictions) == expected
    bounds = blocs(G, exact_limit=2, time_limit=0)  # no time for the program: the heuristic's bounds
    assert bounds.lower_bound <= expected <= bounds.frustration
    assert bounds.exact == (bounds.lower_bound == bounds.frustration)
    assert bounds.method == ("exact" if bounds.exact else "heuristic, no time for the integer program")


def planted(n: int, k: int, extra: int, seed: int) -> list[Spec]:
    """Actors a0..a(n-1), each in one of two camps at random; every pair of actors joined by at
    most one relation, friendly within a camp and hostile across, except one in each of ``k``
    pentagons: a0-a1-a2-a3-a4-a0, a5-...-a9-a5, ..., the closing relation of each pentagon has
    the wrong sign. A random spanning tree and ``extra`` random relations, all of the right sign,
    join everything into one component.

    **The frustration is exactly k.** At most k: the planted split contradicts the k wrong
    relations and no other. At least k: a cycle of relations that agree with some split crosses
    between camps an even number of times, so has an even number of hostile relations; each
    pentagon has one relation of the wrong sign, so an odd number, and every split contradicts
    at least one of its five relations; the k pentagons share no pair, so every split
    contradicts at least k relations.
    """
    rng = random.Random(seed)
    camp = [rng.randrange(2) for _ in range(n)]
    specs: list[Spec] = []
    used: set[tuple[int, int]] = set()

    def join(a: int, b: int, wrong: bool = False) -> None:
        used.add((min(a, b), max(a, b)))
        friendly = (camp[a] == camp[b]) != wrong
        specs.append((f"a{a}", rng.choice(("backs", "allied-with")) if friendly else "fights", f"a{b}"))

    for i in range(k):
        for j in range(5):
            join(5 * i + j, 5 * i + (j + 1) % 5, wrong=j == 4)
    order = list(range(n))
    rng.shuffle(order)
    for t in range(1, n):
        a, b = order[t], order[rng.randrange(t)]
        if (min(a, b), max(a, b)) not in used:
            join(a, b)
    while len(specs) < 5 * k + n - 1 + extra:
        a, b = rng.sample(range(n), 2)
        if (min(a, b), max(a, b)) not in used:
            join(a, b)
    return specs


@pytest.mark.parametrize(("n", "k", "extra", "seed"), [(24, 4, 30, 0), (40, 8, 40, 1), (184, 18, 200, 2),
                                                       (200, 30, 250, 3)])  # fmt: skip
def test_a_planted_optimum_above_18_actors_is_found_and_said_exact(n: int, k: int, extra: int, seed: int) -> None:
    G = graph_of(*planted(n, k, extra, seed))
    b = blocs(G)
    assert len(b.camps) == 2 and sum(map(len, b.camps)) == n  # one component
    assert (b.frustration, b.lower_bound, b.exact, b.method) == (k, k, True, "exact (integer program)")
    assert sum(len(c.relations) for c in b.contradictions) == k
    heuristic = blocs(G, time_limit=0)  # the heuristic's bound alone does not prove it
    assert heuristic.lower_bound < k <= heuristic.frustration and not heuristic.exact
    assert balance(G).blocs.frustration == k


def test_pairs_holding_both_signs_cost_their_rarer_sign_in_the_program() -> None:
    """The planted graph of 40 actors (frustration 8, see `planted`), plus a pair of the same camp
    that backs twice and fights once, and a pair across camps backed once and fought three
    times: 8 + 1 + 1. At most: the planted split contradicts the 8 wrong relations and the rarer
    sign of each new pair. At least: the pentagons need 8, and each new pair, which is in no
    pentagon, contradicts a split with one of its relations whichever camps it puts them in."""
    specs = planted(40, 8, 40, 1)
    G0 = graph_of(*specs)
    camps = blocs(G0).camps
    same, across = camps[0][:2], (camps[0][2], camps[1][0])
    specs += [(same[0], "backs", same[1]), (same[1], "backs", same[0]), (same[0], "fights", same[1]),
              (across[0], "backs", across[1])] + [(across[1], "fights", across[0])] * 3  # fmt: skip
    b = blocs(graph_of(*specs), exact_limit=2)
    assert (b.frustration, b.lower_bound, b.exact) == (10, 10, True)
    kinds = {(c.pair.a, c.pair.b): (c.kind, len(c.relations)) for c in b.contradictions}
    assert kinds[tuple(sorted(same))] == ("enemies within a camp", 1)
    assert kinds[tuple(sorted(across))] == ("friends across camps", 1)


def test_solve_brackets_the_optimum_whatever_time_it_is_given() -> None:
    """With no time at all the split returned is real (its cost is its contradictions) and its
    bounds hold: the planted frustration (30) lies between them."""
    G = graph_of(*planted(200, 30, 250, 3))
    nbrs = _neighbours(signed_pairs(G))
    (comp,) = _components(nbrs)
    index = {n: i for i, n in enumerate(comp)}
    edges = [(index[p.a], index[p.b], len(p.positive) - len(p.negative)) for p in signed_pairs(G).values()]
    start = [0] * len(comp)
    for deadline in (time.monotonic() - 1, time.monotonic() + 30):
        found = solve(len(comp), edges, start, deadline=deadline)
        assert found.lower <= 30 <= found.cost == cost(edges, found.side)
    assert found.exact and found.cost == 30


def test_the_report_says_exact_or_between_the_bounds() -> None:
    code, out, _ = _cli("blocs")
    assert code == 0 and "Frustration: 6 relation(s) (exact)" in out
    code, out, _ = _cli("balance", "--time-limit", "0")
    assert code == 0
    assert "Frustration: between 2 and 10 relation(s) (heuristic, no time for the integer program)" in out
    code, _, err = _cli("blocs", "--time-limit", "-1")
    assert code == 2 and "--time-limit" in err


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_json_on_stdout_is_clean_and_start_up_does_not_import_the_solver() -> None:
    """HiGHS prints a banner on stdout unless told not to first; ``--help`` must not load it."""
    command = [sys.executable, "-c", "from graph.cli import main; main()", "blocs", "--format", "json"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["frustration"]["method"] == "exact (integer program)"
    probe = ("import sys; from click.testing import CliRunner; from graph.cli import cli; "
             "CliRunner().invoke(cli, ['--help']); CliRunner().invoke(cli, ['blocs', '--as-of', '2024-12-02']); "
             "print('highspy' in sys.modules)")  # fmt: skip
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == "False\n"


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
