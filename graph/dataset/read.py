"""Read a folder (or one file) of curated YAML into a checked `Dataset`.

Every problem is collected, never raised one by one: `read_dataset` returns the dataset and
all problems; `load_dataset` raises one `DataError` carrying them all when any is an error.

>>> ds = load_dataset(bundled_path())
>>> ds.actors["iran"].name
'Iran'
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from graph import collector
from graph.dataset import checks
from graph.dataset.build import Builder
from graph.dataset.fastyaml import read_block_yaml
from graph.dataset.schema import RECORD_FIELDS, SECTIONS, item_line, key_line
from graph.dataset.yamlio import Mapping, read_yaml
from graph.errors import DataError, Problem
from graph.model import Dataset
from graph.text import did_you_mean

YAML_SUFFIXES = (".yaml", ".yml")


def bundled_path() -> Path:
    """The folder of the bundled Syria dataset (package data)."""
    return Path(str(resources.files("graph") / "data" / "syria"))


def load_dataset(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Read and check a dataset; raise `DataError` with every problem if any is an error.

    Raises
    ------
    DataError
        When the dataset has at least one error (the exception lists warnings too).
    """
    return checked(*read_dataset(path))


def checked(dataset: Dataset, problems: list[Problem]) -> Dataset:
    """``dataset`` when ``problems`` hold no error.

    Raises
    ------
    DataError
        When there is at least one error (the exception lists warnings too).
    """
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return dataset


def read_dataset(
    path: str | os.PathLike[str] | None = None, texts: dict[Path, str] | None = None
) -> tuple[Dataset, list[Problem]]:
    """Read a dataset folder or file; return it with every problem found, errors first by file.

    ``texts`` gives the text of some files instead of what is on disk (how `graph.dataset.append`
    checks a change before writing it)."""
    root = Path(path) if path is not None else bundled_path()
    with collector.paused():  # the reader makes millions of objects and no cycles
        return _read(root, texts or {})


def _read(root: Path, texts: dict[Path, str]) -> tuple[Dataset, list[Problem]]:
    reader = _Reader(root, texts)
    if not root.exists():
        reader.problems.append(
            Problem(
                str(root),
                0,
                "no-such-path",
                "no such file or folder",
                "give the path of a dataset folder or a .yaml file",
            )
        )
        return reader.dataset, reader.problems
    files = dataset_files(root)
    if not files:
        reader.problems.append(
            Problem(
                str(root),
                0,
                "empty-dataset",
                "no .yaml or .yml file in this folder",
                "give the folder that holds the dataset's YAML files",
                "warning",
            )
        )
    for file in files:
        reader.read_file(file)
    checks.check_dataset(reader.dataset, reader.problems)
    reader.problems.sort(key=lambda p: (p.file, p.line, p.code))
    return reader.dataset, reader.problems


def dataset_files(root: Path) -> list[Path]:
    """The YAML files of a dataset: the file itself, or every .yaml/.yml below the folder."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


class _Reader:
    """Reads each file into sections of records; the `Builder` makes the model objects."""

    def __init__(self, root: Path, texts: dict[Path, str]) -> None:
        self.root = root
        self.texts = texts
        self.dataset = Dataset(name=root.stem if root.is_file() else root.name, root=str(root))
        self.problems: list[Problem] = []
        self.builder = Builder(self.dataset, self.problems)

    def display(self, file: Path) -> str:
        return str(file) if self.root.is_file() else os.path.join(str(self.root), str(file.relative_to(self.root)))

    def read_file(self, path: Path) -> None:
        name = self.display(path)
        try:
            data = self.texts[path].encode("utf-8") if path in self.texts else path.read_bytes()
        except OSError as exc:
            self.problems.append(Problem(name, 0, "unreadable", exc.strerror or str(exc), "check the file can be read"))
            return
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problems.append(_undecodable(name, data, exc))
            return
        document = read_block_yaml(text)  # None: leave it to the full reader, which reports problems
        if document is None:
            found = len(self.problems)
            document = read_yaml(text, name, self.problems)
            if document is None and len(self.problems) == found:  # nothing but blanks and comments
                self.problems.append(
                    Problem(name, 1, "empty-file", "this file holds no data", "add records or remove it", "warning")
                )
        if document is None:
            return
        if not isinstance(document, Mapping):
            self.problems.append(
                Problem(
                    name,
                    1,
                    "wrong-type",
                    "a dataset file is a mapping of lists",
                    f"start with one of: {', '.join(SECTIONS)}",
                )
            )
            return
        for section, records in document.items():
            line = key_line(document, section)
            if section not in RECORD_FIELDS:
                hint = did_you_mean(section, SECTIONS) or f"use {', '.join(SECTIONS)}"
                self.problems.append(Problem(name, line, "unknown-section", f"unknown section {section!r}", hint))
            elif not isinstance(records, list):
                self.problems.append(
                    Problem(
                        name,
                        line,
                        "wrong-type",
                        f"{section} must be a list of records",
                        "write each record as a list item starting with '-'",
                    )
                )
            else:
                add = self.builder.add
                for index, record in enumerate(records):
                    add(section, record, name, path, item_line(records, index, line))


def _undecodable(name: str, data: bytes, exc: UnicodeDecodeError) -> Problem:
    """The line and column (1-based, in characters) of the first byte that is not UTF-8."""
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
    return Problem(
        name,
        line,
        "not-utf8",
        f"column {column}: byte 0x{data[exc.start]:02x} is not UTF-8",
        "save the file as UTF-8 (most editors offer it in 'Save as')",
    )
