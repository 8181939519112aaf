"""One answer, two engines: `supporters`, `clients` and `path` from NetworkX and from Neo4j agree."""

from __future__ import annotations

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
        ["path", "iran", "hts"],
        ["path", "turkey", "assad-government", "--via", "backs,fights,member-of", "--all"],
        ["path", "russia", "aleppo", "--as-of", "2014"],
        ["path", "iran", "hts", "--max-hops", "2"],
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


def varied(seed: int) -> Dataset:
    """A synthetic dataset with month precision and relations ended at an unknown date too."""
    ds = generate(n_actors=30, n_relations=120, seed=seed)
    rng = random.Random(seed)
    for rel in ds.relations:
        if rel.since and rng.random() < 0.3:
            rel.since = PartialDate(rel.since.year, rng.randint(1, 12))
        if rel.until and rng.random() < 0.3:
            rel.until, rel.ended, rel.ended_before = None, True, PartialDate(rel.until.year, 6)
    return ds


def supporters_json(G: nx.MultiDiGraph[str], found: list[chains.Supporter]) -> list[dict[str, Any]]:
    return [shapes.supporter_data(G, s) for s in found]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graphs_agree(seed: int, store: Store, dataset_name: str) -> None:
    ds = varied(seed)
    store_module.load(store, ds, dataset_name)
    full = build_graph(ds)
    rng = random.Random(seed)
    actors = sorted(ds.actors)
    checked = 0
    for when in DATES:
        G = as_of(full, when)
        for actor in rng.sample(actors, 6):
            for reverse in (False, True):
                finder = backing.clients if reverse else backing.supporters
                expected = supporters_json(G, finder(G, actor, max_depth=3))
                got = store_analysis.supporters(store, dataset_name, actor, max_depth=3, as_of=when, reverse=reverse)
                assert supporters_json(G, got) == expected, (actor, when, reverse)
                checked += bool(expected)
        for a, b in [tuple(rng.sample(actors, 2)) for _ in range(4)]:
            for shortest in (True, False):
                expected_paths = walks.paths(G, a, b, shortest=shortest, max_hops=None if shortest else 3)
                got_paths = store_analysis.paths(store, dataset_name, a, b, shortest=shortest,
                                                 max_hops=None if shortest else 3, as_of=when)  # fmt: skip
                assert [shapes.chain_data(c) for c in got_paths] == [shapes.chain_data(c) for c in expected_paths]
                checked += bool(expected_paths)
    assert checked > 20  # most questions had an answer: the comparison was not of empty lists
