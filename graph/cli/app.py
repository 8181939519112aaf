"""The proxygraph command line: thin click commands over the library.

Exit codes: 0 success, 1 invalid data or a file that cannot be written, 2 bad usage (an
unknown actor included), 3 the database could not be reached or refused. Expected failures
print one ``Error:`` line (and, for invalid data, every problem) and no traceback.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from graph import collector
from graph.claims import FLAG_STATES
from graph.errors import DataError, Problem, ProxygraphError, UsageError
from graph.report import formats
from graph.report.document import Report

NO_CACHE_ENV = "PROXYGRAPH_NO_CACHE"  # as graph.dataset.cache, which --help does not import
NO_CACHE = "proxygraph.no-cache"  # where --no-cache keeps its flag (click's ctx.meta)

if TYPE_CHECKING:  # the reader and networkx are imported where a dataset is read, not to print --help
    import networkx as nx

    from graph.model import Dataset


class ProxygraphGroup(click.Group):
    """Turns proxygraph's own errors into a message and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Error: {exc} - {exc.advice}", err=True)
            sys.exit(exc.exit_code)
        except ProxygraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=ProxygraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="proxygraph")
@click.option(
    "--no-cache", is_flag=True, envvar=NO_CACHE_ENV,
    help="Read and check the dataset afresh, neither using nor writing the dataset cache in the user's cache "
         "folder (env PROXYGRAPH_NO_CACHE=1).",
)  # fmt: skip
@click.pass_context
def cli(ctx: click.Context, no_cache: bool) -> None:
    """Alliances and sponsorship between the actors of a conflict, from curated YAML.

    Every command reads the bundled Syria dataset unless given --data PATH. The checked
    dataset is cached in the user's cache folder ($XDG_CACHE_HOME/proxygraph or
    ~/.cache/proxygraph), keyed by every file's content; --no-cache skips it.

    \b
    Examples:
      proxygraph supporters "Assad government"
      proxygraph path iran hts
      proxygraph validate my-dataset/
    """
    ctx.meta[NO_CACHE] = no_cache


def data_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--data", "data", type=click.Path(), default=None, envvar="PROXYGRAPH_DATA",
        help="Dataset folder or YAML file (default: the bundled Syria dataset; env PROXYGRAPH_DATA).",
    )(f)  # fmt: skip


def as_of_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--as-of DATE, and beside it --possible and --source ID[,ID...]: every command that reads the
    graph through `graph_from` takes them (the command does not take --possible and --source as
    arguments: `graph_from` reads them)."""
    f = source_option(claims_options(possible_option(f)))
    return click.option(
        "--as-of", "as_of_date", metavar="DATE", default=None,
        help="Only relations known to hold on DATE: 2014, 2016-12 or 2024-12-01 (a partial date is the whole "
             "year/month).",
    )(f)  # fmt: skip


POSSIBLE = "proxygraph.possible"  # where --possible keeps its flag (click's ctx.meta)


def possible_option(f: Callable[..., Any]) -> Callable[..., Any]:
    def keep(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        ctx.meta[POSSIBLE] = value

    return click.option(
        "--possible", is_flag=True, expose_value=False, callback=keep,
        help="Also what only may hold (an unknown start, after a dataset's last year, through membership of a "
             "backed coalition), each marked with the reason.",
    )(f)  # fmt: skip


def given_possible() -> bool:
    """Whether the running command asks what only may hold too (--possible)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx.meta.get(POSSIBLE)) if ctx is not None else False


CLAIMS = "proxygraph.claims"  # where --alleged and --contested keep the states they add (click's ctx.meta)
CLAIM_HELP = {
    "alleged": "Also what is only alleged (no source asserts it; UCDP-style alleged support), marked.",
    "contested": "Also what is contested (asserted or alleged by some sources, denied by others) or only denied, "
                 "marked.",
}  # fmt: skip


def claims_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--alleged and --contested: the relations their evidence does not confirm (`graph.claims`), kept
    beside the confirmed ones every answer lists."""

    def keep(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        added = ctx.meta.setdefault(CLAIMS, [])
        if value:
            added += FLAG_STATES[str(param.name)]

    for name in reversed(FLAG_STATES):
        f = click.option(f"--{name}", name, is_flag=True, expose_value=False, callback=keep,
                         help=CLAIM_HELP[name])(f)  # fmt: skip
    return f


def given_claims() -> list[str]:
    """The states the running command keeps besides confirmed (--alleged, --contested)."""
    ctx = click.get_current_context(silent=True)
    return list(ctx.meta.get(CLAIMS, ())) if ctx is not None else []


SOURCES = "proxygraph.sources"  # where --source keeps its ids (click's ctx.meta)


def source_option(f: Callable[..., Any]) -> Callable[..., Any]:
    def keep(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> None:
        ctx.meta[SOURCES] = split_values(value)

    return click.option(
        "--source", "sources", metavar="ID[,ID...]", multiple=True, expose_value=False, callback=keep,
        help="Only relations cited by these sources (ids, comma-separated or repeated), e.g. report-2024-12-02.",
    )(f)  # fmt: skip


def given_sources() -> list[str] | None:
    """The --source ids of the running command (None: every source)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(SOURCES) if ctx is not None else None


def dataset_from(data: str | None) -> Dataset:
    """The dataset at ``data``; with --source, only the relations those sources cite (as `of_sources`)."""
    from graph.network import build_graph, of_sources, relations

    dataset = load_from(data)
    if (sources := given_sources()) is None:
        return dataset
    with in_option_words("sources", lambda exc: f"--source: {exc}"):
        kept = {r.key for r in relations(of_sources(build_graph(dataset), sources, known=dataset.sources))}
    return replace(dataset, relations=[r for r in dataset.relations if r.key in kept])


def load_from(data: str | None) -> Dataset:
    """`graph.dataset.load_dataset` of ``data``, through the dataset cache unless --no-cache."""
    from graph.dataset import checked

    dataset, problems, _ = read_from(data)
    return checked(dataset, problems)


def read_from(data: str | None, *, graph: bool = False) -> tuple[Dataset, list[Problem], nx.MultiDiGraph[str] | None]:
    """`graph.dataset.read_dataset` of ``data`` through the dataset cache (unless --no-cache); with
    ``graph``, its graph too (None when the dataset has errors)."""
    from graph.dataset.cache import cached_read

    ctx = click.get_current_context(silent=True)
    use_cache = not (ctx is not None and ctx.meta.get(NO_CACHE))
    # As in `_build`: the dataset read is never garbage. The collector stays off until it is frozen:
    # were it on again first, its next pass would look at each of the million objects just read.
    with collector.paused():
        found = cached_read(data, graph=_build if graph else None, use_cache=use_cache, write_later=_after_output)
        gc.freeze()
    _READ[:] = [found]  # kept to the end: `main` exits without freeing it
    return found


def _after_output(write: Callable[[], None]) -> None:
    """Write the dataset cache's entry when the command is done and its output flushed: the user
    reads the answer first (100,000 relations: 2-3 s sooner). Outside a command, at once."""

    def flushed() -> None:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        write()

    ctx = click.get_current_context(silent=True)
    if ctx is None:
        write()
    else:
        ctx.call_on_close(flushed)


_READ: list[Any] = []  # the last dataset a command read (one, so that many commands in one process hold one)


def _build(dataset: Dataset) -> nx.MultiDiGraph[str]:
    from graph.network import build_graph

    # A command reads one dataset and exits: keep the collector from scanning it again and again
    # while the graph is built (100,000 relations: build 1.25 s -> 0.5 s). Not done in the library,
    # where a long-lived process may load many datasets.
    gc.freeze()
    return build_graph(dataset)


def format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format", "fmt", type=click.Choice(formats.names()), default=formats.DEFAULT, show_default=True,
        help="Output format; json is stable for scripts, csv has every field of each relation (see README).",
    )(f)  # fmt: skip


CONNECTION = "proxygraph.neo4j"  # where `connection_options` keep their values (click's ctx.meta)
CONNECTION_OPTIONS = (
    ("--uri", "NEO4J_URI", "bolt://127.0.0.1:7687",
     "Server URI: bolt://HOST:7687 for one server, neo4j://HOST or neo4j+s://HOST for a cluster or a hosted "
     "Neo4j (writes go to its leader)"),
    ("--user", "NEO4J_USER", "neo4j", "User"),
    ("--password", "NEO4J_PASSWORD", None, "Password (no default)"),
    ("--database", "NEO4J_DATABASE", "neo4j", "Database name (Community edition has only 'neo4j')"),
)  # fmt: skip


def connection_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--uri, --user, --password, --database (defaults from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
    NEO4J_DATABASE), for every command that talks to Neo4j (``--backend neo4j`` included). The
    command does not take them as arguments: `connection` gives them back."""

    def keep(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        ctx.meta.setdefault(CONNECTION, {})[str(param.name)] = value
        return value

    for flag, env, default, text in reversed(CONNECTION_OPTIONS):
        f = click.option(flag, envvar=env, default=default, show_default=default is not None, expose_value=False,
                         callback=keep, help=f"{text} (env {env}).")(f)  # fmt: skip
    return f


def connection() -> dict[str, Any]:
    """The connection options of the running command: ``uri``, ``user``, ``password``, ``database``
    (outside a command, or for options it lacks, the NEO4J_* environment and the defaults)."""
    ctx = click.get_current_context(silent=True)
    given = ctx.meta.get(CONNECTION, {}) if ctx is not None else {}
    found = {}
    for flag, env, default, _ in CONNECTION_OPTIONS:
        name = flag.removeprefix("--")
        found[name] = given[name] if name in given else (os.environ.get(env) or default)
    return found


DATASET_NAME = "proxygraph.dataset_name"  # where --dataset-name keeps its value (click's ctx.meta)


def backend_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--backend networkx|neo4j and, for neo4j, --dataset-name and the connection options `load` takes
    (`connection_options`): every command answered by both engines takes them. --dataset-name is
    kept for `given_dataset_name`; the command takes ``backend`` as an argument."""

    def keep(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        ctx.meta[DATASET_NAME] = value

    f = connection_options(f)
    f = click.option("--dataset-name", metavar="NAME", default=None, expose_value=False, callback=keep,
                     help="With --backend neo4j: the dataset loaded under NAME (default: the --data folder or "
                          "file name, as 'load' names it).")(f)  # fmt: skip
    return click.option(
        "--backend", type=click.Choice(["networkx", "neo4j"]), default="networkx", show_default=True,
        help="Answer from the YAML with NetworkX, or from the dataset loaded in Neo4j (--uri ...; see 'load').",
    )(f)  # fmt: skip


def given_dataset_name() -> str | None:
    """The --dataset-name of the running command (None: not given)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(DATASET_NAME) if ctx is not None else None


def without_sources(*, possible_too: bool = True, claims_too: bool = True) -> None:
    """Refuse, for --backend neo4j, what only the YAML answers: --source (and --possible, --alleged and
    --contested where the command's Neo4j answer lacks them)."""
    if given_sources() is not None:
        raise UsageError("--source is answered from the YAML: leave out --backend neo4j")
    if possible_too and given_possible():
        raise UsageError("--possible is answered from the YAML: leave out --backend neo4j")
    if claims_too and given_claims():
        raise UsageError("--alleged and --contested are answered from the YAML: leave out --backend neo4j")


def graph_from(
    data: str | None, as_of_date: str | None, *, claims: Iterable[str] | None = None
) -> nx.MultiDiGraph[str]:
    """The graph a command answers from: --data, --source, --as-of, --possible, and the claims kept
    (``claims``; by default confirmed and what --alleged and --contested add)."""
    from graph.dataset import checked
    from graph.network import as_of, of_sources

    dataset, problems, G = read_from(data, graph=True)
    checked(dataset, problems)
    assert G is not None  # a valid dataset has its graph
    with in_option_words("sources", lambda exc: f"--source: {exc}"):
        G = of_sources(G, given_sources(), known=dataset.sources)
    kept = given_claims() if claims is None else claims
    return as_of(G, as_of_date, possible=given_possible(), claims=kept)


NOT_A_TERMINAL_WIDTH = 100  # tables piped to a file or another program fit this many columns


def terminal_width() -> int:
    """``COLUMNS`` when set, else the width of the terminal stdout is, else 100 (not a terminal)."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    if sys.stdout.isatty():
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            pass
    return NOT_A_TERMINAL_WIDTH


def emit(report: Report, fmt: str) -> None:
    """Print ``report`` in format ``fmt``; for people, its message (an empty answer) on stderr."""
    text = formats.render(report, fmt, terminal_width())
    if text:
        click.echo(text)
    if report.message and formats.for_people(fmt):
        click.echo(report.message, err=True)


@contextmanager
def in_option_words(argument: str, say: Callable[[UsageError], str]) -> Iterator[None]:
    """Say a library usage error about ``argument`` (a parameter's name) with the command's option.

    ``with in_option_words("spec", lambda e: f"--highlight {e}"): ...``; other errors pass as they are.
    """
    try:
        yield
    except UsageError as exc:
        if exc.argument != argument:
            raise
        raise UsageError(say(exc)) from None


def split_values(values: tuple[str, ...]) -> list[str] | None:
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


def main() -> None:
    """The ``proxygraph`` program: `cli`, then an exit that does not free, object by object, the
    dataset and graph the command read (100,000 relations: 0.3 s of a 1 s command). Output is
    flushed and the exit handlers run first; only the freeing of memory the system takes back
    anyway is skipped."""
    try:
        cli()
        code: Any = 0
    except SystemExit as done:
        code = done.code
    if not _READ:
        sys.exit(code)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # as Python prints a non-integer exit status
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe: nothing more can be said on it
            stream.flush()
    run_exit_handlers: Callable[[], None] | None = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:
        sys.exit(code)
    run_exit_handlers()
    os._exit(code or 0)
