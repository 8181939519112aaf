"""proxygraph commands for render (registered on `graph.cli.cli`)."""

from __future__ import annotations

import click

from graph.cli.app import (
    as_of_option,
    cli,
    data_option,
    dataset_from,
    given_claims,
    given_possible,
    in_option_words,
    split_values,
)


@cli.command()
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    default=None,
    help="The HTML file to write (default: DATASET.html in the current folder, e.g. syria.html).",
)
@click.option("--focus", metavar="ACTOR", default=None, help="Only ACTOR and what lies within --radius hops of it.")
@click.option("--radius", type=click.IntRange(1, 10), default=2, show_default=True, help="Hops around --focus.")
@click.option(
    "--types", multiple=True, metavar="TYPES", help="Only these relation types, comma-separated (backs,fights,...)."
)
@click.option(
    "--highlight",
    metavar="KIND:ARGS",
    default=None,
    help="Draw an answer on top: path:A,B | supporters:ACTOR | clients:ACTOR | chains:SPONSOR | blocs.",
)
@data_option
@as_of_option
def render(out: str | None, focus: str | None, radius: int, types: tuple[str, ...], highlight: str | None,
           data: str | None, as_of_date: str | None) -> None:  # fmt: skip
    """Write an interactive HTML page of the graph: legend, filters, year slider, evidence.

    The page is one file that works offline (no network request at all). Hover or click a
    node or line for details and quotes; the sidebar filters relation types, kinds and years.
    With --possible the page also draws what only may hold (dash-dot, the reason in its details);
    with --source, only the relations those sources cite; with --alleged and --contested, also what
    the sources only allege or disagree on (long dashes, dash-dot-dot; both sides in its details).
    Prints the path written; a page already there is replaced whole (and said so), never
    left half-written.

    \b
    Examples:
      proxygraph render --out syria.html
      proxygraph render --focus iran --radius 1 --types backs,fights --out iran.html
      proxygraph render --as-of 2016 --highlight path:iran,hts
      proxygraph render --as-of 2020 --possible --out syria-2020.html
    """
    from graph.html import pagedata, render

    view = pagedata.View(
        as_of=as_of_date,
        types=split_values(types),
        focus=focus,
        radius=radius,
        highlight=highlight,
        possible=given_possible(),
        claims=tuple(given_claims()),
    )
    dataset = dataset_from(data)
    replaced = render.page_path(dataset, out).exists()
    with in_option_words("spec", lambda exc: f"--highlight {exc}"):
        path = render.write_page(dataset, out, view)
    note = ", replacing the page that was there" if replaced else ""
    click.echo(f"wrote {path} ({path.stat().st_size // 1024} KB{note})")
