"""Proxy chains and proxy wars on small hand-checked graphs."""

from __future__ import annotations

import datetime as dt
import itertools

import networkx as nx
import pytest

from graph.analytics.proxies import proxy_chains, proxy_wars
from graph.analytics.support import SupportIndex
from graph.network import as_of
from tests.analytics_support import graph_of, keys


def nodes(found: list) -> list[list[str]]:  # type: ignore[type-arg]
    return [c.chain.nodes for c in found]


def test_one_hop_chain_with_its_evidence() -> None:
    G = graph_of(("s", "backs", "p"), ("p", "fights", "t"))
    (chain,) = proxy_chains(G)
    assert (chain.sponsor, chain.proxy, chain.target) == ("s", "p", "t")
    assert [keys(step.relations) for step in chain.chain.steps] == [["r0"], ["r1"]]
    assert chain.chain.steps[1].relations[0].evidence[0].record == "row-1"
    assert chain.direct == ()


def test_fights_walks_both_ways_and_marks_direct_fights() -> None:
    G = graph_of(("s", "backs", "p"), ("t", "fights", "p"), ("t", "fights", "s"))
    found = proxy_chains(G, target="t")
    assert nodes(found) == [["s", "p", "t"]]
    assert keys(found[0].direct) == ["r2"]


def test_depth_limits_the_chain_of_backs() -> None:
    G = graph_of(("x", "backs", "s"), ("s", "backs", "p"), ("p", "fights", "t"))
    assert nodes(proxy_chains(G, max_depth=1)) == [["s", "p", "t"]]
    assert nodes(proxy_chains(G, max_depth=2)) == [["s", "p", "t"], ["x", "s", "p", "t"]]
    assert nodes(proxy_chains(G, sponsor="x", max_depth=2)) == [["x", "s", "p", "t"]]


def test_cycle_of_backing_terminates_and_stays_simple() -> None:
    G = graph_of(("a", "backs", "b"), ("b", "backs", "a"), ("b", "fights", "t"), ("a", "fights", "u"))
    assert nodes(proxy_chains(G, max_depth=5)) == [["a", "b", "t"], ["b", "a", "u"]]


def test_a_proxy_fighting_its_own_sponsor_is_not_a_chain_to_the_sponsor() -> None:
    G = graph_of(("s", "backs", "p"), ("p", "fights", "s"))
    assert proxy_chains(G) == []


def test_member_takes_part_in_its_coalitions_fights() -> None:
    G = graph_of(("s", "backs", "m"), ("m", "member-of", "c"), ("c", "fights", "t"))
    (chain,) = proxy_chains(G)
    assert chain.chain.nodes == ["s", "m", "c", "t"]
    assert [s.relations[0].type for s in chain.fighting] == ["member-of", "fights"]
    assert proxy_chains(G, inherit_membership=False) == []


def test_nested_coalitions_and_the_enemy_side() -> None:
    G = graph_of(("s", "backs", "m"), ("m", "member-of", "c1"), ("c1", "member-of", "c2"), ("c2", "fights", "d"),
                 ("e", "member-of", "d"))  # fmt: skip
    assert nodes(proxy_chains(G)) == [["s", "m", "c1", "c2", "d"], ["s", "m", "c1", "c2", "d", "e"]]


def test_a_coalition_does_not_take_part_in_its_members_fights() -> None:
    G = graph_of(("s", "backs", "c"), ("m", "member-of", "c"), ("m", "fights", "t"))
    assert proxy_chains(G) == []


def test_relations_that_end_before_another_begins_make_no_chain() -> None:
    G = graph_of(("s", "backs", "p", {"until": "2010"}), ("p", "fights", "t", {"since": "2012"}))
    assert proxy_chains(G) == []


def test_parallel_relations_keep_only_those_that_held_with_the_rest() -> None:
    G = graph_of(("s", "backs", "p", {"until": "2010"}), ("s", "backs", "p", {"since": "2015"}),
                 ("p", "fights", "t", {"since": "2012"}))  # fmt: skip
    (chain,) = proxy_chains(G)
    assert keys(chain.backing[0].relations) == ["r1"]
    assert chain.periods == ((dt.date(2015, 1, 1), dt.date.max),)
    assert proxy_chains(as_of(G, "2011")) == []


def test_ranked_by_weakest_hop_then_length_then_names() -> None:
    G = graph_of(("b", "backs", "p"), ("a", "backs", "p"), ("p", "fights", "t"), ("x", "backs", "a"),
                 ("w", "backs", "q", {"confidence": "low"}), ("q", "fights", "t"))  # fmt: skip
    assert nodes(proxy_chains(G)) == [["a", "p", "t"], ["b", "p", "t"], ["x", "a", "p", "t"], ["w", "q", "t"]]


def test_fights_of_follows_membership_once_per_coalition() -> None:
    ix = SupportIndex(graph_of(("m", "member-of", "c"), ("c", "fights", "d"), ("m", "fights", "d")))
    assert sorted(c.nodes for c in ix.fights_of("m")["d"]) == [["m", "c", "d"], ["m", "d"]]
    assert list(ix.fights_of("c")) == ["d"]


def test_proxy_war_between_two_sponsors() -> None:
    G = graph_of(("z", "backs", "a"), ("y", "backs", "b"), ("a", "fights", "b"))
    (war,) = proxy_wars(G)
    assert war.sponsors == ("y", "z")
    (front,) = war.fronts
    assert (front.side_a, front.side_b) == ("b", "a")
    assert [s.source for s in front.fight] == ["b"] and keys(front.backing_a[0].relations) == ["r1"]


def test_no_war_when_one_sponsor_backs_both_sides() -> None:
    G = graph_of(("s", "backs", "a"), ("s", "backs", "b"), ("a", "fights", "b"))
    assert proxy_wars(G) == []


def test_proxy_war_needs_everything_to_hold_at_once() -> None:
    G = graph_of(("s1", "backs", "a", {"until": "2000"}), ("s2", "backs", "b"), ("a", "fights", "b", {"since": "2005"}))
    assert proxy_wars(G) == []


def test_proxy_war_through_membership_and_depth() -> None:
    G = graph_of(("s1", "backs", "m"), ("m", "member-of", "c"), ("c", "fights", "b"), ("s2", "backs", "b"),
                 ("x", "backs", "s1"))  # fmt: skip
    assert [w.sponsors for w in proxy_wars(G)] == [("s1", "s2")]
    assert [w.sponsors for w in proxy_wars(G, max_depth=2)] == [("s1", "s2"), ("s2", "x")]
    assert proxy_wars(G, inherit_membership=False) == []


def test_wars_ranked_by_number_of_fronts() -> None:
    G = graph_of(("s1", "backs", "a"), ("s1", "backs", "a2"), ("s2", "backs", "b"), ("a", "fights", "b"),
                 ("a2", "fights", "b"), ("s3", "backs", "c"), ("c", "fights", "a"))  # fmt: skip
    assert [(w.sponsors, len(w.sides)) for w in proxy_wars(G)] == [(("s1", "s2"), 2), (("s1", "s3"), 1)]


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_chains_match_brute_force_over_simple_paths(depth: int) -> None:
    specs = [("s", "backs", "a"), ("a", "backs", "b"), ("b", "backs", "a"), ("s", "backs", "b"),
             ("b", "fights", "t"), ("a", "fights", "u"), ("u", "fights", "t"), ("x", "backs", "t")]  # fmt: skip
    G = graph_of(*specs)
    H: nx.DiGraph[str] = nx.DiGraph()
    for u, t, v in (sp[:3] for sp in specs):
        H.add_edge(u, v, t=t)
        if t == "fights":
            H.add_edge(v, u, t=t)
    expected = sorted(
        p for s in H for p in nx.all_simple_paths(H, s, set(H) - {s}, cutoff=depth + 1)
        if len(p) >= 3 and H[p[-2]][p[-1]]["t"] == "fights"
        and all(H[u][v]["t"] == "backs" for u, v in itertools.pairwise(p[:-1]))
    )  # fmt: skip
    assert sorted(nodes(proxy_chains(G, max_depth=depth, inherit_membership=False))) == expected


def test_a_coalition_fighting_its_own_umbrella_is_no_enemy_of_its_members() -> None:
    G = graph_of(("s", "backs", "m"), ("m", "member-of", "c"), ("c", "member-of", "u"), ("c", "fights", "u"))
    assert nodes(proxy_chains(G)) == [["s", "m", "c", "u"]]  # not s m c u c: a chain visits each actor once
    assert sorted(SupportIndex(G).fights_of("m")) == ["u"]


def test_a_chain_does_not_come_back_through_a_coalition_on_its_backing() -> None:
    G = graph_of(("s", "backs", "c"), ("c", "backs", "p"), ("p", "member-of", "c"), ("c", "fights", "t"))
    assert nodes(proxy_chains(G)) == [["s", "c", "t"]]  # not c p c t, nor s c p c t
    assert proxy_chains(G, sponsor="c") == []
