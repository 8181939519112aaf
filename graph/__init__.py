"""proxygraph: alliances and sponsorship between the actors of a conflict, as a graph.

>>> from graph import load_dataset, build_graph, supporters
>>> G = build_graph(load_dataset())
>>> [s.actor for s in supporters(G, "assad-government", max_depth=1)]
['iran', 'iran-allied-militias', 'iraqi-militias', 'russia', 'government-of-iraq']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names for type checkers; at run time each is imported when first used
    from graph.analytics.chains import Chain, Step, Supporter
    from graph.analytics.held import doubt
    from graph.analytics.paths import paths, relations_of
    from graph.analytics.supporters import clients, supporters
    from graph.dataset import bundled_path, load_dataset, read_dataset
    from graph.errors import DataError, Problem, ProxygraphError, UnknownActor, UsageError
    from graph.model import Actor, Citation, Dataset, Dates, PartialDate, Place, Relation, Source
    from graph.network import as_of, build_graph, dates_of, find_node, of_sources, of_types
    from graph.vocabulary import ACTOR_KINDS, PLACE_KINDS, RELATION_TYPES, SUPPORT_TYPES, RelationType

# Where each public name lives. `import graph` (and so every command, `--help` included) imports
# none of them: networkx and the analytics load only when a name is first used.
_HOMES = {
    "Chain": "graph.analytics.chains",
    "Step": "graph.analytics.chains",
    "Supporter": "graph.analytics.chains",
    "doubt": "graph.analytics.held",
    "paths": "graph.analytics.paths",
    "relations_of": "graph.analytics.paths",
    "clients": "graph.analytics.supporters",
    "supporters": "graph.analytics.supporters",
    "bundled_path": "graph.dataset",
    "load_dataset": "graph.dataset",
    "read_dataset": "graph.dataset",
    "DataError": "graph.errors",
    "Problem": "graph.errors",
    "ProxygraphError": "graph.errors",
    "UnknownActor": "graph.errors",
    "UsageError": "graph.errors",
    "Actor": "graph.model",
    "Citation": "graph.model",
    "Dataset": "graph.model",
    "Dates": "graph.model",
    "PartialDate": "graph.model",
    "Place": "graph.model",
    "Relation": "graph.model",
    "Source": "graph.model",
    "as_of": "graph.network",
    "build_graph": "graph.network",
    "dates_of": "graph.network",
    "find_node": "graph.network",
    "of_sources": "graph.network",
    "of_types": "graph.network",
    "ACTOR_KINDS": "graph.vocabulary",
    "PLACE_KINDS": "graph.vocabulary",
    "RELATION_TYPES": "graph.vocabulary",
    "SUPPORT_TYPES": "graph.vocabulary",
    "RelationType": "graph.vocabulary",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # the next use is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "ACTOR_KINDS", "PLACE_KINDS", "RELATION_TYPES", "SUPPORT_TYPES", "Actor", "Chain", "Citation", "DataError",
    "Dataset", "Dates", "PartialDate", "Place", "Problem", "ProxygraphError", "Relation", "RelationType", "Source",
    "Step", "Supporter", "UnknownActor", "UsageError", "as_of", "build_graph", "bundled_path", "clients",
    "dates_of", "doubt", "find_node", "load_dataset", "of_sources", "of_types", "paths", "read_dataset",
    "relations_of", "supporters",
]  # fmt: skip
