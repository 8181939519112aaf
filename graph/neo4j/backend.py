"""`supporters`, `clients`, `paths`, proxy chains and wars (`proxy_graph`) answered by Neo4j.

Cypher finds the walks; the answers are the same objects as `graph.analytics` returns
(`Supporter`, `Chain`, `Step` holding `graph.model.Relation`\\ s rebuilt from the relationship
properties), ordered the same way, so `graph.report` shows both backends identically. Only one
dataset (by the name it was loaded under) is read. Hop counts are checked integers written into
the pattern (Cypher takes no parameter there); every other value is a parameter.

The held rule, as in `graph.analytics.support.held_walks`: a chain holds only while every hop
does. Cypher matches relationship-paths (one relationship per hop) and keeps those whose
relationships were all in force on a common day (`CONCURRENT`, on the stored bounds
``valid_from``/``valid_to``); grouping the kept relationship-paths by their node sequence gives
each hop exactly the relations that may hold with the others (the `cut` of NetworkX).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx

from graph.analytics.chains import Chain, Step, Supporter
from graph.analytics.paths import ALL_BOUND, SHORTEST_BOUND
from graph.analytics.paths import paths as walk_paths
from graph.analytics.supporters import clients as walk_clients
from graph.analytics.supporters import supporters as walk_supporters
from graph.model import Relation
from graph.neo4j.props import relation_from_props
from graph.neo4j.store import Store
from graph.network import as_of as network_as_of
from graph.network import date_range
from graph.vocabulary import CONFIDENCE_LEVELS, RELATION_TYPES

# A relationship of the dataset that may hold during the --as-of window: its stored bounds (the
# one date rule, `graph.neo4j.props.relation_bounds`) overlap [$first, $last].
HELD = "r.dataset = $dataset AND ($first IS NULL OR (r.valid_from <= $last AND $first <= r.valid_to))"
# The relationships of path p were all in force on some common day: max(valid_from) <= min(valid_to),
# written as "each begins before every other ends" (the stored bounds are never null).
CONCURRENT = "all(a IN relationships(p) WHERE all(b IN relationships(p) WHERE a.valid_from <= b.valid_to))"
SIMPLE = "all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))"
# Asked about a date, a hop must be known to hold then, and a path's hops on a common day
# (`graph.model.Relation.known`, stored as known_from/known_to, absent when no day is known).
KNOWN_HELD = "r.dataset = $dataset AND r.known_from <= $last AND $first <= r.known_to"
KNOWN_CONCURRENT = ("all(a IN relationships(p) WHERE all(b IN relationships(p) "
                    "WHERE a.known_from <= b.known_to))")  # fmt: skip
RELS = "[r IN relationships(p) | [startNode(r).id, endNode(r).id, properties(r)]] AS rels"
NODE = (
    "OPTIONAL MATCH ({v}a:Actor {{id: ${v}}}) OPTIONAL MATCH ({v}p:Place {{id: ${v}}}) "
    "WITH *, coalesce({v}a, {v}p) AS {v}"
)


def _hops(n: int) -> int:
    if not isinstance(n, int) or not 1 <= n <= 20:
        raise ValueError(f"hops must be an integer from 1 to 20, not {n!r}")
    return n


def _params(dataset: str, as_of: str | None, **extra: Any) -> dict[str, Any]:
    first, last = date_range(as_of) if as_of is not None else (None, None)
    return {"dataset": dataset, "first": first, "last": last, **extra}


def node_graph(store: Store, dataset: str) -> nx.MultiDiGraph[str]:
    """The nodes of a loaded dataset (no edges): enough for `graph.network.find_node` and output."""
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=dataset, dataset=dataset)
    query = ("MATCH (n) WHERE $dataset IN n.datasets AND (n:Actor OR n:Place) "
             "RETURN n.id AS id, n.name AS name, n.kind AS kind, coalesce(n.aliases, []) AS aliases, "
             "n.country AS country, n:Actor AS actor")  # fmt: skip
    for r in store.read(query, {"dataset": dataset}):
        G.add_node(r["id"], name=r["name"], kind=r["kind"], aliases=list(r["aliases"]), country=r["country"],
                   node_class="actor" if r["actor"] else "place")  # fmt: skip
    return G


def _relation(item: list[Any]) -> Relation:
    return relation_from_props(item[0], item[1], item[2])


def _chains(rows: Iterable[Mapping[str, Any]], order: Callable[[Relation, int], Any]) -> list[Chain]:
    """One chain per distinct node sequence of the concurrent relationship-paths found, each hop
    holding every relation some of them used there (sorted by ``order(relation, seq)``)."""
    hops: dict[tuple[str, ...], list[dict[str, tuple[int, Relation]]]] = {}
    for row in rows:
        nodes = tuple(row["nodes"])
        per_hop = hops.setdefault(nodes, [{} for _ in range(len(nodes) - 1)])
        for i, item in enumerate(row["rels"]):
            per_hop[i][item[2]["key"]] = (item[2]["seq"], _relation(item))
    return [
        Chain(tuple(Step(u, v, tuple(rel for _, rel in sorted(found[i].values(), key=lambda x: order(x[1], x[0]))))
                    for i, (u, v) in enumerate(itertools.pairwise(nodes))))
        for nodes, found in hops.items()
    ]  # fmt: skip


def _surest_first(rel: Relation, seq: int) -> tuple[int, str]:
    return -CONFIDENCE_LEVELS.get(rel.confidence, 0), rel.key


# A relationship's stored state (`graph.claims`) is confirmed, or one of the states asked for besides
# ($claims; null: every state): the rule of `graph.network.as_of`, which the answer applies again.
CLAIMED = "($claims IS NULL OR coalesce(r.state, 'confirmed') = 'confirmed' OR r.state IN $claims)"


def read_graph(store: Store, dataset: str, types: list[str], *, as_of: str | None = None,
               support: str | None = None, claims: Iterable[str] | None = None,
               places: bool = False) -> nx.MultiDiGraph[str]:  # fmt: skip
    """The nodes of a loaded dataset and its relationships of ``types`` (relationship types, ``BACKS``
    ...) between actors (with ``places``, places too) that may hold during the ``as_of`` window
    (`HELD`, on the stored bounds), in one of the states kept (`CLAIMED`), ``BACKS`` only those
    giving ``support`` if given: what a walk of the library may use. What the question asks of time
    (known, or --possible) is left to `graph.network.as_of`, the one rule. Cost: O(relationships read)."""
    G = node_graph(store, dataset)
    ends = (
        "(a)-[r]->(b) WHERE (a:Actor OR a:Place) AND (b:Actor OR b:Place) AND"
        if places
        else ("(a:Actor)-[r]->(b:Actor) WHERE")
    )
    query = (f"MATCH {ends} type(r) IN $types AND {HELD} AND {CLAIMED} "
             "AND (type(r) <> 'BACKS' OR $support IS NULL OR $support IN r.support) "
             "RETURN a.id AS source, b.id AS target, properties(r) AS props ORDER BY r.seq")  # fmt: skip
    kept = None if claims is None else list(claims)
    for row in store.read(query, _params(dataset, as_of, types=types, support=support, claims=kept)):
        rel = relation_from_props(row["source"], row["target"], row["props"])
        G.add_edge(rel.source, rel.target, key=rel.key, relation=rel)
    return G


def supporters(
    store: Store, dataset: str, actor: str, *, max_depth: int = 3, support: str | None = None,
    as_of: str | None = None, reverse: bool = False, via_states: bool = False, inherit_membership: bool = True,
    possible: bool = False, claims: Iterable[str] | None = None,
) -> list[Supporter]:  # fmt: skip
    """Like `graph.analytics.supporters.supporters` (``reverse``: `clients`) on the graph as of ``as_of``
    (with ``possible``, what may hold too, marked; ``claims``, the states kept besides confirmed, None
    all: `graph.network.as_of`, reading each relationship's stances).

    Cypher reads the ``BACKS`` (with ``support``, those giving it) and, with ``inherit_membership``,
    ``MEMBER_OF`` relationships of the dataset that may hold during the window (`read_graph`), and
    the one held walk of `graph.analytics.held` walks them: the step rules of membership (a down
    hop only after a backs hop that ``reaches_members``) live there, once.
    Cost: O(relationships read) + the walk.
    """
    types = ["BACKS", "MEMBER_OF"] if inherit_membership else ["BACKS"]
    G = read_graph(store, dataset, types, as_of=as_of, support=support, claims=claims)
    finder = walk_clients if reverse else walk_supporters
    # what may hold was read; what the question asks (known, or --possible) is the one rule's view
    view = network_as_of(G, as_of, possible=possible, claims=claims)
    return finder(view, actor, max_depth=max_depth, support=support, via_states=via_states,
                  inherit_membership=inherit_membership)  # fmt: skip


PROXY_TYPES = ["BACKS", "MEMBER_OF", "FIGHTS"]  # what proxy chains and proxy wars walk


def proxy_graph(store: Store, dataset: str, *, as_of: str | None = None, possible: bool = False,
                claims: Iterable[str] | None = None) -> nx.MultiDiGraph[str]:  # fmt: skip
    """The view `graph.analytics.proxies` (proxy chains, proxy wars) answers from: the ``BACKS``,
    ``MEMBER_OF`` and ``FIGHTS`` relationships of the dataset (`read_graph`) as of ``as_of``
    (`graph.network.as_of`, with ``possible`` and ``claims`` as in `supporters`). The library walks
    it, so both engines answer by one walk: the relay rule, simple walks, the held rule."""
    G = read_graph(store, dataset, PROXY_TYPES, as_of=as_of, claims=claims)
    return network_as_of(G, as_of, possible=possible, claims=claims)


def clients(store: Store, dataset: str, sponsor: str, *, max_depth: int = 3, support: str | None = None,
            as_of: str | None = None, via_states: bool = False, inherit_membership: bool = True,
            possible: bool = False, claims: Iterable[str] | None = None) -> list[Supporter]:  # fmt: skip
    """Like `graph.analytics.supporters.clients`."""
    return supporters(store, dataset, sponsor, max_depth=max_depth, support=support, as_of=as_of, reverse=True,
                      via_states=via_states, inherit_membership=inherit_membership, possible=possible,
                      claims=claims)  # fmt: skip


def paths(store: Store, dataset: str, source: str, target: str, *, max_hops: int | None = None,
          shortest: bool = True, types: list[str] | None = None, as_of: str | None = None,
          possible: bool = False, claims: Iterable[str] | None = None) -> list[Chain]:  # fmt: skip
    """Like `graph.analytics.paths.paths` on the graph as of ``as_of`` restricted to ``types``.

    Shortest: ``allShortestPaths`` (up to ``max_hops``, default 8), kept when concurrent; when
    none is, the simple paths of each longer length in turn, up to the same bound. Otherwise every
    simple concurrent path up to ``max_hops`` (default 4).

    With ``possible`` (what may hold too, marked, and what holds first), Cypher reads the
    relationships of ``types`` that may hold during the window and the library's walk answers on
    the view of `graph.network.as_of`, as `supporters` does: the order of what holds before what
    only may is that walk's, once.
    """
    if source == target:
        return []
    if possible:
        names = list(types) if types is not None else list(RELATION_TYPES)
        G = read_graph(store, dataset, [RELATION_TYPES[t].neo4j_type for t in names], as_of=as_of, claims=claims,
                       places=True)  # fmt: skip
        view = network_as_of(G, as_of, possible=True, claims=claims)
        return walk_paths(view, source, target, max_hops=max_hops, shortest=shortest)
    params = _params(
        dataset, as_of, source=source, target=target, types=types, claims=None if claims is None else list(claims)
    )
    held_rule, concurrent = (HELD, CONCURRENT) if as_of is None else (KNOWN_HELD, KNOWN_CONCURRENT)
    each = f"all(r IN relationships(p) WHERE {held_rule} AND {CLAIMED} AND ($types IS NULL OR r.type IN $types))"
    start = NODE.format(v="source") + " " + NODE.format(v="target")
    found = f"RETURN [n IN nodes(p) | n.id] AS nodes, {RELS}"
    if not shortest:
        bound = _hops(max_hops or ALL_BOUND)
        rows = store.read(f"{start} MATCH p = (source)-[*1..{bound}]-(target) WHERE {each} AND {SIMPLE} "
                          f"AND {concurrent} {found}", params)  # fmt: skip
        return _sorted(_chains(rows, _surest_first))
    bound = _hops(max_hops if max_hops is not None else SHORTEST_BOUND)
    # concurrency is tested in RETURN, not in the WHERE of allShortestPaths: there it would make the
    # planner fall back to an exhaustive search; each longer length is a pattern of its own
    rows = store.read(f"{start} MATCH p = allShortestPaths((source)-[*..{bound}]-(target)) WHERE {each} "
                      f"RETURN {concurrent} AS held, length(p) AS length, [n IN nodes(p) | n.id] AS nodes, {RELS}",
                      params)  # fmt: skip
    held = [r for r in rows if r["held"]]
    for length in range(rows[0]["length"] + 1, bound + 1) if rows and not held else ():
        held = store.read(f"{start} MATCH p = (source)-[*{length}]-(target) WHERE {each} AND {SIMPLE} "
                          f"AND {concurrent} {found}", params)  # fmt: skip
        if held:
            break
    return _sorted(_chains(held, _surest_first))


def _sorted(chains: list[Chain]) -> list[Chain]:
    chains.sort(key=lambda c: (len(c), -c.confidence, not c.quoted, c.nodes))  # as graph.analytics.paths
    return chains
