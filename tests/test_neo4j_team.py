"""One server for a team: loads at the same time, first loads in batches, routing URIs.

Against the real local server. Every dataset here has its own id prefix, and each test compares
only its own nodes and relationships (other engineers' tests may load theirs meanwhile).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.dataset import load_dataset
from graph.model import Dataset
from graph.neo4j import store as store_module
from graph.neo4j.store import Settings, Store
from tests.conftest import dataset_records
from tests.neo4j_support import dump

pytestmark = pytest.mark.neo4j

ACTORS = 300
RELATIONS = 6000  # more than one batch (5,000): a first load writes its relationships in batches


def team_records(prefix: str, offset: int, note: str = "") -> dict[str, Any]:
    """``RELATIONS`` backs relations between the same ``ACTORS`` actors (shared by every dataset
    with this prefix, with the same content); ``offset`` makes each dataset's pairs its own."""
    actors = {f"{prefix}-{i}": "militia" for i in range(ACTORS)}
    rels: list[Any] = []
    for i in range(RELATIONS):
        a, step = i % ACTORS, i // ACTORS + offset + 1
        rels.append((f"{prefix}-{a}", "backs", f"{prefix}-{(a + step) % ACTORS}", {"note": f"{note}{i}"}))
    return dataset_records(actors, rels)


def write_folder(folder: Path, records: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data.yaml").write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture
def names(store: Store) -> Iterator[list[str]]:
    """Two fresh dataset names; both dropped afterwards."""
    made = [f"team-{os.getpid()}-{x}" for x in ("a", "b")]
    for name in made:
        store_module.drop_dataset(store, name)
    yield made
    for name in made:
        store_module.drop_dataset(store, name)


def cli_load(folder: Path, name: str, settings: Settings) -> subprocess.Popen[str]:
    """`proxygraph load` in a process of its own (another analyst's)."""
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
           "NEO4J_PASSWORD": str(settings.password), "NEO4J_DATABASE": settings.database}  # fmt: skip
    command = [sys.executable, "-c", "from graph.cli import main; main()", "load", "--data", str(folder),
               "--dataset-name", name]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def at_once(*loads: subprocess.Popen[str]) -> list[str]:
    outputs = []
    for process in loads:
        out, _ = process.communicate(timeout=600)
        assert process.returncode == 0, out
        outputs.append(out)
    return outputs


def test_two_analysts_load_at_once_as_if_one_after_the_other(
    store: Store, neo4j_settings: Settings, names: list[str], tmp_path: Path
) -> None:
    prefix = f"tm{os.getpid()}"
    first = [write_folder(tmp_path / n, team_records(prefix, k * 10)) for k, n in enumerate(names)]
    second = [write_folder(tmp_path / f"{n}-2", team_records(prefix, k * 10, note="v2 ")) for k, n in enumerate(names)]

    # Both first loads at once (batched), then both reloads at once (each one transaction).
    outs = at_once(*(cli_load(folder, name, neo4j_settings) for folder, name in zip(first, names, strict=True)))
    assert all(f"relationships {RELATIONS} created" in out for out in outs), outs
    after_first = dump(store, prefix)
    outs = at_once(*(cli_load(folder, name, neo4j_settings) for folder, name in zip(second, names, strict=True)))
    assert all(f"0 created, {RELATIONS} updated, 0 deleted" in out for out in outs), outs
    after_second = dump(store, prefix)
    shared = store.read("MATCH (n:Actor {id: $id}) RETURN n.datasets AS d", {"id": f"{prefix}-0"})[0]["d"]
    assert shared == sorted(names)

    # The same loads one after the other, in either order, give the same database.
    for order in (names, names[::-1]):
        for name in names:
            store_module.drop_dataset(store, name)
        assert dump(store, prefix) == ([], [])
        by_name = dict(zip(names, first, strict=True))
        for name in order:
            store_module.load(store, load_dataset(by_name[name]), name)
        assert dump(store, prefix) == after_first
        by_name = dict(zip(names, second, strict=True))
        for name in order:
            store_module.load(store, load_dataset(by_name[name]), name)
        assert dump(store, prefix) == after_second


def test_a_first_load_in_batches_writes_what_one_transaction_writes(
    store: Store, names: list[str], tmp_path: Path
) -> None:
    """In batches of 500 (twelve transactions, `store.WRITERS` at a time, each batch's rows made
    while others are written) the graph is the one a single transaction writes, and the progress
    reaches every row."""
    prefix = f"ot{os.getpid()}"
    dataset = load_dataset(write_folder(tmp_path / "d", team_records(prefix, 0)))
    name = names[0]
    one = store_module.load(store, dataset, name, batch_size=10 * RELATIONS)  # no more relations than a batch
    in_one = dump(store, prefix)
    store_module.drop_dataset(store, name)
    assert dump(store, prefix) == ([], [])
    reported: list[tuple[int, int]] = []
    batched = store_module.load(store, dataset, name, batch_size=500, progress=lambda *p: reported.append(p))
    assert dump(store, prefix) == in_one
    assert (batched.nodes, batched.relationships) == (one.nodes, one.relationships)
    done, total = zip(*reported, strict=True)
    rows = len(dataset.actors) + len(dataset.places) + len(dataset.sources) + RELATIONS
    assert list(done) == sorted(done) and done[-1] == total[-1] == rows
    assert store_module.load(store, dataset, name).relationships["created"] == 0  # its fingerprint was written


def small_dataset(make_dataset: Callable[..., Path], prefix: str, kind: str = "militia") -> Dataset:
    actors = {f"{prefix}-{x}": kind for x in "abc"}
    rels = [(f"{prefix}-a", "backs", f"{prefix}-b"), (f"{prefix}-b", "backs", f"{prefix}-c"),
            (f"{prefix}-a", "backs", f"{prefix}-c")]  # fmt: skip
    return load_dataset(make_dataset(actors, rels))


def fail_at(batch: int) -> Callable[[int, int], None]:
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) > batch:
            raise RuntimeError("injected failure")

    return progress


def test_a_failed_first_load_in_batches_leaves_nothing(
    store: Store, make_dataset: Callable[..., Path], dataset_name: str
) -> None:
    prefix = f"fb{os.getpid()}"
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 7:  # 5 calls for the nodes (one transaction), then one per relationship batch
            query = "MATCH ()-[r]->() WHERE r.dataset = $d RETURN count(r) AS n"
            seen.append(store.read(query, {"d": dataset_name})[0]["n"])  # what another session sees
            raise RuntimeError("injected failure")

    with pytest.raises(RuntimeError, match="injected failure"):
        store_module.load(store, small_dataset(make_dataset, prefix), dataset_name, batch_size=1, progress=progress)
    # Two batches were reported written, each committed in its own transaction; the batch written
    # beside them (`store.WRITERS` at a time) may be committed too, but no more.
    assert seen[-1] in (2, 3)
    assert dump(store, prefix) == ([], [])


def test_a_first_load_in_batches_beside_another_dataset(
    store: Store, make_dataset: Callable[..., Path], dataset_name: str
) -> None:
    """The second dataset shares nodes of the same content: written in batches, it is loaded as
    in one transaction, and a failure gives back the first dataset's nodes exactly."""
    prefix = f"bs{os.getpid()}"
    other = dataset_name + "-other"
    try:
        store_module.load(store, small_dataset(make_dataset, prefix), other)
        before = dump(store, prefix)
        with pytest.raises(RuntimeError):  # in the second batch of relationships (after 5 calls for nodes)
            store_module.load(store, small_dataset(make_dataset, prefix), dataset_name, batch_size=1,
                              progress=fail_at(6))  # fmt: skip
        assert dump(store, prefix) == before
        summary = store_module.load(store, small_dataset(make_dataset, prefix), dataset_name, batch_size=1)
        assert summary.relationships == {"created": 3, "updated": 0, "deleted": 0}
        rels = store.read("MATCH ()-[r]->() WHERE r.dataset = $d RETURN count(r) AS n", {"d": dataset_name})
        assert rels[0]["n"] == 3
    finally:
        store_module.drop_dataset(store, other)


def test_a_first_load_that_changes_a_shared_node_is_one_transaction(
    store: Store, make_dataset: Callable[..., Path], dataset_name: str
) -> None:
    prefix = f"sc{os.getpid()}"
    other = dataset_name + "-other"
    try:
        store_module.load(store, small_dataset(make_dataset, prefix), other)
        before = dump(store, prefix)
        with pytest.raises(RuntimeError):  # the actors are rebel groups here: the shared nodes change
            store_module.load(store, small_dataset(make_dataset, prefix, "rebel-group"), dataset_name,
                              batch_size=1, progress=fail_at(2))  # fmt: skip
        assert dump(store, prefix) == before
    finally:
        store_module.drop_dataset(store, other)


def test_a_routing_uri_loads_and_reads(
    neo4j_settings: Settings, make_dataset: Callable[..., Path], dataset_name: str
) -> None:
    """``neo4j://`` asks the server for its routing table (a cluster's members; here one server)."""
    routed = Settings(neo4j_settings.uri.replace("bolt://", "neo4j://"), neo4j_settings.user,
                      neo4j_settings.password, neo4j_settings.database)  # fmt: skip
    assert routed.uri.startswith("neo4j://")
    with store_module.connect(routed) as conn:
        summary = store_module.load(conn, small_dataset(make_dataset, f"ru{os.getpid()}"), dataset_name)
        assert summary.relationships["created"] == 3
        n = conn.read("MATCH ()-[r]->() WHERE r.dataset = $d RETURN count(r) AS n", {"d": dataset_name})[0]["n"]
        assert n == 3


def test_a_deadlock_between_two_writers_is_retried(
    store: Store, make_dataset: Callable[..., Path], dataset_name: str
) -> None:
    """Two transactions lock two nodes in opposite orders: Neo4j aborts one (a transient error),
    and `graph.neo4j.store.write` (the managed transaction every load uses) runs it again."""
    prefix = f"dl{os.getpid()}"
    store_module.load(store, small_dataset(make_dataset, prefix), dataset_name)
    attempts = {"ab": 0, "ba": 0}
    both_hold_one = threading.Barrier(2, timeout=60)
    lock = "MATCH (n:Actor {id: $id}) SET n.proxygraph_lock = true"

    def lock_both(first: str, second: str) -> Callable[[Any], None]:
        def work(tx: Any) -> None:
            attempts[first[-1] + second[-1]] += 1
            tx.run(lock, {"id": first}).consume()
            if attempts[first[-1] + second[-1]] == 1:
                both_hold_one.wait()
            tx.run(lock, {"id": second}).consume()
            tx.run("MATCH (n:Actor) WHERE n.id IN [$a, $b] REMOVE n.proxygraph_lock", {"a": first, "b": second})

        return work

    errors: list[BaseException] = []

    def writer(first: str, second: str) -> None:
        try:
            store_module.write(store, lock_both(first, second))
        except BaseException as exc:  # reported below
            errors.append(exc)

    a, b = f"{prefix}-a", f"{prefix}-b"
    threads = [threading.Thread(target=writer, args=ends) for ends in ((a, b), (b, a))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(attempts.values()) == [1, 2]  # one of them deadlocked and ran again
    left = store.read("MATCH (n:Actor) WHERE n.id STARTS WITH $p AND n.proxygraph_lock IS NOT NULL RETURN n",
                      {"p": prefix})  # fmt: skip
    assert left == []
