"""proxygraph commands for data (registered on `graph.cli.cli`): import other data, export the graph."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import click

from graph.cli.app import as_of_option, cli, data_option, graph_from, in_option_words
from graph.errors import DataError, ProxygraphError, UsageError
from graph.vocabulary import ACTOR_KINDS

ON_ERROR = click.option(
    "--on-error",
    type=click.Choice(["fail", "skip"]),
    default="fail",
    show_default=True,
    help="A malformed row fails the import (nothing written), or is skipped and reported with its line.",
)


def _given(option: str, value: str | None, default: str | None = None) -> list[str]:
    """``[option, value]`` for the header line, when the value is given and not the default."""
    return [option, value] if value is not None and value != default else []


def _repeat(option: str, values: tuple[str, ...]) -> list[str]:
    return [item for value in values for item in (option, value)]


def _years(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    found = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", text)
    if not found or (found.group(2) and int(found.group(2)) < int(found.group(1))):
        raise UsageError(f"--years {text!r}: write a year or a range of years, like 2011-2017")
    return int(found.group(1)), int(found.group(2) or found.group(1))


OUT = click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False),
    help="Dataset folder to write into (created if missing, not its parents).",
)  # fmt: skip
FORCE = click.option(
    "--force", is_flag=True, help="Replace the file even if no import wrote it (curated data is lost)."
)


def _target(out: str, name: str, force: bool) -> Path:
    """OUT/NAME.yaml, refused before any work when it is not an import's own file."""
    from graph.importers.common import check_owned

    out_file = Path(out) / f"{name}.yaml"
    check_owned(out_file, force)
    return out_file


class ImportFailed(ProxygraphError):
    """An import that wrote nothing, or wrote into a folder that is not valid; the message says what to do."""

    exit_code = 1


def _read(run: Callable[[], object]) -> object:
    """The result of an importer; rows it could not import become every problem and one line that
    says what to do (a command that works, not a folder that does not exist yet)."""
    try:
        return run()
    except DataError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        rows = {(p.file, p.line) for p in exc.problems if p.severity == "error"}
        files = ", ".join(sorted({Path(f).name for f, _ in rows}))
        raise ImportFailed(f"{len(rows)} row{'s' if len(rows) != 1 else ''} of {files} cannot be imported; nothing "
                           "was written - fix them, or give --on-error skip to import the rest") from None  # fmt: skip


def _finish(result: object, out_file: Path, header: str, force: bool) -> None:
    from graph.importers.common import ImportResult, report_lines, write_result

    assert isinstance(result, ImportResult)
    problems = write_result(result, out_file, header, force=force)
    for line in report_lines(result, out_file, problems):
        click.echo(line)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        for problem in errors:
            click.echo(str(problem), err=True)
        folder = out_file.parent
        raise ImportFailed(f"{len(errors)} error(s) in {folder} after the import - run 'proxygraph validate {folder}'")


@cli.group(name="import")
def import_group() -> None:
    """Import other data into a dataset folder as proxygraph YAML.

    Actors already in the folder are reused where an external id, a name or an alias matches
    (ignoring case); every match and every near-miss not merged is reported.

    An import writes one file of its own in the folder (ucdp-esd.yaml, import-csv-STEM.yaml),
    whose first line names the command and input files; importing again rewrites that file.
    It never touches another file, and refuses to replace a file that lacks that line
    (curated data) unless given --force.

    \b
    Examples:
      proxygraph import ucdp-esd esd-ay-18.1.csv --location Syria --years 2011-2017 --out mydata/
      proxygraph import csv --actors actors.csv --relations relations.csv --out mydata/
    """


@import_group.command("ucdp-esd")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--location", multiple=True, metavar="TEXT", help="Only rows whose location contains TEXT (repeatable).")
@click.option("--years", metavar="A-B", default=None, help="Only rows of these years: 2016 or 2011-2017.")
@OUT
@click.option("--name", default="ucdp-esd", show_default=True, help="Name of the YAML file written in the folder.")
@FORCE
@click.option("--release", default=None, help="ESD release, like 18.1 (default: read from the file name).")
@click.option(
    "--nonstate-kind",
    type=click.Choice(list(ACTOR_KINDS)),
    default="rebel-group",
    show_default=True,
    help="Kind given to non-state actors: ESD does not say more.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="A row whose ext_id and ext_name lists differ in length is malformed (default: paired from the "
    "other rows of the file, and noted).",
)
@ON_ERROR
def import_ucdp_esd(
    file: str,
    location: tuple[str, ...],
    years: str | None,
    out: str,
    name: str,
    release: str | None,
    nonstate_kind: str,
    strict: bool,
    on_error: str,
    force: bool,
) -> None:
    """Import a UCDP External Support Dataset (ESD) actor-year CSV.

    Writes OUT/NAME.yaml (only that file; OUT is created if missing): actors with their UCDP
    ids, supporter-backs-recipient relations over consecutive years (support types reported
    for the recipient-year), fights relations of the dyads, and the dataset as a source cited
    by row id. A row that lists more ids than names (or fewer) takes each id's name from the
    other rows of the file; an id named nowhere is imported as 'UCDP actor ID'; each such row
    is noted. --strict refuses such rows instead.

    \b
    Example:
      proxygraph import ucdp-esd esd-ay-18.1.csv --location Syria --location Iraq --out data/
    """
    from graph.importers.common import import_header, read_existing
    from graph.importers.ucdp_esd import import_esd

    out_file = _target(out, name, force)
    existing = read_existing(Path(out), out_file)
    span = _years(years)
    result = _read(lambda: import_esd(Path(file), existing, locations=location, years=span, on_error=on_error,
                                      release=release, nonstate_kind=nonstate_kind, strict=strict))  # fmt: skip
    args = [Path(file).name, *_repeat("--location", location), *_given("--years", years),
            *_given("--release", release), *_given("--nonstate-kind", nonstate_kind, "rebel-group"),
            *(["--strict"] if strict else []), *_given("--on-error", on_error, "fail")]  # fmt: skip
    _finish(result, out_file, import_header("ucdp-esd", *args), force)


@import_group.command("csv")
@click.option(
    "--actors",
    "actors",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="CSV of actors: id, name, kind, aliases ...",
)
@click.option(
    "--relations",
    "relations",
    type=click.Path(exists=True, dir_okay=False),
    required=True,
    help="CSV of relations: from, type, to, since, until, support ...",
)
@click.option(
    "--places",
    "places",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="CSV of places (as written by export --format csv).",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Read COLUMN as FIELD, e.g. --map actor_a=from --map ucdp_id=external_ids.ucdp (repeatable).",
)
@click.option(
    "--map-value",
    "values",
    multiple=True,
    metavar="FIELD:VALUE=TARGET",
    help="Read VALUE of FIELD as TARGET, e.g. --map-value type:all=allied-with (repeatable; any case).",
)
@click.option(
    "--date-means",
    "date_means",
    multiple=True,
    metavar="start|event|TYPE=...",
    help="What the date column means: start (the relation began then: since) or event (it held then: since "
    "and until), for every type or for one, e.g. --date-means start --date-means splinter-of=event.",
)
@click.option(
    "--new-actors",
    type=click.Choice(list(ACTOR_KINDS)),
    default=None,
    help="Make a name the dataset lacks an actor of this kind (default: an unknown name is an error).",
)
@click.option(
    "--mapping",
    "mapping_file",
    metavar="FILE|NAME",
    default=None,
    help="A mapping file (TOML) of columns, values and dates, or a shipped one: mapping-militants. "
    "Options given beside it win.",
)
@OUT
@click.option(
    "--name", default=None, help="Name of the YAML file written (default: import-csv-STEM, STEM the relations file's)."
)
@FORCE
@ON_ERROR
def import_csv(
    actors: str | None,
    relations: str,
    places: str | None,
    mapping: tuple[str, ...],
    values: tuple[str, ...],
    date_means: tuple[str, ...],
    new_actors: str | None,
    mapping_file: str | None,
    out: str,
    name: str | None,
    on_error: str,
    force: bool,
) -> None:
    """Import your own spreadsheet: a CSV of actors and a CSV of relations.

    Common column names work as they are (id/name/kind; from or source, to or target, type
    or relation, since or start, until or end, date, support, confidence, note, quote, record);
    --map names the others, --map-value reads other words for values, --mapping reads both
    from a file. Relation and support types are read through the vocabulary; every row the
    validator would refuse (a link from an actor to itself ...) is refused at import. Writes
    OUT/import-csv-STEM.yaml (STEM: the relations file's name without .csv), or OUT/NAME.yaml,
    and nothing else.

    \b
    Examples:
      proxygraph import csv --actors a.csv --relations r.csv --map actor=name --out data/
      proxygraph import csv --relations links.csv --mapping mapping-militants --out data/
      proxygraph import csv --relations alliances.csv --map "Group A=from" --map "Group B=to"
          --map-value type:all=allied-with --date-means start --new-actors rebel-group --out data/
    """
    from graph.importers.common import import_header, read_existing
    from graph.importers.csv_mapping import CsvMapping, find_mapping, read_mapping, value_maps, with_command_line
    from graph.importers.csv_table import import_csv as run
    from graph.importers.csv_table import parse_mapping

    out_file = _target(out, name or f"import-csv-{Path(relations).stem}", force)
    existing = read_existing(Path(out), out_file)
    paths = (Path(actors) if actors else None, Path(relations), Path(places) if places else None)
    with in_option_words("mapping", lambda exc: f"--mapping {exc}"):
        base = read_mapping(find_mapping(mapping_file)) if mapping_file else CsvMapping()
    with in_option_words("pairs", lambda exc: f"--map {exc}"):
        fields = parse_mapping(mapping)
    with in_option_words("pairs", lambda exc: f"--map-value {exc}"):
        maps = value_maps(values)
    with in_option_words("date_means", lambda exc: f"--date-means {exc}"):
        how = with_command_line(base, fields, maps, date_means, new_actors)
    result = _read(lambda: run(*paths, existing, mapping=how, on_error=on_error))
    shown = Path(mapping_file).name if mapping_file and Path(mapping_file).is_file() else mapping_file
    args = [*_given("--actors", actors and Path(actors).name), "--relations", Path(relations).name,
            *_given("--places", places and Path(places).name), *_given("--mapping", shown),
            *_repeat("--map", mapping), *_repeat("--map-value", values), *_repeat("--date-means", date_means),
            *_given("--new-actors", new_actors), *_given("--on-error", on_error, "fail")]  # fmt: skip
    _finish(result, out_file, import_header("csv", *args), force)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json", "csv"]),
    required=True,
    help="graphml and gexf open in Gephi and Cytoscape; json is node-link; csv writes three files.",
)
@click.option("--out", "out", type=click.Path(), default=None,
              help="File to write (a folder for csv, created if missing); default stdout.")  # fmt: skip
@data_option
@as_of_option
def export(fmt: str, out: str | None, data: str | None, as_of_date: str | None) -> None:
    """Export the graph for other tools, with every actor, relation and field.

    Without --out the graph goes to stdout and nothing else does; with --out the file is
    written atomically (replaced whole or not at all) and its path is printed on stderr.

    \b
    Examples:
      proxygraph export --format gexf --out syria.gexf
      proxygraph export --format csv --out syria-csv/ --as-of 2016
    """
    from graph.export import CSV_FILES
    from graph.export import export as run

    G = graph_from(data, as_of_date)
    with in_option_words("out", lambda _: "--format csv writes three files: give a folder with --out DIR"):
        text = run(G, fmt, Path(out) if out else None)
    if text is not None:
        click.echo(text)
    elif fmt == "csv":
        click.echo(f"wrote {', '.join(str(Path(str(out)) / name) for name in CSV_FILES)}", err=True)
    else:
        click.echo(f"wrote {out}", err=True)
