"""Blocs and structural balance of the signed graph of actors.

Each relation counts with the sign its type has in the vocabulary (`RELATION_TYPES[...].sign`:
+1 cooperation, -1 hostility; neutral types are left out), or with the sign ``signs`` gives its
type (``{"splinter-of": +1}`` counts splits as friendly; ``0`` leaves a type out). Two actors
form a *pair* when some signed relation joins them, in either direction; a pair may hold friendly and hostile
relations at once (backing, then fighting: ask ``as_of`` a date to see one of them).

**Frustration** (the line index of balance) is the fewest relations whose removal leaves a
graph that splits into two camps with every friendly relation inside a camp and every hostile
one across (Heider's structural balance). It is computed per connected component, exactly:
small components (at most `EXACT_LIMIT` actors) by trying every split; larger ones start from a
heuristic split (signs followed along a breadth-first tree, then single moves of one actor to
the other camp while that removes contradictions; the best of `RESTARTS` starts from the most
connected actors) and a lower bound (pairs holding both signs each cost their rarer sign, and
each of a set of pair-disjoint unbalanced triangles costs at least one more relation). When the
two meet the split is optimal; otherwise an integer program (`graph.analytics.frustration`,
HiGHS) finds the best split and proves it, or, at the time limit, gives the best split found
and the bound it proved.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from graph.analytics.frustration import solve
from graph.analytics.options import EXACT_LIMIT, TIME_LIMIT
from graph.errors import UsageError
from graph.model import Relation
from graph.text import did_you_mean
from graph.vocabulary import RELATION_TYPES

RESTARTS = 8  # roots (the most connected actors) the heuristic starts from


@dataclass(frozen=True)
class Pair:
    """Two actors (``a`` < ``b``) and the signed relations between them, either way."""

    a: str
    b: str
    positive: tuple[Relation, ...]
    negative: tuple[Relation, ...]

    def cost(self, same_camp: bool) -> int:
        """Relations that contradict putting ``a`` and ``b`` in the same camp (or not)."""
        return len(self.negative) if same_camp else len(self.positive)


def type_signs(signs: Mapping[str, int] | None = None) -> dict[str, int]:
    """The sign of every relation type: the vocabulary's, with ``signs`` over it.

    >>> type_signs({"splinter-of": +1})["splinter-of"], type_signs()["splinter-of"]
    (1, -1)

    Raises
    ------
    UsageError
        When ``signs`` names a type not in the vocabulary or a sign other than -1, 0 or +1.
    """
    found = {name: t.sign for name, t in RELATION_TYPES.items()}
    for name, sign in (signs or {}).items():
        if name not in found:
            hint = did_you_mean(name, found) or f"types: {', '.join(found)}"
            raise UsageError(f"unknown relation type {name!r} - {hint}", argument="signs")
        if sign not in (-1, 0, 1):
            raise UsageError(f"the sign of {name} must be -1, 0 or +1, not {sign}", argument="signs")
        found[name] = sign
    return found


def signed_pairs(G: nx.MultiDiGraph[str], signs: Mapping[str, int] | None = None) -> dict[tuple[str, str], Pair]:
    """The pairs of actors joined by signed relations (signs as `type_signs` gives). Cost: O(E)."""
    found: dict[tuple[str, str], tuple[list[Relation], list[Relation]]] = {}
    nodes = G.nodes
    sign_of = type_signs(signs)
    for u, v, attrs in G.edges(data=True):
        rel: Relation = attrs["relation"]
        sign = sign_of[rel.type]
        if u == v or sign == 0 or nodes[u].get("node_class") != "actor" or nodes[v].get("node_class") != "actor":
            continue
        pos, neg = found.setdefault((min(u, v), max(u, v)), ([], []))
        (pos if sign > 0 else neg).append(rel)
    return {k: Pair(k[0], k[1], tuple(p), tuple(n)) for k, (p, n) in found.items()}


def _neighbours(pairs: dict[tuple[str, str], Pair]) -> dict[str, dict[str, Pair]]:
    nbrs: dict[str, dict[str, Pair]] = {}
    for (a, b), pair in pairs.items():
        nbrs.setdefault(a, {})[b] = pair
        nbrs.setdefault(b, {})[a] = pair
    return nbrs


def _components(nbrs: dict[str, dict[str, Pair]]) -> list[list[str]]:
    seen: set[str] = set()
    comps = []
    for start in sorted(nbrs):
        if start in seen:
            continue
        comp, queue = [start], deque([start])
        seen.add(start)
        while queue:
            for other in nbrs[queue.popleft()]:
                if other not in seen:
                    seen.add(other)
                    comp.append(other)
                    queue.append(other)
        comps.append(sorted(comp))
    return sorted(comps, key=lambda c: (-len(c), c[0]))


def _exact(comp: list[str], nbrs: dict[str, dict[str, Pair]]) -> dict[str, int]:
    """The best split of a small component: every split, one actor flipped at a time (Gray code)."""
    index = {n: i for i, n in enumerate(comp)}
    adj = [[(index[o], p) for o, p in nbrs[n].items()] for n in comp]
    side = [0] * len(comp)
    cost = sum(p.cost(True) for p in {id(p): p for n in comp for p in nbrs[n].values()}.values())
    best, best_side = cost, side[:]
    for step in range(1, 2 ** (len(comp) - 1)):
        k = (step & -step).bit_length()  # actor flipped at this step of the Gray code (actor 0 stays)
        for j, pair in adj[k]:
            before = side[k] == side[j]
            cost += pair.cost(not before) - pair.cost(before)
        side[k] ^= 1
        if cost < best:
            best, best_side = cost, side[:]
    return {n: best_side[i] for n, i in index.items()}


def _heuristic(comp: list[str], nbrs: dict[str, dict[str, Pair]], restarts: int = RESTARTS) -> dict[str, int]:
    """A good split of a large component: the best of `_improve` from a few roots."""
    roots = sorted(comp, key=lambda n: (-len(nbrs[n]), n))[:restarts]
    lean = {n: [(o, len(p.negative) - len(p.positive)) for o, p in nbrs[n].items()] for n in comp}
    splits = [_improve(root, comp, nbrs, lean) for root in roots]
    return min(splits, key=lambda side: _cost(comp, nbrs, side))


def _cost(comp: list[str], nbrs: dict[str, dict[str, Pair]], side: dict[str, int]) -> int:
    return sum(p.cost(side[n] == side[o]) for n in comp for o, p in nbrs[n].items() if n < o)


def _improve(
    root: str,
    comp: list[str],
    nbrs: dict[str, dict[str, Pair]],
    lean: dict[str, list[tuple[str, int]]],
    max_passes: int = 50,
) -> dict[str, int]:
    """Follow the signs along a BFS tree from ``root``, then move single actors while it helps.

    ``lean[n]`` lists each neighbour with (hostile - friendly) relations to it: moving ``n`` gains
    the sum of those with a neighbour in its camp, less those across. Each pass sweeps ``comp`` in
    order, skipping actors none of whose neighbours moved since their last look (their gain is
    unchanged, so not positive): the same moves as full sweeps, at the cost of the moves.
    """
    side = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for other, pair in nbrs[node].items():
            if other not in side:
                side[other] = side[node] ^ (len(pair.negative) > len(pair.positive))
                queue.append(other)
    stale = set(comp)
    for _ in range(max_passes):
        moved = False
        for node in comp:
            if node not in stale:
                continue
            stale.discard(node)
            camp = side[node]
            if sum(d if side[o] == camp else -d for o, d in lean[node]) > 0:
                side[node] ^= 1
                stale.update(o for o, _ in lean[node])
                moved = True
        if not moved:
            break
    return side


@dataclass(frozen=True)
class Contradiction:
    """Relations that go against the split: friends across camps, or enemies within one."""

    pair: Pair
    kind: str  # "friends across camps" | "enemies within a camp"
    relations: tuple[Relation, ...]


@dataclass(frozen=True)
class Blocs:
    """Camps (each sorted; ``leaders[i]`` is the member of camp i with the most signed pairs), the
    relations against them, and the frustration: ``frustration`` relations contradict the split,
    at least ``lower_bound`` must; ``exact`` when they meet. ``method`` says how it was found:
    ``"exact"`` (every split tried, or bounds that meet), ``"exact (integer program)"`` (HiGHS
    proved a component), or, short of a proof, ``"integer program stopped at the time limit"``
    or ``"heuristic, no time for the integer program"``."""

    camps: tuple[tuple[str, ...], ...]
    leaders: tuple[str, ...]
    contradictions: tuple[Contradiction, ...]
    frustration: int
    lower_bound: int
    exact: bool
    method: str = "exact"


def blocs(G: nx.MultiDiGraph[str], *, exact_limit: int = EXACT_LIMIT, time_limit: float = TIME_LIMIT,
          signs: Mapping[str, int] | None = None) -> Blocs:  # fmt: skip
    """Split the actors into camps that best separate friends from enemies (two per component).

    ``signs`` gives a relation type another sign than the vocabulary's (see `type_signs`).
    ``time_limit`` (seconds, over all components) bounds the integer program; ``0`` runs none.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> G = as_of(build_graph(load_dataset()), "2024-12-02")  # the day of the report
    >>> b = blocs(G)
    >>> b.camps[0][:3], b.frustration, b.method
    (('assad-government', 'badr', 'iran'), 0, 'exact')

    Cost: O(2^n x d) for a component of n <= ``exact_limit`` actors of mean degree d; above,
    O(restarts x passes x E) for the heuristic and O(E^1.5) for its lower bound, then, when they
    differ, the integer program (rounds of LP and cuts; branch and bound, exponential at worst).
    """
    pairs = signed_pairs(G, signs)
    nbrs = _neighbours(pairs)
    deadline = time.monotonic() + time_limit
    camps: list[tuple[str, ...]] = []
    side: dict[str, int] = {}
    lower, hows = 0, set()
    for comp in _components(nbrs):
        split, bound, how = _split(comp, nbrs, exact_limit, deadline)
        side.update(split)
        lower += bound
        hows.add(how)
        for s in (0, 1):
            camp = tuple(n for n in comp if split[n] == s)
            if camp:
                camps.append(camp)
    against = [_contradiction(p, side[p.a] == side[p.b]) for p in pairs.values()]
    found = tuple(sorted((c for c in against if c.relations), key=lambda c: (c.pair.a, c.pair.b)))
    total = sum(len(c.relations) for c in found)
    camps.sort(key=lambda c: (-len(c), c))
    leaders = tuple(min(c, key=lambda n: (-len(nbrs[n]), n)) for c in camps)
    return Blocs(tuple(camps), leaders, found, total, lower, total == lower, _method(hows, total == lower))


def _method(hows: set[str], exact: bool) -> str:
    if exact:
        return "exact (integer program)" if "program" in hows else "exact"
    return (
        "integer program stopped at the time limit"
        if "program" in hows
        else "heuristic, no time for the integer program"
    )


def _split(comp: list[str], nbrs: dict[str, dict[str, Pair]], exact_limit: int,
           deadline: float) -> tuple[dict[str, int], int, str]:  # fmt: skip
    """The best split of one component found by ``deadline``, a lower bound on its cost, and how:
    ``"tried"`` (every split), ``"bounds"`` (the heuristic met the bound) or ``"program"``."""
    if len(comp) <= exact_limit:
        split = _exact(comp, nbrs)
        return split, _cost(comp, nbrs, split), "tried"
    split = _heuristic(comp, nbrs)
    upper = _cost(comp, nbrs, split)
    inside = {n: nbrs[n] for n in comp}
    bound = lower_bound({(p.a, p.b): p for n in comp for p in nbrs[n].values()}, inside)
    if upper == bound or time.monotonic() >= deadline:
        return split, bound, "bounds"
    index = {n: i for i, n in enumerate(comp)}
    edges = [(index[p.a], index[p.b], len(p.positive) - len(p.negative))
             for n in comp for p in nbrs[n].values() if n == p.a and len(p.positive) != len(p.negative)]  # fmt: skip
    mixed = sum(min(len(p.positive), len(p.negative)) for n in comp for p in nbrs[n].values() if n == p.a)
    found = solve(len(comp), edges, [split[n] for n in comp], deadline=deadline)
    split = {n: found.side[i] for n, i in index.items()}
    return split, max(bound, mixed + found.lower), "program" if found.solver else "bounds"


def _contradiction(pair: Pair, same: bool) -> Contradiction:
    if same:
        return Contradiction(pair, "enemies within a camp", pair.negative)
    return Contradiction(pair, "friends across camps", pair.positive)


def lower_bound(pairs: dict[tuple[str, str], Pair], nbrs: dict[str, dict[str, Pair]]) -> int:
    """Relations any balancing must remove: mixed pairs' rarer sign, plus disjoint bad triangles."""
    bound = sum(min(len(p.positive), len(p.negative)) for p in pairs.values())
    used: set[tuple[str, str]] = set()
    for tri in triangles(nbrs):
        keys = [(p.a, p.b) for p in tri]
        signs = [1 if p.positive else -1 for p in tri]
        pure = all(bool(p.positive) != bool(p.negative) for p in tri)
        if pure and signs[0] * signs[1] * signs[2] < 0 and not used.intersection(keys):
            used.update(keys)
            bound += 1
    return bound


def triangles(nbrs: dict[str, dict[str, Pair]]) -> list[tuple[Pair, Pair, Pair]]:
    """Every triangle of pairs (ab, bc, ac) with a < b < c by rank. Cost: O(E^1.5)."""
    rank = {n: (len(o), n) for n, o in nbrs.items()}
    found = []
    for a in sorted(nbrs):
        higher = {o for o in nbrs[a] if rank[o] > rank[a]}
        for b, c in itertools.combinations(sorted(higher, key=rank.__getitem__), 2):
            if c in nbrs[b]:
                found.append((nbrs[a][b], nbrs[b][c], nbrs[a][c]))
    return found


TRIANGLE_KINDS: dict[str, str] = {
    "+++": "three friends (balanced)",
    "+--": "two friends with a common enemy (balanced: the enemy of my enemy is my friend)",
    "++-": "two friends of one actor are enemies (unbalanced: e.g. an actor backs two groups that fight each other)",
    "---": "three mutual enemies (unbalanced in Heider's sense: the enemy of my enemy is my enemy)",
}


@dataclass(frozen=True)
class Triangle:
    """Three actors, the kind of their triangle (``"++-"``), and per side the relations counted."""

    actors: tuple[str, str, str]
    kind: str
    sides: tuple[tuple[str, str, tuple[Relation, ...]], ...]

    @property
    def balanced(self) -> bool:
        return self.kind.count("-") % 2 == 0


@dataclass(frozen=True)
class Balance:
    """Signed triangles counted by kind, the unbalanced ones, and the frustration (in ``blocs``)."""

    counts: dict[str, int]
    unbalanced: tuple[Triangle, ...]
    blocs: Blocs


def balance(G: nx.MultiDiGraph[str], *, exact_limit: int = EXACT_LIMIT, time_limit: float = TIME_LIMIT,
            signs: Mapping[str, int] | None = None) -> Balance:  # fmt: skip
    """Structural balance (Heider): signed triangles by kind, the unbalanced ones, frustration.

    A pair holding both friendly and hostile relations counts in a triangle of each sign.
    ``signs`` gives a relation type another sign than the vocabulary's (see `type_signs`);
    ``exact_limit`` and ``time_limit`` are `blocs`'s.

    >>> from graph.dataset import load_dataset
    >>> from graph.network import as_of, build_graph
    >>> G = as_of(build_graph(load_dataset()), "2024-12-02")  # the day of the report
    >>> b = balance(G)
    >>> b.counts["++-"], b.counts["---"], b.blocs.frustration
    (0, 0, 0)

    Cost: O(E^1.5) for the triangles, plus `blocs`.
    """
    pairs = signed_pairs(G, signs)
    counts = dict.fromkeys(TRIANGLE_KINDS, 0)
    unbalanced = []
    for tri in triangles(_neighbours(pairs)):
        choices = [[(p, s) for s, rels in ((1, p.positive), (-1, p.negative)) if rels] for p in tri]
        for combo in itertools.product(*choices):
            kind = "".join(sorted("+" if s > 0 else "-" for _, s in combo))
            counts[kind] += 1
            if kind.count("-") % 2:
                unbalanced.append(_triangle(kind, combo))
    unbalanced.sort(key=lambda t: (t.kind, t.actors))
    return Balance(counts, tuple(unbalanced), blocs(G, exact_limit=exact_limit, time_limit=time_limit, signs=signs))


def _triangle(kind: str, combo: tuple[tuple[Pair, int], ...]) -> Triangle:
    actors = sorted({n for p, _ in combo for n in (p.a, p.b)})
    sides = tuple((p.a, p.b, p.positive if s > 0 else p.negative) for p, s in combo)
    return Triangle((actors[0], actors[1], actors[2]), kind, tuple(sorted(sides, key=lambda x: (x[0], x[1]))))
