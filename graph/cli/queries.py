"""proxygraph commands that read and query a dataset: validate, actors, show, supporters, clients, path."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from graph.analytics import paths as walks
from graph.analytics import supporters as backing
from graph.cli.app import as_of_option, cli, data_option, emit, format_option, graph_from, split_values
from graph.dataset import read_dataset
from graph.network import find_node, of_types
from graph.report import shapes, text
from graph.report import table as tables
from graph.vocabulary import ACTOR_KINDS, RELATION_TYPES, SUPPORT_TYPES


@cli.command()
@click.argument("path", required=False, type=click.Path())
@format_option
def validate(path: str | None, fmt: str) -> None:
    """Check a dataset and report every problem, as FILE:LINE: CODE: MESSAGE (HINT).

    Exits 1 when there is any error; warnings alone exit 0. Without PATH, checks the
    bundled dataset.

    \b
    Example:
      proxygraph validate data/
    """
    dataset, problems = read_dataset(path)
    errors = sum(p.severity == "error" for p in problems)
    table = tables.Table(["file", "line", "severity", "code", "message", "hint"])
    for p in problems:
        table.add([p.file, p.line, p.severity, p.code, p.message, p.hint])
    if fmt == "table":
        for p in problems:
            click.echo(str(p))
        summary = (
            f"{len(dataset.actors)} actors, {len(dataset.places)} places, {len(dataset.sources)} sources, "
            f"{len(dataset.relations)} relations: {errors} errors, {len(problems) - errors} warnings"
        )
        click.echo(summary, err=bool(errors))
    else:
        emit(table, [p.to_dict() for p in problems], fmt)
    sys.exit(1 if errors else 0)


@cli.command()
@click.option("--kind", type=click.Choice(list(ACTOR_KINDS)), multiple=True, help="Only this kind (repeatable).")
@data_option
@as_of_option
@format_option
def actors(kind: tuple[str, ...], data: str | None, as_of_date: str | None, fmt: str) -> None:
    """List the actors, with their kind, country and number of relations.

    \b
    Example:
      proxygraph actors --kind militia --kind coalition
    """
    G = graph_from(data, as_of_date)
    table = tables.Table(["id", "name", "kind", "country", "relations"])
    rows = []
    for node in sorted(G.nodes):
        attrs = G.nodes[node]
        if attrs["node_class"] != "actor" or (kind and attrs["kind"] not in kind):
            continue
        rows.append(
            {
                "id": node,
                "name": attrs["name"],
                "kind": attrs["kind"],
                "country": attrs.get("country"),
                "aliases": attrs.get("aliases") or [],
                "relations": G.degree(node),
            }
        )
        table.add([node, attrs["name"], attrs["kind"], attrs.get("country"), G.degree(node)])
    emit(table, rows, fmt)


@cli.command()
@click.argument("actor")
@data_option
@as_of_option
@format_option
def show(actor: str, data: str | None, as_of_date: str | None, fmt: str) -> None:
    """Show an actor (or place) and every relation in and out, with dates and quotes.

    ACTOR is an id, a name or an alias, in any case.

    \b
    Example:
      proxygraph show hts
    """
    G = graph_from(data, as_of_date)
    node = find_node(G, actor, node_class=None)
    attrs = G.nodes[node]
    rels = walks.relations_of(G, node)
    table = tables.Table(["relation", "dates", "confidence"])
    for rel in rels:
        details = ([f"note: {rel.note}"] if rel.note else []) + text.evidence_lines(rel)
        table.add([text.arrow(rel, node), text.dates_text(rel), rel.confidence], details)
    if fmt == "table":
        aliases = ", ".join(attrs.get("aliases") or []) or "-"
        click.echo(f"{attrs['name']} ({node}): {attrs['kind']}; aliases: {aliases}")
        if attrs.get("description"):
            click.echo(f"  {attrs['description']}")
        click.echo("")
    node_info = {k: v for k, v in attrs.items() if k not in ("node_class",)}
    emit(table, {"node": {"id": node, **node_info}, "relations": [shapes.relation_data(r) for r in rels]}, fmt)


def _chains_command(direction: str) -> Callable[..., None]:
    """The body shared by `supporters` and `clients`."""
    finder = backing.supporters if direction == "supporters" else backing.clients

    def command(actor: str, depth: int, support: str | None, via_states: bool, data: str | None,
                as_of_date: str | None, fmt: str, backend: str = "networkx") -> None:  # fmt: skip
        options: dict[str, Any] = {"max_depth": depth, "support": support, "via_states": via_states}
        if backend == "neo4j":
            from graph.cli.neo4j import neo4j_chains

            G, node, found = neo4j_chains(direction, actor, data, as_of_date, **options)
        else:
            G = graph_from(data, as_of_date)
            node = find_node(G, actor)
            found = finder(G, node, **options)
        column = "supporter" if direction == "supporters" else "client"
        table = tables.Table([column, "name", "kind", "depth", "chain"])
        for s in found:
            for chain in s.chains:
                attrs = G.nodes[s.actor]
                table.add(
                    [s.actor, attrs["name"], attrs["kind"], len(chain), text.chain_text(chain)],
                    text.chain_details(chain),
                )
        emit(table, {"actor": shapes.node_data(G, node), direction: [shapes.supporter_data(G, s) for s in found]},
             fmt)  # fmt: skip
        if not found and fmt == "table":
            click.echo(f"(no {direction} of {node} found within {depth} hops)", err=True)

    return command


def _chain_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--depth", type=click.IntRange(1, 10), default=3, show_default=True,
                     help="Longest chain of backs to follow.")(f)  # fmt: skip
    f = click.option("--support", type=click.Choice(list(SUPPORT_TYPES)), default=None,
                     help="Only chains whose every hop gives this kind of support.")(f)  # fmt: skip
    f = click.option("--via-states", is_flag=True,
                     help="Also follow chains through states and governments that others back (off: the US backs "
                          "Iraq and Iraq backs Syria does not make the US a supporter of Syria).")(f)  # fmt: skip
    return backend_option(f)


def backend_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--backend", type=click.Choice(["networkx", "neo4j"]), default="networkx", show_default=True,
        help="Answer from the YAML with NetworkX, or from the dataset loaded in Neo4j (NEO4J_* env; see 'load').",
    )(f)  # fmt: skip


@cli.command()
@click.argument("actor")
@_chain_options
@data_option
@as_of_option
@format_option
def supporters(**kwargs: Any) -> None:
    """Who backs ACTOR, directly or through others, each with the chain and its quotes.

    \b
    Example:
      proxygraph supporters "Assad government" --as-of 2016
    """
    _chains_command("supporters")(**kwargs)


@cli.command()
@click.argument("actor")
@_chain_options
@data_option
@as_of_option
@format_option
def clients(**kwargs: Any) -> None:
    """Whom ACTOR backs, directly or through others, each with the chain and its quotes.

    \b
    Example:
      proxygraph clients iran --depth 2
    """
    _chains_command("clients")(**kwargs)


@cli.command()
@click.argument("actor_a")
@click.argument("actor_b")
@click.option(
    "--via",
    multiple=True,
    metavar="TYPES",
    help=f"Walk only these relation types, comma-separated ({', '.join(RELATION_TYPES)}).",
)
@click.option("--max-hops", type=click.IntRange(1, 8), default=None,
              help="Longest path (default: 8 for the shortest, 4 with --all).")  # fmt: skip
@click.option("--all", "all_paths", is_flag=True, help="Every simple path up to --max-hops, not only the shortest.")
@data_option
@as_of_option
@format_option
@backend_option
def path(actor_a: str, actor_b: str, via: tuple[str, ...], max_hops: int | None, all_paths: bool,
         data: str | None, as_of_date: str | None, fmt: str, backend: str) -> None:  # fmt: skip
    """How ACTOR_A and ACTOR_B connect: the shortest paths over any relation, either way.

    A path holds only while every hop does: the shortest are the fewest hops (up to 8) whose
    relations held at the same time. Each hop shows its relations that held with the others,
    with dates and quotes.

    \b
    Examples:
      proxygraph path iran hts
      proxygraph path turkey "Assad government" --via backs,fights,member-of --all
    """
    if backend == "neo4j":
        from graph.cli.neo4j import neo4j_paths

        G, a, b, found = neo4j_paths(actor_a, actor_b, data, as_of_date, types=split_values(via), max_hops=max_hops,
                                     shortest=not all_paths)  # fmt: skip
    else:
        G = of_types(graph_from(data, as_of_date), split_values(via))
        a, b = find_node(G, actor_a, node_class=None), find_node(G, actor_b, node_class=None)
        found = walks.paths(G, a, b, max_hops=max_hops, shortest=not all_paths)
    table = tables.Table(["hops", "path"])
    for chain in found:
        table.add([len(chain), text.chain_text(chain)], text.chain_details(chain))
    emit(table, {"from": shapes.node_data(G, a), "to": shapes.node_data(G, b),
                 "paths": [shapes.chain_data(c) for c in found]}, fmt)  # fmt: skip
    if not found and fmt == "table":
        click.echo(f"(no path between {a} and {b})", err=True)
