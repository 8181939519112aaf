"""proxygraph: alliances and sponsorship between the actors of a conflict, as a graph.

>>> from graph import load_dataset, build_graph, supporters
>>> G = build_graph(load_dataset())
>>> [s.actor for s in supporters(G, "assad-government", max_depth=1)]
['iran', 'iran-allied-militias', 'iraqi-militias', 'russia', 'government-of-iraq']
"""

from graph.analytics.chains import Chain, Step, Supporter
from graph.analytics.held import doubt
from graph.analytics.paths import paths, relations_of
from graph.analytics.supporters import clients, supporters
from graph.dataset import bundled_path, load_dataset, read_dataset
from graph.errors import DataError, Problem, ProxygraphError, UnknownActor, UsageError
from graph.model import Actor, Citation, Dataset, Dates, PartialDate, Place, Relation, Source
from graph.network import as_of, build_graph, dates_of, find_node, of_sources, of_types
from graph.vocabulary import ACTOR_KINDS, PLACE_KINDS, RELATION_TYPES, SUPPORT_TYPES, RelationType

__all__ = [
    "ACTOR_KINDS", "PLACE_KINDS", "RELATION_TYPES", "SUPPORT_TYPES", "Actor", "Chain", "Citation", "DataError",
    "Dataset", "Dates", "PartialDate", "Place", "Problem", "ProxygraphError", "Relation", "RelationType", "Source",
    "Step", "Supporter", "UnknownActor", "UsageError", "as_of", "build_graph", "bundled_path", "clients",
    "dates_of", "doubt", "find_node", "load_dataset", "of_sources", "of_types", "paths", "read_dataset",
    "relations_of", "supporters",
]  # fmt: skip
