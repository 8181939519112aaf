"""What every importer shares: the result, ids, the existing dataset, and YAML writing.

An import writes one file it owns: its first line says which command wrote it and from which
input files (``# Written by proxygraph import csv --relations r.csv``), so importing again
rewrites it byte for byte, and a file without that line (curated data) is never replaced
unless forced.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.dataset import read_dataset
from graph.dataset.write import dataset_yaml
from graph.errors import DataError, Problem, WriteError
from graph.files import ensure_folder, write_text_atomic
from graph.importers.matching import ActorIndex, Match, NearMiss
from graph.model import Actor, Dataset, Place, Relation, Source

OWNER_MARK = "# Written by proxygraph import "
_OLD_MARKS = ("# Imported by proxygraph from ",)  # the first line of imports before the mark


@dataclass
class ImportResult:
    """What an import made, matched and could not read.

    ``actors``, ``relations`` and ``sources`` are new records to write; ``matches`` and
    ``near_misses`` say how incoming actors met the dataset's own; ``problems`` are the rows
    skipped (warnings) or, when the import failed, the errors; ``notes`` are what the import
    read otherwise than written (a line decoded as cp1252, a value repaired, a row's names
    paired) and the columns it did not read.
    """

    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    skipped_rows: int = 0
    rows: int = 0  # rows read (after filters), skipped ones included


def report_lines(result: ImportResult, out_file: Path, problems: list[Problem]) -> list[str]:
    """What an import did, for people: the file written, every match, every near-miss, every skip."""
    errors = sum(p.severity == "error" for p in problems)
    lines = [f"wrote {out_file}: {len(result.actors)} new actors, {len(result.relations)} relations, "
             f"{len(result.sources)} source(s), from {result.rows} rows ({result.skipped_rows} skipped)"]  # fmt: skip
    lines += [f"matched: {m.incoming!r} -> {m.actor} (by {m.by})" for m in result.matches]
    hint = "if they are one actor, add the name as an alias or the external id to {} and import again"
    lines += [f"near miss, not merged: {n.incoming!r} ~ {n.actor} ({n.why}) - {hint.format(n.actor)}"
              for n in result.near_misses]  # fmt: skip
    lines += [f"note: {p}" for p in result.notes]
    lines += [f"skipped: {p}" for p in result.problems]
    lines.append(f"validation of {out_file.parent}: {errors} errors, {len(problems) - errors} warnings")
    return lines


def slugify(text: str) -> str:
    """A lowercase slug for an id: ``Government of Côte d'Ivoire`` -> ``government-of-cote-d-ivoire``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


class IdMaker:
    """Unique lowercase-slug ids, never one already taken in the dataset or by this import."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)

    def make(self, name: str, fallback: str) -> str:
        base = slugify(name) or slugify(fallback) or "actor"
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate


def read_existing(folder: Path, out_file: Path) -> Dataset:
    """The dataset already in ``folder``, without what ``out_file`` (a previous import) holds.

    Problems of the existing data are not this import's: they show when the result is validated.
    """
    if not folder.exists():
        return Dataset(name=folder.name, root=str(folder))
    dataset, _ = read_dataset(folder)
    target = out_file.resolve()

    def elsewhere(origin: Any) -> bool:
        return origin is None or Path(origin.file).resolve() != target

    dataset.actors = {k: a for k, a in dataset.actors.items() if elsewhere(a.origin)}
    dataset.sources = {k: s for k, s in dataset.sources.items() if elsewhere(s.origin)}
    dataset.places = {k: p for k, p in dataset.places.items() if elsewhere(p.origin)}
    dataset.relations = [r for r in dataset.relations if elsewhere(r.origin)]
    return dataset


def index_of(dataset: Dataset) -> ActorIndex:
    return ActorIndex(dataset.actors.values())


def fail_or_skip(problems: list[Problem], on_error: str) -> None:
    """Raise `DataError` with every problem when ``on_error`` is "fail"; else keep them as warnings."""
    if not problems:
        return
    if on_error == "fail":
        raise DataError(problems)
    problems[:] = [
        Problem(p.file, p.line, p.code, p.message, f"{p.hint}; row skipped" if p.hint else "row skipped", "warning")
        for p in problems
    ]


def yaml_text(result: ImportResult, header: str) -> str:
    """The result as one YAML document under its header: sources, actors, places, relations."""
    return dataset_yaml(sources=result.sources, actors=result.actors, places=result.places,
                        relations=result.relations, header=header)  # fmt: skip


def import_header(command: str, *args: str) -> str:
    """The header of an import's file: the command that writes it (file names only, no folders,
    so the same import on another machine writes the same bytes) and what to do about edits.

    >>> print(import_header("csv", "--relations", "my relations.csv"))
    Written by proxygraph import csv --relations 'my relations.csv'
    Importing again rewrites this file: change the input, not this file.
    """
    line = shlex.join(["proxygraph", "import", command, *args])
    return f"Written by {line}\nImporting again rewrites this file: change the input, not this file."


def written_by_import(path: Path) -> bool:
    """Whether ``path`` starts with the header line of an import (its own file to rewrite)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline()
    except OSError:
        return False
    return first.startswith((OWNER_MARK, *_OLD_MARKS))


def check_owned(out_file: Path, force: bool = False) -> None:
    """Refuse to replace a file that no import wrote (curated data), unless ``force``.

    Raises
    ------
    WriteError
        When ``out_file`` exists, lacks the import header and ``force`` is False.
    """
    if force or not out_file.exists() or written_by_import(out_file):
        return
    raise WriteError(
        f"will not replace {out_file}: no import wrote it (its first line is not '{OWNER_MARK.strip()} ...') "
        "- choose another --name, or give --force to replace it"
    )


def write_result(result: ImportResult, out_file: Path, header: str, *, force: bool = False) -> list[Problem]:
    """Write the result to ``out_file`` atomically and validate the folder it lands in; return its
    problems. The folder is created if missing (not its parents).

    Raises
    ------
    WriteError
        When the file cannot be written, or is not an import's and ``force`` is False.
    """
    check_owned(out_file, force)
    ensure_folder(out_file.parent)
    write_text_atomic(out_file, yaml_text(result, header))
    _, problems = read_dataset(out_file.parent)
    return problems
