"""One answer in both engines (issue 15): proxy chains and proxy wars from NetworkX and from Neo4j
agree, and every --backend neo4j command reads the dataset named by --dataset-name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.analytics.proxies import count_proxy_chains, proxy_chains, proxy_wars
from graph.cli import cli
from graph.dataset import bundled_path
from graph.model import Dataset
from graph.neo4j import backend as store_analysis
from graph.neo4j import store as store_module
from graph.neo4j.store import Settings, Store
from graph.network import as_of, build_graph
from graph.report import answers
from graph.report.formats import render
from tests.synthetic import generate, generate_proxy_wars

pytestmark = pytest.mark.neo4j

# a relation the bundled data lacks: Russia backs HTS (quoting words of the report, so it validates)
EXTRA = """  - from: russia
    type: backs
    to: hts
    confidence: low
    evidence:
      - source: report-2024-12-02
        quote: Hayat Tahrir al-Sham which was formerly affiliated with al-Qaeda
"""


@pytest.fixture
def neo4j_env(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in (("URI", neo4j_settings.uri), ("USER", neo4j_settings.user),
                       ("PASSWORD", neo4j_settings.password), ("DATABASE", neo4j_settings.database)):  # fmt: skip
        monkeypatch.setenv(f"NEO4J_{key}", str(value))


def run(args: list[str]) -> Any:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def both(args: list[str], *neo4j: str) -> tuple[Any, Any]:
    """The JSON of ``args`` from NetworkX and from Neo4j (with the extra options ``neo4j``)."""
    return run(args), run([*args, "--backend", "neo4j", *neo4j])


@pytest.mark.parametrize(
    "args",
    [
        ["proxy-chains"],
        ["proxy-chains", "--via-states"],
        ["proxy-chains", "--as-of", "2016"],
        ["proxy-chains", "--as-of", "2016", "--via-states"],
        ["proxy-chains", "--sponsor", "iran", "--target", "Syrian rebels"],
        ["proxy-chains", "--top", "5", "--no-inherit-membership"],
        ["proxy-chains", "--count", "--via-states"],
        ["proxy-chains", "--as-of", "1990", "--possible"],
        ["proxy-chains", "--sponsor", "turkey", "--alleged", "--contested"],
        ["proxy-wars"],
        ["proxy-wars", "--max-depth", "2"],
        ["proxy-wars", "--via-states"],
        ["proxy-wars", "--as-of", "2016", "--max-depth", "3"],
        ["proxy-wars", "--possible", "--alleged"],
        ["path", "iran", "hts", "--alleged", "--contested"],
    ],
)
def test_bundled_proxies_json_is_identical(args: list[str], neo4j_env: None, loaded_bundled: Dataset) -> None:
    expected, got = both(args)
    assert got == expected
    assert expected not in ({}, [])
    assert both(args, "--dataset-name", "syria")[1] == expected  # the bundled data's default name, given


@pytest.fixture
def with_extra(tmp_path: Path) -> Path:
    """A copy of the bundled dataset with one more relation."""
    folder = tmp_path / "syria-plus"
    shutil.copytree(bundled_path(), folder)
    with (folder / "relations.yaml").open("a", encoding="utf-8") as f:
        f.write(EXTRA)
    return folder


def test_two_datasets_each_answer_their_own_data(
    neo4j_env: None, loaded_bundled: Dataset, with_extra: Path, dataset_name: str
) -> None:
    loaded = CliRunner().invoke(cli, ["load", "--data", str(with_extra), "--dataset-name", dataset_name])
    assert loaded.exit_code == 0, loaded.output
    asked = (["proxy-wars"], ["proxy-chains", "--sponsor", "russia"], ["supporters", "hts"], ["path", "russia", "hts"])
    for args in asked:
        bundled_answer = run(args)
        extra_answer = run([*args, "--data", str(with_extra)])
        assert extra_answer != bundled_answer  # the extra relation changes the answer
        assert run([*args, "--backend", "neo4j", "--dataset-name", "syria"]) == bundled_answer
        assert run([*args, "--backend", "neo4j", "--dataset-name", dataset_name, "--data", str(with_extra)]) == (
            extra_answer
        )


def test_supporters_of_a_dataset_loaded_under_a_name(neo4j_env: None, with_extra: Path, dataset_name: str) -> None:
    loaded = CliRunner().invoke(cli, ["load", "--data", str(with_extra), "--dataset-name", dataset_name])
    assert loaded.exit_code == 0, loaded.output
    found = run(["supporters", "hts", "--backend", "neo4j", "--dataset-name", dataset_name])
    assert found == run(["supporters", "hts", "--data", str(with_extra)])
    assert "russia" in json.dumps(found)
    # the folder's name was never loaded: without --dataset-name it is not found
    missing = CliRunner().invoke(cli, ["supporters", "hts", "--backend", "neo4j", "--data", str(with_extra)])
    assert missing.exit_code == 3
    assert "Neo4j holds no dataset 'syria-plus'" in missing.output


def test_connection_options_reach_the_backend(neo4j_settings: Settings, loaded_bundled: Dataset) -> None:
    given = ["--uri", neo4j_settings.uri, "--user", neo4j_settings.user, "--password", str(neo4j_settings.password),
             "--database", neo4j_settings.database]  # fmt: skip
    for args in (["proxy-wars"], ["proxy-chains", "--sponsor", "iran"], ["clients", "iran"], ["path", "iran", "hts"]):
        assert run([*args, "--backend", "neo4j", *given]) == run(args)
    refused = CliRunner().invoke(cli, ["proxy-wars", "--backend", "neo4j", *given[:4], "--password", "wrong-one"])
    assert refused.exit_code == 3


def _json(report: Any) -> Any:
    return json.loads(render(report, "json", 100))


@pytest.mark.parametrize(("seed", "wars"), [(1, False), (2, True), (3, True)])
def test_random_graphs_proxies_agree(seed: int, wars: bool, store: Store, dataset_name: str) -> None:
    ds = generate_proxy_wars(300, seed=seed) if wars else generate(n_actors=60, n_relations=250, seed=seed)
    store_module.load(store, ds, dataset_name)
    full = build_graph(ds)
    answered = 0
    for when, possible in ((None, False), ("2016", False), ("2012-06", True)):
        G = as_of(full, when, possible=possible, claims=[])
        view = store_analysis.proxy_graph(store, dataset_name, as_of=when, possible=possible, claims=[])
        for via_states in (False, True):
            for depth in (1, 2):
                expected = proxy_wars(G, max_depth=depth, via_states=via_states)
                got = proxy_wars(view, max_depth=depth, via_states=via_states)
                assert _json(answers.proxy_wars_report(view, got)) == _json(answers.proxy_wars_report(G, expected))
                answered += bool(expected)
            query = {"via_states": via_states}
            expected_chains = proxy_chains(G, via_states=via_states, max_depth=2)
            got_chains = proxy_chains(view, via_states=via_states, max_depth=2)
            assert _json(answers.proxy_chains_report(view, got_chains, query)) == _json(
                answers.proxy_chains_report(G, expected_chains, query)
            )
            assert count_proxy_chains(view, via_states=via_states) == count_proxy_chains(G, via_states=via_states)
            answered += bool(expected_chains)
    assert answered > 10  # the comparison was not of empty answers
