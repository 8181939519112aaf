"""Proxy analytics: one rule for chains of support (no relay through a state or government), streaming.

The US backs Iraq against IS, Iraq backs Syria: the US does not thereby back Syria. The rule is
`graph.analytics.support.relays_support`; ``via_states=True`` (``--via-states``) lifts it.
"""

from __future__ import annotations

import itertools

import pytest

from graph.analytics.proxies import chain_key, count_proxy_chains, iter_proxy_chains, proxy_chains, proxy_wars
from graph.analytics.ranking import rank
from graph.network import build_graph
from tests.analytics_support import graph_of
from tests.synthetic import generate_proxy_wars

KINDS = {"us": "state", "iraq": "government", "syria": "government"}
# us -> iraq -> syria: a state backs a government that backs a government.
IRAQ = [("us", "backs", "iraq"), ("iraq", "fights", "is"), ("iraq", "backs", "syria"), ("syria", "fights", "rebels")]


def nodes(found: list) -> list[list[str]]:  # type: ignore[type-arg]
    return [c.chain.nodes for c in found]


def test_a_government_in_the_middle_stops_the_chain() -> None:
    G = graph_of(*IRAQ, kinds=KINDS)
    assert nodes(proxy_chains(G)) == [["iraq", "syria", "rebels"], ["us", "iraq", "is"]]
    assert nodes(proxy_chains(G, sponsor="us")) == [["us", "iraq", "is"]]
    assert proxy_chains(G, target="rebels", max_depth=3) == proxy_chains(G, sponsor="iraq")


def test_via_states_passes_through_the_government() -> None:
    G = graph_of(*IRAQ, kinds=KINDS)
    assert nodes(proxy_chains(G, via_states=True)) == [
        ["iraq", "syria", "rebels"], ["us", "iraq", "is"], ["us", "iraq", "syria", "rebels"]
    ]  # fmt: skip
    assert nodes(proxy_chains(G, target="rebels", via_states=True)) == [
        ["iraq", "syria", "rebels"], ["us", "iraq", "syria", "rebels"]
    ]  # fmt: skip


def test_a_government_at_the_end_of_the_backing_is_still_a_proxy() -> None:
    G = graph_of(
        ("iran", "backs", "assad"), ("assad", "fights", "rebels"), kinds={"iran": "state", "assad": "government"}
    )
    assert nodes(proxy_chains(G)) == [["iran", "assad", "rebels"]]


@pytest.mark.parametrize(
    ("kind", "relayed"), [("militia", True), ("coalition", True), ("state", False), ("government", False)]
)
def test_which_kinds_relay_support(kind: str, relayed: bool) -> None:
    G = graph_of(("x", "backs", "m"), ("m", "backs", "p"), ("p", "fights", "t"), kinds={"m": kind})
    through = [["x", "m", "p", "t"]] if relayed else []
    assert nodes(proxy_chains(G, sponsor="x")) == through
    assert nodes(proxy_chains(G)) == [["m", "p", "t"], *through]
    assert nodes(proxy_chains(G, via_states=True)) == [["m", "p", "t"], ["x", "m", "p", "t"]]


def test_proxy_wars_beyond_one_hop_stop_at_a_government() -> None:
    G = graph_of(("us", "backs", "iraq"), ("iraq", "backs", "a"), ("y", "backs", "b"), ("a", "fights", "b"),
                 kinds=KINDS)  # fmt: skip
    assert [w.sponsors for w in proxy_wars(G)] == [("iraq", "y")]
    assert [w.sponsors for w in proxy_wars(G, max_depth=2)] == [("iraq", "y")]
    assert [w.sponsors for w in proxy_wars(G, max_depth=2, via_states=True)] == [("iraq", "y"), ("us", "y")]


def test_reach_and_brokerage_stop_at_a_government() -> None:
    G = graph_of(*IRAQ, ("us", "backs", "m"), ("m", "backs", "p"), ("p", "fights", "is"), kinds=KINDS)
    ranks = {r.actor: r for r in rank(G)}
    assert (ranks["us"].reach, set(ranks["us"].reached)) == (3, {"iraq", "m", "p"})
    assert (ranks["iraq"].brokerage, ranks["m"].brokerage) == (0.0, 1.0)
    ranks = {r.actor: r for r in rank(G, via_states=True)}
    assert (ranks["us"].reach, set(ranks["us"].reached)) == (4, {"iraq", "m", "p", "syria"})
    assert (ranks["iraq"].brokerage, ranks["m"].brokerage) == (1.0, 1.0)


# --- streaming: iter_proxy_chains, top, count ---

TIES = [("a", "backs", "p"), ("b", "backs", "p"), ("c", "backs", "q"), ("p", "fights", "t"), ("q", "fights", "t"),
        ("x", "backs", "a"), ("w", "backs", "r", {"confidence": "low"}), ("r", "fights", "t"),
        ("p", "fights", "q")]  # fmt: skip


def test_streamed_chains_are_the_sorted_ones() -> None:
    G = graph_of(*TIES)
    streamed = list(iter_proxy_chains(G))
    assert sorted(nodes(streamed)) == sorted(nodes(proxy_chains(G)))
    assert len(streamed) == count_proxy_chains(G) == 9


@pytest.mark.parametrize("top", [1, 2, 3, 5, 9, 20])
def test_top_is_the_head_of_the_ranking_ties_included(top: int) -> None:
    G = graph_of(*TIES)
    assert nodes(proxy_chains(G, top=top)) == nodes(proxy_chains(G))[:top]
    assert nodes(proxy_chains(G, top=2)) == [["a", "p", "q"], ["a", "p", "t"]]


def test_count_takes_the_same_options() -> None:
    G = graph_of(*IRAQ, kinds=KINDS)
    for sponsor, via in itertools.product([None, "us"], [False, True]):
        expected = len(proxy_chains(G, sponsor=sponsor, via_states=via))
        assert count_proxy_chains(G, sponsor=sponsor, via_states=via) == expected
    assert count_proxy_chains(G, sponsor="us", via_states=True) == 2


@pytest.mark.parametrize("inherit", [True, False])
def test_streaming_agrees_with_sorting_on_a_synthetic_war(inherit: bool) -> None:
    G = build_graph(generate_proxy_wars(3000, seed=2))
    every = proxy_chains(G, inherit_membership=inherit)
    assert len(every) > 100
    assert count_proxy_chains(G, inherit_membership=inherit) == len(every)
    assert [chain_key(c) for c in proxy_chains(G, inherit_membership=inherit, top=25)] == [
        chain_key(c) for c in every[:25]
    ]
    sponsor = every[0].sponsor
    mine = [c for c in every if c.sponsor == sponsor]
    assert sorted(map(chain_key, proxy_chains(G, sponsor=sponsor, inherit_membership=inherit))) == sorted(
        map(chain_key, mine)
    )
    assert count_proxy_chains(G, sponsor=sponsor, target=mine[0].target, inherit_membership=inherit) == sum(
        c.target == mine[0].target for c in mine
    )
