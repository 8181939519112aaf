"""A dataset as the CSV files of ``neo4j-admin database import`` (no neo4j import here).

The fastest way to fill an EMPTY database: the files hold the same nodes, labels, relationships
and properties (types included) as `graph.neo4j.store.load` writes, from the same rows
(`graph.neo4j.props`), so a load after the import finds nothing to change. ``scripts/neo4j
import`` writes them with ``proxygraph load --import-files``, stops the server, runs the import
(which replaces the whole database) and starts it again.

Files, in one folder: ``nodes-Actor.csv``, ``nodes-Place.csv``, ``nodes-Source.csv`` (``:LABEL``
holds the class and the kind label), ``rels-Actor-Actor.csv`` ... (one group per pair of end
classes, ``:TYPE`` per row, ``WITHIN`` among them: the header, then ``rels-Actor-Actor.part0.csv``
... without one; a large dataset's parts are written by one process per core), and ``import.args``:
the options of ``neo4j-admin database import full`` that read them, one a line. Arrays are joined
with U+001F (no text of a dataset may hold it); an absent property is an empty unquoted field, a
text is always quoted (``""`` is the empty text, which Neo4j keeps); text may span lines.

>>> from graph.dataset import load_dataset
>>> import tempfile
>>> written = write_import_files(load_dataset(), "syria", Path(tempfile.mkdtemp()))
>>> sorted(p.name for p in written)[:3]
['import.args', 'nodes-Actor.csv', 'nodes-Place.csv']
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from graph.errors import WriteError
from graph.files import atomic_file, ensure_folder, write_text_atomic
from graph.model import Dataset
from graph.neo4j.plan import ADD_DATASET, NODE_CLASSES
from graph.neo4j.props import REL_DATES, REL_PROPS, Row, node_rows, relation_rows

ARRAY = "\x1f"  # the array delimiter (--array-delimiter=U+001F)
ADMIN_OPTIONS = ("--array-delimiter=U+001F", "--multiline-fields=true", "--ignore-empty-strings=false",
                 "--id-type=string", "--skip-duplicate-nodes=false", "--bad-tolerance=0")  # fmt: skip
ENDS = (("Actor", "Actor"), ("Actor", "Place"), ("Place", "Actor"), ("Place", "Place"))
assert "ELSE [d IN old WHERE d < $dataset]" in ADD_DATASET  # a node's datasets are kept sorted, as here


def _type(values: Iterable[Any]) -> str:
    """The import header type of a column, from its values (the driver's mapping of Python types)."""
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool):
            return ":boolean"
        if isinstance(value, int):
            return ":long"
        if isinstance(value, float):
            return ":double"
        if isinstance(value, dt.date):
            return ":date"
        if isinstance(value, list):
            return ":string[]"
        return ""
    return ""


class _Delimiter(Exception):
    """A text holds `ARRAY`."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if ARRAY in text:
        raise _Delimiter
    return '"' + text.replace('"', '""') + '"'


def _array(value: Any) -> str:
    if value is None:
        return ""
    parts = [str(v) for v in value]
    if any(ARRAY in part for part in parts):
        raise _Delimiter
    return '"' + ARRAY.join(parts).replace('"', '""') + '"'


def _plain(value: Any) -> str:
    """A boolean, number or date: unquoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, dt.date) else str(value) if isinstance(value, str) else repr(value)


# How a column is written, by the type in its header (``aliases:string[]``, ``:LABEL``); text
# when none of these (ids, ``:TYPE``, a text column, which holds anything else as its text).
FORMATS: dict[str, Callable[[Any], str]] = {":LABEL": _array, ":string[]": _array, ":boolean": _plain, ":long": _plain,
                                            ":double": _plain, ":date": _plain}  # fmt: skip


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]], *, with_header: bool = True) -> Path:
    """One file: ``header`` and the rows, each column written by its type (`FORMATS`), a batch of
    lines at a time."""
    formats = [FORMATS.get(h[h.index(":") :] if ":" in h else "", _text) for h in header]
    with atomic_file(path) as handle:
        if with_header:
            handle.write((",".join(header) + "\n").encode("utf-8"))
        lines: list[str] = []
        try:
            for row in rows:
                lines.append(",".join([f(v) for f, v in zip(formats, row, strict=True)]))
                if len(lines) >= 10_000:
                    handle.write(("\n".join(lines) + "\n").encode("utf-8"))
                    lines.clear()
        except _Delimiter:
            raise WriteError(f"cannot write {path.name}: a text holds U+001F, the import's array delimiter "
                             "- load the dataset with 'proxygraph load' instead") from None  # fmt: skip
        if lines:
            handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    return path


def _node_file(folder: Path, cls: str, rows: list[Row], name: str) -> Path:
    keys = sorted({k for r in rows for k in r["props"]} - {"id"})
    types = {k: _type(r["props"].get(k) for r in rows) for k in keys}
    header = [f"id:ID({cls})", ":LABEL", *(k + types[k] for k in keys), "digest", "datasets:string[]"]

    def lines() -> Iterable[list[Any]]:
        for r in rows:
            labels = [cls, r["label"]] if r.get("label") else [cls]
            yield [r["id"], labels, *(r["props"].get(k) for k in keys), r["digest"], [name]]

    return _write_csv(folder / f"nodes-{cls}.csv", header, lines())


# The header type of each relationship property (what the values of `graph.neo4j.props.relation_props`
# are; the dates arrive as ISO text): fixed, so that the parts written apart share one header.
_TYPED = {":long": ("seq", "count", "confidence_level", "independent_sources"), ":double": ("weight",),
          ":boolean": ("ended", "reaches_members"), ":date": REL_DATES,
          ":string[]": ("support", "support_by_year", "flags", "evidence_sources", "evidence_quotes",
                        "evidence_records", "evidence_attests", "evidence_stances")}  # fmt: skip
REL_TYPES = {k: next((t for t, keys in _TYPED.items() if k in keys), "") for k in REL_PROPS}
assert {k for keys in _TYPED.values() for k in keys} <= set(REL_PROPS)
PARALLEL_FROM = 50_000  # relations from which their files are written by one process per core
_shared: tuple[Dataset, str, Path, int] | None = None  # what the forked writers read (never pickled)


def _rel_header(folder: Path, ends: tuple[str, str]) -> Path:
    types = [k + REL_TYPES[k] for k in REL_PROPS]
    header = [f":START_ID({ends[0]})", f":END_ID({ends[1]})", ":TYPE", *types, "digest"]
    return _write_csv(folder / f"rels-{ends[0]}-{ends[1]}.csv", header, [])


def _rel_part(index: int) -> dict[tuple[str, str], Path]:
    """Part ``index`` of the relationship files (no header): the relations of its slice, by end classes."""
    assert _shared is not None
    dataset, name, folder, parts = _shared
    size = -(-len(dataset.relations) // parts)
    by_ends: dict[tuple[str, str], list[list[Any]]] = {}
    for rtype, rows in relation_rows(dataset, name, slice(index * size, (index + 1) * size)).items():
        for r in rows:
            props = r["props"]
            line = [r["source"], r["target"], rtype, *(props.get(k) for k in REL_PROPS), r["digest"]]
            by_ends.setdefault(r["ends"], []).append(line)
    if index == 0:
        within = [r for r in node_rows(dataset)["Place"] if r.get("within")]
        empty = [None] * (len(REL_PROPS) + 1)
        by_ends.setdefault(("Place", "Place"), []).extend([p["id"], p["within"], "WITHIN", *empty] for p in within)
    header = ["", "", "", *(REL_TYPES[k] for k in REL_PROPS), ""]
    return {ends: _write_csv(folder / f"rels-{ends[0]}-{ends[1]}.part{index}.csv", header, lines, with_header=False)
            for ends, lines in by_ends.items() if lines}  # fmt: skip


def _rel_files(dataset: Dataset, name: str, folder: Path) -> list[list[Path]]:
    """The relationship files, one group per pair of end classes: its header file, then its parts
    (one per core for a large dataset, written at once by forked processes)."""
    global _shared
    parts = min(os.cpu_count() or 1, 4) if len(dataset.relations) >= PARALLEL_FROM and _can_fork() else 1
    _shared = (dataset, name, folder, parts)
    try:
        if parts == 1:
            written = [_rel_part(0)]
        else:
            with ProcessPoolExecutor(parts, mp_context=multiprocessing.get_context("fork")) as pool:
                written = list(pool.map(_rel_part, range(parts)))
    finally:
        _shared = None
    groups = []
    for ends in ENDS:
        files = [part[ends] for part in written if ends in part]
        if files:
            groups.append([_rel_header(folder, ends), *files])
    return groups


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def write_import_files(dataset: Dataset, name: str, folder: Path) -> list[Path]:
    """Write the import files of ``dataset`` (loaded as ``name``) into ``folder`` (created if
    missing, its parent must exist) and return their paths, ``import.args`` among them.

    Raises
    ------
    WriteError
        When a file cannot be written, or a text holds U+001F (the array delimiter).
    """
    folder = ensure_folder(folder).resolve()
    written = [_node_file(folder, cls, rows, name) for cls, rows in node_rows(dataset).items() if cls in NODE_CLASSES]
    groups = _rel_files(dataset, name, folder)
    written += [p for group in groups for p in group]
    args = [*ADMIN_OPTIONS]  # an @-file of picocli: one argument a line, quoted (a path may hold spaces)
    args += [f'"--nodes={p}"' for p in written if p.name.startswith("nodes-")]
    args += ['"--relationships=' + ",".join(map(str, group)) + '"' for group in groups]
    written.append(write_text_atomic(folder / "import.args", "\n".join(args) + "\n"))
    return written
