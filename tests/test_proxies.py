"""Proxy chains and proxy wars on small hand-checked graphs."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import networkx as nx
import pytest

from graph.analytics.proxies import proxy_chains, proxy_wars
from graph.analytics.support import SupportIndex
from graph.model import PartialDate
from graph.network import as_of
from tests.analytics_support import Spec, graph_of, keys


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


# a member of c directly in 2010-2012, then through its front f (2015-2020); c fights x in 2016-2018
ROUTES = (("s", "backs", "m"), ("m", "member-of", "c", {"since": "2010", "until": "2012"}),
          ("m", "member-of", "f", {"since": "2015", "until": "2020"}), ("f", "member-of", "c"),
          ("c", "fights", "x", {"since": "2016", "until": "2018"}))  # fmt: skip


def test_a_fight_is_found_through_the_membership_route_that_holds_with_it() -> None:
    G = graph_of(*ROUTES)
    (chain,) = proxy_chains(G)
    assert chain.chain.nodes == ["s", "m", "f", "c", "x"]  # not lost behind the shorter m -> c, which ended in 2012
    assert chain.periods == ((dt.date(2016, 1, 1), dt.date(2018, 12, 31)),)
    assert [c.nodes for c in SupportIndex(G).fights_of("m")["x"]] == [["m", "c", "x"], ["m", "f", "c", "x"]]


def test_the_enemy_side_is_reached_by_the_route_that_holds_too() -> None:
    renamed: list[Spec] = [(a, t, "b" if b == "x" else b, *extra) for a, t, b, *extra in ROUTES]  # type: ignore[misc]
    G = graph_of(*renamed, ("y", "backs", "b"))  # walked from b (the smaller id): c's members, m through f only
    (war,) = proxy_wars(G)
    assert war.sponsors == ("s", "y")
    assert [[s.target for s in f.fight] for f in war.fronts] == [["f", "c", "b"]]
    assert [r[0] for r in SupportIndex(G).members("c")] == ["c", "m", "f", "m"]


def test_a_longer_route_that_adds_no_days_is_not_listed_again() -> None:
    G = graph_of(("s", "backs", "m"), ("m", "member-of", "c"), ("m", "member-of", "f"), ("f", "member-of", "c"),
                 ("c", "fights", "x"))  # fmt: skip
    assert nodes(proxy_chains(G)) == [["s", "m", "c", "x"]]
    G = graph_of(("s", "backs", "m"), ("m", "member-of", "c", {"since": "2010", "until": "2012"}),
                 ("m", "member-of", "f"), ("f", "member-of", "c"), ("c", "fights", "x"))  # fmt: skip
    assert nodes(proxy_chains(G)) == [["s", "m", "c", "x"], ["s", "m", "f", "c", "x"]]  # the second adds 2013 on


def test_a_route_is_kept_when_the_other_passes_the_enemy() -> None:
    """c fights its own front f (a split): m, in f and in g, both fronts of c, is f's enemy through g only."""
    G = graph_of(("s", "backs", "m"), ("m", "member-of", "f"), ("m", "member-of", "g"), ("f", "member-of", "c"),
                 ("g", "member-of", "c"), ("c", "fights", "f"))  # fmt: skip
    found = nodes(proxy_chains(G))
    assert ["s", "m", "g", "c", "f"] in found  # m -> f -> c fights f would visit f twice
    assert found == [["s", "m", "f", "c"], ["s", "m", "g", "c", "f"], ["s", "m", "f", "c", "g"]]
    assert [r[0] for r in SupportIndex(G).coalitions("m")] == ["m", "f", "g", "c", "c"]


def test_a_sure_route_is_kept_beside_one_that_only_may_hold() -> None:
    """Asked what may hold in 2016: m's direct membership of c is only attested in 2020 (start
    unknown); through the front f it is known since 2010, and the chain through f holds for sure."""
    k = {"since": "2010"}
    G = graph_of(("s", "backs", "m", k), ("m", "member-of", "c", {"attested": PartialDate(2020)}),
                 ("m", "member-of", "f", k), ("f", "member-of", "c", k), ("c", "fights", "x", k))  # fmt: skip
    found = {(tuple(c.chain.nodes), c.possible) for c in proxy_chains(as_of(G, "2016", possible=True))}
    assert found == {(("s", "m", "f", "c", "x"), None), (("s", "m", "c", "x"), "m -> c: start unknown")}


SEEDS = 200  # at 200, a rule that kept one route per coalition and day fails 3 of them


# after some backs: up through membership, across one fight, then down through membership
NEXT = {("backs", "member-of"): "up", ("up", "member-of"): "up", ("backs", "fights"): "down", ("up", "fights"): "down",
        ("down", "has-member"): "down"}  # fmt: skip


def _walks(G: nx.MultiDiGraph[str], depth: int) -> set[tuple[str, str, str, int]]:
    """Brute force: (sponsor, proxy, target, year) for every simple walk of 1..depth ``backs``, then
    ``member-of`` up, one ``fights`` (either way), ``member-of`` down, all holding in that year."""
    years = range(2000, 2011)
    out: dict[str, list[tuple[str, str, set[int]]]] = {}
    for u, v, attrs in G.edges(data=True):
        rel = attrs["relation"]
        first = rel.since.year if rel.since else 2000
        last = rel.until.year if rel.until else 2010
        held = {y for y in years if first <= y <= last}
        out.setdefault(u, []).append((rel.type, v, held))
        rtype = {"fights": "fights", "member-of": "has-member"}.get(rel.type)
        if rtype:
            out.setdefault(v, []).append((rtype, u, held))
    found: set[tuple[str, str, str, int]] = set()

    def go(walk: list[str], stage: str, backs: int, proxy: str, held: set[int]) -> None:
        node = walk[-1]
        if stage == "down":
            found.update((walk[0], proxy, node, y) for y in held)
        for rtype, other, days in out.get(node, ()):
            if other in walk or not held & days:
                continue
            if rtype == "backs" and stage == "backs" and backs < depth:
                go([*walk, other], "backs", backs + 1, other, held & days)
            elif backs and (stage, rtype) in NEXT:
                go([*walk, other], NEXT[stage, rtype], backs, proxy, held & days)

    for s in G:
        go([s], "backs", 0, s, set(years))
    return found


@pytest.mark.parametrize("seed", range(SEEDS))
def test_chains_hold_on_every_year_some_simple_walk_does(seed: int) -> None:
    """Against a brute force over every simple walk, on random graphs with dated, nested and
    overlapping membership: sponsors back militias, militias back militias and belong to fronts
    and to coalitions, each front belongs to one coalition, and militias, fronts and coalitions fight."""
    rng = random.Random(seed)
    sponsors, militias = [f"s{i}" for i in range(3)], [f"m{i}" for i in range(6)]
    fronts, coalitions = [f"f{i}" for i in range(3)], [f"c{i}" for i in range(2)]

    def dated(a: str, rtype: str, b: str) -> Spec:
        first = rng.choice([None, 2000, 2002, 2004, 2006])
        last = rng.choice([None, 2003, 2005, 2008]) if first is None or first < 2008 else None
        if first is not None and last is not None and last < first:
            first, last = last, first
        extra = {k: str(v) for k, v in (("since", first), ("until", last)) if v is not None}
        return (a, rtype, b, extra)

    specs = [dated(s, "backs", m) for s in sponsors for m in rng.sample(militias, 2)]
    specs += [dated(a, "backs", b) for a, b in itertools.permutations(militias, 2) if rng.random() < 0.1]
    specs += [dated(m, "member-of", f) for m in militias for f in fronts if rng.random() < 0.4]
    specs += [dated(m, "member-of", c) for m in militias for c in coalitions if rng.random() < 0.4]
    specs += [dated(f, "member-of", rng.choice(coalitions)) for f in fronts]
    fighters = militias + fronts + coalitions
    specs += [dated(a, "fights", b) for a, b in itertools.combinations(fighters, 2) if rng.random() < 0.12]
    specs += [dated(c, "fights", f) for c in coalitions for f in fronts if rng.random() < 0.2]  # a split in a coalition
    G = graph_of(*specs)
    for depth in (1, 2):
        found = {
            (c.sponsor, c.proxy, c.target, y)
            for c in proxy_chains(G, max_depth=depth)
            for y in range(2000, 2011)
            if any(a <= dt.date(y, 7, 1) <= b for a, b in c.periods)
        }
        assert found == _walks(G, depth)
