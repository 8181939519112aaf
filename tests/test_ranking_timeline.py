"""Shared sponsors, rank, timeline, diff and periods on small hand-checked graphs."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph.analytics.ranking import co_sponsored, rank
from graph.analytics.timeline import diff, timeline
from graph.errors import UsageError
from graph.model import PartialDate, Relation, intersect, periods_of
from graph.report.text import period_text
from tests.analytics_support import graph_of, keys


def test_co_sponsored_pairs_and_degrees() -> None:
    G = graph_of(("s1", "backs", "a"), ("s1", "backs", "b"), ("s1", "backs", "c"), ("s2", "backs", "a"),
                 ("s2", "backs", "b"), ("s2", "backs", "b", {"since": "2020"}))  # fmt: skip
    cs = co_sponsored(G)
    assert [(p.a, p.b, p.sponsors) for p in cs.pairs] == [("a", "b", ("s1", "s2")), ("a", "c", ("s1",)),
                                                         ("b", "c", ("s1",))]  # fmt: skip
    assert keys(cs.pairs[0].relations) == ["r0", "r1", "r3", "r4", "r5"]  # both parallel backs of s2 -> b
    assert cs.degree == {"a": 2, "b": 2, "c": 2}
    strict = co_sponsored(G, min_shared=2)
    assert [(p.a, p.b) for p in strict.pairs] == [("a", "b")] and strict.degree == {"a": 1, "b": 1}


def test_reach_follows_backs_through_a_cycle() -> None:
    ranks = {r.actor: r for r in rank(graph_of(("a", "backs", "b"), ("b", "backs", "a"), ("b", "backs", "c")))}
    assert (ranks["a"].reach, ranks["b"].reach, ranks["c"].reach) == (2, 2, 0)
    assert set(ranks["a"].reached) == {"b", "c"}
    assert (ranks["b"].clients, ranks["b"].backers) == (2, 1)


BROKER = [("s", "backs", "m1"), ("s", "backs", "m2"), ("m1", "backs", "f"), ("m2", "backs", "f"),
          ("f", "fights", "x"), ("s", "backs", "q")]  # fmt: skip


def test_brokerage_splits_between_equal_chains_and_ties_sort_by_name() -> None:
    ranks = rank(graph_of(*BROKER), by="brokerage")
    assert [(r.actor, r.brokerage) for r in ranks[:3]] == [("m1", 0.5), ("m2", 0.5), ("f", 0.0)]


def test_brokerage_equals_networkx_subset_betweenness() -> None:
    G = graph_of(*BROKER, ("x", "backs", "m1"), ("q", "backs", "m2"), ("q", "fights", "f"))
    H: nx.DiGraph[str] = nx.DiGraph((u, v) for u, v, t in G.edges(data="type") if t == "backs")
    fighters = {n for u, v, t in G.edges(data="type") if t == "fights" for n in (u, v)}
    sponsors = {u for u, _ in H.edges}
    expected = nx.betweenness_centrality_subset(H, sponsors, fighters, normalized=False)
    got = {r.actor: r.brokerage for r in rank(G)}
    assert got == pytest.approx({n: expected.get(n, 0.0) for n in got})


def test_rank_rejects_an_unknown_measure() -> None:
    with pytest.raises(UsageError, match="unknown measure 'size'"):
        rank(graph_of(*BROKER), by="size")


def test_timeline_in_date_order_unknown_starts_first() -> None:
    G = graph_of(("a", "backs", "b", {"since": "2012"}), ("c", "fights", "a", {"since": "2010", "until": "2011"}),
                 ("a", "member-of", "d"), ("a", "backs", "e", {"since": "2010"}))  # fmt: skip
    assert keys(timeline(G, "a")) == ["r2", "r1", "r3", "r0"]


def test_diff_began_ended_and_came_and_went() -> None:
    G = graph_of(("a", "backs", "b", {"since": "2000", "until": "2010"}), ("a", "fights", "b", {"since": "2012"}),
                 ("c", "backs", "b", {"since": "2005", "until": "2006"}), ("d", "backs", "b"),
                 ("e", "backs", "b", {"until": "2010"}))  # fmt: skip
    d = diff(G, "2004", "2013")
    assert (keys(d.began), keys(d.ended), keys(d.came_and_went)) == (["r1"], ["r0"], ["r2"])
    # an unknown start: e may have backed b in 2004, and is known to only in 2010: no change shown
    assert keys(d.unobserved) == ["r4"]
    assert diff(G, "2013", "2014").began == ()


@pytest.mark.parametrize(("start", "end"), [("2014", "2014"), ("2014-06", "2014"), ("2015", "2014")])
def test_diff_needs_the_first_date_before_the_second(start: str, end: str) -> None:
    with pytest.raises(UsageError, match="must end before"):
        diff(graph_of(("a", "backs", "b")), start, end)


def test_periods_of_parallel_relations_merge_and_intersect() -> None:
    early = Relation("e", "a", "backs", "b", until=PartialDate(2010))
    late = Relation("l", "a", "backs", "b", since=PartialDate(2010, 6))
    gone = Relation("g", "a", "backs", "b", ended=True, ended_before=PartialDate(2015))
    assert periods_of([early, late]) == [(dt.date.min, dt.date.max)]
    assert gone.period == (dt.date.min, dt.date(2014, 12, 31))
    assert intersect(periods_of([late]), periods_of([gone])) == [(dt.date(2010, 6, 1), dt.date(2014, 12, 31))]
    assert period_text(periods_of([late])) == "2010-06-01 .. ongoing"
