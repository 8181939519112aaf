"""A quick start-up (issue 14): `--help`, every command's `--help`, `validate` and the commands that
need no graph import neither networkx nor neo4j nor pyvis (nor the other heavy libraries); each is
imported where it is used. Checked in a fresh interpreter, as a user's process starts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import cli

HEAVY = ("networkx", "neo4j", "pyvis", "igraph", "highspy", "rapidfuzz", "ftfy")
BROKEN = Path(__file__).parent / "data" / "broken"

# Runs the command line in this interpreter and prints which heavy modules it imported.
PROBE = """
import json, sys
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
