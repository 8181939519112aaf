"""Neo4j fixtures (a pytest plugin, listed in tests/conftest.py): the REAL local server, never a mock.

The server is the one `scripts/neo4j start` runs (or any other, through NEO4J_URI, NEO4J_USER,
NEO4J_PASSWORD, NEO4J_DATABASE). When it cannot be reached, the fixtures FAIL, never skip.

* ``neo4j_settings`` (session): connection settings; the password from NEO4J_PASSWORD or
  ``.neo4j/password`` (written by scripts/neo4j).
* ``store`` (session): an open `graph.neo4j.store.Store`.
* ``loaded_bundled`` (session): the bundled dataset loaded under the name ``syria``.
* ``dataset_name`` (function): a fresh dataset name; whatever the test loaded under it is
  removed afterwards.
* ``dump(store, prefix)``: every node (whose id starts with ``prefix``) and relationship (from
  such a node) with labels, type and properties, sorted.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.dataset import load_dataset
from graph.errors import StoreError
from graph.model import Dataset
from graph.neo4j import store as store_module
from graph.neo4j.store import Settings, Store

REPO = Path(__file__).resolve().parent.parent
START = 'run `scripts/neo4j start` (then `eval "$(scripts/neo4j env)"`)'
_names = itertools.count()


@pytest.fixture(scope="session")
def neo4j_settings() -> Settings:
    password = os.environ.get("NEO4J_PASSWORD")
    password_file = REPO / ".neo4j" / "password"
    if not password and password_file.exists():
        password = password_file.read_text(encoding="utf-8").strip()
    if not password:
        pytest.fail(f"no Neo4j password: NEO4J_PASSWORD is not set and {password_file} is missing - {START}")
    return Settings(
        uri=os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687",
        user=os.environ.get("NEO4J_USER") or "neo4j",
        password=password,
        database=os.environ.get("NEO4J_DATABASE") or "neo4j",
    )


@pytest.fixture(scope="session")
def store(neo4j_settings: Settings) -> Iterator[Store]:
    try:
        with store_module.connect(neo4j_settings) as conn:
            yield conn
    except StoreError as exc:
        pytest.fail(f"the Neo4j tests need a running server: {exc} - {START}")


@pytest.fixture(scope="session")
def loaded_bundled(store: Store) -> Dataset:
    dataset = load_dataset()
    store_module.load(store, dataset, "syria")
    return dataset


@pytest.fixture
def dataset_name(store: Store) -> Iterator[str]:
    name = f"test-{os.getpid()}-{next(_names)}"
    yield name
    store_module.drop_dataset(store, name)


def dump(store: Store, prefix: str = "") -> tuple[list[Any], list[Any]]:
    """The whole database, or the nodes whose id starts with ``prefix`` and the relationships from
    them: nodes (labels, properties) and relationships (ends, type, properties), sorted."""
    where = {"p": prefix}
    nodes = store.read("MATCH (n) WHERE n.id STARTS WITH $p RETURN labels(n) AS labels, properties(n) AS props", where)
    rels = store.read("MATCH (a)-[r]->(b) WHERE a.id STARTS WITH $p "
                      "RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props", where)  # fmt: skip
    node_rows = sorted(((sorted(r["labels"]), sorted(r["props"].items())) for r in nodes), key=repr)
    rel_rows = sorted(((r["a"], r["type"], r["b"], sorted(r["props"].items())) for r in rels), key=repr)
    return node_rows, rel_rows
