"""Counts and weights (issue 12): an incident matrix imported with its counts, ranked by them;
an alliance-only network ranked by its allies. The data are invented for the tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.dataset import load_dataset
from graph.dataset.write import dataset_yaml
from graph.model import Dataset
from tests.data_support import write_csv

# An infighting matrix as one row per pair and year: a and b clash often, c fights everyone a little.
INFIGHTING = ("side_a,side_b,year,event_type,incidents",
              "Alpha Front,Beta Brigade,2015,infighting,40", "Alpha Front,Beta Brigade,2016,infighting,25",
              "Gamma Army,Alpha Front,2015,infighting,2", "Gamma Army,Beta Brigade,2016,infighting,3",
              "Gamma Army,Delta Group,2016,infighting,1")  # fmt: skip
MATRIX = ["--map", "side_a=from", "--map", "side_b=to", "--map", "event_type=type", "--map-value",
          "type:infighting=fights", "--map", "year=date", "--date-means", "event",
          "--new-actors", "militia"]  # fmt: skip


def run(*args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def imported(tmp_path: Path) -> Path:
    rels = write_csv(tmp_path / "infighting.csv", *INFIGHTING)
    result = CliRunner().invoke(cli, ["import", "csv", "--relations", str(rels), *MATRIX, "--out", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    return tmp_path / "m"


def test_an_incident_matrix_keeps_its_counts(tmp_path: Path) -> None:
    ds = load_dataset(imported(tmp_path))
    got = sorted((r.source, r.target, str(r.since), r.count) for r in ds.relations)
    assert got[:2] == [("alpha-front", "beta-brigade", "2015", 40), ("alpha-front", "beta-brigade", "2016", 25)]
    assert sum(r.count or 0 for r in ds.relations) == 71
    assert "count: 40" in (tmp_path / "m" / "import-csv-infighting.yaml").read_text(encoding="utf-8")


def test_rank_by_enemies_weighted_ranks_by_incidents(tmp_path: Path) -> None:
    data = str(imported(tmp_path))
    plain = run("rank", "--by", "enemies", "--data", data)
    assert [a["id"] for a in plain["actors"]][:1] == ["gamma-army"]  # the most distinct enemies: 3
    weighted = run("rank", "--by", "enemies", "--weighted", "--data", data)
    assert [(a["id"], a["weighted_enemies"]) for a in weighted["actors"]] == [
        ("beta-brigade", 68), ("alpha-front", 67), ("gamma-army", 6), ("delta-group", 1)]  # fmt: skip
    assert weighted["by"] == "weighted_enemies" and "count of incidents" in weighted["measures"]["weighted_enemies"]
    assert {r["count"] for r in weighted["actors"][0]["relations"]} == {40, 25, 3}
    # in 2016 only
    in_2016 = run("rank", "--by", "enemies", "--weighted", "--as-of", "2016", "--data", data)
    assert [(a["id"], a["weighted_enemies"]) for a in in_2016["actors"]][:2] == [("beta-brigade", 28),
                                                                                  ("alpha-front", 25)]  # fmt: skip


def test_weighted_needs_a_measure_of_relations(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["rank", "--by", "reach", "--weighted"])
    assert result.exit_code == 2 and "--weighted weighs relations" in result.output


def test_an_alliance_network_ranks_by_allies(tmp_path: Path) -> None:
    rels = write_csv(tmp_path / "alliances.csv", "from,to,type", "A,B,allied-with", "A,C,allied-with",
                     "D,A,allied-with", "B,C,allied-with")  # fmt: skip
    result = CliRunner().invoke(cli, ["import", "csv", "--relations", str(rels), "--new-actors", "militia",
                                      "--out", str(tmp_path / "a")])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = str(tmp_path / "a")
    text = CliRunner().invoke(cli, ["rank", "--data", data]).output
    assert "rank by a relation type present, e.g. --by allied-with" in text
    allies = run("rank", "--by", "allied-with", "--data", data)
    assert [(a["id"], a["allied-with"]) for a in allies["actors"]] == [("a", 3), ("b", 2), ("c", 2), ("d", 1)]


@pytest.mark.parametrize(("field", "value", "code"), [("count", "-3", "wrong-type"), ("count", "2.5", "wrong-type"),
                                                      ("weight", '"heavy"', "wrong-type")])  # fmt: skip
def test_counts_and_weights_are_validated(tmp_path: Path, field: str, value: str, code: str) -> None:
    ds = load_dataset(imported(tmp_path))
    path = copy(ds, tmp_path / "copy") / "relations.yaml"
    text = path.read_text(encoding="utf-8").replace("count: 40", f"{field}: {value}", 1)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "copy"), "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.output)
    assert any(p["code"] == code and field in p["message"] for p in problems), problems


def copy(ds: Dataset, folder: Path) -> Path:
    folder.mkdir()
    text = dataset_yaml(sources=ds.sources.values(), actors=ds.actors.values(), relations=ds.relations)
    (folder / "relations.yaml").write_text(text, encoding="utf-8")
    return folder


def test_weights_round_trip_through_the_writer(tmp_path: Path) -> None:
    ds = load_dataset(imported(tmp_path))
    ds.relations[0].weight, ds.relations[1].count = 0.75, 0
    again = load_dataset(copy(ds, tmp_path / "copy"))
    assert [(r.count, r.weight) for r in again.relations] == [(r.count, r.weight) for r in ds.relations]
