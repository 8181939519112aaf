"""Reports of the dataset and its queries: validate, actors, show, supporters and clients, path.

Like `graph.report.answers`, each function turns what the library answered into a `Report`:
the JSON data the README documents, tables for people and CSV, header lines (``show``'s actor)
and the message an empty answer gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

import networkx as nx

from graph.analytics.chains import Chain, Supporter
from graph.errors import Problem
from graph.model import Dataset, Relation
from graph.network import dates_of
from graph.report.document import Block, Column, Report, Table, placed
from graph.report.shapes import chain_data, chain_placed, node_data, relation_data, supporter_data
from graph.report.text import arrow, chain_details, chain_text, dates_text, evidence_lines

SHOWN_PER_CODE = 20  # validate's text lists this many problems of each code, then how many more


def validate_report(dataset: Dataset, problems: Sequence[Problem], limit: int | None = SHOWN_PER_CODE) -> Report:
    """The problems, one a line (``file:line: code: message (hint)``, kept whole for editors): the
    first ``limit`` of each code (None: all), then one line per code saying how many more; then the
    counts; with errors the counts go to stderr. CSV and JSON list every problem."""
    errors = sum(p.severity == "error" for p in problems)
    table = Table(["file", "line", "severity", "code", Column("message", wrap=True), Column("hint", wrap=True)])
    for p in problems:
        table.add([p.file, p.line, p.severity, p.code, p.message, p.hint])
    summary = (
        f"{len(dataset.actors)} actors, {len(dataset.places)} places, {len(dataset.sources)} sources, "
        f"{len(dataset.relations)} relations: {errors} errors, {len(problems) - errors} warnings"
    )
    shown: Counter[str] = Counter()
    lines = []
    for p in problems:
        shown[p.code] += 1
        if limit is None or shown[p.code] <= limit:
            lines.append(str(p))
    if limit is not None:
        lines += [f"... and {n - limit:,} more {code}: run with --all to list them"
                  for code, n in shown.items() if n > limit]  # fmt: skip
    lines += [] if errors else [summary]
    return Report([p.to_dict() for p in problems], [Block(lines=lines, wrap=False)], summary if errors else None, table)


def actors_report(G: nx.MultiDiGraph[str], kinds: Collection[str] = ()) -> Report:
    """The actors (of ``kinds``, or all), by id, with their number of relations."""
    table = Table(["id", Column("name", wrap=True), "kind", "country", "relations", Column("aliases", table=False)])
    rows = []
    for node in sorted(G.nodes):
        attrs = G.nodes[node]
        if attrs["node_class"] != "actor" or (kinds and attrs["kind"] not in kinds):
            continue
        aliases = list(attrs.get("aliases") or [])
        rows.append({"id": node, "name": attrs["name"], "kind": attrs["kind"], "country": attrs.get("country"),
                     "aliases": aliases, "relations": G.degree(node)})  # fmt: skip
        table.add([node, attrs["name"], attrs["kind"], attrs.get("country"), G.degree(node), aliases])
    return Report(rows, [Block(table=table)])


def places_report(G: nx.MultiDiGraph[str], kinds: Collection[str] = ()) -> Report:
    """The places (of ``kinds``, or all), by id, with the place each is in and their number of relations."""
    table = Table(["id", Column("name", wrap=True), "kind", "in", "country", "relations",
                   Column("aliases", table=False)])  # fmt: skip
    rows = []
    for node in sorted(G.nodes):
        attrs = G.nodes[node]
        if attrs["node_class"] != "place" or (kinds and attrs["kind"] not in kinds):
            continue
        aliases = list(attrs.get("aliases") or [])
        rows.append({"id": node, "name": attrs["name"], "kind": attrs["kind"], "in": attrs.get("in"),
                     "country": attrs.get("country"), "aliases": aliases, "relations": G.degree(node)})  # fmt: skip
        table.add([node, attrs["name"], attrs["kind"], attrs.get("in"), attrs.get("country"), G.degree(node), aliases])
    return Report(rows, [Block(table=table)])


def place_report(G: nx.MultiDiGraph[str], node: str, within: Sequence[str],
                 found: Sequence[tuple[str, Relation]]) -> Report:  # fmt: skip
    """``show`` of a place: its header, then the relations to it and to the places ``within`` it,
    each with the place it is at (a column; ``place`` in CSV). JSON: `show_report`'s shape, its
    relations those of every place, and ``places_within`` (ids, nearest first)."""
    report = show_report(G, node, [rel for _, rel in found])
    table = Table([Column("relation", wrap=True, csv=False), Column("place", wrap=True, csv=False),
                   Column("dates", wrap=True, csv=False), Column("confidence", csv=False)],
                  relation_context=("place",))  # fmt: skip
    for place, rel in found:
        details = ([f"note: {rel.note}"] if rel.note else []) + evidence_lines(rel)
        table.add([arrow(rel, place), G.nodes[place]["name"], dates_text(rel), rel.confidence], details,
                  placed([rel], place))  # fmt: skip
    report.data["places_within"] = list(within)
    report.blocks[-1] = Block(table=table)
    return report


def _relations_table() -> Table:
    """Relations for people by arrow, dates and confidence; in CSV with every field."""
    return Table([Column("relation", wrap=True, csv=False), Column("dates", wrap=True, csv=False),
                  Column("confidence", csv=False)], relation_context=())  # fmt: skip


def show_report(G: nx.MultiDiGraph[str], node: str, rels: Sequence[Relation]) -> Report:
    dates = dates_of(G)
    """A node (its name, kind, aliases and description as header lines) and its relations."""
    attrs = G.nodes[node]
    table = _relations_table()
    for rel in rels:
        details = ([f"note: {rel.note}"] if rel.note else []) + evidence_lines(rel)
        doubt = [f"may hold: {why}"] if (why := dates.doubt(rel)) is not None else []
        table.add([arrow(rel, node), dates_text(rel), rel.confidence], doubt + details, placed([rel]))
    aliases = ", ".join(attrs.get("aliases") or []) or "-"
    header = [f"{attrs['name']} ({node}): {attrs['kind']}; aliases: {aliases}"]
    header += [f"  {attrs['description']}"] if attrs.get("description") else []
    node_info = {k: v for k, v in attrs.items() if k != "node_class"}
    data = {"node": {"id": node, **node_info}, "relations": [relation_data(r, dates) for r in rels]}
    return Report(data, [Block(lines=header), Block(table=table)], dates=dates)


def chains_report(G: nx.MultiDiGraph[str], node: str, found: Sequence[Supporter], direction: str,
                  depth: int) -> Report:  # fmt: skip
    """``supporters`` or ``clients`` (``direction``) of ``node``: one row per chain, its hops below."""
    column = "supporter" if direction == "supporters" else "client"
    table = Table([column, Column("name", wrap=True), "kind", "depth", Column("chain", wrap=True),
                   Column("possible", table=False)], relation_context=("step",))  # fmt: skip
    dates = dates_of(G)
    for s in found:
        attrs = G.nodes[s.actor]
        for chain in s.chains:
            table.add([s.actor, attrs["name"], attrs["kind"], len(chain), chain_text(chain, dates), chain.possible],
                      chain_details(chain, dates),
                      chain_placed(chain))  # fmt: skip
    data = {"actor": node_data(G, node), direction: [supporter_data(G, s) for s in found]}
    message = None if found else f"(no {direction} of {node} found within {depth} hops)"
    return Report(data, [Block(table=table)], message, dates=dates)


def path_report(G: nx.MultiDiGraph[str], a: str, b: str, found: Sequence[Chain]) -> Report:
    """The paths between ``a`` and ``b``: one row each, its hops below."""
    table = Table(["hops", Column("path", wrap=True), Column("possible", table=False)], relation_context=("step",))
    dates = dates_of(G)
    for chain in found:
        table.add([len(chain), chain_text(chain, dates), chain.possible], chain_details(chain, dates),
                  chain_placed(chain))  # fmt: skip
    data = {"from": node_data(G, a), "to": node_data(G, b), "paths": [chain_data(c, dates) for c in found]}
    return Report(data, [Block(table=table)], None if found else f"(no path between {a} and {b})", dates=dates)
