"""Export a graph for other tools: GraphML and GEXF (Gephi, Cytoscape), node-link JSON, CSV.

Every actor, place and relation goes out with every field. GraphML and GEXF take only
scalars, so lists and mappings (aliases, support, evidence ...) are JSON text there, and
missing values are left out; dates go out as text (``since: "2016-03"``) and as year numbers
(``since_year: 2016``), and in GEXF also as the edge's ``start``/``end`` for Gephi's timeline.
Node-link JSON keeps lists and mappings as they are.

>>> from graph.dataset import load_dataset
>>> from graph.network import build_graph
>>> flat = flat_graph(build_graph(load_dataset()))
>>> flat.nodes["iran"]["kind"], flat.nodes["iran"]["label"]
('state', 'Iran')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph import records
from graph.errors import UsageError
from graph.files import ensure_folder, write_text_atomic
from graph.model import Relation

FORMATS = ("graphml", "gexf", "json", "csv")
CSV_FILES = ("actors.csv", "places.csv", "relations.csv")  # what --format csv writes into its folder
NODE_FIELDS = ("id", "name", "kind", "node_class", "aliases", "country", "wikidata", "description",
               "external_ids", "in")  # fmt: skip
# The columns of relations.csv: the YAML's fields, which `import csv` reads back.
RELATION_FIELDS = ("key", "from", "type", "to", "since", "until", "ended", "support", "flags", "support_scope",
                   "count", "weight", "confidence", "note", "evidence")  # fmt: skip
# What a relation carries in every export: the record's fields (not ``ended_before``, which the
# reader derives from the sources) with the year numbers of its dates.
EXPORT_FIELDS = ("key", "from", "type", "to", "since", "until", "since_year", "until_year", "ended", "status",
                 "directed", "sign", "support", "flags", "support_scope", "count", "weight", "confidence", "state",
                 "independent_sources", "note", "evidence")  # fmt: skip


def node_record(G: nx.MultiDiGraph[str], node: str) -> dict[str, Any]:
    """A node's fields as plain data (lists and mappings kept), None for missing ones."""
    attrs = G.nodes[node]
    record = {k: attrs.get(k) for k in NODE_FIELDS if k != "id"}
    record["aliases"] = list(attrs.get("aliases") or [])
    record["external_ids"] = dict(attrs.get("external_ids") or {})
    return {"id": node, **record}


def export_record(rel: Relation) -> dict[str, Any]:
    """A relation's fields as plain data, with its sign, direction and year numbers: the one
    record (`graph.records`) in `EXPORT_FIELDS`, plus ``since_year``/``until_year``."""
    record = records.relation_record(rel)
    record["since_year"] = rel.since.year if rel.since else None
    record["until_year"] = rel.until.year if rel.until else None
    return records.project(record, EXPORT_FIELDS)


def _scalar(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def flat_graph(G: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A copy of ``G`` whose attributes are all scalars (str, int, bool), None left out.

    Nodes get ``label`` (the name); edges are keyed by the relation key and get ``label``
    (the type). Cost: O(nodes + relations).
    """
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=str(G.graph.get("name") or "proxygraph"))
    for node in G.nodes:
        record = node_record(G, node)
        attrs = {k: _scalar(v) for k, v in record.items() if k != "id" and v not in (None, [], {})}
        flat.add_node(node, label=record["name"], **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        record = export_record(data["relation"])
        attrs = {k: _scalar(x) for k, x in record.items() if k not in ("key", "from", "to") and x not in (None, [])}
        if "weight" in attrs:  # one key type in GraphML and GEXF: a double
            attrs["weight"] = float(attrs["weight"])
        flat.add_edge(u, v, key=key, relation_key=key, label=record["type"], **attrs)
    return flat


def node_link(G: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """Node-link data (``nodes``, ``edges``), lists and mappings kept; read back with
    ``nx.node_link_graph(data, edges="edges")``."""
    rich: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=str(G.graph.get("name") or "proxygraph"))
    for node in G.nodes:
        record = node_record(G, node)
        rich.add_node(node, **{k: v for k, v in record.items() if k != "id" and v is not None})
    for u, v, key, attrs in G.edges(keys=True, data=True):
        record = export_record(attrs["relation"])
        rich.add_edge(u, v, key=key, **{k: x for k, x in record.items() if k not in ("key", "from", "to")})
    data: dict[str, Any] = nx.node_link_data(rich, edges="edges")
    return data


def gexf_graph(G: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """The flat graph with ``start``/``end`` years on dated edges, for Gephi's timeline; the
    relation type is ``relation_type`` (GEXF keeps ``type`` for directed/undirected)."""
    flat = flat_graph(G)
    for _, _, data in flat.edges(data=True):
        data["relation_type"] = data.pop("type")
        if "since_year" in data:
            data["start"] = data["since_year"]
        if "until_year" in data:
            data["end"] = data["until_year"]
    return flat


def gexf_text(G: nx.MultiDiGraph[str]) -> str:
    """GEXF 1.2draft as its schema has it: NetworkX writes ``timeformat="long"`` for integer
    years and a ``name`` on ``<graph>``, neither of which the schema allows. Times are integer
    years (``timeformat="integer"``): most dates of the data are years, and a year says what
    the sources know without inventing a month or day; Gephi's timeline reads integers."""
    writer = nx.readwrite.gexf.GEXFWriter(prettyprint=True, version="1.2draft")
    writer.add_graph(gexf_graph(G))
    graph = writer.graph_element
    graph.attrib.pop("name", None)
    if graph.get("timeformat") == "long":
        graph.set("timeformat", "integer")
    return "\n".join(str(writer).splitlines())


def _csv_text(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(k, v) for k, v in row.items()})
    return out.getvalue()


def _csv_cell(key: str, value: Any) -> Any:
    if value is None or value in ([], {}):
        return ""
    if key in ("evidence", "external_ids"):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        plain = not any(c in item for item in value for c in ";|") and not value[0].startswith("[")
        return "; ".join(value) if plain else json.dumps(value, ensure_ascii=False)
    return str(value).lower() if isinstance(value, bool) else value


def csv_tables(G: nx.MultiDiGraph[str]) -> dict[str, str]:
    """``actors.csv``, ``places.csv`` and ``relations.csv`` as text; lists joined with "; " (JSON when
    an item holds ";" or "|"), evidence and external ids as JSON. ``proxygraph import csv`` reads them back."""
    nodes = [node_record(G, n) for n in G.nodes]
    actor_fields = [f for f in NODE_FIELDS if f not in ("node_class", "in")]
    place_fields = [f for f in NODE_FIELDS if f not in ("node_class", "external_ids")]
    relations = [export_record(d["relation"]) for _, _, d in G.edges(data=True)]
    return {
        "actors.csv": _csv_text(actor_fields, (n for n in nodes if n["node_class"] == "actor")),
        "places.csv": _csv_text(place_fields, (n for n in nodes if n["node_class"] == "place")),
        "relations.csv": _csv_text(RELATION_FIELDS, relations),
    }


def export(G: nx.MultiDiGraph[str], fmt: str, out: Path | None) -> str | None:
    """Write ``G`` in ``fmt`` to ``out`` (a folder for csv); return the text when ``out`` is None.

    Every file is written atomically (`graph.files`): a failed write leaves no partial file.
    The csv folder is created if missing, not its parents.

    Raises
    ------
    UsageError
        When ``fmt`` is unknown, or csv is asked without a folder.
    WriteError
        When a file cannot be written (no such folder, a file in the way, no permission).
    """
    if fmt == "csv":
        if out is None:
            raise UsageError(f"csv writes three files ({', '.join(CSV_FILES)}): give a folder as out", argument="out")
        folder = ensure_folder(out)
        for name, text in csv_tables(G).items():
            write_text_atomic(folder / name, text)
        return None
    if fmt == "json":
        text = json.dumps(node_link(G), ensure_ascii=False, indent=1)
    elif fmt == "graphml":
        text = "\n".join(nx.generate_graphml(flat_graph(G)))
    elif fmt == "gexf":
        text = gexf_text(G)
    else:
        raise UsageError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    if out is None:
        return text
    write_text_atomic(out, text + "\n")
    return None
