"""Nothing is lost on any write path (issue 9): imports write only their own file, every write is
atomic, and a file that cannot be written is one ``Error:`` line and exit code 1.

The tests run as root, where chmod cannot make a folder unwritable: an unwritable place is a
path under a regular file (``file.txt/x.gexf``), which fails for root too.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graph.cli import cli
from graph.dataset import bundled_path, load_dataset, read_dataset
from graph.errors import WriteError
from graph.files import atomic_file, write_text_atomic
from graph.neo4j import queries as cypher_library
from tests.data_support import SAMPLE, write_csv

REPO = Path(__file__).resolve().parents[1]
ESD_ARGS = ["--location", "Syria", "--location", "Iraq", "--years", "2011-2017"]  # as the bundled file was made


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def curated(tmp_path: Path) -> Path:
    folder = tmp_path / "syria"
    shutil.copytree(bundled_path(), folder)
    return folder


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """``actors.csv`` and ``relations.csv``: the names of the curated files, on purpose."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_csv(folder / "actors.csv", "id,name,kind", "iran,Iran,state", "qods,Quds Force,militia")
    write_csv(folder / "relations.csv", "from,type,to,since,quote,cite", 'iran,backs,qods,2012,"Iran runs it",Notes')
    return folder


def _import_csv(inputs: Path, out: Path, *extra: str) -> Result:
    args = ["import", "csv", "--actors", str(inputs / "actors.csv"), "--relations", str(inputs / "relations.csv")]
    return CliRunner().invoke(cli, [*args, "--out", str(out), *extra])


def _one_error_line(result: Result, start: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
    assert result.output.count("\n") == 1 and result.output.startswith(start), result.output


# --- importers write only their own file ----------------------------------------------------------


def test_import_csv_into_the_curated_folder_adds_one_file_and_touches_no_other(curated: Path, inputs: Path) -> None:
    before = _snapshot(curated)
    result = _import_csv(inputs, curated)
    assert result.exit_code == 0, result.output
    after = _snapshot(curated)
    assert {k: after[k] for k in before} == before  # relations.yaml, actors.yaml ... byte-identical
    assert sorted(set(after) - set(before)) == ["import-csv-relations.yaml"]
    written = after["import-csv-relations.yaml"].decode()
    assert written.startswith(
        "# Written by proxygraph import csv --actors actors.csv --relations relations.csv\n"
        "# Importing again rewrites this file: change the input, not this file.\n"
    )
    assert str(inputs) not in written  # file names only: the same bytes on every machine
    assert len(load_dataset(curated).relations) == len(load_dataset().relations) + 1

    again = _import_csv(inputs, curated)
    assert again.exit_code == 0, again.output
    assert _snapshot(curated) == after  # the import's own file rewritten byte for byte

    elsewhere = shutil.copytree(inputs, inputs.parent / "other" / "place")
    assert _import_csv(elsewhere, curated).exit_code == 0
    assert _snapshot(curated) == after  # inputs found in another folder: still the same bytes


def test_import_ucdp_esd_into_the_curated_folder_rewrites_only_its_own_file(curated: Path) -> None:
    before = _snapshot(curated)
    assert before["ucdp-esd.yaml"].startswith(b"# Written by proxygraph import ucdp-esd ")
    for _ in range(2):
        result = CliRunner().invoke(cli, ["import", "ucdp-esd", str(SAMPLE), *ESD_ARGS, "--out", str(curated)])
        assert result.exit_code == 0, result.output
        assert _snapshot(curated) == before  # ucdp-esd.yaml is this import's output, rewritten byte for byte


@pytest.mark.parametrize("command", ["csv", "ucdp-esd"])
def test_an_import_refuses_to_replace_a_curated_file(command: str, curated: Path, inputs: Path) -> None:
    before = _snapshot(curated)
    if command == "csv":
        result = _import_csv(inputs, curated, "--name", "relations")
    else:
        result = CliRunner().invoke(cli, ["import", "ucdp-esd", str(SAMPLE), "--name", "relations", "--out",
                                          str(curated)])  # fmt: skip
    _one_error_line(result, f"Error: will not replace {curated / 'relations.yaml'}: no import wrote it")
    assert "--force" in result.output
    assert _snapshot(curated) == before


def test_force_replaces_a_curated_file(curated: Path, inputs: Path) -> None:
    result = _import_csv(inputs, curated, "--name", "relations", "--force")
    assert result.exit_code == 0, result.output
    assert (curated / "relations.yaml").read_text(encoding="utf-8").startswith("# Written by proxygraph import csv")


def test_an_import_creates_its_folder_but_not_deep_trees(tmp_path: Path, inputs: Path) -> None:
    assert _import_csv(inputs, tmp_path / "new").exit_code == 0
    assert (tmp_path / "new" / "import-csv-relations.yaml").is_file()
    result = _import_csv(inputs, tmp_path / "no" / "such")
    _one_error_line(result, f"Error: cannot write into {tmp_path / 'no' / 'such'}: the folder ")
    assert not (tmp_path / "no").exists()


# --- a write killed part way ----------------------------------------------------------------------

# Runs the CLI with one step of the atomic write (the fsync of the temporary file, or its rename
# into place) replaced by: say so in a marker file, then sleep until killed.
_PAUSED_CLI = """
import os, pathlib, sys, time
marker, step = pathlib.Path(sys.argv[1]), sys.argv[2]
def pause(*args):
    marker.write_text("paused")
    time.sleep(120)
setattr(os, step, pause)
from graph.cli import cli
cli(sys.argv[3:], prog_name="proxygraph")
"""


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_an_import_killed_while_writing_leaves_the_old_file(step: str, curated: Path, inputs: Path) -> None:
    assert _import_csv(inputs, curated).exit_code == 0
    before = _snapshot(curated)
    target = curated / "import-csv-relations.yaml"
    with (inputs / "relations.csv").open("a", encoding="utf-8") as f:
        f.write("iran,backs,qods,2015,Again in 2015,Notes\n")
    marker = inputs.parent / "paused"
    args = ["import", "csv", "--actors", str(inputs / "actors.csv"), "--relations", str(inputs / "relations.csv")]
    proc = subprocess.Popen([sys.executable, "-c", _PAUSED_CLI, str(marker), step, *args, "--out", str(curated)],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), proc.stderr.read().decode() if proc.stderr else ""
        temps = [p for p in curated.iterdir() if p.is_file() and p.name not in before]
        assert [p.name.startswith(".import-csv-relations.yaml.") and p.suffix == ".tmp" for p in temps] == [True]
        assert b"Again in 2015" in temps[0].read_bytes()  # the new text was on its way, beside the target
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    after = _snapshot(curated)
    assert {k: after[k] for k in before} == before  # the old import file whole, every other file too
    assert target.read_bytes() == before["import-csv-relations.yaml"]
    # the leftover is hidden and not YAML: the dataset reader and validate do not take it for data
    dataset, problems = read_dataset(curated)
    assert not [p for p in problems if ".tmp" in p.file]
    assert len(dataset.relations) == len(load_dataset().relations) + 1
    assert CliRunner().invoke(cli, ["validate", str(curated)]).exit_code == 0
    result = _import_csv(inputs, curated)  # and the next import goes through
    assert result.exit_code == 0 and b"Again in 2015" in target.read_bytes()


# --- export, render, cypher style -----------------------------------------------------------------

FORMATS = ["gexf", "graphml", "json", "csv"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_into_a_missing_folder_is_one_line(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "deeper" / f"x.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--out", str(out)])
    _one_error_line(result, "Error: cannot write ")
    assert f"the folder {out.parent} does not exist" in result.output
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_where_nothing_can_be_written_is_one_line(fmt: str, tmp_path: Path) -> None:
    """Under a regular file nothing can be written, by root either (chmod does not stop root)."""
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder\n")
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--out", str(blocker / f"x.{fmt}")])
    _one_error_line(result, "Error: cannot write ")
    assert f"{blocker} is not a folder" in result.output or f"the folder {blocker} does not exist" in result.output
    assert blocker.read_text() == "not a folder\n" and os.listdir(tmp_path) == ["file.txt"]


@pytest.mark.parametrize("fmt", ["gexf", "json"])
def test_export_reports_any_os_error_as_one_line(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"{'x' * 300}.{fmt}"  # a name too long for the file system
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--out", str(out)])
    _one_error_line(result, f"Error: cannot write {out}: File name too long")
    assert os.listdir(tmp_path) == []


def test_export_csv_onto_a_file_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--out", str(blocker)])
    _one_error_line(result, f"Error: cannot write into {blocker}: it is a file, not a folder")


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_says_what_it_wrote_on_stderr(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / ("csv" if fmt == "csv" else f"syria.{fmt}")
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    if fmt == "csv":
        names = ", ".join(str(out / n) for n in ("actors.csv", "places.csv", "relations.csv"))
        assert result.stderr == f"wrote {names}\n"
    else:
        assert result.stderr == f"wrote {out}\n" and out.stat().st_size > 0
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_export_json_to_stdout_is_only_json() -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["nodes"]


@pytest.mark.parametrize("where", ["missing", "under-a-file"])
def test_render_where_nothing_can_be_written_is_one_line(where: str, tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    out = tmp_path / ("missing" if where == "missing" else "file.txt") / "x.html"
    result = CliRunner().invoke(cli, ["render", "--out", str(out)])
    _one_error_line(result, f"Error: cannot write {out}: ")


def test_render_says_when_it_replaces_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(cli, ["render"])
    assert first.exit_code == 0 and first.output.startswith("wrote syria.html (")
    assert "replacing" not in first.output
    second = CliRunner().invoke(cli, ["render", "--as-of", "2014"])
    assert second.exit_code == 0 and "KB, replacing the page that was there)" in second.output
    assert sorted(os.listdir(tmp_path)) == ["syria.html"]


def test_cypher_style_writes_into_the_current_folder_not_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package_style = cypher_library.CYPHER_DIR / "style.grass"
    before = package_style.stat().st_mtime_ns
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["cypher", "style"])
    assert (result.exit_code, result.output) == (0, "wrote style.grass\n")
    assert (tmp_path / "style.grass").read_bytes() == package_style.read_bytes()
    assert package_style.stat().st_mtime_ns == before
    result = CliRunner().invoke(cli, ["cypher", "style", "--out", "mine.grass"])
    assert (result.exit_code, result.output) == (0, "wrote mine.grass\n")
    _one_error_line(CliRunner().invoke(cli, ["cypher", "style", "--out", "no/such.grass"]), "Error: cannot write ")


# --- graph.files ----------------------------------------------------------------------------------


def test_a_failed_write_removes_its_temporary_file_and_keeps_the_target(tmp_path: Path) -> None:
    target = write_text_atomic(tmp_path / "a.yaml", "old\n")
    with pytest.raises(RuntimeError), atomic_file(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("the writer failed")
    assert target.read_text() == "old\n" and os.listdir(tmp_path) == ["a.yaml"]


def test_a_rewrite_keeps_the_file_mode(tmp_path: Path) -> None:
    target = write_text_atomic(tmp_path / "a.yaml", "old\n")
    target.chmod(0o640)
    write_text_atomic(target, "new\n")
    assert (target.read_text(), target.stat().st_mode & 0o777) == ("new\n", 0o640)


def test_a_folder_is_no_file_to_write(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="it is a folder"):
        write_text_atomic(tmp_path, "x")
