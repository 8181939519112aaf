"""The relations the sources disagree on: what `graph.claims` calls contested, or only denied.

>>> from graph.dataset import load_dataset
>>> from graph.network import build_graph
>>> contested(build_graph(load_dataset()))  # the bundled sources never deny what another asserts
[]
"""

from __future__ import annotations

import networkx as nx

from graph.claims import CONTESTED, DENIED, STATES
from graph.model import Relation
from graph.network import relations


def contested(G: nx.MultiDiGraph[str]) -> list[Relation]:
    """Every relation of ``G`` whose evidence is contested (asserted or alleged by some voices,
    denied by others) or only denied, contested first, then by key. Cost: O(r log r)."""
    found = [r for r in relations(G) if r.state in (CONTESTED, DENIED)]
    return sorted(found, key=lambda r: (STATES.index(r.state), r.key))
