"""The proxygraph command line: thin click commands over the library.

Exit codes: 0 success, 1 invalid data or a file that cannot be written, 2 bad usage (an
unknown actor included), 3 the database could not be reached or refused. Expected failures
print one ``Error:`` line (and, for invalid data, every problem) and no traceback.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any

import click
import networkx as nx

from graph import analysis, output
from graph.dataset import load_dataset, read_dataset
from graph.errors import DataError, ProxygraphError
from graph.model import ACTOR_KINDS, RELATION_TYPES, SUPPORT_TYPES
from graph.network import as_of, build_graph, find_node, of_types


class ProxygraphGroup(click.Group):
    """Turns proxygraph's own errors into a message and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Error: {exc} - run 'proxygraph validate' on it for details", err=True)
            sys.exit(exc.exit_code)
        except ProxygraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=ProxygraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="proxygraph")
def cli() -> None:
    """Alliances and sponsorship between the actors of a conflict, from curated YAML.

    Every command reads the bundled Syria dataset unless given --data PATH.

    \b
    Examples:
      proxygraph supporters "Assad government"
      proxygraph path iran hts
      proxygraph validate my-dataset/
    """


def data_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--data", "data", type=click.Path(), default=None, envvar="PROXYGRAPH_DATA",
        help="Dataset folder or YAML file (default: the bundled Syria dataset; env PROXYGRAPH_DATA).",
    )(f)  # fmt: skip


def as_of_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--as-of", "as_of_date", metavar="DATE", default=None,
        help="Only relations that held on DATE: 2014, 2016-12 or 2024-12-01 (a partial date is the whole year/month).",
    )(f)  # fmt: skip


def format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format", "fmt", type=click.Choice(output.FORMATS), default="table", show_default=True,
        help="Output format; json is stable for scripts (see README).",
    )(f)  # fmt: skip


def graph_from(data: str | None, as_of_date: str | None) -> nx.MultiDiGraph[str]:
    dataset = load_dataset(data)
    # A command reads one dataset and exits: keep the collector from scanning it again and again
    # while the graph is built (100,000 relations: build 1.25 s -> 0.5 s). Not done in the library,
    # where a long-lived process may load many datasets.
    gc.freeze()
    return as_of(build_graph(dataset), as_of_date)


def emit(table: output.Table, data: Any, fmt: str) -> None:
    text = output.render(table, data, fmt)
    if text:
        click.echo(text)


def _split(values: tuple[str, ...]) -> list[str] | None:
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


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
    table = output.Table(["file", "line", "severity", "code", "message", "hint"])
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
    table = output.Table(["id", "name", "kind", "country", "relations"])
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
    rels = analysis.relations_of(G, node)
    table = output.Table(["relation", "dates", "confidence"])
    for rel in rels:
        details = ([f"note: {rel.note}"] if rel.note else []) + output.evidence_lines(rel)
        table.add([output.arrow(rel, node), output.dates_text(rel), rel.confidence], details)
    if fmt == "table":
        aliases = ", ".join(attrs.get("aliases") or []) or "-"
        click.echo(f"{attrs['name']} ({node}): {attrs['kind']}; aliases: {aliases}")
        if attrs.get("description"):
            click.echo(f"  {attrs['description']}")
        click.echo("")
    node_info = {k: v for k, v in attrs.items() if k not in ("node_class",)}
    emit(table, {"node": {"id": node, **node_info}, "relations": [output.relation_data(r) for r in rels]}, fmt)


def _chains_command(direction: str) -> Callable[..., None]:
    """The body shared by `supporters` and `clients`."""
    finder = analysis.supporters if direction == "supporters" else analysis.clients

    def command(actor: str, depth: int, support: str | None, via_states: bool, data: str | None,
                as_of_date: str | None, fmt: str, backend: str = "networkx") -> None:  # fmt: skip
        options: dict[str, Any] = {"max_depth": depth, "support": support, "via_states": via_states}
        if backend == "neo4j":
            from graph.cli_neo4j import neo4j_chains

            G, node, found = neo4j_chains(direction, actor, data, as_of_date, **options)
        else:
            G = graph_from(data, as_of_date)
            node = find_node(G, actor)
            found = finder(G, node, **options)
        column = "supporter" if direction == "supporters" else "client"
        table = output.Table([column, "name", "kind", "depth", "chain"])
        for s in found:
            for chain in s.chains:
                attrs = G.nodes[s.actor]
                table.add(
                    [s.actor, attrs["name"], attrs["kind"], len(chain), output.chain_text(chain)],
                    output.chain_details(chain),
                )
        emit(table, {"actor": output.node_data(G, node), direction: [output.supporter_data(G, s) for s in found]},
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
@click.option("--max-hops", type=click.IntRange(1, 8), default=None, help="Longest path (default: 4 with --all).")
@click.option("--all", "all_paths", is_flag=True, help="Every simple path up to --max-hops, not only the shortest.")
@data_option
@as_of_option
@format_option
@backend_option
def path(actor_a: str, actor_b: str, via: tuple[str, ...], max_hops: int | None, all_paths: bool,
         data: str | None, as_of_date: str | None, fmt: str, backend: str) -> None:  # fmt: skip
    """How ACTOR_A and ACTOR_B connect: the shortest paths over any relation, either way.

    Each hop shows the relations joining its two ends, with dates and quotes.

    \b
    Examples:
      proxygraph path iran hts
      proxygraph path turkey "Assad government" --via backs,fights,member-of --all
    """
    if backend == "neo4j":
        from graph.cli_neo4j import neo4j_paths

        G, a, b, found = neo4j_paths(actor_a, actor_b, data, as_of_date, types=_split(via), max_hops=max_hops,
                                     shortest=not all_paths)  # fmt: skip
    else:
        G = of_types(graph_from(data, as_of_date), _split(via))
        a, b = find_node(G, actor_a, node_class=None), find_node(G, actor_b, node_class=None)
        found = analysis.paths(G, a, b, max_hops=max_hops, shortest=not all_paths)
    table = output.Table(["hops", "path"])
    for chain in found:
        table.add([len(chain), output.chain_text(chain)], output.chain_details(chain))
    emit(table, {"from": output.node_data(G, a), "to": output.node_data(G, b),
                 "paths": [output.chain_data(c) for c in found]}, fmt)  # fmt: skip
    if not found and fmt == "table":
        click.echo(f"(no path between {a} and {b})", err=True)


def main() -> None:
    cli()


# Commands defined in other modules register themselves on `cli` when imported.
from graph import cli_analytics, cli_data, cli_neo4j, cli_render  # noqa: E402,F401
