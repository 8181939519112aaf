"""`graph.neo4j.store.load` and `proxygraph load` against the real local Neo4j server."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.dataset import load_dataset
from graph.errors import StoreError
from graph.model import Dataset
from graph.neo4j import plan
from graph.neo4j import store as store_module
from graph.neo4j.store import Settings, Store
from tests.neo4j_support import dump

pytestmark = pytest.mark.neo4j


def small(make_dataset: Callable[..., Path], prefix: str, extra: bool = True) -> Dataset:
    """Four actors of a test's own (ids start with ``prefix``), a place, and three or four relations."""
    a, b, c, d = (f"{prefix}-{x}" for x in "abcd")
    rels: list[Any] = [
        (a, "backs", b, {"support": ["weapons", "funding"], "since": "2013-05", "until": 2016, "confidence": "high"}),
        (b, "fights", c, {"since": 2012}),
        (a, "hosts-bases-in", f"{prefix}-town"),
    ]
    if extra:
        rels.append((d, "backs", c, {"evidence": [{"source": "db", "record": "row-9"}]}))
    actors = {a: "state", b: "militia", c: "government", d: "state"}
    return load_dataset(make_dataset(actors, rels, {f"{prefix}-town": "city"}))


def rel_props(store: Store, key: str) -> dict[str, Any]:
    rows = store.read("MATCH ()-[r]->() WHERE r.key = $key RETURN properties(r) AS p", {"key": key})
    assert len(rows) == 1
    return dict(rows[0]["p"])


def test_load_writes_the_graph_model(store: Store, make_dataset: Callable[..., Path], dataset_name: str) -> None:
    summary = store_module.load(store, small(make_dataset, "gm"), dataset_name)
    assert summary.nodes == {"created": 6, "updated": 0, "deleted": 0}  # 4 actors, 1 place, 1 source
    assert summary.relationships == {"created": 4, "updated": 0, "deleted": 0}
    labels = store.read("MATCH (n:Actor {id: 'gm-b'}) RETURN labels(n) AS l, n.datasets AS d")[0]
    assert sorted(labels["l"]) == ["Actor", "Militia"] and labels["d"] == [dataset_name]
    props = rel_props(store, "r0")
    assert props["support"] == ["weapons", "funding"] and props["confidence_level"] == 3
    assert props["since"] == "2013-05" and props["until"] == "2016" and props["status"] == "ended"
    assert (props["valid_from"].to_native(), props["valid_to"].to_native()) == (
        dt.date(2013, 5, 1),
        dt.date(2016, 12, 31),
    )
    assert {"since_start", "since_end", "until_start", "until_end", "ended_before_date"}.isdisjoint(props)
    bare = rel_props(store, "r1")  # since 2012, ongoing: the open end is stored too, never null
    assert (bare["valid_from"].to_native(), bare["valid_to"].to_native()) == (dt.date(2012, 1, 1), dt.date.max)
    assert props["evidence_sources"] == ["db"] and props["evidence_records"] == ["row-0"]
    types = store.read("MATCH (:Actor {id: 'gm-a'})-[r]->(x) RETURN type(r) AS t, labels(x) AS l ORDER BY t")
    assert [(r["t"], sorted(r["l"])) for r in types] == [
        ("BACKS", ["Actor", "Militia"]),
        ("HOSTS_BASES_IN", ["City", "Place"]),
    ]


def test_loading_twice_changes_nothing(store: Store, make_dataset: Callable[..., Path], dataset_name: str) -> None:
    dataset = small(make_dataset, "tw")
    store_module.load(store, dataset, dataset_name)
    before = dump(store)
    again = store_module.load(store, dataset, dataset_name)
    assert again.nodes == again.relationships == {"created": 0, "updated": 0, "deleted": 0}
    assert dump(store) == before


def test_reload_after_another_dataset_changed_a_shared_node_writes_it_back(
    store: Store, make_dataset: Callable[..., Path], dataset_name: str
) -> None:
    """A reload with nothing changed stops at the dataset's fingerprint, but not once another
    dataset's load has changed a node the two share: the node gets this dataset's content back."""
    other = dataset_name + "-other"
    dataset = small(make_dataset, "fp")
    try:
        store_module.load(store, dataset, dataset_name)
        store_module.load(store, load_dataset(make_dataset({"fp-a": "militia"}, [])), other)
        assert store.read("MATCH (n:Actor {id: 'fp-a'}) RETURN n.kind AS k")[0]["k"] == "militia"
        again = store_module.load(store, dataset, dataset_name)
        assert again.nodes == {"created": 0, "updated": 1, "deleted": 0}
        assert store.read("MATCH (n:Actor {id: 'fp-a'}) RETURN n.kind AS k")[0]["k"] == "state"
        third = store_module.load(store, dataset, dataset_name)
        assert third.nodes == third.relationships == {"created": 0, "updated": 0, "deleted": 0}
    finally:
        store_module.drop_dataset(store, other)
        store_module.drop_dataset(store, dataset_name)
    assert store.read("MATCH (d:Dataset) WHERE d.name IN [$a, $b] RETURN d", {"a": dataset_name, "b": other}) == []


def test_removed_relation_and_actor_disappear(
    store: Store, make_dataset: Callable[..., Path], dataset_name: str
) -> None:
    store_module.load(store, small(make_dataset, "rm"), dataset_name)
    summary = store_module.load(store, small(make_dataset, "rm", extra=False), dataset_name)
    assert summary.relationships == {"created": 0, "updated": 0, "deleted": 1}
    assert summary.nodes["deleted"] == 0  # rm-d is still an actor of the dataset
    assert store.read("MATCH ()-[r {key: 'r3'}]->() WHERE r.dataset = $d RETURN r", {"d": dataset_name}) == []


def test_changed_relation_is_updated(store: Store, make_dataset: Callable[..., Path], dataset_name: str) -> None:
    dataset = small(make_dataset, "ch")
    store_module.load(store, dataset, dataset_name)
    dataset.relations[0].confidence = "low"
    summary = store_module.load(store, dataset, dataset_name)
    assert summary.relationships == {"created": 0, "updated": 1, "deleted": 0}
    assert rel_props(store, "r0")["confidence_level"] == 1


def test_two_datasets_side_by_side(store: Store, make_dataset: Callable[..., Path], dataset_name: str) -> None:
    other = dataset_name + "-other"
    try:
        store_module.load(store, small(make_dataset, "sb"), dataset_name)
        second = make_dataset(
            {"sb-a": "state", "sb-b": "militia", "sb-c": "government"},
            [("sb-a", "backs", "sb-b"), ("sb-b", "fights", "sb-c"), ("sb-a", "fights", "sb-c")],
        )
        store_module.load(store, load_dataset(second), other)
        shared = store.read("MATCH (n:Actor {id: 'sb-a'}) RETURN n.datasets AS d")[0]["d"]
        assert sorted(shared) == sorted([dataset_name, other])
        store_module.drop_dataset(store, dataset_name)
        left = store.read("MATCH (n:Actor) WHERE n.id STARTS WITH 'sb-' RETURN n.id AS id ORDER BY id")
        assert [r["id"] for r in left] == ["sb-a", "sb-b", "sb-c"]  # sb-d was only in the first
        count = store.read("MATCH ()-[r]->() WHERE r.dataset = $d RETURN count(r) AS n", {"d": other})[0]["n"]
        assert count == 3
    finally:
        store_module.drop_dataset(store, other)
    assert store.read("MATCH (n) WHERE n.id STARTS WITH 'sb-' RETURN n") == []


def test_failure_part_way_leaves_the_database_unchanged(
    store: Store, make_dataset: Callable[..., Path], dataset_name: str
) -> None:
    store_module.load(store, small(make_dataset, "fa", extra=False), dataset_name)
    before = dump(store)
    calls = []

    def fail_half_way(done: int, total: int) -> None:
        calls.append(done)
        if done >= total // 2 and done > 0:
            raise RuntimeError("injected failure")

    bigger = small(make_dataset, "fa")
    bigger.relations[0].note = "changed"
    with pytest.raises(RuntimeError, match="injected failure"):
        store_module.load(store, bigger, dataset_name, batch_size=1, progress=fail_half_way)
    assert len(calls) >= 2  # some batches were written before the failure
    assert dump(store) == before


def test_bad_batch_refused_by_the_server_rolls_back(
    store: Store, make_dataset: Callable[..., Path], dataset_name: str
) -> None:
    store_module.load(store, small(make_dataset, "bb", extra=False), dataset_name)
    before = dump(store)
    bad = small(make_dataset, "bb")
    bad.relations[-1].note = {"a map": "Neo4j cannot store"}  # type: ignore[assignment]
    with pytest.raises(StoreError, match="Neo4j refused the request"):
        store_module.load(store, bad, dataset_name, batch_size=1)
    assert dump(store) == before


def test_dry_run_writes_nothing(store: Store, make_dataset: Callable[..., Path], dataset_name: str) -> None:
    before = dump(store)
    summary = store_module.load(store, small(make_dataset, "dr"), dataset_name, dry_run=True)
    assert summary.relationships["created"] == 4
    assert dump(store) == before


def test_cli_load_summary_and_sync(
    make_dataset: Callable[..., Path], neo4j_settings: Settings, dataset_name: str
) -> None:
    folder = make_dataset({"cl-a": "state", "cl-b": "militia"}, [("cl-a", "backs", "cl-b")])
    args = ["load", "--data", str(folder), "--dataset-name", dataset_name, "--password", str(neo4j_settings.password),
            "--uri", neo4j_settings.uri, "--database", neo4j_settings.database]  # fmt: skip
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert first.output.startswith(f"{dataset_name} loaded: nodes 3 created, 0 updated, 0 deleted; "
                                   "relationships 1 created, 0 updated, 0 deleted in ")  # fmt: skip
    second = CliRunner().invoke(cli, args)
    assert "nodes 0 created, 0 updated, 0 deleted; relationships 0 created, 0 updated, 0 deleted" in second.output


def test_cli_invalid_data_never_reaches_the_database(write_yaml: Callable[[str, str], Path]) -> None:
    folder = write_yaml("bad.yaml", "actors:\n  - id: x\n    name: X\n    kind: nation\n")
    result = CliRunner().invoke(cli, ["load", "--data", str(folder), "--uri", "bolt://127.0.0.1:1", "--password", "x"])
    assert result.exit_code == 1
    assert "Error: 1 error(s) in the dataset" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--uri", "bolt://127.0.0.1:1"], "Error: cannot reach Neo4j at bolt://127.0.0.1:1 - is it running? "
         "start one with `scripts/neo4j start` or `docker compose up -d`"),
        (["--password", "not-the-password"], "Error: Neo4j at {uri} refused user 'neo4j': wrong user or password"),
        (["--database", "nosuchdb"], "Error: Neo4j at {uri} has no database 'nosuchdb'"),
    ],
)  # fmt: skip
def test_cli_connection_errors(args: list[str], message: str, neo4j_settings: Settings) -> None:
    base = ["load", "--uri", neo4j_settings.uri, "--password", str(neo4j_settings.password)]
    result = CliRunner().invoke(cli, base + args)
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message.format(uri=neo4j_settings.uri)), result.output


def test_cli_no_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    result = CliRunner().invoke(cli, ["load"])
    assert result.exit_code == 3
    assert result.output.startswith("Error: no Neo4j password: set NEO4J_PASSWORD or --password")


def _write_queries() -> list[str]:
    rels = []
    for rtype in plan.REL_TYPES:
        for ends in itertools.product(("Actor", "Place"), repeat=2):
            with contextlib.suppress(ValueError):
                rels.append(plan.write_rels_query(rtype, ends))
    nodes = [plan.write_nodes_query("Actor", "State"), plan.write_nodes_query("Place", "City")]
    deletes = [plan.delete_nodes_query(cls) for cls in plan.NODE_CLASSES]
    return [*rels, *nodes, plan.write_nodes_query("Source", None), plan.WITHIN, plan.DELETE_RELS, *deletes]


def _operators(step: dict[str, Any]) -> list[str]:
    name = step["operatorType"].split("@")[0]
    return [name] + [op for child in step.get("children", []) for op in _operators(child)]


@pytest.mark.parametrize("query", _write_queries())
def test_write_queries_find_nodes_by_their_unique_index(store: Store, loaded_bundled: Dataset, query: str) -> None:
    """Every node a load matches is one seek on a uniqueness constraint's index; no scan, and no
    eager pass over a batch in the relationship queries. (After a load: it makes the schema, and
    gives the planner a database that is not empty, on a fresh server too.)"""
    with store.session() as session:
        ops = _operators(session.run("EXPLAIN " + query, {"rows": [], "dataset": "x"}).consume().plan)
    assert not [op for op in ops if "Scan" in op], ops
    seeks = [op for op in ops if "Seek" in op]
    assert seeks and all(op in ("NodeUniqueIndexSeek(Locking)", "DirectedRelationshipByElementIdSeek") for op in seeks)
    if "CREATE (a)-[:" in query:  # a relationship type's query
        assert "Eager" not in ops and seeks == ["NodeUniqueIndexSeek(Locking)"] * 2, ops
