"""proxygraph commands for analytics (registered on `graph.cli.cli`): proxy chains and wars,
blocs and balance, shared sponsors, rank, timeline and diff. Each parses, calls one library
function, and prints its answer with the relations and quotes behind it. The library and its
networkx are imported inside each command, so that ``--help`` starts fast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from graph.analytics.options import EXACT_LIMIT, MEASURES, TIME_LIMIT
from graph.cli.app import (
    as_of_option,
    backend_option,
    cli,
    data_option,
    emit,
    format_option,
    graph_from,
    in_option_words,
)
from graph.errors import UsageError
from graph.vocabulary import RELATION_TYPES


def _inherit_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--inherit-membership/--no-inherit-membership", default=True, show_default=True,
        help="Count a member as taking part in the fights of the coalitions it belongs to (member-of).",
    )(f)  # fmt: skip


def _support_membership_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--inherit-membership/--no-inherit-membership", default=True, show_default=True,
        help="Follow member-of as 'clients' does: a backer of a member backs its coalition, and a backer of a "
             "coalition backs its members where the sources say so (reaches_members; with --possible, may).",
    )(f)  # fmt: skip


def _via_states_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--via-states", is_flag=True,
        help="Also follow chains of backs through states and governments that others back (off: the US backs "
             "Iraq and Iraq backs Syria does not make the US a sponsor of Syria).",
    )(f)  # fmt: skip


def _common(f: Callable[..., Any]) -> Callable[..., Any]:
    return data_option(as_of_option(format_option(f)))


@cli.command("proxy-chains")
@click.option("--sponsor", metavar="ACTOR", help="Only chains from this sponsor (id, name or alias).")
@click.option("--target", metavar="ACTOR", help="Only chains to this target.")
@click.option("--max-depth", type=click.IntRange(1, 6), default=3, show_default=True, help="Longest chain of backs.")
@click.option("--top", type=click.IntRange(1), default=None, help="Only the N best chains (kept while streaming).")
@click.option("--count", "count_only", is_flag=True, help="Only count the chains (streamed, none kept).")
@_inherit_option
@_via_states_option
@_common
@backend_option
def proxy_chains_command(sponsor: str | None, target: str | None, max_depth: int, top: int | None, count_only: bool,
                         inherit_membership: bool, via_states: bool, data: str | None, as_of_date: str | None,
                         fmt: str, backend: str) -> None:  # fmt: skip
    """How sponsors reach their targets through the groups they back.

    A chain is: SPONSOR backs PROXY (directly or through a chain of backs up to --max-depth
    hops) and PROXY fights TARGET. With membership inheritance (the default) a member of a
    coalition takes part in the coalition's fights, and the member-of hop is shown. A chain
    of backs does not pass through a state or a government that others back (unless
    --via-states); the proxy itself may be one. A chain holds only while every hop does
    (HELD); DIRECT says whether the sponsor also fights the target itself. Ranked by the
    confidence of the weakest hop, then length.

    \b
    Examples:
      proxygraph proxy-chains --sponsor iran --target "Syrian rebels"
      proxygraph proxy-chains --sponsor turkey --as-of 2024-12 --format json
      proxygraph proxy-chains --top 10              # the best 10, without sorting them all
      proxygraph proxy-chains --count --via-states  # how many, keeping none
      proxygraph proxy-chains --sponsor iran --backend neo4j --dataset-name syria
    """
    from graph.analytics.proxies import count_proxy_chains, proxy_chains
    from graph.network import find_node
    from graph.report import answers as out

    if top is not None and count_only:
        raise UsageError("give --top or --count, not both")
    G = _proxy_graph(data, as_of_date, backend)
    s = find_node(G, sponsor) if sponsor else None
    t = find_node(G, target) if target else None
    query = {"sponsor": s, "target": t, "max_depth": max_depth, "inherit_membership": inherit_membership,
             "via_states": via_states}  # fmt: skip
    if count_only:
        count = count_proxy_chains(G, sponsor=s, target=t, max_depth=max_depth,
                                   inherit_membership=inherit_membership, via_states=via_states)  # fmt: skip
        emit(out.proxy_chain_count_report(count, query), fmt)
        return
    found = proxy_chains(G, sponsor=s, target=t, max_depth=max_depth, inherit_membership=inherit_membership,
                         via_states=via_states, top=top)  # fmt: skip
    emit(out.proxy_chains_report(G, found, {**query, "top": top}), fmt)


@cli.command("proxy-wars")
@click.option("--max-depth", type=click.IntRange(1, 6), default=1, show_default=True,
              help="Longest chain of backs from a sponsor to a side.")  # fmt: skip
@_inherit_option
@_via_states_option
@_common
@backend_option
def proxy_wars_command(max_depth: int, inherit_membership: bool, via_states: bool, data: str | None,
                       as_of_date: str | None, fmt: str, backend: str) -> None:  # fmt: skip
    """Pairs of sponsors that back opposite sides of a fight.

    SPONSOR_A backs a side that fights a side SPONSOR_B backs (S1 backs A, S2 backs B, A
    fights B). FRONTS counts the distinct pairs of fighting sides; each front is listed with
    the backing, the fight and their quotes. Most fronts first.

    \b
    Example:
      proxygraph proxy-wars --as-of 2024-12
      proxygraph proxy-wars --backend neo4j --dataset-name syria
    """
    from graph.analytics.proxies import proxy_wars
    from graph.report import answers as out

    G = _proxy_graph(data, as_of_date, backend)
    wars = proxy_wars(G, max_depth=max_depth, inherit_membership=inherit_membership, via_states=via_states)
    emit(out.proxy_wars_report(G, wars), fmt)


def _proxy_graph(data: str | None, as_of_date: str | None, backend: str) -> Any:
    """The graph proxy chains and wars walk: from the YAML, or read from Neo4j (the same walk then)."""
    if backend == "networkx":
        return graph_from(data, as_of_date)
    from graph.cli.app import without_sources
    from graph.cli.neo4j import neo4j_proxy_graph

    without_sources(possible_too=False, claims_too=False)
    return neo4j_proxy_graph(data, as_of_date)


def _exact_option(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--time-limit", type=click.FloatRange(0), default=TIME_LIMIT, show_default=True, metavar="SECONDS",
        help="Time the integer program may take to prove the frustration; then bounds are given (0: none).",
    )(f)  # fmt: skip
    return click.option(
        "--exact-limit", type=click.IntRange(2, 24), default=EXACT_LIMIT, show_default=True,
        help="Largest group of connected actors split by trying every split; above it, the integer program.",
    )(f)  # fmt: skip


def _sign_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--sign", "signs", multiple=True, metavar="TYPE=+1|-1|0",
        help="Count TYPE with this sign instead of the vocabulary's, e.g. --sign splinter-of=+1 (repeatable).",
    )(f)  # fmt: skip


def _signs(values: tuple[str, ...]) -> dict[str, int]:
    from graph.analytics.balance import type_signs

    found: dict[str, int] = {}
    for value in values:
        name, sep, sign = value.partition("=")
        if not sep or sign.strip() not in ("+1", "1", "-1", "0"):
            raise UsageError(f"--sign {value!r}: write TYPE=+1, TYPE=-1 or TYPE=0")
        found[name.strip()] = int(sign)
    with in_option_words("signs", lambda exc: f"--sign {exc}"):
        type_signs(found)
    return found


@cli.command("blocs")
@_exact_option
@_sign_option
@_common
def blocs_command(exact_limit: int, time_limit: float, signs: tuple[str, ...], data: str | None,
                  as_of_date: str | None, fmt: str) -> None:  # fmt: skip
    """Split the actors into camps that best separate friends from enemies.

    Relations count with the sign of their type (backs, allied-with, member-of, affiliated-with
    are friendly; fights and splinter-of are hostile; the rest are left out), or with the sign
    --sign gives their type. Each connected group of actors is split in two camps with the
    fewest relations against the split; those relations are listed
    (friends across camps, enemies within a camp). Their number is the frustration, exact (an
    integer program proves it) or, past --time-limit, between the bounds it says.
    CSV lists the camps; JSON has everything.

    \b
    Examples:
      proxygraph blocs --as-of 2016
      proxygraph blocs --sign splinter-of=+1    # splits counted as friendly
      proxygraph blocs --data big/ --time-limit 60   # a minute for the proof
    """
    from graph.analytics.balance import blocs
    from graph.report import answers as out

    given = _signs(signs)
    G = graph_from(data, as_of_date)
    emit(out.blocs_report(G, blocs(G, exact_limit=exact_limit, time_limit=time_limit, signs=given)), fmt)


@cli.command("balance")
@_exact_option
@_sign_option
@_common
def balance_command(exact_limit: int, time_limit: float, signs: tuple[str, ...], data: str | None,
                    as_of_date: str | None, fmt: str) -> None:  # fmt: skip
    """Structural balance (Heider): signed triangles by kind, the unbalanced ones, frustration.

    \b
    Kinds of triangle (+ friendly, - hostile):
      +++  three friends (balanced)
      +--  two friends with a common enemy (balanced)
      ++-  two friends of one actor are enemies (unbalanced: an actor backs two groups that fight)
      ---  three mutual enemies (unbalanced: the enemy of my enemy is my enemy)
    Frustration is the fewest relations whose removal balances the graph (see `blocs`).
    Signs are the types' (see `blocs`), or those --sign gives. CSV lists the unbalanced triangles.

    \b
    Examples:
      proxygraph balance --format json
      proxygraph balance --sign splinter-of=0   # splits left out
    """
    from graph.analytics.balance import balance
    from graph.report import answers as out

    given = _signs(signs)
    G = graph_from(data, as_of_date)
    emit(out.balance_report(G, balance(G, exact_limit=exact_limit, time_limit=time_limit, signs=given)), fmt)


@cli.command("co-sponsored")
@click.option("--min-shared", type=click.IntRange(1), default=1, show_default=True,
              help="Only pairs sharing at least this many sponsors.")  # fmt: skip
@_support_membership_option
@_common
def co_sponsored_command(min_shared: int, inherit_membership: bool, data: str | None, as_of_date: str | None,
                         fmt: str) -> None:  # fmt: skip
    """Groups that share a sponsor: the projection of the backs network onto the backed actors.

    Each pair comes with the sponsors that back both and those backs relations (and the member-of
    relations through which membership carries the backing: a sponsor of a member backs its
    coalition, a sponsor of a coalition its members where the sources say so). DEGREE_A and
    DEGREE_B are how many other groups share at least --min-shared sponsors with A (or B).

    \b
    Example:
      proxygraph co-sponsored --min-shared 1
    """
    from graph.analytics.ranking import co_sponsored
    from graph.report import answers as out

    G = graph_from(data, as_of_date)
    cs = co_sponsored(G, min_shared=min_shared, inherit_membership=inherit_membership)
    emit(out.co_sponsored_report(G, cs), fmt)


_RANK_HELP = "\n".join(f"  {name:<10} {text}" for name, text in MEASURES.items())


@cli.command("rank", help=f"""Who matters most in the sponsorship network (the backs relations).

\b
Measures:
{_RANK_HELP}

--by also takes a relation type: the actors at the other end of each actor's relations of
that type (allies in an alliance network: --by allied-with). --weighted sums the relations'
counts of incidents (else weights, else 1) for clients, backers, enemies or a type.

Under each actor: the actors it reaches and its backs relations (or the relations ranked by),
with their quotes.

\b
Examples:
  proxygraph rank --by brokerage --top 5
  proxygraph rank --by allied-with --data alliances/
  proxygraph rank --by enemies --weighted --data infighting/
""")  # fmt: skip
@click.option("--by", type=click.Choice([*MEASURES, *RELATION_TYPES]), default="reach", show_default=True,
              help="Order by a measure or a relation type.")  # fmt: skip
@click.option("--weighted", is_flag=True,
              help="Sum the relations' count (incidents), else weight, else 1: with --by clients, backers, enemies or "
                   "a relation type.")  # fmt: skip
@click.option("--top", type=click.IntRange(0), default=20, show_default=True, help="Show this many (0: all).")
@_support_membership_option
@_via_states_option
@_common
def rank_command(by: str, weighted: bool, top: int, inherit_membership: bool, via_states: bool, data: str | None,
                 as_of_date: str | None, fmt: str) -> None:  # fmt: skip
    from graph.analytics.ranking import rank
    from graph.report import answers as out

    G = graph_from(data, as_of_date)
    ranks = rank(G, by=by, via_states=via_states, inherit_membership=inherit_membership, weighted=weighted)
    emit(out.rank_report(G, ranks[:top] if top else ranks, by, weighted), fmt)


@cli.command("timeline")
@click.argument("actor")
@_common
def timeline_command(actor: str, data: str | None, as_of_date: str | None, fmt: str) -> None:
    """Every relation of ACTOR in date order (unknown starts first), with quotes.

    \b
    Example:
      proxygraph timeline "Syrian rebels"
    """
    from graph.analytics.timeline import timeline
    from graph.network import find_node
    from graph.report import answers as out

    G = graph_from(data, as_of_date)
    node = find_node(G, actor, node_class=None)
    rels = timeline(G, node)
    emit(out.timeline_report(G, node, rels), fmt)


@cli.command("diff")
@click.option("--from", "start", metavar="DATE", required=True, help="The earlier date.")
@click.option("--to", "end", metavar="DATE", default=None, help="The later date (or give it as --as-of).")
@_common
def diff_command(start: str, end: str | None, data: str | None, as_of_date: str | None, fmt: str) -> None:
    """What began and ended between two dates: the graph as of --from against as of --to.

    BEGAN held on --to and not on --from; ENDED the other way round; CAME AND WENT held on
    neither, only in between. A partial date (2016, 2024-11) is every day it covers.

    \b
    Example:
      proxygraph diff --from 2016 --to 2024-12
    """
    from graph.analytics.timeline import diff
    from graph.report import answers as out

    if end is not None and as_of_date is not None and end != as_of_date:
        raise UsageError("give the later date once: --to or --as-of")
    if (end := end or as_of_date) is None:
        raise UsageError("missing the later date: give --to DATE")
    G = graph_from(data, None)
    with in_option_words("start", lambda _: f"--from {start} must end before --to {end} begins"):
        d = diff(G, start, end)
    emit(out.diff_report(d, start, end), fmt)
