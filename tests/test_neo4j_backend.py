"""One answer, two engines: `supporters`, `clients` and `path` from NetworkX and from Neo4j agree."""

from __future__ import annotations

import itertools
import json
import random
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.analytics import chains
from graph.analytics import paths as walks
from graph.analytics import supporters as backing
from graph.cli import cli
from graph.model import Dataset, PartialDate
from graph.neo4j import backend as store_analysis
from graph.neo4j import store as store_module
from graph.neo4j.store import Settings, Store
from graph.network import as_of, build_graph
from graph.report import shapes
from tests.analytics_support import dataset_of
from tests.synthetic import generate

pytestmark = pytest.mark.neo4j

DATES = [None, "2000", "2012-06", "2016-12-31", "2024-12-02"]


@pytest.fixture
def neo4j_env(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in (("URI", neo4j_settings.uri), ("USER", neo4j_settings.user),
                       ("PASSWORD", neo4j_settings.password), ("DATABASE", neo4j_settings.database)):  # fmt: skip
        monkeypatch.setenv(f"NEO4J_{key}", str(value))


@pytest.mark.parametrize(
    "args",
    [
        ["supporters", "assad-government"],
        ["supporters", "Assad government", "--depth", "1", "--as-of", "2016"],
        ["supporters", "assad-government", "--support", "troops"],
        ["clients", "iran", "--depth", "5"],
        ["clients", "iran", "--as-of", "2024-11"],
        # what may hold, marked the same way (an unknown start, after the data's end, through membership)
        ["supporters", "assad-government", "--as-of", "1990", "--possible"],
        ["supporters", "hts", "--possible"],
        ["clients", "turkey", "--as-of", "2018", "--possible"],
        ["path", "iran", "hts"],
        ["path", "turkey", "assad-government", "--via", "backs,fights,member-of", "--all"],
        ["path", "russia", "aleppo", "--as-of", "2014"],
        ["path", "iran", "hts", "--max-hops", "2"],
        # answers the held rule changed: hops that never held together are no chain
        ["clients", "jrtn"],
        ["supporters", "syrian-rebels"],
        ["clients", "iran", "--via-states"],
        ["supporters", "assad-government", "--via-states"],
        ["path", "iran", "hts", "--all"],
        ["path", "russia", "jrtn", "--via", "backs,fights", "--max-hops", "3"],
        # paths that may hold too, marked, after those that hold
        ["path", "iran", "hts", "--possible"],
        ["path", "russia", "aleppo", "--as-of", "2014", "--possible"],
        ["path", "assad-government", "hts", "--as-of", "1990", "--possible"],
        [
            "path",
            "turkey",
            "assad-government",
            "--via",
            "backs,fights,member-of",
            "--all",
            "--as-of",
            "2013",
            "--possible",
        ],
    ],
)
def test_bundled_cli_json_is_identical(args: list[str], neo4j_env: None, loaded_bundled: Dataset) -> None:
    nx_result = CliRunner().invoke(cli, [*args, "--format", "json"])
    neo_result = CliRunner().invoke(cli, [*args, "--format", "json", "--backend", "neo4j"])
    assert nx_result.exit_code == neo_result.exit_code == 0, neo_result.output
    assert json.loads(neo_result.output) == json.loads(nx_result.output)
    assert json.loads(nx_result.output) not in ({}, [])


def test_neo4j_backend_unknown_actor_and_missing_dataset(neo4j_env: None, loaded_bundled: Dataset) -> None:
    result = CliRunner().invoke(cli, ["supporters", "irn", "--backend", "neo4j"])
    assert result.exit_code == 2 and result.output.strip() == "Error: unknown actor 'irn' - did you mean 'iran'?"
    result = CliRunner().invoke(cli, ["path", "a", "b", "--backend", "neo4j", "--data", "nowhere/never-loaded"])
    assert result.exit_code == 3
    message = "Error: Neo4j holds no dataset 'never-loaded' - load it first with 'proxygraph load'"
    assert result.output.strip() == message


def varied(seed: int, *, spells: bool = False) -> Dataset:
    """A synthetic dataset with month precision and relations ended at an unknown date too; with
    ``spells``, most relations last a few years only, so that many chains never hold together."""
    ds = generate(n_actors=30, n_relations=120, seed=seed)
    rng = random.Random(seed)
    for rel in ds.relations:
        if spells and rng.random() < 0.7:
            year = rng.randint(2010, 2020)
            rel.since, rel.until = PartialDate(year), PartialDate(year + rng.randint(0, 2), rng.randint(1, 12))
        if rel.since and rng.random() < 0.3:
            rel.since = PartialDate(rel.since.year, rng.randint(1, 12))
        if rel.until and rng.random() < 0.3:
            rel.until, rel.ended, rel.ended_before = None, True, PartialDate(rel.until.year, 6)
    return ds


def supporters_json(G: nx.MultiDiGraph[str], found: list[chains.Supporter]) -> list[dict[str, Any]]:
    return [shapes.supporter_data(G, s) for s in found]


@pytest.mark.parametrize(("seed", "spells"), [(1, False), (2, False), (3, False), (4, True), (5, True)])
def test_random_graphs_agree(seed: int, spells: bool, store: Store, dataset_name: str) -> None:
    ds = varied(seed, spells=spells)
    store_module.load(store, ds, dataset_name)
    full = build_graph(ds)
    rng = random.Random(seed)
    actors = sorted(ds.actors)
    checked = 0
    for when in DATES:
        for actor in rng.sample(actors, 6):
            for reverse, possible in itertools.product((False, True), (False, True)):
                view = as_of(full, when, possible=possible)
                finder = backing.clients if reverse else backing.supporters
                expected = supporters_json(view, finder(view, actor, max_depth=3))
                got = store_analysis.supporters(store, dataset_name, actor, max_depth=3, as_of=when, reverse=reverse,
                                                possible=possible)  # fmt: skip
                assert supporters_json(view, got) == expected, (actor, when, reverse, possible)
                checked += bool(expected)
        for a, b in [tuple(rng.sample(actors, 2)) for _ in range(4)]:
            for shortest, possible in itertools.product((True, False), (False, True)):
                view = as_of(full, when, possible=possible)
                expected_paths = walks.paths(view, a, b, shortest=shortest, max_hops=None if shortest else 3)
                got_paths = store_analysis.paths(store, dataset_name, a, b, shortest=shortest,
                                                 max_hops=None if shortest else 3, as_of=when,
                                                 possible=possible)  # fmt: skip
                assert [shapes.chain_data(c) for c in got_paths] == [shapes.chain_data(c) for c in expected_paths]
                checked += bool(expected_paths)
    assert checked > 20  # most questions had an answer: the comparison was not of empty lists


HELD_CASES = [
    ("hc-a", "backs", "hc-b", {"until": "2013"}), ("hc-b", "backs", "hc-c", {"since": "2015"}),  # disjoint years
    ("hc-a", "fights", "hc-x"), ("hc-x", "fights", "hc-y"), ("hc-y", "fights", "hc-c"),  # a longer path that holds
    ("hc-d", "backs", "hc-e", {"since": "2010", "until": "2011"}), ("hc-d", "backs", "hc-e", {"since": "2016"}),
    ("hc-e", "backs", "hc-f", {"since": "2015", "until": "2016-06"}),  # d -> e -> f holds with the second only
    ("hc-g", "backs", "hc-h", {"until": "2012"}), ("hc-g", "backs", "hc-h", {"since": "2014"}),
    ("hc-h", "backs", "hc-i"),  # g -> h -> i holds with both
]  # fmt: skip


def test_hops_in_disjoint_years_are_no_chain_in_neo4j_either(store: Store, dataset_name: str) -> None:
    ds = dataset_of(*HELD_CASES)
    store_module.load(store, ds, dataset_name)
    G = build_graph(ds)
    for actor in sorted(ds.actors):
        for reverse in (False, True):
            finder = backing.clients if reverse else backing.supporters
            got = store_analysis.supporters(store, dataset_name, actor, reverse=reverse)
            assert supporters_json(G, got) == supporters_json(G, finder(G, actor)), (actor, reverse)
        for other in sorted(ds.actors):
            for shortest in (True, False):
                got_paths = store_analysis.paths(store, dataset_name, actor, other, shortest=shortest)
                expected = walks.paths(G, actor, other, shortest=shortest)
                assert [shapes.chain_data(c) for c in got_paths] == [shapes.chain_data(c) for c in expected]
    assert [s.actor for s in store_analysis.supporters(store, dataset_name, "hc-c")] == ["hc-b"]
    (chain,) = store_analysis.clients(store, dataset_name, "hc-d")[1].chains
    assert [[r.key for r in step.relations] for step in chain.steps] == [["r6"], ["r7"]]
    assert [c.nodes for c in store_analysis.paths(store, dataset_name, "hc-a", "hc-c")] == [
        ["hc-a", "hc-x", "hc-y", "hc-c"]
    ]
    (path,) = store_analysis.paths(store, dataset_name, "hc-d", "hc-f")
    assert [[r.key for r in step.relations] for step in path.steps] == [["r6"], ["r7"]]
    (path,) = store_analysis.paths(store, dataset_name, "hc-g", "hc-i")  # allShortestPaths gives both g-h hops
    assert [[r.key for r in step.relations] for step in path.steps] == [["r8", "r9"], ["r10"]]
