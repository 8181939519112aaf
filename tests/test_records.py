"""The one serialisation of a relation: every view (JSON, export, Neo4j, the HTML panel, YAML) agrees
with `graph.records.relation_record`, and the one YAML writer gives back the dataset it was given."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from graph.dataset import bundled_path, load_dataset
from graph.dataset.write import dataset_yaml
from graph.export import export_record
from graph.html.pagedata import EDGE_FIELDS, page_data
from graph.model import Citation, Dataset, PartialDate, Relation
from graph.neo4j.props import FROM_RECORD, relation_props
from graph.network import build_graph, relations
from graph.records import RELATION_FIELDS, project, relation_record
from graph.report.shapes import RELATION_JSON, relation_data

BUNDLED = load_dataset()
ENDED = Relation("hts/affiliated-with/al-qaeda", "hts", "affiliated-with", "al-qaeda", ended=True,
                 ended_before=PartialDate(2024, 12, 2), confidence="high", note="formerly",
                 evidence=[Citation("report", quote="formerly affiliated"), Citation("esd", record="12")])  # fmt: skip


def test_the_record_has_every_field_in_order_as_plain_data() -> None:
    record = relation_record(ENDED)
    assert tuple(record) == RELATION_FIELDS
    assert record == {
        "key": "hts/affiliated-with/al-qaeda", "from": "hts", "type": "affiliated-with", "to": "al-qaeda",
        "directed": True, "sign": 1, "since": None, "until": None, "ended": True, "ended_before": "2024-12-02",
        "status": "ended", "support": [], "support_by_year": [], "flags": [], "support_scope": "supporter",
        "reaches_members": False, "count": None, "weight": None,
        "confidence": "high", "state": "confirmed", "independent_sources": 2,
        "note": "formerly", "evidence": [{"source": "report", "quote": "formerly affiliated"},
                                         {"source": "esd", "record": "12"}],
    }  # fmt: skip


@pytest.mark.parametrize("rel", BUNDLED.relations, ids=lambda r: r.key)
def test_every_view_of_a_bundled_relation_is_the_record(rel: Relation) -> None:
    record = relation_record(rel)
    assert relation_data(rel) == project(record, RELATION_JSON)
    exported = export_record(rel)
    assert {k: v for k, v in exported.items() if not k.endswith("_year")} == project(
        record, [k for k in exported if not k.endswith("_year")]
    )
    assert exported["since_year"] == (rel.since.year if rel.since else None)
    props = relation_props(rel, "syria", 0)
    assert {k: v for k, v in project(record, FROM_RECORD).items() if v not in (None, [])} == {
        k: props[k] for k in FROM_RECORD if k in props
    }
    assert props["evidence_sources"] == [c["source"] for c in record["evidence"]]


def test_the_page_details_are_the_record_with_the_sources_named() -> None:
    G = build_graph(BUNDLED)
    edges = page_data(G, BUNDLED.sources, title="t")["edges"]
    for i, rel in enumerate(relations(G)):
        details, record = edges[f"e{i}"], relation_record(rel)
        same = [k for k in EDGE_FIELDS if k not in ("status", "evidence")]
        assert {k: details[k] for k in same} == project(record, same)
        assert [(c["quote"], c["record"]) for c in details["evidence"]] == [
            (c.get("quote"), c.get("record")) for c in record["evidence"]
        ]
        assert details["status"] == record["status"] or details["status"] == f"ended before {record['ended_before']}"


def _without_origins(ds: Dataset) -> list[Relation]:
    return [dataclasses.replace(r, origin=None, evidence=[dataclasses.replace(c, origin=None) for c in r.evidence])
            for r in ds.relations]  # fmt: skip


def test_the_yaml_writer_gives_back_the_bundled_dataset(tmp_path: Path) -> None:
    shutil.copytree(bundled_path() / "texts", tmp_path / "texts")
    text = dataset_yaml(sources=BUNDLED.sources.values(), actors=BUNDLED.actors.values(),
                        places=BUNDLED.places.values(), relations=BUNDLED.relations)  # fmt: skip
    (tmp_path / "all.yaml").write_text(text, encoding="utf-8")
    again = load_dataset(tmp_path)
    assert _without_origins(again) == _without_origins(BUNDLED)
    assert [dataclasses.replace(a, origin=None) for a in again.actors.values()] == [
        dataclasses.replace(a, origin=None) for a in BUNDLED.actors.values()
    ]


def test_the_yaml_writer_leaves_out_defaults_and_derived_fields() -> None:
    assert dataset_yaml(relations=[ENDED]) == (
        "relations:\n- from: hts\n  type: affiliated-with\n  to: al-qaeda\n  ended: true\n  confidence: high\n"
        "  note: formerly\n  evidence:\n  - source: report\n    quote: formerly affiliated\n"
        "  - source: esd\n    record: '12'\n"
    )
    renamed = dataclasses.replace(ENDED, key="split-2016", until=PartialDate(2016))
    assert dataset_yaml(relations=[renamed]).startswith(
        "relations:\n- id: split-2016\n  from: hts\n  type: affiliated-with\n  to: al-qaeda\n  until: '2016'\n"
        "  confidence: high\n"
    )  # ended is said by until
