"""The one way proxygraph writes a file: to a temporary file beside it, synced, then renamed.

A reader sees the old file or the new one, never half of one: the text goes to a hidden
``.NAME.XXXXXXXX.tmp`` in the target's folder (the dataset reader reads only ``.yaml``/``.yml``,
so a leftover of a killed process is never taken for data), is flushed and fsync'ed, and
``os.replace`` puts it in place. On any failure the temporary file is removed and the target
is left as it was. Every OS error becomes a `WriteError` (``cannot write PATH: ...``), which
the CLI prints as one line with exit code 1.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> write_text_atomic(folder / "a.txt", "hello\\n").read_text()
'hello\\n'
>>> write_text_atomic(folder / "missing" / "a.txt", "x")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.WriteError: cannot write .../missing/a.txt: the folder .../missing does not exist
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from graph.errors import WriteError

__all__ = ["TEMP_SUFFIX", "WriteError", "atomic_file", "ensure_folder", "write_text_atomic"]

TEMP_SUFFIX = ".tmp"


def _check_target(path: Path) -> None:
    parent = path.parent
    if not parent.exists():
        raise WriteError(f"cannot write {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise WriteError(f"cannot write {path}: {parent} is not a folder")
    if path.is_dir():
        raise WriteError(f"cannot write {path}: it is a folder - give a file name")


def _temp_beside(path: Path) -> tuple[Path, int]:
    """A new hidden temporary file in ``path``'s folder, opened for writing (umask applies)."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue


@contextmanager
def atomic_file(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file to write ``path`` through: it replaces ``path`` only when the block ends
    normally. An existing target's permissions are kept. For writers that take a file object,
    like networkx's (``with atomic_file(p) as f: nx.write_graphml(G, f)``).

    Raises
    ------
    WriteError
        When the folder does not exist, is not a folder, or the file cannot be written.
    """
    path = Path(path)
    temp: Path | None = None
    try:
        _check_target(path)
        temp, fd = _temp_beside(path)
        if path.exists():
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (see `atomic_file`) as UTF-8, whatever the locale and
    platform (``\\n`` stays ``\\n``), and return the path.

    Raises
    ------
    WriteError
        When the file cannot be written; ``path`` is then as it was.
    """
    with atomic_file(path) as handle:
        handle.write(text.encode("utf-8"))
    return Path(path)


def ensure_folder(folder: str | Path) -> Path:
    """``folder``, created if missing; its parent must exist (no deep trees made by mistake).

    Raises
    ------
    WriteError
        When the parent does not exist, or ``folder`` is a file.
    """
    folder = Path(folder)
    if folder.is_dir():
        return folder
    if folder.exists():
        raise WriteError(f"cannot write into {folder}: it is a file, not a folder")
    if not folder.parent.is_dir():
        raise WriteError(f"cannot write into {folder}: the folder {folder.parent} does not exist")
    try:
        folder.mkdir()
    except OSError as exc:
        raise WriteError(f"cannot write into {folder}: {exc.strerror or exc}") from None
    return folder
