"""proxygraph commands for Neo4j: `load`, `cypher list`, `cypher run`, `cypher style`, `cypher guide`.

The neo4j driver is imported inside the commands (through `graph.neo4j.store`), never at module top.
Connection settings come from --uri/--user/--password/--database or NEO4J_URI, NEO4J_USER,
NEO4J_PASSWORD, NEO4J_DATABASE (`graph.cli.app.connection_options`, which `--backend neo4j` takes
too); there is no default password.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graph.cli.app import (
    cli,
    connection,
    connection_options,
    data_option,
    emit,
    format_option,
    given_dataset_name,
    load_from,
)
from graph.errors import StoreError, UsageError
from graph.report import cypher as cypher_reports

if TYPE_CHECKING:  # networkx and the analytics are imported where a graph is read, not to print --help
    import networkx as nx

    from graph.analytics.chains import Chain, Supporter
    from graph.neo4j.store import Settings

PROGRESS_OVER = 3000  # rows: smaller loads finish before a bar would be useful


def settings_from(uri: str, user: str, password: str | None, database: str) -> Settings:
    from graph.neo4j.store import Settings

    return Settings(uri=uri, user=user, password=password, database=database)


def current_settings() -> Settings:
    """The connection settings of the running command (`graph.cli.app.connection_options`)."""
    given = connection()
    return settings_from(given["uri"], given["user"], given["password"], given["database"])


class _Bar:
    """A click progress bar, shown only on a terminal and only for big loads."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_OVER or not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Loading", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command()
@data_option
@click.option("--dataset-name", default=None, help="Name to load it under (default: the folder or file name).")
@click.option("--dry-run", is_flag=True, help="Validate and compute the changes, then roll back: nothing is written.")
@click.option("--import-files", "import_files", type=click.Path(file_okay=False), default=None, metavar="FOLDER",
              help="Write the files of neo4j-admin database import into FOLDER instead (no server needed; "
                   "`scripts/neo4j import` uses them).")  # fmt: skip
@connection_options
def load(data: str | None, dataset_name: str | None, dry_run: bool, import_files: str | None) -> None:
    """Load a dataset into Neo4j: validated first, in one transaction, in sync with the YAML.

    Loading again writes only what changed and deletes what left the YAML; other datasets
    (other names) in the same database are left alone. A failure leaves the database as it was.
    A first load of a big dataset writes its relationships in batches (any size fits the heap);
    if it fails, what it wrote is removed. Into an empty local database, `scripts/neo4j import`
    is faster still.

    \b
    Examples:
      eval "$(scripts/neo4j env)"; proxygraph load
      proxygraph load --data my-dataset/ --dry-run
      proxygraph load --data big/ --import-files big-import/
    """
    dataset = load_from(data)
    if import_files is not None:
        from graph.neo4j.bulk import write_import_files

        name = dataset_name or dataset.name
        written = write_import_files(dataset, name, Path(import_files))
        click.echo(f"wrote the import files of {name} ({len(dataset.relations)} relations) to {written[-1].parent}")
        return
    from graph.neo4j import store

    bar = _Bar()
    try:
        with store.connect(settings := current_settings()) as conn:
            summary = store.load(conn, dataset, dataset_name, progress=bar, dry_run=dry_run)
    finally:
        bar.close()
    click.echo(f"{summary} ({settings.uri}, database {settings.database})")


@cli.group()
def cypher() -> None:
    """The named Cypher queries of cypher/: list them, run them, write the Browser style and guide."""


@cypher.command("list")
@format_option
def cypher_list(fmt: str) -> None:
    """List the named queries, what each answers and its parameters.

    \b
    Example:
      proxygraph cypher list
    """
    import graph.neo4j.queries as library

    emit(cypher_reports.queries_report(library.queries()), fmt)


def _params(values: tuple[str, ...]) -> dict[str, Any]:
    import graph.neo4j.queries as library

    params: dict[str, Any] = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"bad --param {value!r}: write it as key=value")
        params[key.strip()] = library.parse_value(text)
    return params


@cypher.command("run")
@click.argument("name")
@click.option("--param", "param", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (repeatable); numbers, true/false and JSON lists are read as such.")  # fmt: skip
@connection_options
@format_option
def cypher_run(name: str, param: tuple[str, ...], fmt: str) -> None:
    """Run the named query NAME of cypher/ against Neo4j.

    \b
    Example:
      proxygraph cypher run supporters --param actor=assad-government --param via_states=true
    """
    import graph.neo4j.queries as library

    query = library.get(name)
    params = query.check_params(_params(param))
    from graph.neo4j import store

    with store.connect(current_settings()) as conn, store.translate_errors(conn.settings):
        columns, records = conn.run(query.text, params)
    emit(cypher_reports.records_report(columns, [store.plain(r) for r in records]), fmt)


@cypher.command("style")
@click.option("--out", "--output", "-o", "output", type=click.Path(dir_okay=False), default="style.grass",
              show_default=True, help="The file to write (in the current folder unless a path is given).")  # fmt: skip
def cypher_style(output: str) -> None:
    """Write the Neo4j Browser style (GraSS): actors coloured by kind, relationships captioned.

    Generated from the vocabulary (graph.vocabulary). Apply it in Browser with `:style` (drag the file
    onto the style panel, or paste it). Writes ./style.grass or --out, never into the installed
    package; the repository's cypher/style.grass is regenerated with --out cypher/style.grass.

    \b
    Example:
      proxygraph cypher style --out my-style.grass
    """
    from graph.files import write_text_atomic
    from graph.neo4j.style import grass

    click.echo(f"wrote {write_text_atomic(output, grass())}")


@cypher.command("guide")
@click.option("--out", "--output", "-o", "output", type=click.Path(dir_okay=False), default="guide.html",
              show_default=True, help="The file to write (in the current folder unless a path is given).")  # fmt: skip
def cypher_guide(output: str) -> None:
    """Write the Neo4j Browser guide: one slide per named query, with its parameters and a runnable block.

    Generated from cypher/*.cypher; queries answered by chains, paths or a dated graph get a second
    block that Browser draws. scripts/neo4j and docker-compose.yml open it on connecting (`:guide URL`);
    open it yourself with `:guide URL` wherever it is served. Writes ./guide.html or --out; the
    repository's cypher/guide.html is regenerated with --out cypher/guide.html.

    \b
    Example:
      proxygraph cypher guide --out cypher/guide.html
    """
    from graph.files import write_text_atomic
    from graph.neo4j.guide import guide_html

    click.echo(f"wrote {write_text_atomic(output, guide_html())}")


def dataset_name_of(data: str | None) -> str:
    """The dataset a --backend neo4j command reads: its --dataset-name, else the name a dataset is
    loaded under by default: its folder name (or file stem)."""
    from graph.dataset import bundled_path

    if (given := given_dataset_name()) is not None:
        return given
    root = Path(data) if data is not None else bundled_path()
    return root.stem if root.is_file() else root.name


def neo4j_chains(
    direction: str,
    actor: str,
    data: str | None,
    as_of_date: str | None,
    *,
    max_depth: int,
    support: str | None,
    via_states: bool,
    inherit_membership: bool = True,
    possible: bool = False,
    claims: list[str] | None = None,
) -> tuple[nx.MultiDiGraph[str], str, list[Supporter]]:
    """`supporters`/`clients` with --backend neo4j: the node graph, the actor's id, the answer."""
    from graph.neo4j import backend as store_analysis
    from graph.neo4j import store
    from graph.network import as_of, find_node

    name = dataset_name_of(data)
    with store.connect(current_settings()) as conn, store.translate_errors(conn.settings):
        G = _loaded(store_analysis.node_graph(conn, name), name)
        node = find_node(G, actor)
        found = store_analysis.supporters(conn, name, node, max_depth=max_depth, support=support, as_of=as_of_date,
                                          reverse=direction == "clients", via_states=via_states,
                                          inherit_membership=inherit_membership, possible=possible,
                                          claims=claims)  # fmt: skip
    return as_of(G, as_of_date, possible=possible), node, found  # the output marks what the view asks


def neo4j_paths(actor_a: str, actor_b: str, data: str | None, as_of_date: str | None, *, types: list[str] | None,
                max_hops: int | None, shortest: bool, possible: bool = False,
                claims: list[str] | None = None) -> tuple[nx.MultiDiGraph[str], str, str, list[Chain]]:  # fmt: skip
    """`path` with --backend neo4j."""
    from graph.neo4j import backend as store_analysis
    from graph.neo4j import store
    from graph.network import as_of, find_node, of_types

    name = dataset_name_of(data)
    with store.connect(current_settings()) as conn, store.translate_errors(conn.settings):
        G = of_types(_loaded(store_analysis.node_graph(conn, name), name), types)
        a, b = find_node(G, actor_a, node_class=None), find_node(G, actor_b, node_class=None)
        found = store_analysis.paths(conn, name, a, b, max_hops=max_hops, shortest=shortest, types=types,
                                     as_of=as_of_date, possible=possible, claims=claims)  # fmt: skip
    return as_of(G, as_of_date, possible=possible), a, b, found  # the output marks what the view asks


def neo4j_proxy_graph(data: str | None, as_of_date: str | None) -> nx.MultiDiGraph[str]:
    """`proxy-chains` and `proxy-wars` with --backend neo4j: the view of the loaded dataset they walk
    (`graph.neo4j.backend.proxy_graph`), with --possible, --alleged and --contested."""
    from graph.cli.app import given_claims, given_possible
    from graph.neo4j import backend as store_analysis
    from graph.neo4j import store

    name = dataset_name_of(data)
    with store.connect(current_settings()) as conn, store.translate_errors(conn.settings):
        G = store_analysis.proxy_graph(conn, name, as_of=as_of_date, possible=given_possible(), claims=given_claims())
        return _loaded(G, name)  # the dataset's nodes, read with its relationships: none when it is not loaded


def _loaded(G: nx.MultiDiGraph[str], name: str) -> nx.MultiDiGraph[str]:
    if not G.number_of_nodes():
        raise StoreError(f"Neo4j holds no dataset {name!r} - load it first with 'proxygraph load'")
    return G
