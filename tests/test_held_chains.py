"""A chain holds only while every hop does, in every command: supporters, clients, path, rank.

Hand-checked graphs: two hops in disjoint years are no chain; overlapping ones are; a hop with
two parallel relations keeps only the one that overlaps the other hop. Then the one held walk
checked against brute force (networkx simple paths filtered by the rule) on random graphs.
"""

from __future__ import annotations

import itertools
import json
import random
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.analytics.paths import paths
from graph.analytics.ranking import rank
from graph.analytics.support import SupportIndex
from graph.analytics.supporters import clients, supporters
from graph.cli import cli
from graph.model import ALWAYS, PartialDate, intersect, periods_of
from graph.network import build_graph
from tests.analytics_support import graph_of, keys
from tests.synthetic import generate

DISJOINT = [("s", "backs", "p", {"until": "2013"}), ("p", "backs", "g", {"since": "2015"})]
OVERLAPPING = [("s", "backs", "p", {"until": "2014"}), ("p", "backs", "g", {"since": "2014-12"})]
PARALLEL = [("s", "backs", "p", {"since": "2010", "until": "2011"}), ("s", "backs", "p", {"since": "2016"}),
            ("p", "backs", "g", {"since": "2015"})]  # fmt: skip


def nodes(found: list[Any]) -> dict[str, list[list[str]]]:
    return {s.actor: [c.nodes for c in s.chains] for s in found}


def hop_keys(chain: Any) -> list[list[str]]:
    return [keys(step.relations) for step in chain.steps]


def reach(G: nx.MultiDiGraph[str]) -> dict[str, tuple[str, ...]]:
    return {r.actor: r.reached for r in rank(G) if r.reached}


def test_two_hops_in_disjoint_years_are_no_chain() -> None:
    G = graph_of(*DISJOINT)
    assert nodes(supporters(G, "g")) == {"p": [["p", "g"]]}
    assert nodes(clients(G, "s")) == {"p": [["s", "p"]]}
    assert paths(G, "s", "g") == [] and paths(G, "s", "g", shortest=False) == []
    assert reach(G) == {"s": ("p",), "p": ("g",)}


def test_two_overlapping_hops_are_a_chain() -> None:
    G = graph_of(*OVERLAPPING)
    assert nodes(supporters(G, "g")) == {"p": [["p", "g"]], "s": [["s", "p", "g"]]}
    assert nodes(clients(G, "s")) == {"p": [["s", "p"]], "g": [["s", "p", "g"]]}
    assert [c.nodes for c in paths(G, "s", "g")] == [["s", "p", "g"]]
    assert reach(G) == {"s": ("p", "g"), "p": ("g",)}


def test_a_hop_keeps_only_its_relation_that_overlaps_the_other_hop() -> None:
    G = graph_of(*PARALLEL)
    (direct,) = supporters(G, "p")[0].chains  # alone, the hop keeps both periods of backing
    assert hop_keys(direct) == [["r0", "r1"]]
    chain = supporters(G, "g")[1].chains[0]
    assert chain.nodes == ["s", "p", "g"] and hop_keys(chain) == [["r1"], ["r2"]]
    assert hop_keys(clients(G, "s")[1].chains[0]) == [["r1"], ["r2"]]
    (path,) = paths(G, "s", "g")
    assert hop_keys(path) == [["r1"], ["r2"]]
    assert reach(G)["s"] == ("p", "g")


def test_shortest_path_is_the_fewest_hops_that_hold_together() -> None:
    G = graph_of(*DISJOINT, ("s", "fights", "x"), ("x", "fights", "y"), ("y", "fights", "g"))
    assert [c.nodes for c in paths(G, "s", "g")] == [["s", "x", "y", "g"]]  # s p g is shorter, never held
    assert paths(G, "s", "g", max_hops=2) == []
    assert [c.nodes for c in paths(G, "s", "g", shortest=False)] == [["s", "x", "y", "g"]]


def test_shortest_path_looks_up_to_eight_hops_unless_told() -> None:
    G = graph_of(*[(f"a{i}", "fights", f"a{i + 1}") for i in range(9)])
    assert [len(c) for c in paths(G, "a0", "a8")] == [8]
    assert paths(G, "a0", "a9") == []  # nine hops: beyond the default bound
    assert [len(c) for c in paths(G, "a0", "a9", max_hops=9)] == [9]


def test_support_filter_and_the_held_rule_together() -> None:
    G = graph_of(("s", "backs", "p", {"until": "2013", "support": ["weapons"]}),
                 ("s", "backs", "p", {"since": "2015", "support": ["funding"]}),
                 ("p", "backs", "g", {"since": "2015", "support": ["weapons", "funding"]}))  # fmt: skip
    assert nodes(supporters(G, "g", support="weapons")) == {"p": [["p", "g"]]}  # weapons to p ended in 2013
    found = supporters(G, "g", support="funding")
    assert nodes(found) == {"p": [["p", "g"]], "s": [["s", "p", "g"]]}
    assert hop_keys(found[1].chains[0]) == [["r1"], ["r2"]]


def test_cli_clients_jrtn_lists_no_chain_whose_hops_never_held_together() -> None:
    result = CliRunner().invoke(cli, ["clients", "jrtn", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)["clients"]
    chains = [c for client in found for c in client["chains"]]
    assert [c["nodes"] for c in chains] == [["jrtn", "islamic-state"]]  # not jrtn -> islamic-state -> syrian-rebels
    table = CliRunner().invoke(cli, ["clients", "jrtn"])
    assert "syrian-rebels" not in table.output


# --- the one walk against brute force ---


def _held(G: nx.MultiDiGraph[str], walk: list[str], *, either_way: bool) -> bool:
    span = ALWAYS
    for u, v in itertools.pairwise(walk):
        rels = [d["relation"] for d in G.get_edge_data(u, v, default={}).values()]
        if either_way:
            rels += [d["relation"] for d in G.get_edge_data(v, u, default={}).values()]
        span = intersect(span, periods_of(r for r in rels if either_way or r.type == "backs"))
    return bool(span)


def _dated(seed: int) -> nx.MultiDiGraph[str]:
    ds = generate(n_actors=25, n_relations=90, seed=seed)
    rng = random.Random(seed)
    for rel in ds.relations:  # short spells, so that many walks do not hold
        if rng.random() < 0.7:
            year = rng.randint(2010, 2020)
            rel.since, rel.until = PartialDate(year), PartialDate(year + rng.randint(0, 2))
    return build_graph(ds)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_supporters_are_the_held_simple_paths_of_backs(seed: int) -> None:
    G = _dated(seed)
    B: nx.DiGraph[str] = nx.DiGraph((u, v) for u, v, t in G.edges(data="type") if t == "backs" and u != v)
    checked = 0
    for actor in sorted(B)[:12]:
        expected = sorted(
            p
            for s in B
            if s != actor
            for p in nx.all_simple_paths(B, s, actor, cutoff=3)
            if _held(G, p, either_way=False)
        )
        found = sorted(c.nodes for s in supporters(G, actor, max_depth=3, via_states=True) for c in s.chains)
        assert found == expected, actor
        checked += len(found)
    assert checked > 10


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reach_is_where_the_held_walk_ends(seed: int) -> None:
    G = _dated(seed)
    for via_states in (False, True):
        ix = SupportIndex(G, via_states=via_states)  # backs only: held_walk does not follow membership
        ranked = {r.actor: set(r.reached) for r in rank(G, via_states=via_states, inherit_membership=False)}
        for sponsor in ix.backs_out:
            ends = {h[0][-1].target for h in ix.held_walk(sponsor, len(G), forward=True)}
            assert ranked[sponsor] == ends, sponsor


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_paths_are_the_fewest_hops_that_hold(seed: int) -> None:
    G = _dated(seed)
    H: nx.Graph[str] = nx.Graph((u, v) for u, v in G.edges() if u != v)
    rng = random.Random(seed)
    answered = 0
    for a, b in [tuple(rng.sample(sorted(H), 2)) for _ in range(15)]:
        held = [p for p in nx.all_simple_paths(H, a, b, cutoff=4) if _held(G, p, either_way=True)]
        assert sorted(c.nodes for c in paths(G, a, b, shortest=False)) == sorted(held)
        shortest = [p for p in held if len(p) == min(map(len, held))] if held else []
        found = paths(G, a, b, max_hops=4)
        assert sorted(c.nodes for c in found) == sorted(shortest), (a, b)
        answered += bool(found)
    assert answered > 3


def _members(seed: int) -> nx.MultiDiGraph[str]:
    """`_dated` with more member-of relations and some backs that reach the coalition's members."""
    ds = generate(n_actors=25, n_relations=90, seed=seed)
    rng = random.Random(seed)
    for rel in ds.relations:
        if rng.random() < 0.6:
            year = rng.randint(2010, 2020)
            rel.since, rel.until = PartialDate(year), PartialDate(year + rng.randint(0, 3))
        if rel.type == "fights" and rng.random() < 0.5:
            rel.type = "member-of"
        rel.reaches_members = rel.type == "backs" and rng.random() < 0.5
    return build_graph(ds)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_reach_is_what_clients_lists_through_membership(seed: int) -> None:
    """rank's reach and `clients` at any depth name the same actors, through membership or not, with
    what may hold or without (the one rule of `graph.analytics.held.Membership`)."""
    from graph.network import as_of

    base = _members(seed)
    views = [("all", base), ("2015", as_of(base, "2015")), ("2015 possible", as_of(base, "2015", possible=True))]
    differs = 0
    for (name, G), inherit, via_states in itertools.product(views, (True, False), (False, True)):
        ranked = {r.actor: set(r.reached) for r in rank(G, via_states=via_states, inherit_membership=inherit)}
        for sponsor in sorted(ranked):
            listed = {c.actor for c in clients(G, sponsor, max_depth=len(G), via_states=via_states,
                                               inherit_membership=inherit)}  # fmt: skip
            assert ranked[sponsor] == listed, (name, inherit, via_states, sponsor)
            if inherit:
                without = {c.actor for c in clients(G, sponsor, max_depth=len(G), via_states=via_states,
                                                    inherit_membership=False)}  # fmt: skip
                differs += without != listed
    assert differs  # membership changes some answers on these graphs, so the test can tell
