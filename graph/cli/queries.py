"""proxygraph commands that read and query a dataset: validate, actors, show, supporters, clients, path,
contested."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from graph.claims import STATES
from graph.cli.app import (
    as_of_option,
    backend_option,
    cli,
    data_option,
    emit,
    format_option,
    given_claims,
    given_possible,
    graph_from,
    read_from,
    split_values,
    without_sources,
)
from graph.report.problems import SHOWN_PER_CODE, validate_report
from graph.vocabulary import ACTOR_KINDS, PLACE_KINDS, RELATION_TYPES, SUPPORT_TYPES


@cli.command()
@click.argument("path", required=False, type=click.Path())
@click.option("--all", "show_all", is_flag=True, help="List every problem (text lists 20 of each code).")
@format_option
def validate(path: str | None, show_all: bool, fmt: str) -> None:
    """Check a dataset and report its problems, as FILE:LINE: CODE: MESSAGE (HINT).

    Text lists the first 20 problems of each code and how many more (--all lists
    every one; JSON and CSV always do). Exits 1 when there is any error; warnings
    alone exit 0. Without PATH, checks the bundled dataset.

    \b
    Example:
      proxygraph validate data/
    """
    dataset, problems, _ = read_from(path)
    emit(validate_report(dataset, problems, None if show_all else SHOWN_PER_CODE), fmt)
    sys.exit(1 if any(p.severity == "error" for p in problems) else 0)


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
    from graph.report import queries as reports

    emit(reports.actors_report(graph_from(data, as_of_date), kind), fmt)


@cli.command()
@click.argument("actor")
@data_option
@as_of_option
@format_option
def show(actor: str, data: str | None, as_of_date: str | None, fmt: str) -> None:
    """Show an actor (or place) and every relation in and out, with dates and quotes.

    ACTOR is an id, a name or an alias, in any case. A place shows the relations to it and to
    every place within it (by their 'in', at any depth), each naming its place.

    \b
    Examples:
      proxygraph show hts
      proxygraph show syria
    """
    from graph.analytics import paths as walks
    from graph.model import Relation
    from graph.network import find_node, places_within
    from graph.report import queries as reports

    G = graph_from(data, as_of_date)
    node = find_node(G, actor, node_class=None)
    if G.nodes[node]["node_class"] != "place":
        emit(reports.show_report(G, node, walks.relations_of(G, node)), fmt)
        return
    inner = places_within(G, node)
    at: dict[str, tuple[str, Relation]] = {}  # relation key -> (the place it is at, the relation)
    for place in (node, *inner):
        for rel in walks.relations_of(G, place):
            at.setdefault(rel.key, (place, rel))
    emit(reports.place_report(G, node, inner, list(at.values())), fmt)


@cli.command()
@click.option("--kind", type=click.Choice(list(PLACE_KINDS)), multiple=True, help="Only this kind (repeatable).")
@data_option
@as_of_option
@format_option
def places(kind: tuple[str, ...], data: str | None, as_of_date: str | None, fmt: str) -> None:
    """List the places, with their kind, the place they are in, country and number of relations.

    'proxygraph show PLACE' lists the relations to a place and to every place within it.

    \b
    Example:
      proxygraph places --kind base
    """
    from graph.report import queries as reports

    emit(reports.places_report(graph_from(data, as_of_date), kind), fmt)


def _chains_command(direction: str) -> Callable[..., None]:
    """The body shared by `supporters` and `clients`."""

    def command(actor: str, depth: int, support: str | None, via_states: bool, inherit_membership: bool,
                data: str | None, as_of_date: str | None, fmt: str, backend: str = "networkx") -> None:  # fmt: skip
        from graph.analytics import supporters as backing
        from graph.network import find_node
        from graph.report import queries as reports

        options: dict[str, Any] = {"max_depth": depth, "support": support, "via_states": via_states,
                                   "inherit_membership": inherit_membership}  # fmt: skip
        if backend == "neo4j":
            without_sources(possible_too=False, claims_too=False)
            from graph.cli.neo4j import neo4j_chains

            G, node, found = neo4j_chains(direction, actor, data, as_of_date, possible=given_possible(),
                                          claims=given_claims(), **options)  # fmt: skip
        else:
            G = graph_from(data, as_of_date)
            node = find_node(G, actor)
            found = (backing.supporters if direction == "supporters" else backing.clients)(G, node, **options)
        emit(reports.chains_report(G, node, found, direction, depth), fmt)

    return command


def _chain_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--depth", type=click.IntRange(1, 10), default=3, show_default=True,
                     help="Longest chain of backs to follow.")(f)  # fmt: skip
    f = click.option("--support", type=click.Choice(list(SUPPORT_TYPES)), default=None,
                     help="Only chains whose every hop gives this kind of support.")(f)  # fmt: skip
    f = click.option("--via-states", is_flag=True,
                     help="Also follow chains through states and governments that others back (off: the US backs "
                          "Iraq and Iraq backs Syria does not make the US a supporter of Syria).")(f)  # fmt: skip
    f = click.option("--inherit-membership/--no-inherit-membership", default=True, show_default=True,
                     help="Follow member-of: a backer of a member backs its coalition, and a backer of a coalition "
                          "backs its members where the sources say so (reaches_members).")(f)  # fmt: skip
    return backend_option(f)


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
      proxygraph supporters badr   # Iran, through the Iraqi militias Badr belongs to
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
    from graph.analytics import paths as walks
    from graph.network import find_node, of_types
    from graph.report import queries as reports

    if backend == "neo4j":
        without_sources(possible_too=False, claims_too=False)
        from graph.cli.neo4j import neo4j_paths

        G, a, b, found = neo4j_paths(actor_a, actor_b, data, as_of_date, types=split_values(via), max_hops=max_hops,
                                     shortest=not all_paths, possible=given_possible(),
                                     claims=given_claims())  # fmt: skip
    else:
        G = of_types(graph_from(data, as_of_date), split_values(via))
        a, b = find_node(G, actor_a, node_class=None), find_node(G, actor_b, node_class=None)
        found = walks.paths(G, a, b, max_hops=max_hops, shortest=not all_paths)
    emit(reports.path_report(G, a, b, found), fmt)


@cli.command()
@data_option
@as_of_option
@format_option
def contested(data: str | None, as_of_date: str | None, fmt: str) -> None:
    """List every relation the sources disagree on, with the quotes on each side.

    Contested: asserted or alleged by some sources, denied by others; denied: only denied.
    Citations of one publisher or one dataset are one voice (a source's 'publisher').

    \b
    Example:
      proxygraph contested --format json
    """
    from graph.analytics.claims import contested as disputed
    from graph.report import queries as reports

    G = graph_from(data, as_of_date, claims=STATES)
    emit(reports.contested_report(G, disputed(G)), fmt)
