"""Export round trips: every actor, relation and attribute comes back from another library's reader."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.dataset import load_dataset
from graph.export import export, flat_graph
from graph.importers.csv_table import import_csv
from graph.model import Dataset
from graph.network import build_graph
from tests.data_support import actor, relation, write_dataset


@pytest.fixture
def graph(tmp_path: Path) -> nx.MultiDiGraph[str]:
    """A small graph with every kind of field: lists, mappings, partial dates, flags, a place, quotes."""
    actors = [
        actor("a", "Alpha", aliases=["Ålpha", "al; pha"], external_ids={"ucdp": "1"}, wikidata="Q1", country="SY"),
        actor("b", "Beta", "government", description='says "yes", then no'),
        actor("c", "Gamma", "rebel-group"),
    ]
    relations = [
        relation("a", "backs", "b", since="2011", until="2016-03", support=["weapons", "funding"],
                 flags=["coalition"], support_scope="recipient-year", confidence="high", note="ünïcode"),
        relation("a", "backs", "b", since="2018"),
        relation("b", "fights", "c", since="2012-05-01", ended=False),
        relation("c", "controls", "p"),
    ]  # fmt: skip
    folder = write_dataset(tmp_path / "ds", actors, relations)
    (folder / "places.yaml").write_text("places:\n  - {id: p, name: Pi, kind: city}\n", encoding="utf-8")
    return build_graph(load_dataset(folder))


def _same(expected: nx.MultiDiGraph[str], got: nx.MultiDiGraph[str], drop: tuple[str, ...] = ()) -> None:
    assert dict(got.nodes(data=True)) == dict(expected.nodes(data=True))
    want = {k: d for _, _, k, d in expected.edges(keys=True, data=True)}
    have = {k: {a: v for a, v in d.items() if a not in drop} for _, _, k, d in got.edges(keys=True, data=True)}
    assert have == want
    assert sorted(got.edges(keys=True)) == sorted(expected.edges(keys=True))


def test_graphml_round_trip_keeps_types(graph: nx.MultiDiGraph[str], tmp_path: Path) -> None:
    export(graph, "graphml", tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    _same(flat_graph(graph), back)
    edge = back.edges["a", "b", "a/backs/b@2011"]
    assert (edge["since"], edge["since_year"], edge["sign"], edge["directed"]) == ("2011", 2011, 1, True)
    assert json.loads(edge["support"]) == ["weapons", "funding"]
    assert json.loads(back.nodes["a"]["aliases"]) == ["Ålpha", "al; pha"]


def test_gexf_round_trip_with_timeline(graph: nx.MultiDiGraph[str], tmp_path: Path) -> None:
    export(graph, "gexf", tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    edge = back.edges["a", "b", "a/backs/b@2011"]
    assert (edge["start"], edge["end"]) == (2011, 2016)
    for _, _, data in back.edges(data=True):
        data["type"] = data.pop("relation_type")
    _same(flat_graph(graph), back, drop=("start", "end", "id"))


def test_node_link_round_trip_keeps_lists(graph: nx.MultiDiGraph[str], tmp_path: Path) -> None:
    export(graph, "json", tmp_path / "g.json")
    back = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), edges="edges")
    assert back.number_of_nodes() == 4 and back.number_of_edges() == 4
    edge = back.edges["a", "b", "a/backs/b@2011"]
    assert (edge["support"], edge["flags"], edge["until"]) == (["weapons", "funding"], ["coalition"], "2016-03")
    assert edge["evidence"] == [{"source": "src", "record": "1"}]
    assert back.nodes["a"]["external_ids"] == {"ucdp": "1"}


def test_igraph_reads_the_graphml(graph: nx.MultiDiGraph[str], tmp_path: Path) -> None:
    import igraph  # a test dependency (pyproject: test extra)

    export(graph, "graphml", tmp_path / "g.graphml")
    g = igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    flat = flat_graph(graph)
    assert sorted(g.vs["id"]) == sorted(flat.nodes)
    assert sorted(g.es["relation_key"]) == sorted(k for _, _, k in flat.edges(keys=True))
    for e in g.es:
        want: dict[str, Any] = next(d for _, _, k, d in flat.edges(keys=True, data=True) if k == e["relation_key"])
        have = {k: v for k, v in e.attributes().items() if k != "id" and v not in ("",) and not _nan(v)}
        assert have == {k: (float(v) if isinstance(v, int) and not isinstance(v, bool) else v) for k, v in want.items()}


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def test_csv_round_trip_through_the_csv_importer(graph: nx.MultiDiGraph[str], tmp_path: Path) -> None:
    export(graph, "csv", tmp_path / "csv")
    out = tmp_path / "csv"
    result = import_csv(out / "actors.csv", out / "relations.csv", out / "places.csv", Dataset("e", "e"))
    assert [p for p in result.problems if p.severity == "error"] == []
    back = Dataset("back", "back", actors={a.id: a for a in result.actors}, places={p.id: p for p in result.places},
                   relations=result.relations)  # fmt: skip
    assert [s.id for s in result.sources] == ["src"]  # cited by id, in the evidence column
    _same(flat_graph(graph), flat_graph(build_graph(back)))


def test_export_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--format", "json", "--as-of", "2014"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert len(data["nodes"]) == len(load_dataset().actors) + len(load_dataset().places)
    result = runner.invoke(cli, ["export", "--format", "csv"])
    assert (result.exit_code, result.output) == (
        2,
        "Error: --format csv writes three files: give a folder with --out DIR\n",
    )
    result = runner.invoke(cli, ["export", "--format", "gexf", "--out", str(tmp_path / "s.gexf")])
    assert result.exit_code == 0 and nx.read_gexf(tmp_path / "s.gexf").number_of_edges() == len(
        load_dataset().relations
    )


GEXF_SCHEMA = Path("/work/shared/schemas/gexf/1.2draft/gexf.xsd")  # ../shared/schemas, CC BY 4.0


@pytest.mark.skipif(not GEXF_SCHEMA.exists(), reason="the published GEXF schemas are not beside the project")
def test_gexf_of_the_bundled_data_and_of_an_esd_import_validates_against_the_schema(tmp_path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    from tests.data_support import SAMPLE

    schema = etree.XMLSchema(etree.parse(str(GEXF_SCHEMA)))
    out = tmp_path / "esd"
    assert CliRunner().invoke(cli, ["import", "ucdp-esd", str(SAMPLE), "--out", str(out)]).exit_code == 0
    for dataset in (load_dataset(), load_dataset(out)):
        document = etree.fromstring(export(build_graph(dataset), "gexf", None).encode("utf-8"))
        assert schema.validate(document), [e.message for e in schema.error_log][:3]
        graph = document.find("{http://www.gexf.net/1.2draft}graph")
        assert (graph.get("timeformat"), graph.get("name")) == ("integer", None)
        assert document.find(".//{http://www.gexf.net/1.2draft}edge[@start]") is not None
