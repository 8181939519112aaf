"""Shared fixtures: the bundled dataset, its graph, and small hand-made datasets written as YAML."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from graph.dataset import load_dataset
from graph.model import Dataset
from graph.network import build_graph

pytest_plugins = ["tests.browser", "tests.neo4j_support"]

Rel = tuple[str, str, str] | tuple[str, str, str, dict[str, Any]]


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The dataset cache of the CLI (graph.dataset.cache) goes to a folder of this run, never to the user's."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def bundled_graph(bundled: Dataset) -> nx.MultiDiGraph[str]:
    return build_graph(bundled)


def dataset_records(
    actors: dict[str, str], relations: list[Rel], places: dict[str, str] | None = None
) -> dict[str, Any]:
    """YAML records for a small dataset: actors {id: kind}, relations (from, type, to[, fields]).

    Each relation cites a record of one dataset source, so no text file is needed.
    """
    records: list[dict[str, Any]] = []
    for i, rel in enumerate(relations):
        record: dict[str, Any] = {"id": f"r{i}", "from": rel[0], "type": rel[1], "to": rel[2]}
        record.update(rel[3] if len(rel) == 4 else {})  # type: ignore[misc]
        record.setdefault("evidence", [{"source": "db", "record": f"row-{i}"}])
        records.append(record)
    return {
        "sources": [{"id": "db", "title": "Hand-made test data"}],
        "actors": [{"id": a, "name": a.title(), "kind": k} for a, k in actors.items()],
        "places": [{"id": p, "name": p.title(), "kind": k} for p, k in (places or {}).items()],
        "relations": records,
    }


@pytest.fixture
def make_dataset(tmp_path: Path) -> Callable[..., Path]:
    """Write a small dataset (see `dataset_records`) to a folder and return the folder."""
    counter = iter(range(1000))

    def make(actors: dict[str, str], relations: list[Rel], places: dict[str, str] | None = None) -> Path:
        folder = tmp_path / f"ds{next(counter)}"
        folder.mkdir()
        text = yaml.safe_dump(dataset_records(actors, relations, places), sort_keys=False)
        (folder / "data.yaml").write_text(text, encoding="utf-8")
        return folder

    return make


@pytest.fixture
def make_graph(make_dataset: Callable[..., Path]) -> Callable[..., nx.MultiDiGraph[str]]:
    """Like `make_dataset`, then load it (checked) and build its graph."""

    def make(actors: dict[str, str], relations: list[Rel], places: dict[str, str] | None = None) -> Any:
        return build_graph(load_dataset(make_dataset(actors, relations, places)))

    return make


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write YAML text as a file of a dataset folder; returns the folder."""

    def write(name: str, text: str) -> Path:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return tmp_path

    return write
