"""Where each node stands on the page: a layout computed once, at render time, and stored in it.

The page opens with these positions and physics off, so the same data always gives the same
picture and a large graph is interactive at once (the browser has nothing to settle).

The layout reads the structure:

* one force layout per connected group, in which control, bases and presence pull hard (a
  place stands beside the actors that hold it), and so does a place's ``in`` field (a region
  beside the base within it); hostile relations pull weakly, so enemies stand apart;
* each group is turned so that ``backs`` point down as much as they can: sponsors above what
  they back (a node's satellites, below, share one vote);
* actors tied to one other node only (the three dozen governments that back Iraq and nothing
  else) are *satellites*: pulled close, then tidied into rings around that node on the side
  the force layout put them, instead of filling the canvas;
* a big group gets room for each node, groups are packed in rows (biggest first), and nodes
  closer than their radii are pushed apart.

Layout library: python-igraph (Fruchterman-Reingold with a compiled core, a grid variant from
300 nodes, igraph's random start drawn from a seeded generator, so the result is deterministic;
networkx's layouts need numpy and scipy and run in Python).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, k in (("patron", "state"), ("proxy", "militia"), ("foe", "militia"), ("town", "city")):
...     G.add_node(n, node_class="place" if k == "city" else "actor", kind=k)
>>> for u, t, v in (("patron", "backs", "proxy"), ("proxy", "fights", "foe"), ("foe", "controls", "town")):
...     _ = G.add_edge(u, v, type=t)
>>> pos = positions(G)
>>> pos["patron"][1] < pos["proxy"][1]  # the sponsor above (y grows downwards on a canvas)
True
>>> positions(G) == pos
True
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import igraph as ig
import networkx as nx

SEED = 7
# How hard each relation type pulls its ends together (the weights of the force layout; 1 else).
PULL = {"fights": 0.2, "controls": 3.0, "hosts-bases-in": 3.0, "present-in": 3.0, "member-of": 1.5}
WITHIN_PULL = 3.0  # a place and the place it lies in
LEAF_PULL = 6.0  # a node tied to one other only, and that other
EDGE = 220.0  # canvas units of a core edge of median length
SPACING = 52.0  # canvas units between two satellites of an arc
RING = 110.0  # canvas units from a node to its first arc of satellites
TURNS = 24  # orientations tried for each core group
GAP = 14.0  # canvas units left free between two nodes' edges
ROOM = 75.0  # canvas units: a big group has at least ROOM x ROOM of its box for each node
SWEEPS = 12  # at most, to push overlapping nodes apart ...
SWEEP_BUDGET = 12_000  # ... and at most this many nodes x sweeps
GRID_FROM = 300  # nodes: above, the force layout counts repulsion by grid cells (near-linear, coarser)
Position = tuple[float, float]
Pair = tuple[int, int]


@dataclass
class _Graph:
    """The layout's view of the graph: nodes 0..n-1, undirected weighted pairs, backs pairs."""

    n: int
    pulls: dict[Pair, float]
    backs: list[Pair]

    def neighbours(self) -> list[set[int]]:
        found: list[set[int]] = [set() for _ in range(self.n)]
        for a, b in self.pulls:
            found[a].add(b)
            found[b].add(a)
        return found


def positions(G: nx.MultiDiGraph[str], radii: dict[str, float] | None = None, *,
              seed: int = SEED) -> dict[str, Position]:  # fmt: skip
    """Canvas positions (x right, y down) of every node of ``G``; the same graph always gives
    the same positions.

    Cost: O(iterations x (n + m)) (Fruchterman-Reingold, grid variant from 1,000 nodes; exact
    O(n^2) per iteration below), plus O(n + m) around it.
    """
    ids = list(G)
    if not ids:
        return {}
    graph = _view(G, {node: i for i, node in enumerate(ids)})
    near = graph.neighbours()
    anchor = {i: next(iter(nb)) for i, nb in enumerate(near) if len(nb) == 1 and len(near[next(iter(nb))]) > 1}
    for leaf, hub in anchor.items():
        key = (leaf, hub) if leaf < hub else (hub, leaf)
        graph.pulls[key] = LEAF_PULL
    groups = _components(list(range(graph.n)), graph)
    member = {node: k for k, group in enumerate(groups) for node in group}
    pairs: list[list[tuple[Pair, float]]] = [[] for _ in groups]
    for pair, w in graph.pulls.items():
        pairs[member[pair[0]]].append((pair, w))
    # Each backs relation votes on which way is up; a node's satellites share one vote (thirty
    # governments backing Iraq count as one sponsor above it, not thirty).
    count = Counter(anchor.values())
    backs: list[list[tuple[int, int, float]]] = [[] for _ in groups]
    for a, b in graph.backs:
        voter = anchor[a] if a in anchor else anchor.get(b)
        backs[member[a]].append((a, b, 1.0 / count[voter] if voter is not None else 1.0))
    satellites: list[dict[int, int]] = [{} for _ in groups]
    for leaf, hub in anchor.items():
        satellites[member[hub]][leaf] = hub
    rng = random.Random(seed)
    placed = []
    for k, group in enumerate(groups):
        local = _lay_out(group, pairs[k], backs[k], rng)
        _place_satellites(local, satellites[k])
        placed.append(local)
    where = _pack(placed)
    _separate(where, [radii.get(node, 0.0) if radii else 0.0 for node in ids])
    return {ids[i]: (round(x), round(y)) for i, (x, y) in sorted(where.items())}  # whole units, as vis reports them


def _view(G: nx.MultiDiGraph[str], index: dict[str, int]) -> _Graph:
    pulls: dict[Pair, float] = {}

    def add(u: str, v: str, w: float) -> None:
        a, b = index[u], index[v]
        if a != b:
            key = (a, b) if a < b else (b, a)
            pulls[key] = pulls.get(key, 0.0) + w

    backs = []
    for u, v, attrs in G.edges(data=True):
        add(u, v, PULL.get(attrs["type"], 1.0))
        if attrs["type"] == "backs" and u != v:
            backs.append((index[u], index[v]))
    for node, attrs in G.nodes(data=True):
        parent = attrs.get("in")
        if parent is not None and parent in index:
            add(node, parent, WITHIN_PULL)
    return _Graph(len(index), pulls, backs)


def _components(nodes: list[int], graph: _Graph) -> list[list[int]]:
    """Connected groups of ``nodes`` (pairs outside ``nodes`` ignored), biggest first."""
    local = {node: i for i, node in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(local[a], local[b]) for a, b in graph.pulls if a in local and b in local])
    groups = [[nodes[i] for i in c] for c in g.connected_components()]
    groups.sort(key=lambda c: (-len(c), c[0]))
    return groups


def _lay_out(group: list[int], pairs: list[tuple[Pair, float]], backs: list[tuple[int, int, float]],
             rng: random.Random) -> dict[int, Position]:  # fmt: skip
    """Force layout of one connected core group, turned so backs point down; canvas units."""
    if len(group) == 1:
        return {group[0]: (0.0, 0.0)}
    local = {node: i for i, node in enumerate(group)}
    g = ig.Graph(n=len(group), edges=[(local[a], local[b]) for (a, b), _ in pairs])
    saved = random.getstate()
    ig.set_random_number_generator(random.Random(rng.random()))  # igraph's random start, seeded
    try:
        grid = "grid" if len(group) > GRID_FROM else "nogrid"
        found = g.layout_fruchterman_reingold(weights=[w for _, w in pairs], niter=500, grid=grid)
    finally:
        ig.set_random_number_generator(random)
        random.setstate(saved)
    points = _turn([(p[0], p[1]) for p in found], [(local[a], local[b], w) for a, b, w in backs])
    unit = _unit(points, [(local[a], local[b]) for (a, b), _ in pairs])
    return {node: (points[i][0] * unit, points[i][1] * unit) for node, i in local.items()}


def _unit(points: list[Position], pairs: list[Pair]) -> float:
    """Canvas units per layout unit: the median edge EDGE long, and at least ROOM x ROOM of the
    group's box for each node (a big force layout packs its nodes tighter than its edges)."""
    lengths = sorted(math.dist(points[a], points[b]) for a, b in pairs)
    median = max(lengths[len(lengths) // 2], 1e-9)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    area = max(max(xs) - min(xs), median) * max(max(ys) - min(ys), median)  # a line of nodes has no area
    return max(EDGE / median, ROOM * math.sqrt(len(points) / area))


def _turn(points: list[Position], backs: list[tuple[int, int, float]]) -> list[Position]:
    """``points`` turned so that backs (``sponsor, client, weight``) point down the most."""
    best: tuple[float, list[Position]] = (-math.inf, points)
    for step in range(TURNS):
        angle = 2 * math.pi * step / TURNS
        c, s = math.cos(angle), math.sin(angle)
        turned = [(x * c - y * s, x * s + y * c) for x, y in points]
        score = sum(w * (turned[b][1] - turned[a][1]) / (math.dist(turned[a], turned[b]) or 1) for a, b, w in backs)
        if score > best[0] + 1e-9:
            best = (score, turned)
    return best[1]


def _pack(placed: Iterable[dict[int, Position]]) -> dict[int, Position]:
    """Groups side by side in rows, biggest first, each moved into its own box."""
    boxes = []
    for group in placed:
        xs = [p[0] for p in group.values()]
        ys = [p[1] for p in group.values()]
        margin = RING
        boxes.append((group, min(xs), min(ys), max(xs) - min(xs) + margin, max(ys) - min(ys) + margin))
    width = max(max(b[3] for b in boxes), math.sqrt(sum(b[3] * b[4] for b in boxes) * 1.6))
    where: dict[int, Position] = {}
    x = y = row = 0.0
    for group, left, top, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        for node, (px, py) in group.items():
            where[node] = (px - left + x, py - top + y)
        x += w
        row = max(row, h)
    return where


def _place_satellites(where: dict[int, Position], anchor: dict[int, int]) -> None:
    """Tidy each node's satellites into arcs around it, on the side where the force layout put
    them (their mean direction), in the order it put them in."""
    around: dict[int, list[int]] = defaultdict(list)
    for leaf, hub in sorted(anchor.items()):
        around[hub].append(leaf)
    for hub, leaves in sorted(around.items()):
        hx, hy = where[hub]
        angles = {leaf: math.atan2(where[leaf][1] - hy, where[leaf][0] - hx) for leaf in leaves}
        centre = math.atan2(sum(math.sin(a) for a in angles.values()), sum(math.cos(a) for a in angles.values()))
        order = sorted(leaves, key=lambda leaf: ((angles[leaf] - centre + math.pi) % (2 * math.pi), leaf))
        for leaf, (r, angle) in zip(order, _arc(len(leaves), centre), strict=True):
            where[leaf] = (hx + r * math.cos(angle), hy + r * math.sin(angle))


def _arc(count: int, centre: float) -> Iterator[tuple[float, float]]:
    """(radius, angle) of ``count`` places around ``centre``: rings SPACING apart, each filled
    with as many as fit SPACING apart over an arc of up to 200 degrees (a full ring when one
    ring holds them all)."""
    radius, left = RING, count
    while left > 0:
        full = max(1, int(2 * math.pi * radius / SPACING))
        if left <= full and left > full * 200 / 360:
            span, fits = 2 * math.pi * (1 - 1 / left), left
        else:
            span = math.radians(200)
            fits = max(1, int(span * radius / SPACING) + 1)
        here = min(fits, left)
        width = span * (here - 1) / max(fits - 1, 1)
        for k in range(here):
            yield radius, centre - width / 2 + (width * k / (here - 1) if here > 1 else 0.0)
        left -= here
        radius += SPACING


def _separate(where: dict[int, Position], radii: list[float]) -> None:
    """Push apart nodes closer than their radii and GAP: sweeps over a grid of cells, each pair
    of nearby nodes moved apart half the overlap each; at most SWEEPS, fewer for a big graph
    (SWEEP_BUDGET node-sweeps in all, so the cost stays linear). Cost: O(sweeps x n x k), k
    the nodes in a cell and its neighbours."""
    nodes = list(where)
    xs = [where[n][0] for n in nodes]
    ys = [where[n][1] for n in nodes]
    rs = [radii[n] for n in nodes]
    cell = 2 * max(rs, default=0.0) + GAP
    for _ in range(max(2, min(SWEEPS, SWEEP_BUDGET // max(len(nodes), 1)))):
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(len(nodes)):
            grid[math.floor(xs[i] / cell), math.floor(ys[i] / cell)].append(i)
        moved = False
        for (cx, cy), here in grid.items():
            near = here.copy()
            for key in ((cx + 1, cy), (cx, cy + 1), (cx + 1, cy + 1), (cx + 1, cy - 1)):
                near.extend(grid.get(key, ()))
            for p, a in enumerate(here):
                for b in near[p + 1 :]:
                    dx, dy, need = xs[b] - xs[a], ys[b] - ys[a], rs[a] + rs[b] + GAP
                    d2 = dx * dx + dy * dy
                    if d2 >= need * need:
                        continue
                    d = math.sqrt(d2)
                    ux, uy = (dx / d, dy / d) if d > 1e-9 else (1.0, 0.0)
                    shift = (need - d) / 2
                    xs[a] -= ux * shift
                    ys[a] -= uy * shift
                    xs[b] += ux * shift
                    ys[b] += uy * shift
                    moved = True
        if not moved:
            break
    for i, node in enumerate(nodes):
        where[node] = (xs[i], ys[i])
