"""Neo4j: connect, create the schema, load a dataset (atomic, idempotent, in sync), run Cypher.

The only module that imports the neo4j driver. The graph it writes:

* ``(:Actor:<Kind> {id, name, kind, aliases, country, wikidata, description, relays_support,
  <scheme>_id ..., datasets, digest})``: ``<Kind>`` is the kind's label in
  `graph.vocabulary.ACTOR_KINDS` (``State``, ``Militia`` ...) and ``relays_support`` the kind's
  `Kind.relays_support` (whether chains of support pass through it: the Cypher library reads it);
  external ids are flattened (``ucdp_id``); ``datasets`` lists the datasets that hold the node
  (sorted), so two datasets can share it (with the content of the one loaded last). A node has
  no empty list either (an actor without aliases has no ``aliases``: ``coalesce(n.aliases, [])``).
* ``(:Place:<Kind> {...})`` (`graph.vocabulary.PLACE_KINDS`), with ``(:Place)-[:WITHIN]->(:Place)``
  for its parent; ``(:Source {id, title, publisher, published, published_date, url, ...})``.
* One relationship type per relation type (``RELATION_TYPES[t].neo4j_type``: ``BACKS``,
  ``FIGHTS`` ...), written once in the YAML's direction (match symmetric types undirected), with
  the properties of `graph.neo4j.props.relation_props` (an empty list is absent, as a null is)
  and ``dataset``: the dataset it belongs to.

A load runs the schema (``cypher/schema.cypher``) first, then everything else in ONE
transaction: it reads what the dataset holds already, deletes what left the YAML, writes what is
new or changed (compared by digest), and commits; any failure rolls it all back. The server must
hold the whole transaction in its heap: about 1 GB at commit for 100k relations. Labels and
types reach Cypher only from the vocabulary tables; values only as parameters.

A load first compares the dataset's fingerprint (`graph.neo4j.props.dataset_fingerprint`) with
the one its last load left on its ``(:Dataset {name, fingerprint})`` node: equal, nothing changed
and nothing more is read (a reload of 100k relations: about a second).

A FIRST load of a dataset (its name holds nothing yet) that changes no other dataset's node and
has more than one batch of relations is written faster: its nodes in one transaction, then its
relationships in one transaction per batch, `WRITERS` batches at a time, each batch's rows made
(in a thread of their own) while the batches before it are written; no transaction holds them
all, so any size fits the heap, and the rows of all are never in memory at once. Until it ends,
the dataset is partly there; if it fails, what it wrote is removed (`drop_dataset`) once no batch
is being written, which gives back the database as it was.

Every transaction is a managed one (``session.execute_write``): the driver retries it on a
transient error (a deadlock between two loads, a cluster's leader switch) for up to
``Settings.retry_seconds``, with the plan made again, so two analysts may load two datasets at
the same time. ``neo4j://`` and ``neo4j+s://`` URIs route writes to a cluster's leader.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from graph import collector
from graph.errors import StoreError
from graph.model import Dataset
from graph.neo4j import plan
from graph.neo4j.props import Row, dataset_fingerprint

START_HINT = "start one with `scripts/neo4j start` or `docker compose up -d`"
Progress = Callable[[int, int], None]  # (rows written so far, rows to write)
T = TypeVar("T")
Steps = list[tuple[str, list[Row]]]  # (query, rows) to run in one transaction


@dataclass(frozen=True)
class Settings:
    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: str | None = None
    database: str = "neo4j"
    retry_seconds: float = 30.0  # how long the driver retries a transaction on a transient error


@dataclass
class Summary:
    """What a load changed, by nodes and relationships."""

    dataset: str
    nodes: dict[str, int] = field(default_factory=lambda: _none_changed())
    relationships: dict[str, int] = field(default_factory=lambda: _none_changed())
    seconds: float = 0.0
    dry_run: bool = False

    def __str__(self) -> str:
        n, r = self.nodes, self.relationships
        verb = "would change (dry run, rolled back)" if self.dry_run else "loaded"
        return (f"{self.dataset} {verb}: nodes {n['created']} created, {n['updated']} updated, {n['deleted']} deleted; "
                f"relationships {r['created']} created, {r['updated']} updated, {r['deleted']} deleted "
                f"in {self.seconds:.2f} s")  # fmt: skip


def _none_changed() -> dict[str, int]:
    return {"created": 0, "updated": 0, "deleted": 0}


class Store:
    """An open connection to one database of a Neo4j server."""

    def __init__(self, settings: Settings, driver: neo4j.Driver) -> None:
        self.settings = settings
        self.driver = driver

    def session(self) -> neo4j.Session:
        return self.driver.session(database=self.settings.database)

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[neo4j.Record]:
        """Run one query in a read transaction and return its records."""
        with self.session() as session:
            return session.execute_read(lambda tx: list(tx.run(query, params or {})))

    def run(self, query: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[neo4j.Record]]:
        """Run any query (auto-commit) and return its columns and records."""
        with self.session() as session:
            result = session.run(query, params or {})
            records = list(result)
            return list(result.keys()), records


@contextmanager
def translate_errors(settings: Settings) -> Iterator[None]:
    """Turn the driver's errors a user meets into one-line `StoreError`s."""
    try:
        yield
    except ServiceUnavailable:
        raise StoreError(f"cannot reach Neo4j at {settings.uri} - is it running? {START_HINT}") from None
    except AuthError:
        raise StoreError(
            f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong user or password "
            "(set NEO4J_USER/NEO4J_PASSWORD or --user/--password)"
        ) from None
    except Neo4jError as exc:
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise StoreError(
                f"Neo4j at {settings.uri} has no database {settings.database!r} "
                "(set NEO4J_DATABASE or --database; Community edition has only 'neo4j')"
            ) from None
        if exc.code == OUT_OF_MEMORY:
            raise out_of_memory(settings) from None
        raise StoreError(f"Neo4j refused the request: {exc.message or exc}") from None


OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"


def out_of_memory(settings: Settings) -> StoreError:
    return StoreError(
        f"Neo4j at {settings.uri} ran out of transaction memory (nothing was written; a load is one "
        "transaction): give the server more heap, e.g. NEO4J_HEAP_MAX=4g for scripts/neo4j (stop, start)"
    )


def write(store: Store, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
    """Run ``work`` in a managed write transaction: retried on transient errors, but not on running
    out of memory (that would fail again)."""

    def guarded(tx: neo4j.ManagedTransaction) -> Any:
        try:
            return work(tx)
        except Neo4jError as exc:
            if exc.code == OUT_OF_MEMORY:
                raise out_of_memory(store.settings) from None
            raise

    with store.session() as session:
        return session.execute_write(guarded)


@contextmanager
def connect(settings: Settings) -> Iterator[Store]:
    """Open a `Store`, checking the server, the credentials and the database at once.

    Raises
    ------
    StoreError
        No password, server unreachable, wrong credentials, unknown database, or a refused query.
    """
    if not settings.password:
        raise StoreError('no Neo4j password: set NEO4J_PASSWORD or --password (for scripts/neo4j: '
                         'eval "$(scripts/neo4j env)")')  # fmt: skip
    with translate_errors(settings):
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=(settings.user, settings.password), connection_timeout=5.0,
            max_transaction_retry_time=settings.retry_seconds, notifications_min_severity="OFF",
        )  # fmt: skip
        try:
            with driver.session(database=settings.database) as session:
                session.run("RETURN 1").consume()
            yield Store(settings, driver)
        finally:
            driver.close()


def schema_statements() -> list[str]:
    """The statements of ``cypher/schema.cypher`` (installed as ``graph.cypher``), comments dropped."""
    text = resources.files("graph.cypher").joinpath("schema.cypher").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.strip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


SCHEMA_NAME = re.compile(r"^CREATE (?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS", re.IGNORECASE)
ALREADY_THERE = {f"Neo.ClientError.Schema.{c}" for c in
                 ("EquivalentSchemaRuleAlreadyExists", "ConstraintAlreadyExists", "IndexAlreadyExists")}  # fmt: skip


def ensure_schema(store: Store) -> None:
    """Create the constraints and indexes that are missing, each in its own transaction, and wait
    for them; when all are there and online, this is one read. Another load creating the same one
    at the same moment is no error."""
    online = {r["name"] for r in store.read("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name")}
    missing = [s for s in schema_statements() if (m := SCHEMA_NAME.match(s)) is None or m.group(1) not in online]
    for statement in missing:
        try:
            write(store, _runner(statement))
        except Neo4jError as exc:
            if exc.code not in ALREADY_THERE:
                raise
    if missing:
        with store.session() as session:
            session.run("CALL db.awaitIndexes(300)").consume()


def _runner(query: str, params: dict[str, Any] | None = None) -> Callable[[neo4j.ManagedTransaction], None]:
    """A transaction function that runs one query and consumes its result."""

    def run(tx: neo4j.ManagedTransaction) -> None:
        tx.run(query, params or {}).consume()

    return run


class _RolledBack(Exception):
    """Raised inside a dry run's transaction so that the driver rolls it back."""


def load(
    store: Store,
    dataset: Dataset,
    name: str | None = None,
    *,
    batch_size: int = 5000,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> Summary:
    """Load a checked dataset under ``name`` (default: its own name).

    What the dataset held before and is gone from ``dataset`` is deleted (nodes only once no
    dataset holds them); what another dataset holds is left alone. With ``dry_run`` the
    transaction is rolled back: the summary says what a load would change. ``progress`` is called
    after every batch; an exception it raises rolls the whole load back. One transaction, but for
    a first load of more than one batch of relations (see the module's docstring).

    Raises
    ------
    StoreError
        When the server refuses a statement (the database is then as it was).
    """
    started = time.perf_counter()
    name = name or dataset.name
    summary = Summary(name, dry_run=dry_run)
    with translate_errors(store.settings), collector.paused():  # rows are many objects and no cycles
        ensure_schema(store)
        fingerprint = dataset_fingerprint(dataset, name)
        with store.session() as session:
            held = session.execute_read(lambda tx: plan.fingerprint_held(tx, name))
        if held == fingerprint:
            summary.seconds = time.perf_counter() - started
            return summary  # nothing changed since the last load
        empty = not (dataset.actors or dataset.places or dataset.sources or dataset.relations)
        mark = (plan.DROP_FINGERPRINT if empty else plan.SET_FINGERPRINT, {"dataset": name, "fingerprint": fingerprint})
        # A first load (no fingerprint held) may write its relationships in batches (`plan.make_plan`).
        first_load = held is None and not dry_run and len(dataset.relations) > batch_size
        stream_over = batch_size if first_load else None
        streamed = [0, 0]  # relations left to write in batches; rows written or deleted in the transaction

        def work(tx: neo4j.ManagedTransaction) -> None:  # made again if the driver retries it
            summary.nodes, summary.relationships = _none_changed(), _none_changed()
            todo = plan.make_plan(tx, dataset, name, summary.nodes, summary.relationships, stream_over=stream_over)
            streamed[:] = [todo.streamed, plan.execute(tx, todo, name, batch_size, progress)]
            if todo.shared_changes:
                tx.run(plan.CLEAR_OTHER_FINGERPRINTS, {"dataset": name}).consume()
            if not todo.streamed:
                tx.run(*mark).consume()
            if dry_run:
                raise _RolledBack

        with ThreadPoolExecutor(1) as ahead:  # the first batch's rows are made while the nodes are written
            batches = _one_ahead(
                ahead, plan.relationship_batches(dataset, name, batch_size) if first_load else iter([])
            )
            try:
                with suppress(_RolledBack):
                    write(store, work)
                if streamed[0]:
                    _write_in_batches(store, batches, name, (streamed[1], sum(streamed)), progress, mark)
            finally:
                batches.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _one_ahead(pool: ThreadPoolExecutor, items: Iterator[T]) -> Generator[T, None, None]:
    """``items``, each one made in ``pool`` while the caller works on the one before (the driver
    waits on the server with the GIL released: the rows of the next batch are made meanwhile);
    the first is begun at once."""
    future = pool.submit(next, items, None)

    def rest() -> Generator[T, None, None]:
        nonlocal future
        try:
            while (item := future.result()) is not None:
                future = pool.submit(next, items, None)
                yield item
        finally:
            future.cancel()

    return rest()


WRITERS = 2  # a first load's batches written at once, each in its own transaction and session


def _write_in_batches(store: Store, batches: Iterator[Steps], name: str, counts: tuple[int, int],
                      progress: Progress | None, mark: tuple[str, dict[str, Any]]) -> None:  # fmt: skip
    """A first load's relationships, one transaction per batch, `WRITERS` at a time (new
    relationships of one dataset: no two batches write the same one, and the server takes a node's
    lock only for the moment a relationship is added to it), then ``mark`` (the fingerprint). On
    any failure, once no batch is being written any more, the dataset is dropped. ``counts``: rows
    written so far, rows to write."""
    done, total = counts

    def write_batch(steps: Steps) -> int:
        def run(tx: neo4j.ManagedTransaction) -> None:
            for query, rows in steps:
                plan.run_batch(tx, query, rows, name)

        write(store, run)
        return sum(len(rows) for _, rows in steps)

    def finished(written: Future[int]) -> None:
        nonlocal done
        done += written.result()
        if progress is not None:
            progress(done, total)

    try:
        with ThreadPoolExecutor(WRITERS) as writers:
            writing: deque[Future[int]] = deque()
            try:
                for steps in batches:
                    if len(writing) == WRITERS:
                        finished(writing.popleft())
                    writing.append(writers.submit(write_batch, steps))
                while writing:
                    finished(writing.popleft())
            finally:
                for left in writing:
                    left.cancel()  # those not begun; the pool waits for the others
        write(store, _runner(*mark))
    except BaseException:
        drop_dataset(store, name)
        raise


DROP_BATCH = 50_000  # relationships a transaction of `drop_dataset` deletes at most


def drop_dataset(store: Store, name: str) -> Summary:
    """Remove a dataset: its relationships (a batch at a time when there are many: a dataset too
    big for one transaction can be dropped), then the nodes no other dataset holds (one transaction)."""
    deleted = 0
    query = "MATCH ()-[r]->() WHERE r.dataset = $d WITH r LIMIT $n DELETE r RETURN count(*) AS n"
    count = "MATCH ()-[r]->() WHERE r.dataset = $d RETURN count(r) AS n"
    with translate_errors(store.settings):
        write(store, _runner(plan.DROP_FINGERPRINT, {"dataset": name}))  # first: a half-dropped dataset reloads
        while store.read(count, {"d": name})[0]["n"] > DROP_BATCH:
            deleted += write(store, lambda tx: tx.run(query, {"d": name, "n": DROP_BATCH}).single(strict=True)["n"])
    summary = load(store, Dataset(name=name, root="<none>"), name)
    summary.relationships["deleted"] += deleted
    return summary


def plain(record: neo4j.Record) -> dict[str, Any]:
    """A record as plain data: nodes as their properties (plus ``labels``), relationships as
    theirs (plus ``rel_type``, ``from``, ``to``), paths as node ids, dates as ISO text."""
    items: Any = record.items  # untyped in the driver
    return {key: _plain(value) for key, value in items()}


def _plain(value: Any) -> Any:
    if isinstance(value, neo4j.graph.Node):
        return {**{k: _plain(v) for k, v in value.items()}, "labels": sorted(value.labels)}
    if isinstance(value, neo4j.graph.Relationship):
        ends = [n.get("id") if n is not None else None for n in (value.start_node, value.end_node)]
        props = {k: _plain(v) for k, v in value.items() if k != "digest"}
        return {"rel_type": value.type, "from": ends[0], "to": ends[1], **props}
    if isinstance(value, neo4j.graph.Path):
        return [n.get("id") for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
