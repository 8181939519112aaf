"""The least-cost split of a weighted signed graph, with a proof: an integer program (HiGHS).

The graph has nodes ``0..n-1`` and edges ``(i, j, w)``: ``w > 0`` asks i and j to share a camp
(``w`` more friendly relations than hostile ones), ``w < 0`` to stand apart; a split costs ``|w|``
for each edge it goes against. `solve` finds the split of least cost and proves it least, or
stops at the time limit with the best split found and a lower bound:

1. Leaves (nodes with one neighbour left) are peeled off: they follow their neighbour at no cost.
2. The program is the standard one: ``x_v`` in {0, 1} the camp of v, ``f_e`` >= the violation of
   edge e (``|x_i - x_j|`` for friends, ``1 - |x_i - x_j|`` for enemies), minimise the sum of
   ``|w_e| f_e``. Its linear relaxation alone bounds nothing (every ``x_v = 1/2``), so it is
   tightened by *odd-cycle cuts*: a cycle with an odd number of hostile edges has an edge against
   every split (the sum of its ``f_e`` >= 1). The cuts that the relaxation's solution violates are
   found exactly, round after round: cycles of ``f_e = 0`` edges by 2-colouring, the others by
   shortest paths in the signed double cover, those zero parts contracted. The bound it ends
   with is often the optimum itself, and then no branching is needed.
3. Otherwise HiGHS's branch and bound (MIT licence, `highspy`) closes the gap, starting from the
   best split known, within the time left.

HiGHS is imported by `solve` only: start-up and the graphs that need no program do without it.
"""

from __future__ import annotations

import heapq
import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from highspy._core import _Highs

Edge = tuple[int, int, int]  # (i, j, w): w > 0 friends, w < 0 enemies, |w| the cost of going against it
EPS = 1e-6
ROUNDS = 100  # rounds of cuts at most before branching


@dataclass(frozen=True)
class Split:
    """A camp (0 or 1) per node, its cost, a lower bound on every split's cost, and whether HiGHS ran."""

    side: tuple[int, ...]
    cost: int
    lower: int
    solver: bool

    @property
    def exact(self) -> bool:
        return self.cost == self.lower


def cost(edges: Sequence[Edge], side: Sequence[int]) -> int:
    """What a split costs: the weight of the edges it goes against.

    >>> cost([(0, 1, 2), (1, 2, -1), (0, 2, -1)], [0, 0, 0])
    2
    """
    return sum(abs(w) for i, j, w in edges if (side[i] == side[j]) != (w > 0))


def solve(n: int, edges: Sequence[Edge], start: Sequence[int], *, deadline: float) -> Split:
    """The least-cost split, starting from the split ``start``; bounds if ``deadline`` comes first.

    ``deadline`` is a `time.monotonic` value. Edges have ``w != 0``, at most one between two nodes.

    >>> triangle = [(0, 1, 1), (1, 2, 1), (0, 2, -1)]  # two friends of 1 are enemies: one must give
    >>> s = solve(3, triangle, [0, 1, 0], deadline=time.monotonic() + 10)
    >>> s.cost, s.lower, s.exact
    (1, 1, True)

    Cost: O(n + E) to peel the leaves; then each round of cuts is one LP and O(E + C log C) per
    contracted component C of the separation; branch and bound is exponential at worst.
    """
    side = list(start)
    core, order = _peel(n, edges)
    if not core:
        _place_leaves(side, order, edges)
        return Split(tuple(side), cost(edges, side), 0, False)
    index = {v: k for k, v in enumerate(core)}
    sub = [(index[i], index[j], w) for i, j, w in edges if i in index and j in index]
    found, lower = _program(len(core), sub, [side[v] for v in core], deadline)
    for v, k in index.items():
        side[v] = found[k]
    _place_leaves(side, order, edges)
    total = cost(edges, side)
    return Split(tuple(side), total, min(lower, total), True)


def _peel(n: int, edges: Sequence[Edge]) -> tuple[list[int], list[tuple[int, int | None]]]:
    """The nodes left when leaves are removed until none is, and the removals: (node, its edge)."""
    incident: list[set[int]] = [set() for _ in range(n)]
    for e, (i, j, _) in enumerate(edges):
        incident[i].add(e)
        incident[j].add(e)
    gone = [False] * n
    order: list[tuple[int, int | None]] = []
    stack = [v for v in range(n) if len(incident[v]) <= 1]
    while stack:
        v = stack.pop()
        if gone[v] or len(incident[v]) > 1:
            continue
        gone[v] = True
        edge = next(iter(incident[v]), None)
        order.append((v, edge))
        if edge is not None:
            i, j, _ = edges[edge]
            other = j if i == v else i
            incident[other].discard(edge)
            if len(incident[other]) <= 1:
                stack.append(other)
    return [v for v in range(n) if not gone[v]], order


def _place_leaves(side: list[int], order: list[tuple[int, int | None]], edges: Sequence[Edge]) -> None:
    """Put each peeled leaf where its edge wants it, last peeled first (its neighbour is placed)."""
    for v, edge in reversed(order):
        if edge is not None:
            i, j, w = edges[edge]
            side[v] = side[j if i == v else i] ^ (w < 0)


def _program(n: int, edges: list[Edge], start: list[int], deadline: float) -> tuple[list[int], int]:
    """The best split of a graph without leaves and a lower bound: cuts, then branch and bound.

    Columns ``0..m-1`` are the edges' ``f``; the rounds of cuts need no others (the camps' rows
    bound nothing in the relaxation). Branching adds the camps ``x`` as columns ``m..m+n-1``.
    """
    m = len(edges)
    h = _highs()
    h.addVars(m, [0.0] * m, [1.0] * m)
    h.changeColsCost(m, list(range(m)), [float(abs(w)) for _, _, w in edges])
    upper = cost(edges, start)
    lower = _cut(h, n, edges, upper, deadline)
    if lower >= upper or time.monotonic() >= deadline:
        return start, lower
    return _branch(h, n, edges, start, lower, deadline)


def _highs() -> _Highs:
    # The core class, not highspy.Highs: that wrapper registers its callbacks on construction,
    # which prints HiGHS's banner on stdout before output_flag can be turned off (and would spoil
    # --format json). Every method used here is the core's.
    from highspy._core import _Highs

    h = _Highs()
    for name, value in (("output_flag", False), ("random_seed", 0), ("presolve", "off")):
        h.setOptionValue(name, value)
    return h


def _add_rows(h: _Highs, rows: list[tuple[float, list[tuple[int, float]]]]) -> None:
    """Add rows ``lower <= sum of coefficient * column`` (no upper bound)."""
    starts: list[int] = []
    index: list[int] = []
    value: list[float] = []
    for _, terms in rows:
        starts.append(len(index))
        index += [c for c, _ in terms]
        value += [v for _, v in terms]
    inf = [math.inf] * len(rows)
    h.addRows(len(rows), [lo for lo, _ in rows], inf, len(index), starts, index, value)


def _cut(h: _Highs, n: int, edges: list[Edge], upper: int, deadline: float) -> int:
    """Tighten the relaxation with odd-cycle cuts until none is violated, or the bound meets ``upper``."""
    from highspy._core import HighsModelStatus

    lower = 0
    for _ in range(ROUNDS):
        h.setOptionValue("time_limit", max(deadline - time.monotonic(), 0.001))
        h.run()
        if h.getModelStatus() != HighsModelStatus.kOptimal:
            break
        lower = max(lower, math.ceil(h.getInfo().objective_function_value - EPS))
        if lower >= upper or time.monotonic() >= deadline:
            break
        f = [max(value, 0.0) for value in h.getSolution().col_value[: len(edges)]]
        cycles = separate(n, edges, f, max(n, 50))
        if not cycles:
            break
        _add_rows(h, [(1.0, [(e, 1.0) for e in cycle]) for cycle in cycles])
    return lower


def _branch(h: _Highs, n: int, edges: list[Edge], start: list[int], lower: int,
            deadline: float) -> tuple[list[int], int]:  # fmt: skip
    """Branch and bound from the split ``start``: the best split found, and the bound proven.

    The camps join as binary columns ``x``, one kept in camp 0 (a split and its mirror are one),
    with the rows that make each ``f`` at least its edge's violation.
    """
    from highspy._core import HighsSolution, HighsVarType

    m, degree = len(edges), [0] * n
    for i, j, _ in edges:
        degree[i] += 1
        degree[j] += 1
    root = max(range(n), key=degree.__getitem__)
    best = start if start[root] == 0 else [1 - x for x in start]
    h.addVars(n, [0.0] * n, [0.0 if v == root else 1.0 for v in range(n)])
    rows: list[tuple[float, list[tuple[int, float]]]] = []
    for e, (i, j, w) in enumerate(edges):
        x, y = m + i, m + j
        if w > 0:  # friends: f >= x_i - x_j and f >= x_j - x_i
            rows += [(0.0, [(e, 1.0), (x, -1.0), (y, 1.0)]), (0.0, [(e, 1.0), (x, 1.0), (y, -1.0)])]
        else:  # enemies: f >= x_i + x_j - 1 and f >= 1 - x_i - x_j
            rows += [(-1.0, [(e, 1.0), (x, -1.0), (y, -1.0)]), (1.0, [(e, 1.0), (x, 1.0), (y, 1.0)])]
    _add_rows(h, rows)
    for v in range(n):
        h.changeColIntegrality(m + v, HighsVarType.kInteger)
    for name, value in (("presolve", "on"), ("mip_rel_gap", 0.0), ("mip_abs_gap", 1 - 1e-3),
                        ("time_limit", max(deadline - time.monotonic(), 0.001))):  # fmt: skip
        h.setOptionValue(name, value)
    given = HighsSolution()
    given.col_value = [float((best[i] == best[j]) != (w > 0)) for i, j, w in edges] + [float(x) for x in best]
    h.setSolution(given)
    h.run()
    values = h.getSolution().col_value
    found = [int(values[m + v] > 0.5) for v in range(n)] if len(values) == m + n else best
    if cost(edges, found) > cost(edges, best):
        found = best
    bound = h.getInfo().mip_dual_bound
    if math.isfinite(bound):
        lower = max(lower, math.ceil(bound - EPS))
    return found, min(lower, cost(edges, found))


def separate(n: int, edges: Sequence[Edge], f: Sequence[float], limit: int) -> list[list[int]]:
    """Up to ``limit`` unbalanced cycles (edge indices) whose ``f`` sums below 1; none if there is none.

    A closed walk with an odd number of hostile edges, its edges taken an odd number of times,
    is a set of cycles at least one of which is unbalanced: at least one of its edges goes
    against any split, so the cut holds for that set too.

    >>> [sorted(c) for c in separate(3, [(0, 1, 1), (1, 2, 1), (0, 2, -1)], [0.0, 0.0, 0.0], 5)]
    [[0, 1, 2]]
    >>> separate(3, [(0, 1, 1), (1, 2, 1), (0, 2, -1)], [0.5, 0.5, 0.5], 5)
    []
    """
    forest = _Forest(n, edges, f)
    if forest.conflicts:
        return [[*forest.path(u, v), e] for u, v, e in forest.conflicts[:limit]]
    arcs: dict[int, list[tuple[int, int, int, int, int]]] = {}
    for e, (i, j, w) in enumerate(edges):
        if f[e] > EPS:
            parity = (w < 0) ^ forest.colour[i] ^ forest.colour[j]
            arcs.setdefault(forest.tree[i], []).append((forest.tree[j], parity, e, i, j))
            arcs.setdefault(forest.tree[j], []).append((forest.tree[i], parity, e, j, i))
    found: dict[frozenset[int], list[int]] = {}
    for source in sorted(arcs):
        hops = _odd_walk(source, arcs, f)
        if hops is None:
            continue
        walk: list[int] = []
        for (e, _, entered), (_, leaving, _) in zip(hops, hops[1:] + hops[:1], strict=True):
            walk += [e, *forest.path(entered, leaving)]
        odd = sorted(e for e, times in Counter(walk).items() if times % 2)
        found.setdefault(frozenset(odd), odd)
        if len(found) >= limit:
            break
    return list(found.values())


def _odd_walk(source: int, arcs: dict[int, list[tuple[int, int, int, int, int]]],
              f: Sequence[float]) -> list[tuple[int, int, int]] | None:  # fmt: skip
    """The shortest closed walk of odd parity from ``source`` (below length 1), as hops
    (edge, node left, node entered); Dijkstra over (tree, parity) states."""
    dist = {(source, 0): 0.0}
    back: dict[tuple[int, int], tuple[tuple[int, int], tuple[int, int, int]]] = {}
    heap = [(0.0, source, 0)]
    done: set[tuple[int, int]] = set()
    while heap:
        d, tree, parity = heapq.heappop(heap)
        if (tree, parity) in done:
            continue
        done.add((tree, parity))
        if (tree, parity) == (source, 1):
            hops, state = [], (source, 1)
            while state != (source, 0):
                state, hop = back[state]
                hops.append(hop)
            return hops[::-1]
        for other, p, e, left, entered in arcs.get(tree, ()):
            nd, state = d + f[e], (other, parity ^ p)
            if nd < 1 - EPS and nd < dist.get(state, math.inf):
                dist[state], back[state] = nd, ((tree, parity), (e, left, entered))
                heapq.heappush(heap, (nd, other, parity ^ p))
    return None


class _Forest:
    """Breadth-first trees of the edges with ``f = 0``: each node's tree, camp within it (colour),
    parent edge and depth, and the edges that close an unbalanced cycle within a tree."""

    def __init__(self, n: int, edges: Sequence[Edge], f: Sequence[float]) -> None:
        adj: list[list[int]] = [[] for _ in range(n)]
        for e, (i, j, _) in enumerate(edges):
            if f[e] <= EPS:
                adj[i].append(e)
                adj[j].append(e)
        self.edges = edges
        self.tree, self.colour, self.depth = [-1] * n, [0] * n, [0] * n
        self.parent: list[tuple[int, int] | None] = [None] * n
        self.conflicts: list[tuple[int, int, int]] = []
        seen: set[int] = set()
        for root in range(n):
            if self.tree[root] >= 0:
                continue
            self.tree[root], queue = root, [root]
            for u in queue:
                for e in adj[u]:
                    i, j, w = edges[e]
                    v = j if i == u else i
                    if self.tree[v] < 0:
                        self.tree[v], self.colour[v], self.depth[v] = root, self.colour[u] ^ (w < 0), self.depth[u] + 1
                        self.parent[v] = (u, e)
                        queue.append(v)
                    elif e not in seen and self.parent[v] != (u, e) and self.parent[u] != (v, e):
                        seen.add(e)
                        if self.colour[v] != self.colour[u] ^ (w < 0):
                            self.conflicts.append((u, v, e))

    def path(self, a: int, b: int) -> list[int]:
        """The edges of the tree path from ``a`` to ``b`` (same tree)."""
        up, down = [], []
        while a != b:
            if self.depth[a] >= self.depth[b]:
                a, e = self.parent[a]  # type: ignore[misc]
                up.append(e)
            else:
                b, e = self.parent[b]  # type: ignore[misc]
                down.append(e)
        return up + down[::-1]
