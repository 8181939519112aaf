"""The dataset cache: a checked dataset (and, for the commands that answer from it, its graph) kept in
the user's cache folder, so that a second command on an unchanged dataset skips reading and checking.

A cache is never wrong. An entry is used only when its key is the key of the dataset as it is now:

- every YAML file of the dataset (`dataset_files`): its path, size, modification time and the
  blake2b hash of its bytes (a one-character edit that keeps size and mtime is seen), and so the
  set of files (a new or deleted file is seen);
- every source text the dataset's sources name (``file:``, used for the quote checks): its path and
  the hash of its bytes, or that it is missing; these are known once the YAML is read, so the entry
  lists them and they are checked before the entry is used;
- proxygraph's version and the path, size and modification time of every module of the package (a
  developer who edits the reader in an editable install without bumping the version is seen too).

The part of the key that reads no byte (paths, sizes, modification times: `files_key`) is checked
before the entry is unpickled, so an edited dataset's old entry costs nothing; the hashes of the
bytes are made in a thread while the entry is unpickled (hashing lets the unpickler run), and the
entry is used only if they match.

The entry of a dataset folder is one file per root path, replaced on each write (so the folder holds
one entry per dataset, and at most `KEEP` of them, the least recently written removed first). Writes
are atomic (`graph.files.atomic_file`): two processes at once each write a whole entry. After a JSON
header (the key, the source texts) come two pickles: the dataset and its problems, then the graph
(its relations written as indexes into the dataset's, so that `validate` unpickles no networkx). Pickle
can run code, so an entry is read only when the cache folder is the current user's
and closed to others (mode 0700) and the file too (0600, owned by the user); a file that fails that,
a foreign or corrupt file, or any failure to load, is ignored and rebuilt. The library reads through
the cache only when asked (`cached_read`; `read_dataset` has no side effect); the CLI does, unless
given ``--no-cache`` or ``PROXYGRAPH_NO_CACHE=1``.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "proxygraph"
>>> dataset, problems, _ = cached_read(None, folder=folder)      # read and checked, then stored
>>> again, _, _ = cached_read(None, folder=folder)                 # from the cache
>>> again.actors["iran"].name, len(again.relations) == len(dataset.relations)
('Iran', True)
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import json
import os
import pickle
import stat
import sys
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from graph import collector
from graph.claims import Claims
from graph.dataset.read import bundled_path, dataset_files, read_dataset
from graph.errors import Problem, WriteError
from graph.files import atomic_file
from graph.model import Citation, Dataset, Origin, PartialDate, Relation

if TYPE_CHECKING:
    import networkx as nx

    Graph = nx.MultiDiGraph[str]
    Builder = Callable[[Dataset], Graph]

MAGIC = b"proxygraph-cache\n"
FORMAT = 3  # bump when the entry's layout changes
KEEP = 16  # entries (datasets) kept; the least recently written go first
HEADER_LIMIT = 1 << 24  # a header longer than this is not one of ours


def cache_folder() -> Path:
    """The user's cache folder for proxygraph: ``$XDG_CACHE_HOME/proxygraph`` when set, else the
    platform's (``~/.cache``, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%\\proxygraph\\Cache`` on Windows)."""
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "proxygraph"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "proxygraph" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "proxygraph"
    return Path.home() / ".cache" / "proxygraph"


def cached_read(
    path: str | os.PathLike[str] | None,
    *,
    graph: Builder | None = None,
    folder: Path | None = None,
    use_cache: bool = True,
    write_later: Callable[[Callable[[], None]], Any] | None = None,
) -> tuple[Dataset, list[Problem], Graph | None]:
    """`read_dataset` through the cache in ``folder`` (default `cache_folder`); with ``graph`` (a
    function that builds the graph of a valid dataset, e.g. `graph.network.build_graph`), the graph
    too, cached with the dataset. ``use_cache=False`` reads afresh and writes nothing.
    ``write_later``: given the entry's write (a function of no argument) when the dataset was read
    afresh, to call it when the caller is done (the command line: once its answer is printed);
    the records must then stay as they are until it is called.

    Returns the dataset, its problems and the graph (None without ``graph``, or when the dataset has
    an error). Nothing is raised for a cache that cannot be read or written: the dataset is then
    read as without a cache.
    """
    root = Path(path) if path is not None else bundled_path()
    if not use_cache:
        dataset, problems = read_dataset(root)
        return dataset, problems, _built(graph, dataset, problems)
    folder = folder if folder is not None else cache_folder()
    entry = _entry_path(folder, root)
    # The key hashes every file (100,000 relations: 40 MB, 0.06 s); hashing and reading files let
    # other threads run, so it is made while the entry is unpickled, and compared after.
    keys: list[str | None] = []
    keying = threading.Thread(target=lambda: keys.append(dataset_key(root)), daemon=True)
    keying.start()
    files = files_key(root)

    def key_made() -> str | None:
        keying.join()
        return keys[0]

    found = _load(entry, files, key_made, need_graph=graph is not None)
    key = key_made()
    if found is not None:
        return found
    dataset, problems = read_dataset(root)
    built = _built(graph, dataset, problems)
    if key is not None:
        texts = _texts_of(dataset)  # hashed now: what the quotes were checked against

        def write() -> None:
            _store(folder, entry, (files, key), (dataset, problems, built), graph is not None, texts)

        write() if write_later is None else write_later(write)
    return dataset, problems, built


def _built(graph: Builder | None, dataset: Dataset, problems: list[Problem]) -> Graph | None:
    if graph is None or any(p.severity == "error" for p in problems):
        return None
    return graph(dataset)


def dataset_key(root: Path) -> str | None:
    """The hash of everything the checked dataset at ``root`` is made from, but the source texts
    (`texts_key`): `files_key` and the bytes of every file; None when it cannot be known (no such
    path, an unreadable file)."""
    digest = hashlib.blake2b(digest_size=32)
    try:
        if (files := files_key(root)) is None:
            return None
        digest.update(files.encode())
        for file in dataset_files(root):
            digest.update(hashlib.blake2b(file.read_bytes(), digest_size=32).digest())
    except OSError:
        return None
    return digest.hexdigest()


def files_key(root: Path) -> str | None:
    """The part of `dataset_key` that reads no file: the format, proxygraph's version and code,
    and each file's path, size and modification time. Cheap (no byte is read), and almost any edit
    changes it: an entry of another one is not even unpickled."""
    digest = hashlib.blake2b(digest_size=32)
    digest.update(f"{FORMAT}\0{_version()}\0{_code_key()}\0{root.resolve()}\0".encode())
    try:
        if not root.exists():
            return None
        for file in dataset_files(root):
            info = file.stat()
            digest.update(f"{file}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    except OSError:
        return None
    return digest.hexdigest()


def _texts_of(dataset: Dataset) -> dict[str, str | None]:
    """The source texts the dataset reads for its quote checks, each with the hash of its bytes."""
    return {p: _file_hash(Path(p)) for p in sorted({s.text_path for s in dataset.sources.values() if s.text_path})}


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=32).hexdigest() if path.is_file() else None
    except OSError:
        return "unreadable"


def _version() -> str:
    try:
        return metadata.version("proxygraph")
    except metadata.PackageNotFoundError:
        return "unknown"


def _code_key() -> str:
    """Path, size and mtime of every module of the package: an edited reader is a new key."""
    package = Path(__file__).resolve().parent.parent
    parts = []
    for module in sorted(package.rglob("*.py")):
        info = module.stat()
        parts.append(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _entry_path(folder: Path, root: Path) -> Path:
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=16).hexdigest()
    return folder / f"{name}.pickle"


def _private(info: os.stat_result, kind: int) -> bool:
    """Whether a cache file or folder is the current user's, of the right kind and closed to others."""
    owner = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner and stat.S_IFMT(info.st_mode) == kind and info.st_mode & 0o077 == 0


def _load(
    entry: Path, files: str | None, key: Callable[[], str | None], *, need_graph: bool
) -> tuple[Dataset, list[Problem], Graph | None] | None:
    """The entry's dataset, problems and graph when it is ours, private, whole, of the `files_key`
    ``files`` (checked first) and of the key ``key()`` gives (asked for once the entry is
    unpickled; None: no entry is of it)."""
    try:
        if not _private(os.lstat(entry.parent), stat.S_IFDIR):
            return None
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not _private(os.fstat(fd), stat.S_IFREG) or handle.read(len(MAGIC)) != MAGIC:
            return None
        try:
            header = json.loads(handle.readline(HEADER_LIMIT))
            if header.get("format") != FORMAT or files is None or header.get("files") != files:
                return None
            if need_graph and header.get("graph") is not True:
                return None
            if any(_file_hash(Path(p)) != h for p, h in header.get("texts", {}).items()):
                return None
            with collector.paused():  # millions of objects and no garbage: a collection would only cost
                dataset, problems = pickle.load(handle)  # a private file of this user's
                built = _GraphUnpickler(handle, dataset).load() if need_graph else None
        except Exception:  # a corrupt entry raises anything unpickling can: it is rebuilt
            return None
    if header.get("key") is None or header.get("key") != key():
        return None
    if not isinstance(dataset, Dataset) or not isinstance(problems, list):
        return None
    return dataset, problems, built


def _store(
    folder: Path,
    entry: Path,
    keys: tuple[str | None, str],
    body: tuple[Any, ...],
    graph: bool,
    texts: dict[str, str | None],
) -> None:
    """Write the entry atomically, in a folder only the user can enter; failures are ignored.
    ``keys``: the dataset's `files_key` and `dataset_key`."""
    header = {"format": FORMAT, "files": keys[0], "key": keys[1], "graph": graph, "texts": texts}
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.lstat(folder), stat.S_IFDIR):
            return  # not ours or open to others: never write what we would refuse to read
        with atomic_file(entry) as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o600)
            handle.write(MAGIC + json.dumps(header).encode() + b"\n")
            dataset, problems, built = body
            # the picklers' memos hold every record: a collection would scan them again and again
            with collector.paused():
                _DatasetPickler(handle).dump((dataset, problems))
                if graph:
                    _GraphPickler(handle, dataset).dump(built)
        _prune(folder, entry)
    except (OSError, WriteError, pickle.PicklingError, RecursionError):
        return


SHARED = (str, PartialDate, Claims)  # immutable values: equal ones can be one object


class _DatasetPickler(pickle.Pickler):
    """Pickles the dataset with its relations, citations and origins made compact, the records
    themselves left as they are:

    - a relation's or citation's field at its class default is not written (the class gives it
      back: ``Relation.since`` is None), so 100,000 relations unpickle as fewer, smaller dicts;
      fields with a default factory (lists) are always written, as each record has its own;
    - an origin is written as a call, not a dict of state;
    - equal strings, dates and claims are written once (they are immutable, so nothing can tell):
      100,000 relations share a few hundred dates and a few thousand ids, and fewer objects load
      faster.
    """

    def __init__(self, handle: IO[bytes]) -> None:
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared: dict[Any, Any] = {}
        self.dispatch_table = {**copyreg.dispatch_table, Relation: self._slim, Citation: self._slim,
                               Origin: self._origin}  # fmt: skip

    def _slim(self, record: Relation | Citation) -> tuple[Any, ...]:
        defaults, shared = _DEFAULTS[type(record)], self.shared
        state = {
            k: shared.setdefault(v, v) if type(v) in SHARED else v
            for k, v in vars(record).items()
            if k not in defaults or type(v) is not type(defaults[k]) or v != defaults[k]
        }
        return copyreg.__newobj__, (type(record),), state  # type: ignore[attr-defined]

    def _origin(self, origin: Origin) -> tuple[Any, ...]:
        return Origin, (self.shared.setdefault(origin.file, origin.file), origin.line)


_DEFAULTS = {
    cls: {f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING}
    for cls in (Relation, Citation)
}
for _defaults in _DEFAULTS.values():  # only values that are plain constants: None, a word, False
    assert all(v is None or type(v) in (str, bool) for v in _defaults.values()), _defaults


def _relation_at(index: int) -> Relation:
    """Where the graph's pickle names a relation by its index in the dataset's; `_GraphUnpickler`
    reads it as that relation, and nothing else may."""
    raise pickle.UnpicklingError("a relation of the dataset cache's graph, read only with its dataset")


class _GraphPickler(pickle.Pickler):
    """Pickles the graph after its dataset: each `Relation` it holds is written as its index in
    ``dataset.relations`` (a call of `_relation_at`), so that `validate` unpickles the dataset alone
    (no networkx) and a graph command shares the relations rather than reading them twice."""

    def __init__(self, handle: IO[bytes], dataset: Dataset) -> None:
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        index = {id(r): i for i, r in enumerate(dataset.relations)}
        self.dispatch_table = {**copyreg.dispatch_table, Relation: lambda r: (_relation_at, (index[id(r)],))}


class _GraphUnpickler(pickle.Unpickler):
    def __init__(self, handle: IO[bytes], dataset: Dataset) -> None:
        super().__init__(handle)
        self.relations = dataset.relations

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, _relation_at.__name__):
            return self.relations.__getitem__
        return super().find_class(module, name)


def _prune(folder: Path, kept: Path) -> None:
    """Remove the least recently written entries beyond `KEEP`."""
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        if old != kept:
            old.unlink(missing_ok=True)
