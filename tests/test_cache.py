"""The dataset cache (issue 14): a second read of an unchanged dataset comes from the cache, and any
change is seen, even a one-character edit that keeps the file's size and modification time."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.dataset import cache, read_dataset
from graph.errors import Problem
from graph.model import Dataset
from graph.network import build_graph

DATA = """\
sources:
  - id: report
    title: A report
    file: report.txt
actors:
  - id: alpha
    name: Alpha
    kind: state
  - id: beta
    name: Beta
    kind: militia
relations:
  - id: r1
    from: alpha
    type: backs
    to: beta
    evidence:
      - source: report
        quote: Alpha backs Beta
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "ds"
    data.mkdir()
    (data / "data.yaml").write_text(DATA, encoding="utf-8")
    (data / "report.txt").write_text("In 2015 Alpha backs Beta.\n", encoding="utf-8")
    return data


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "proxygraph"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The datasets read afresh (not from the cache) from now on."""
    done: list[Path] = []

    def counted(root: Path) -> tuple[Dataset, list[Problem]]:
        done.append(root)
        return read_dataset(root)

    monkeypatch.setattr(cache, "read_dataset", counted)
    return done


def read(folder: Path, store: Path, **kw: Any) -> tuple[Dataset, list[Problem]]:
    dataset, problems, _ = cache.cached_read(folder, folder=store, **kw)
    return dataset, problems


def edit_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    assert len(old) == len(new)
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_second_read_comes_from_the_cache_and_equals_a_fresh_read(folder: Path, store: Path, reads: list[Path]) -> None:
    first = read(folder, store)
    second = read(folder, store)
    assert len(reads) == 1
    assert second == first == read_dataset(folder)


def test_the_graph_is_cached_with_the_dataset(folder: Path, store: Path, reads: list[Path]) -> None:
    _, _, G = cache.cached_read(folder, graph=build_graph, folder=store)
    _, _, again = cache.cached_read(folder, graph=build_graph, folder=store)
    assert len(reads) == 1
    assert G is not None and again is not None
    assert sorted(again.edges(keys=True)) == sorted(G.edges(keys=True)) == [("alpha", "beta", "r1")]
    dataset, _, G = cache.cached_read(folder, graph=build_graph, folder=store)
    assert G is not None and [r for _, _, r in G.edges(data="relation")] == dataset.relations
    assert G.edges["alpha", "beta", "r1"]["relation"] is dataset.relations[0]  # read once, shared


def test_an_entry_without_the_graph_is_read_again_for_a_command_that_needs_it(
    folder: Path, store: Path, reads: list[Path]
) -> None:
    read(folder, store)
    _, _, G = cache.cached_read(folder, graph=build_graph, folder=store)
    assert G is not None and len(reads) == 2


def test_one_character_edit_with_the_same_size_and_mtime_is_seen(folder: Path, store: Path) -> None:
    assert read(folder, store)[0].actors["alpha"].name == "Alpha"
    edit_keeping_size_and_mtime(folder / "data.yaml", "name: Alpha", "name: Alphb")
    assert read(folder, store)[0].actors["alpha"].name == "Alphb"


def test_a_new_file_is_seen(folder: Path, store: Path) -> None:
    read(folder, store)
    (folder / "more.yml").write_text("actors:\n  - id: gamma\n    name: Gamma\n    kind: militia\n", encoding="utf-8")
    assert "gamma" in read(folder, store)[0].actors


def test_a_deleted_file_is_seen(folder: Path, store: Path) -> None:
    (folder / "more.yml").write_text("actors:\n  - id: gamma\n    name: Gamma\n    kind: militia\n", encoding="utf-8")
    assert "gamma" in read(folder, store)[0].actors
    (folder / "more.yml").unlink()
    assert "gamma" not in read(folder, store)[0].actors


def test_a_changed_source_text_is_seen(folder: Path, store: Path) -> None:
    assert read(folder, store)[1] == []
    edit_keeping_size_and_mtime(folder / "report.txt", "Alpha backs", "Alpha bucks")
    assert [p.code for p in read(folder, store)[1]] == ["quote-not-found"]
    (folder / "report.txt").unlink()
    assert [p.code for p in read(folder, store)[1]] == ["missing-file"]


@pytest.mark.parametrize("garbage", [b"", b"proxygraph-cache\n", b"proxygraph-cache\n{}\n", b"\x80\x05junk"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(folder: Path, store: Path, reads: list[Path], garbage: bytes) -> None:
    expected = read(folder, store)
    (entry,) = store.iterdir()
    entry.write_bytes(garbage)
    assert read(folder, store) == expected
    assert read(folder, store) == expected
    assert len(reads) == 2  # rebuilt once, then read from the rebuilt entry


def test_a_truncated_entry_is_ignored(folder: Path, store: Path, reads: list[Path]) -> None:
    expected = read(folder, store)
    (entry,) = store.iterdir()
    entry.write_bytes(entry.read_bytes()[:-20])
    assert read(folder, store) == expected
    assert len(reads) == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_could_write_is_never_unpickled(folder: Path, store: Path, reads: list[Path]) -> None:
    read(folder, store)
    (entry,) = store.iterdir()
    assert stat.S_IMODE(store.stat().st_mode) == 0o700 and stat.S_IMODE(entry.stat().st_mode) == 0o600
    entry.chmod(0o666)
    read(folder, store)
    assert len(reads) == 2
    store.chmod(0o777)
    read(folder, store)
    read(folder, store)
    assert len(reads) == 4  # a folder open to others is neither read nor written


def test_one_entry_per_dataset(folder: Path, store: Path) -> None:
    read(folder, store)
    (folder / "data.yaml").write_text(DATA.replace("Alpha", "Omega"), encoding="utf-8")
    read(folder, store)
    assert len(list(store.iterdir())) == 1


def test_use_cache_false_neither_reads_nor_writes(folder: Path, store: Path, reads: list[Path]) -> None:
    read(folder, store, use_cache=False)
    assert not store.exists()


def test_cache_folder_follows_xdg_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_folder() == tmp_path / "proxygraph"


def entries(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> int:
    """Run the CLI with a fresh cache folder; how many entries it then holds."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "xdg" / "proxygraph"
    return len(list(folder.iterdir())) if folder.exists() else 0


def test_the_cli_caches_unless_no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, folder: Path) -> None:
    assert entries(monkeypatch, tmp_path / "a", "supporters", "beta", "--data", str(folder)) == 1
    assert entries(monkeypatch, tmp_path / "b", "--no-cache", "supporters", "beta", "--data", str(folder)) == 0
    env = {"PROXYGRAPH_NO_CACHE": "1"}
    assert entries(monkeypatch, tmp_path / "c", "validate", str(folder), env=env) == 0


def test_validate_from_the_cache_says_what_a_fresh_validate_says(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = Path(__file__).parent / "data" / "broken"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    runs = [CliRunner().invoke(cli, [*flag, "validate", "--all", str(broken)]) for flag in ([], [], ["--no-cache"])]
    assert [r.exit_code for r in runs] == [1, 1, 1]
    assert runs[0].output == runs[1].output == runs[2].output
    assert len(list((tmp_path / "proxygraph").iterdir())) == 1


def test_a_query_from_the_cache_answers_as_a_fresh_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    args = ["supporters", "Assad government", "--format", "json"]
    runs = [CliRunner().invoke(cli, [*flag, *args]) for flag in ([], [], ["--no-cache"])]
    assert [r.exit_code for r in runs] == [0, 0, 0]
    assert runs[0].output == runs[1].output == runs[2].output
    assert '"iran"' in runs[0].output


FIELDS_SET = (
    DATA.replace(
        "    evidence:\n",
        "    since: 2015-03\n    until: 2016\n    support: [weapons]\n    flags: [elements]\n    count: 0\n"
        "    weight: 0.0\n    confidence: low\n    note: Counted as none in the year's tally\n    evidence:\n",
    )
    + """\
  - from: beta
    type: fights
    to: alpha
    ended: true
    evidence:
      - source: report
        quote: Alpha backs Beta
        stance: allege
"""
)


@pytest.mark.parametrize("name", ["bundled", "claims", "fields set"])
def test_every_field_of_every_record_comes_back_from_the_cache(name: str, tmp_path: Path, store: Path) -> None:
    """Every field of every relation, citation and origin reads back from the cache as a fresh read
    gives it, the fields that equality leaves out (claims) included."""
    if name == "bundled":
        root = None
    elif name == "claims":
        root = Path(__file__).parent / "data" / "claims"
    else:
        root = tmp_path / "ds"
        root.mkdir()
        (root / "data.yaml").write_text(FIELDS_SET, encoding="utf-8")
        (root / "report.txt").write_text("In 2015 Alpha backs Beta.\n", encoding="utf-8")
    fresh, problems = read_dataset(root)
    assert not [p for p in problems if p.severity == "error"]
    cache.cached_read(root, folder=store)
    cached, again, _ = cache.cached_read(root, folder=store)
    assert again == problems and len(cached.relations) == len(fresh.relations)

    def every_field(record: Any) -> list[Any]:
        return [(f.name, getattr(record, f.name)) for f in dataclasses.fields(record)]

    for old, new in zip(fresh.relations, cached.relations, strict=True):
        assert every_field(new) == every_field(old)
        assert [every_field(c) for c in new.evidence] == [every_field(c) for c in old.evidence]
        assert new.state == old.state and new.period == old.period
    if name == "fields set":
        assert cached.relations[0].count == 0 and cached.relations[0].weight == 0.0
        assert cached.relations[1].ended is True and cached.relations[1].evidence[0].stance == "allege"


def test_the_cli_writes_the_entry_once_its_answer_is_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, folder: Path
) -> None:
    """A first command prints its answer, then writes the cache entry (the user reads it 2-3 s
    sooner at 100,000 relations); the entry is there when the command returns."""
    import sys

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    printed_before: list[str] = []
    store = cache._store

    def watched(*args: Any) -> None:
        sys.stdout.flush()
        printed_before.append(sys.stdout.buffer.getvalue().decode())  # CliRunner's captured output so far
        store(*args)

    monkeypatch.setattr(cache, "_store", watched)
    result = CliRunner().invoke(cli, ["supporters", "beta", "--data", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(printed_before) == 1 and '"alpha"' in printed_before[0]  # the answer was out before the write
    assert len(list((tmp_path / "proxygraph").iterdir())) == 1
    second = CliRunner().invoke(cli, ["supporters", "beta", "--data", str(folder), "--format", "json"])
    assert second.output == result.output and len(printed_before) == 1  # read from the entry: no write
