"""Reports of the dataset and its queries: actors, show, supporters and clients, path, contested
(validate's is `graph.report.problems`).

Like `graph.report.answers`, each function turns what the library answered into a `Report`:
the JSON data the README documents, tables for people and CSV, header lines (``show``'s actor)
and the message an empty answer gives.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import networkx as nx

from graph.analytics.chains import Chain, Supporter
from graph.model import Relation
from graph.network import dates_of
from graph.report.document import Block, Column, Report, Table, placed
from graph.report.shapes import chain_data, chain_placed, node_data, relation_data, supporter_data, unconfirmed
from graph.report.text import arrow, chain_details, chain_text, dates_text, evidence_lines


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
        details = claim_lines(rel) + ([f"note: {rel.note}"] if rel.note else []) + evidence_lines(rel)
        table.add([arrow(rel, place), G.nodes[place]["name"], dates_text(rel), rel.confidence], details,
                  placed([rel], place))  # fmt: skip
    report.data["places_within"] = list(within)
    report.blocks[-1] = Block(table=table)
    return report


def _relations_table() -> Table:
    """Relations for people by arrow, dates, confidence and how many independent sources stand behind
    each; in CSV with every field."""
    return Table([Column("relation", wrap=True, csv=False), Column("dates", wrap=True, csv=False),
                  Column("confidence", csv=False), Column("sources", csv=False)], relation_context=())  # fmt: skip


def claim_lines(rel: Relation) -> list[str]:
    """``contested: asserted by 1, denied by 1`` for a relation its evidence does not confirm."""
    claims = rel.vouched
    return [f"{claims.state}: {claims.text()}"] if unconfirmed(claims.state) else []


SIDES = (("for", ("assert", "allege")), ("against", ("deny",)))  # the stances on each side of a claim


def contested_report(G: nx.MultiDiGraph[str], found: Sequence[Relation]) -> Report:
    """``contested``: one row per relation the sources disagree on (`graph.analytics.claims.contested`),
    the quotes of each side below it. JSON: ``{"relations": [relation, ...]}``, each relation with its
    ``state``, ``independent_sources`` and the citations ``for`` and ``against`` it."""
    dates = dates_of(G)
    table = Table([Column("relation", wrap=True, csv=False), "state", "asserted_by", "alleged_by", "denied_by"],
                  relation_context=())  # fmt: skip
    rows = []
    for rel in found:
        claims, data = rel.vouched, relation_data(rel, dates)
        cited = list(zip(rel.evidence, evidence_lines(rel), strict=True))
        details = [f"{side}: {line}" for side, stances in SIDES for c, line in cited if c.stance in stances]
        table.add([arrow(rel), claims.state, len(claims.asserting), len(claims.alleging), len(claims.denying)],
                  details, placed([rel]))  # fmt: skip
        sides = {side: [e for e in data["evidence"] if e.get("stance", "assert") in stances] for side, stances in SIDES}
        rows.append({**data, "state": claims.state, "independent_sources": claims.independent, **sides})
    message = None if found else "(no contested or denied relations)"
    return Report({"relations": rows}, [Block(table=table)], message, dates=dates)


def show_report(G: nx.MultiDiGraph[str], node: str, rels: Sequence[Relation]) -> Report:
    """A node (its name, kind, aliases and description as header lines) and its relations, each with
    how many independent sources stand behind it (`graph.claims`: one voice per publisher or dataset;
    JSON ``independent_sources``)."""
    dates = dates_of(G)
    attrs = G.nodes[node]
    table = _relations_table()
    for rel in rels:
        details = ([f"note: {rel.note}"] if rel.note else []) + evidence_lines(rel)
        doubt = [f"may hold: {why}"] if (why := dates.doubt(rel)) is not None else []
        table.add([arrow(rel, node), dates_text(rel), rel.confidence, rel.vouched.independent],
                  doubt + claim_lines(rel) + details, placed([rel]))  # fmt: skip
    aliases = ", ".join(attrs.get("aliases") or []) or "-"
    header = [f"{attrs['name']} ({node}): {attrs['kind']}; aliases: {aliases}"]
    header += [f"  {attrs['description']}"] if attrs.get("description") else []
    node_info = {k: v for k, v in attrs.items() if k != "node_class"}
    data = {
        "node": {"id": node, **node_info},
        "relations": [{**relation_data(r, dates), "independent_sources": r.vouched.independent} for r in rels],
    }
    return Report(data, [Block(lines=header), Block(table=table)], dates=dates)


def chains_report(G: nx.MultiDiGraph[str], node: str, found: Sequence[Supporter], direction: str,
                  depth: int) -> Report:  # fmt: skip
    """``supporters`` or ``clients`` (``direction``) of ``node``: one row per chain, its hops below."""
    column = "supporter" if direction == "supporters" else "client"
    table = Table([column, Column("name", wrap=True), "kind", "depth", Column("chain", wrap=True),
                   Column("possible", table=False), Column("state", table=False)],
                  relation_context=("step",))  # fmt: skip
    dates = dates_of(G)
    for s in found:
        attrs = G.nodes[s.actor]
        for chain in s.chains:
            table.add([s.actor, attrs["name"], attrs["kind"], len(chain), chain_text(chain, dates), chain.possible,
                       unconfirmed(chain.state)],
                      chain_details(chain, dates),
                      chain_placed(chain))  # fmt: skip
    data = {"actor": node_data(G, node), direction: [supporter_data(G, s) for s in found]}
    message = None if found else f"(no {direction} of {node} found within {depth} hops)"
    return Report(data, [Block(table=table)], message, dates=dates)


def path_report(G: nx.MultiDiGraph[str], a: str, b: str, found: Sequence[Chain]) -> Report:
    """The paths between ``a`` and ``b``: one row each, its hops below."""
    table = Table(["hops", Column("path", wrap=True), Column("possible", table=False), Column("state", table=False)],
                  relation_context=("step",))  # fmt: skip
    dates = dates_of(G)
    for chain in found:
        table.add([len(chain), chain_text(chain, dates), chain.possible, unconfirmed(chain.state)],
                  chain_details(chain, dates),
                  chain_placed(chain))  # fmt: skip
    data = {"from": node_data(G, a), "to": node_data(G, b), "paths": [chain_data(c, dates) for c in found]}
    return Report(data, [Block(table=table)], None if found else f"(no path between {a} and {b})", dates=dates)
