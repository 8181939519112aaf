"""proxygraph commands that edit a dataset (registered on `graph.cli.cli`): add a relation, add a source."""

from __future__ import annotations

import click

from graph.cli.app import cli, data_option, split_values

DRY_RUN = click.option("--dry-run", is_flag=True, help="Check and print what would be added; write nothing.")


@cli.command("add")
@click.argument("source")
@click.argument("rtype", metavar="TYPE")
@click.argument("target")
@click.option("--source", "cite", required=True, help="Id of the source that says it (see 'proxygraph source add').")
@click.option("--quote", required=True, help="The source's words, as they stand in its text.")
@click.option("--since", default=None, help="When it began: 2011, 2016-12 or 2024-12-01.")
@click.option("--until", default=None, help="When it ended.")
@click.option("--support", multiple=True, help="Kind of support of a backs relation (repeat or comma-separate).")
@click.option("--stance", default=None, help="The source asserts (default), alleges or denies it.")
@DRY_RUN
@data_option
def add_command(
    source: str, rtype: str, target: str, cite: str, quote: str, since: str | None, until: str | None,
    support: tuple[str, ...], stance: str | None, dry_run: bool, data: str | None,
) -> None:  # fmt: skip
    """Add the relation SOURCE TYPE TARGET, cited by --source with --quote.

    SOURCE and TARGET are ids, names or aliases (the id is written). The actors, type, dates and
    the quote are checked as validate checks them, and nothing is written unless all is well.
    When the same relation is there (validate's duplicate rule: from, type, to and since), the
    citation is added to its evidence; the same citation twice writes nothing. A new relation goes
    at the end of the relations: section of the file holding most relations of SOURCE (the first
    such file on a tie). Only the added lines change in the file; it is replaced atomically.

    \b
    Example:
      proxygraph add iran backs badr --source report-2024-12-02 \\
        --quote "the regional militia groups Tehran backs" --data my-copy/
    """
    from graph.dataset.append import add_relation

    written = add_relation(
        source, rtype, target, cite=cite, quote=quote, since=since, until=until,
        support=split_values(support) or (), stance=stance, data=data, dry_run=dry_run,
    )  # fmt: skip
    click.echo(("would be " if dry_run else "") + str(written))


@cli.group("source")
def source_group() -> None:
    """Sources of a dataset."""


@source_group.command("add")
@click.argument("source_id", metavar="ID")
@click.option("--title", required=True, help="The source's title.")
@click.option("--published", default=None, help="When it was published: 2024-12-02.")
@click.option("--file", "text_file", required=True, type=click.Path(dir_okay=False), help="Its text (UTF-8).")
@click.option("--publisher", default=None, help="Who published it (independent sources are counted by it).")
@click.option("--url", default=None, help="Where it is found.")
@DRY_RUN
@data_option
def source_add_command(
    source_id: str, title: str, published: str | None, text_file: str, publisher: str | None,
    url: str | None, dry_run: bool, data: str | None,
) -> None:  # fmt: skip
    """Register the source ID and its text, so that 'add --source ID --quote ...' can cite it.

    The record goes at the end of the sources: section (the first file holding one); the text is
    copied to texts/NAME beside that file, and named by file: texts/NAME. An existing texts/NAME
    with other content is never overwritten.

    \b
    Example:
      proxygraph source add note-2024 --title "A note" --published 2024-12-03 \\
        --file note.txt --data my-copy/
    """
    from graph.dataset.append import add_source

    written = add_source(
        source_id, title=title, published=published, text_file=text_file, publisher=publisher, url=url,
        data=data, dry_run=dry_run,
    )  # fmt: skip
    click.echo(("would be " if dry_run else "") + str(written))
