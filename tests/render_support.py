"""Support for the render tests: a small hand-checked dataset written as YAML into a folder, and
`shown_by_filters`, what the page should draw under its sidebar filters, worked out in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from graph.network import relations

XSS = "<img src=x onerror=alert(1)>"

SMALL = f"""
actors:
  - id: patron
    name: Patron State
    kind: state
    aliases: [The Patron]
  - id: militia
    name: "{XSS}"
    kind: militia
    aliases: ["</script><script>alert(2)</script>"]
  - id: rebels
    name: Rebels
    kind: rebel-group
places:
  - id: town
    name: Ḥalab Town
    kind: city
sources:
  - id: report
    title: "A report & <b>its</b> title"
    url: https://example.org/report
  - id: bad-link
    title: A source with a script link
    url: "javascript:alert(3)"
relations:
  - from: patron
    type: backs
    to: militia
    since: 2013
    support: [weapons, funding]
    confidence: high
    evidence:
      - source: report
        quote: "the patron armed the militia </script><img src=y onerror=alert(4)>"
  - from: militia
    type: fights
    to: rebels
    since: 2012
    until: 2015
    confidence: low
    evidence:
      - source: bad-link
        quote: they fought
  - from: rebels
    type: controls
    to: town
    since: 2014
    until: 2016
    evidence:
      - source: report
        quote: rebels held the town
  - from: militia
    type: controls
    to: town
    since: 2017
    evidence:
      - source: report
        quote: the militia holds the town
"""


def write_small_dataset(folder: Path) -> Path:
    """Write the small dataset (3 actors, 1 place, 4 relations) as ``folder/small/data.yaml``."""
    root = folder / "small"
    root.mkdir(parents=True, exist_ok=True)
    (root / "data.yaml").write_text(SMALL, encoding="utf-8")
    return root


def node_kind_key(G: nx.MultiDiGraph[str], node: str) -> str:
    """The key of a node's kind in the page's legend, e.g. ``actor:state`` or ``place:city``."""
    return f"{G.nodes[node]['node_class']}:{G.nodes[node]['kind']}"


def shown_by_filters(
    G: nx.MultiDiGraph[str], *, hidden_types: Iterable[str] = (), hidden_kinds: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """The node ids and the relations (``"from type to"``), sorted, that the page of ``G`` shows
    when the legend hides ``hidden_types`` and ``hidden_kinds`` (keys as in `node_kind_key`).

    The page's rule, stated here independently of its script: a relation shows when its type
    and the kinds of both its ends show; a node shows when its kind shows and it keeps a shown
    relation, or never had one.
    """
    no_type, no_kind = set(hidden_types), set(hidden_kinds)
    edges = [
        r
        for r in relations(G)
        if r.type not in no_type and node_kind_key(G, r.source) not in no_kind
        and node_kind_key(G, r.target) not in no_kind
    ]  # fmt: skip
    linked = {n for r in edges for n in (r.source, r.target)}
    nodes = [n for n in G if node_kind_key(G, n) not in no_kind and (n in linked or G.degree(n) == 0)]
    return sorted(nodes), sorted(f"{r.source} {r.type} {r.target}" for r in edges)


# What only may hold, hand-checked: the backs relation has no start, and its source (published
# 2016-05) attests it from then; the militia's war is ongoing in a dataset whose window ends in
# 2014; the patron's war is dated 2013-2016.
DOUBTS = """
actors:
  - {id: patron, name: Patron State, kind: state}
  - {id: militia, name: Militia, kind: militia}
  - {id: rebels, name: Rebels, kind: rebel-group}
sources:
  - {id: report, title: A report, published: 2016-05-01}
  - {id: rows, title: Conflict rows, observed_until: 2014}
relations:
  - from: patron
    type: backs
    to: militia
    evidence: [{source: report, quote: the patron arms the militia}]
  - from: militia
    type: fights
    to: rebels
    since: 2012
    evidence: [{source: rows, record: row 1}]
  - from: patron
    type: fights
    to: rebels
    since: 2013
    until: 2016
    evidence: [{source: report, quote: the patron fought the rebels}]
"""


def write_doubts_dataset(folder: Path) -> Path:
    """Write the `DOUBTS` dataset (3 actors, 3 relations) as ``folder/doubts/data.yaml``."""
    root = folder / "doubts"
    root.mkdir(parents=True, exist_ok=True)
    (root / "data.yaml").write_text(DOUBTS, encoding="utf-8")
    return root
