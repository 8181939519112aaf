"""Neo4j: connect, create the schema, load a dataset (atomic, idempotent, in sync), run Cypher.

The only module that imports the neo4j driver. The graph it writes:

* ``(:Actor:<Kind> {id, name, kind, aliases, country, wikidata, description, relays_support,
  <scheme>_id ..., datasets, digest})``: ``<Kind>`` is the kind's label in
  `graph.vocabulary.ACTOR_KINDS` (``State``, ``Militia`` ...) and ``relays_support`` the kind's
  `Kind.relays_support` (whether chains of support pass through it: the Cypher library reads it);
  external ids are flattened (``ucdp_id``); ``datasets`` lists the datasets that hold the node,
  so two datasets can share it.
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
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import neo4j
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from graph.errors import StoreError
from graph.model import Dataset
from graph.neo4j import plan

START_HINT = "start one with `scripts/neo4j start` or `docker compose up -d`"
Progress = Callable[[int, int], None]  # (rows written so far, rows to write)


@dataclass(frozen=True)
class Settings:
    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: str | None = None
    database: str = "neo4j"


@dataclass
class Summary:
    """What a load changed, by nodes and relationships."""

    dataset: str
    nodes: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "deleted": 0})
    relationships: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "deleted": 0})
    seconds: float = 0.0
    dry_run: bool = False

    def __str__(self) -> str:
        n, r = self.nodes, self.relationships
        verb = "would change (dry run, rolled back)" if self.dry_run else "loaded"
        return (f"{self.dataset} {verb}: nodes {n['created']} created, {n['updated']} updated, {n['deleted']} deleted; "
                f"relationships {r['created']} created, {r['updated']} updated, {r['deleted']} deleted "
                f"in {self.seconds:.2f} s")  # fmt: skip


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
        if exc.code == "Neo.TransientError.General.MemoryPoolOutOfMemoryError":
            raise StoreError(
                f"Neo4j at {settings.uri} ran out of transaction memory (nothing was written; a load is one "
                "transaction): give the server more heap, e.g. NEO4J_HEAP_MAX=4g for scripts/neo4j (stop, start)"
            ) from None
        raise StoreError(f"Neo4j refused the request: {exc.message or exc}") from None


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
            max_transaction_retry_time=0.0, notifications_min_severity="OFF",
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


def ensure_schema(store: Store) -> None:
    """Create the constraints and indexes (idempotent), each in its own transaction, and wait for them."""
    with store.session() as session:
        for statement in schema_statements():
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(300)").consume()


def load(
    store: Store,
    dataset: Dataset,
    name: str | None = None,
    *,
    batch_size: int = 5000,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> Summary:
    """Load a checked dataset under ``name`` (default: its own name) in one transaction.

    What the dataset held before and is gone from ``dataset`` is deleted (nodes only once no
    dataset holds them); what another dataset holds is left alone. With ``dry_run`` the
    transaction is rolled back: the summary says what a load would change. ``progress`` is called
    after every batch; an exception it raises rolls the whole load back.

    Raises
    ------
    StoreError
        When the server refuses a statement (the database is then as it was).
    """
    started = time.perf_counter()
    name = name or dataset.name
    summary = Summary(name, dry_run=dry_run)
    with translate_errors(store.settings):
        ensure_schema(store)
        with store.session() as session, session.begin_transaction() as tx:
            work = plan.make_plan(tx, dataset, name, summary.nodes, summary.relationships)
            plan.execute(tx, work, name, batch_size, progress)
            if dry_run:
                tx.rollback()
            else:
                tx.commit()
    summary.seconds = time.perf_counter() - started
    return summary


def drop_dataset(store: Store, name: str) -> Summary:
    """Remove a dataset: its relationships, and the nodes no other dataset holds."""
    return load(store, Dataset(name=name, root="<none>"), name)


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
