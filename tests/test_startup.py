"""A quick start-up (issue 14): `--help`, every command's `--help`, `validate` and the commands that
need no graph import neither networkx nor neo4j nor pyvis (nor the other heavy libraries); each is
imported where it is used. Checked in a fresh interpreter, as a user's process starts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

HEAVY = ("networkx", "neo4j", "pyvis", "igraph", "highspy", "rapidfuzz", "ftfy")
BROKEN = Path(__file__).parent / "data" / "broken"

# Runs the command line in this interpreter and prints which heavy modules it imported.
PROBE = """
import json, sys
from click.testing import CliRunner

from graph.cli import cli
try:
    cli(sys.argv[1:], prog_name="proxygraph")
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps([m for m in {heavy!r} if m in sys.modules]), file=sys.stderr)
"""


def imported(*args: str, cache: Path | None = None) -> list[str]:
    """The heavy modules a fresh `proxygraph ARGS` process imports (with the dataset cache in
    ``cache`` as XDG_CACHE_HOME, else none)."""
    env = {"PATH": "", "COLUMNS": "100"} | ({"XDG_CACHE_HOME": str(cache)} if cache else {"PROXYGRAPH_NO_CACHE": "1"})
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], capture_output=True, text=True,
                          timeout=120, env=env)  # fmt: skip
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("name", [None, *sorted(cli.commands)])
def test_help_imports_no_heavy_library(name: str | None) -> None:
    assert imported(*([name] if name else []), "--help") == []


@pytest.mark.parametrize(
    "args", [(), ("--format", "json"), ("--format", "csv"), (str(BROKEN),), ("--all", str(BROKEN))]
)
def test_validate_builds_no_graph_and_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    assert imported("validate", *args) == []


def test_validate_from_a_cache_that_holds_the_graph_imports_no_heavy_library(tmp_path: Path) -> None:
    assert imported("supporters", "iran", cache=tmp_path) == ["networkx"]  # writes the dataset and its graph
    assert imported("validate", cache=tmp_path) == []
    assert imported("supporters", "iran", cache=tmp_path) == ["networkx"]  # reads them


def test_commands_that_need_no_graph_import_none(tmp_path: Path) -> None:
    assert imported("cypher", "list") == []
    assert imported("cypher", "style", "--out", str(tmp_path / "style.grass")) == []
    assert imported("--version") == []


def test_a_query_imports_networkx_where_it_builds_the_graph() -> None:
    """The probe sees an import: a query that answers from the graph has networkx, and no driver."""
    assert imported("supporters", "iran") == ["networkx"]


# The program as its console script runs it, with an exit handler of the kind libraries register.
PROGRAM = """
import atexit, sys
atexit.register(lambda: print("exit handlers ran", file=sys.stderr))
sys.argv = ["proxygraph", *sys.argv[1:]]
from graph.cli import main
main()
"""


@pytest.mark.parametrize(
    ("args", "code"),
    [(["supporters", "Assad government", "--format", "json"], 0), (["supporters", "irn"], 2), (["validate"], 0),
     (["clients", "iran", "--format", "csv"], 0)],
)  # fmt: skip
def test_the_program_exits_with_its_code_its_whole_output_and_the_exit_handlers_run(
    args: list[str], code: int, tmp_path: Path
) -> None:
    """`graph.cli.main` ends a command that read a dataset without freeing it object by object: the
    output is all there (flushed into a pipe), the exit code is the command's, exit handlers ran."""
    done = subprocess.run([sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, timeout=120,
                          env={"PATH": "", "XDG_CACHE_HOME": str(tmp_path)})  # fmt: skip
    assert done.returncode == code, done.stderr
    assert done.stderr.rstrip().endswith("exit handlers ran")
    expected = CliRunner().invoke(cli, args)
    assert (expected.exit_code, done.stdout) == (code, expected.stdout)
    if args[-1] == "json":
        assert json.loads(done.stdout)["supporters"]
