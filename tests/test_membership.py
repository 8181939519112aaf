"""Membership, as far as the sources say (issue 11): supporters and clients through member-of.

Hand-checked graphs: a backer of a coalition whose relation ``reaches_members`` backs each member;
one whose relation does not backs none; a backer of a member backs its coalition; no hop down
after a hop up; ``--no-inherit-membership`` turns membership off. Then the bundled data.
"""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from graph.analytics.supporters import clients, supporters
from graph.cli import cli
from tests.analytics_support import graph_of

STATE = {"s": "state"}
REACHES = [("s", "backs", "c", {"reaches_members": True}), ("m", "member-of", "c"), ("n", "member-of", "c")]
NOT_REACHING = [("s", "backs", "c"), ("m", "member-of", "c")]


def answer(found: list[Any]) -> dict[str, list[list[str]]]:
    return {s.actor: [c.nodes for c in s.chains] for s in found}


def test_a_backer_whose_relation_reaches_members_backs_each_member() -> None:
    G = graph_of(*REACHES, kinds=STATE)
    assert answer(supporters(G, "m")) == {"s": [["s", "c", "m"]]}
    assert answer(clients(G, "s")) == {"c": [["s", "c"]], "m": [["s", "c", "m"]], "n": [["s", "c", "n"]]}
    (chain,) = supporters(G, "m")[0].chains
    assert [(s.source, s.target, s.relations[0].type) for s in chain.steps] == [
        ("s", "c", "backs"), ("c", "m", "member-of")]  # fmt: skip


def test_a_backer_of_a_coalition_does_not_back_its_members_otherwise() -> None:
    G = graph_of(*NOT_REACHING, kinds=STATE)
    assert supporters(G, "m") == []
    assert answer(clients(G, "s")) == {"c": [["s", "c"]]}


def test_a_backer_of_a_member_backs_its_coalition() -> None:
    G = graph_of(("s", "backs", "m"), ("m", "member-of", "c"), kinds=STATE)
    assert answer(supporters(G, "c")) == {"s": [["s", "m", "c"]]}
    assert answer(clients(G, "s")) == {"c": [["s", "m", "c"]], "m": [["s", "m"]]}


def test_no_hop_down_after_a_hop_up() -> None:
    """s backs m, a member of c; n, another member of c, is not backed by s through c."""
    G = graph_of(("s", "backs", "m"), ("m", "member-of", "c"), ("n", "member-of", "c"), kinds=STATE)
    assert supporters(G, "n") == []
    assert "n" not in answer(clients(G, "s"))


def test_membership_hops_count_toward_depth_and_hold_with_the_others() -> None:
    G = graph_of(*REACHES, kinds=STATE)
    assert "m" not in answer(clients(G, "s", max_depth=1))
    dated = graph_of(("s", "backs", "c", {"until": "2013", "reaches_members": True}),
                     ("m", "member-of", "c", {"since": "2015"}), kinds=STATE)  # fmt: skip
    assert supporters(dated, "m") == []


def test_no_inherit_membership_turns_membership_off() -> None:
    G = graph_of(*REACHES, ("t", "backs", "m"), ("m", "member-of", "d"), kinds={"s": "state", "t": "state"})
    assert supporters(G, "m", inherit_membership=False) == [s for s in supporters(G, "m") if s.actor == "t"]
    assert supporters(G, "d", inherit_membership=False) == []


def run(*args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_bundled_badr_is_backed_by_iran_through_the_iraqi_militias() -> None:
    data = run("supporters", "badr")
    iran = next(s for s in data["supporters"] if s["id"] == "iran")
    chain = iran["chains"][0]
    assert chain["nodes"] == ["iran", "iraqi-militias", "badr"]
    quotes = [c["quote"] for step in chain["steps"] for r in step["relations"] for c in r["evidence"]]
    assert "Iranian-backed Iraqi militias crossed into Syria overnight" in quotes
    assert "at least 300 fighters, from the Badr and Nujabaa groups, crossed late on Sunday" in quotes
    assert {"badr", "nujaba"} <= {c["id"] for c in run("clients", "iran")["clients"]}
    assert run("supporters", "badr", "--no-inherit-membership")["supporters"] == []


def test_bundled_hts_is_not_backed_through_the_rebels_and_turkey_backs_them_in_2024() -> None:
    assert run("supporters", "hts")["supporters"] == []
    rebels = run("supporters", "Syrian rebels", "--as-of", "2024-12")["supporters"]
    assert [(s["id"], s["chains"][0]["nodes"]) for s in rebels] == [
        ("turkey", ["turkey", "turkish-backed-rebels", "syrian-rebels"])]  # fmt: skip


def test_rank_reach_and_co_sponsored_follow_membership() -> None:
    from graph.analytics.ranking import co_sponsored, rank
    from graph.network import as_of

    G = graph_of(*REACHES, ("t", "backs", "c"), ("u", "backs", "m"), kinds={"s": "state", "t": "state", "u": "state"})
    reach = {r.actor: set(r.reached) for r in rank(G)}
    assert reach["s"] == {"c", "m", "n"} and reach["t"] == {"c"} and reach["u"] == {"m", "c"}
    assert {r.actor: set(r.reached) for r in rank(G, inherit_membership=False)}["s"] == {"c"}
    pairs = {(p.a, p.b): p for p in co_sponsored(G).pairs}
    assert set(pairs) == {("c", "m"), ("c", "n"), ("m", "n")}
    assert pairs[("c", "m")].sponsors == ("s", "u")  # u backs m, so its coalition c
    assert sorted(r.type for r in pairs[("m", "n")].relations) == ["backs", "member-of", "member-of"]
    assert co_sponsored(G, inherit_membership=False).pairs == ()
    # t's backs does not reach c's members: only with what may hold, marked
    possible = {(p.a, p.b): p for p in co_sponsored(as_of(G, "2020", possible=True)).pairs}
    assert possible[("c", "n")].sponsors == ("s", "t")
    assert "through membership of c" in str(possible[("c", "n")].possible)


def test_bundled_rank_and_co_sponsored_count_badr_and_nujaba() -> None:
    runner = CliRunner()
    ranked = json.loads(runner.invoke(cli, ["rank", "--as-of", "2024-12-02", "--format", "json"]).output)
    iran = next(a for a in ranked["actors"] if a["id"] == "iran")
    assert {"badr", "nujaba"} <= set(iran["reached"])
    off = json.loads(runner.invoke(cli, ["rank", "--as-of", "2024-12-02", "--no-inherit-membership",
                                         "--format", "json"]).output)  # fmt: skip
    assert not {"badr", "nujaba"} & set(next(a for a in off["actors"] if a["id"] == "iran")["reached"])
    shared = json.loads(runner.invoke(cli, ["co-sponsored", "--as-of", "2024-12-02", "--format", "json"]).output)
    pair = next(p for p in shared["pairs"] if (p["a"], p["b"]) == ("badr", "nujaba"))
    assert pair["sponsors"] == ["iran"] and "possible" not in pair
    assert {r["type"] for r in pair["relations"]} == {"backs", "member-of"}
