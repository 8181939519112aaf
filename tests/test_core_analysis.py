"""Supporters, clients, paths and as-of views, on small graphs checked by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graph.analytics.paths import paths, relations_of
from graph.analytics.supporters import clients, supporters
from graph.errors import UnknownActor, UsageError
from graph.model import PartialDate
from graph.network import as_of, find_node, of_types

MakeGraph = Callable[..., Any]
KINDS = {"s": "state", "t": "state", "p": "militia", "q": "militia", "g": "government", "r": "rebel-group"}


def chains_of(found: list) -> dict[str, list[list[str]]]:
    return {s.actor: [c.nodes for c in s.chains] for s in found}


def test_supporters_direct_and_through_proxies(make_graph: MakeGraph) -> None:
    G = make_graph(KINDS, [("s", "backs", "p"), ("p", "backs", "g"), ("t", "backs", "g"), ("r", "fights", "g")])
    found = supporters(G, "g")
    assert chains_of(found) == {"p": [["p", "g"]], "t": [["t", "g"]], "s": [["s", "p", "g"]]}
    assert [(s.actor, s.depth) for s in found] == [("p", 1), ("t", 1), ("s", 2)]


def test_supporters_depth_limits_the_chain(make_graph: MakeGraph) -> None:
    G = make_graph(KINDS, [("s", "backs", "p"), ("p", "backs", "q"), ("q", "backs", "g")])
    assert [s.actor for s in supporters(G, "g", max_depth=2)] == ["q", "p"]
    assert [s.actor for s in supporters(G, "g", max_depth=3)] == ["q", "p", "s"]


def test_cycle_in_backing_ends(make_graph: MakeGraph) -> None:
    G = make_graph(KINDS, [("p", "backs", "q"), ("q", "backs", "p"), ("q", "backs", "g")])
    assert chains_of(supporters(G, "g", max_depth=10)) == {"q": [["q", "g"]], "p": [["p", "q", "g"]]}
    assert chains_of(clients(G, "p", max_depth=10)) == {"q": [["p", "q"]], "g": [["p", "q", "g"]]}


def test_two_chains_to_one_supporter_are_both_kept(make_graph: MakeGraph) -> None:
    G = make_graph(KINDS, [("s", "backs", "p"), ("s", "backs", "q"), ("p", "backs", "g"), ("q", "backs", "g")])
    assert chains_of(supporters(G, "g"))["s"] == [["s", "p", "g"], ["s", "q", "g"]]


def test_parallel_relations_are_one_step_with_both(make_graph: MakeGraph) -> None:
    G = make_graph(
        KINDS,
        [
            ("s", "backs", "g", {"since": 2011, "until": 2014}),
            ("s", "backs", "g", {"since": 2018, "support": ["weapons"]}),
        ],
    )
    (found,) = supporters(G, "g")
    (chain,) = found.chains
    assert [str(r.since) for r in chain.steps[0].relations] == ["2011", "2018"]


def test_support_filter_needs_the_type_on_every_hop(make_graph: MakeGraph) -> None:
    G = make_graph(
        KINDS,
        [
            ("s", "backs", "p", {"support": ["weapons", "funding"]}),
            ("p", "backs", "g", {"support": ["troops"]}),
            ("t", "backs", "g", {"support": ["weapons"]}),
        ],
    )
    assert chains_of(supporters(G, "g", support="weapons")) == {"t": [["t", "g"]]}
    assert sorted(chains_of(supporters(G, "g", support="troops"))) == ["p"]


def test_fighting_is_not_support(make_graph: MakeGraph) -> None:
    G = make_graph(KINDS, [("r", "fights", "g"), ("s", "allied-with", "g")])
    assert supporters(G, "g") == []


def test_as_of_keeps_relations_whose_interval_overlaps(make_graph: MakeGraph) -> None:
    G = make_graph(
        KINDS,
        [("s", "backs", "g", {"since": 2012, "until": 2016}), ("t", "backs", "g", {"since": "2016-12"})],
    )
    assert [s.actor for s in supporters(as_of(G, "2014"), "g")] == ["s"]
    assert [s.actor for s in supporters(as_of(G, "2016"), "g")] == ["s", "t"]
    assert [s.actor for s in supporters(as_of(G, "2016-06"), "g")] == ["s"]
    assert [s.actor for s in supporters(as_of(G, "2017-01-01"), "g")] == ["t"]


def test_chain_holds_only_while_every_hop_does(make_graph: MakeGraph) -> None:
    G = make_graph(KINDS, [("s", "backs", "p", {"until": 2013}), ("p", "backs", "g", {"since": 2015})])
    assert chains_of(supporters(G, "g")) == {"p": [["p", "g"]]}  # s backed p before p backed g: no chain
    assert chains_of(supporters(as_of(G, "2014"), "g")) == {}
    assert chains_of(supporters(as_of(G, "2016"), "g")) == {"p": [["p", "g"]]}


def test_ended_without_date_holds_only_before_the_source_says_so(bundled_graph: Any) -> None:
    affiliation = [r for r in relations_of(bundled_graph, "hts") if r.type == "affiliated-with"]
    assert [(r.target, r.is_ongoing, r.ended_before) for r in affiliation] == [
        ("al-qaeda", False, PartialDate(2024, 12, 2))
    ]
    assert [r.type for r in relations_of(as_of(bundled_graph, "2024-12-02"), "hts")] == ["member-of"]


def test_bad_as_of_date_is_a_usage_error(bundled_graph: Any) -> None:
    with pytest.raises(UsageError, match="bad date: '2016-13' has no month 13"):
        as_of(bundled_graph, "2016-13")


def test_paths_walk_relations_either_way(make_graph: MakeGraph) -> None:
    G = make_graph(KINDS, [("s", "backs", "p"), ("p", "fights", "r"), ("t", "backs", "r"), ("s", "backs", "g")])
    assert [c.nodes for c in paths(G, "s", "t")] == [["s", "p", "r", "t"]]
    assert [c.nodes for c in paths(G, "t", "s")] == [["t", "r", "p", "s"]]
    assert paths(G, "s", "s") == []


def test_all_paths_and_via_types(make_graph: MakeGraph) -> None:
    G = make_graph(
        KINDS,
        [("s", "backs", "p"), ("p", "fights", "r"), ("s", "fights", "q"), ("q", "fights", "r"), ("s", "backs", "r")],
    )
    assert [c.nodes for c in paths(G, "s", "r")] == [["s", "r"]]
    assert [c.nodes for c in paths(G, "s", "r", shortest=False)] == [["s", "r"], ["s", "p", "r"], ["s", "q", "r"]]
    assert [c.nodes for c in paths(of_types(G, ["fights"]), "s", "r")] == [["s", "q", "r"]]
    assert paths(of_types(G, ["allied-with"]), "s", "r") == []


def test_unknown_relation_type_in_view(make_graph: MakeGraph) -> None:
    G = make_graph(KINDS, [("s", "backs", "p")])
    with pytest.raises(UsageError, match="unknown relation type 'figths' - did you mean 'fights'"):
        of_types(G, ["figths"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("assad-government", "assad-government"), ("Assad government", "assad-government"),
     ("damascus GOVERNMENT", "assad-government"), ("HTS", "hts"), ("Tehran", "iran"), ("nujabaa", "nujaba")],
)  # fmt: skip
def test_actors_are_found_by_id_name_or_alias(bundled_graph: Any, text: str, expected: str) -> None:
    assert find_node(bundled_graph, text) == expected


def test_unknown_actor_suggests_close_names(bundled_graph: Any) -> None:
    with pytest.raises(UnknownActor) as info:
        find_node(bundled_graph, "irn")
    assert info.value.suggestions[0] == "iran"
    assert str(info.value).startswith("unknown actor 'irn' - did you mean 'iran'")


def _with_add_edge(dataset: Any) -> Any:
    """The graph `build_graph` makes, made the plain networkx way (`add_edge`), to compare with."""
    import networkx as nx

    from graph.network import node_attributes
    from graph.vocabulary import RELATION_TYPES

    G = nx.MultiDiGraph(name=dataset.name, dataset=dataset.name)
    for node in [*dataset.actors.values(), *dataset.places.values()]:
        G.add_node(node.id, **node_attributes(node))
    for rel in dataset.relations:
        vocab = RELATION_TYPES[rel.type]
        G.add_edge(rel.source, rel.target, key=rel.key, relation=rel, type=rel.type, sign=vocab.sign,
                   directed=vocab.directed, confidence=rel.confidence)  # fmt: skip
    return G


@pytest.mark.parametrize("name", ["bundled", "synthetic", "an end no record names"])
def test_the_graph_is_the_one_add_edge_would_build(name: str) -> None:
    """`build_graph` writes networkx's adjacency itself: the nodes, edges, keys, attributes, their
    order and both directions' views are what `add_edge` gives, and the graph works as any other."""
    from graph.dataset import load_dataset
    from graph.model import Relation
    from graph.network import build_graph
    from tests.synthetic import generate

    dataset = load_dataset() if name == "bundled" else generate(n_actors=60, n_relations=400, seed=3)
    if name == "an end no record names":
        dataset.relations.append(Relation("stray", "a1", "backs", "nobody-named"))
    G, expected = build_graph(dataset), _with_add_edge(dataset)
    assert list(G.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert [list(G.pred[n].items()) for n in G] == [list(expected.pred[n].items()) for n in expected]
    assert G.number_of_edges() == expected.number_of_edges() == len(dataset.relations)
    u, v, k = next(iter(G.edges(keys=True)))
    assert G.has_edge(u, v, k) and k in G[u][v] and k in G.pred[v][u]
    G.remove_edge(u, v, k)  # a graph like any other: changed, its views follow
    assert not G.has_edge(u, v, k) and G.number_of_edges() == len(dataset.relations) - 1
