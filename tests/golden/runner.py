"""Run a golden case in-process and read or write its stored answer, for the test and scripts/golden."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from click.testing import CliRunner

GOLDEN = Path(__file__).resolve().parent
ROOT = GOLDEN.parent.parent


def _cli() -> Any:
    """The click group. The only place that names the CLI module: a move of it is one edit here."""
    from graph.cli import cli

    return cli


@dataclass(frozen=True)
class Answer:
    exit_code: int
    stdout: Any  # the parsed JSON


def normalise(text: str) -> str:
    """Replace the two environment-specific parts of any answer, and nothing else.

    ``cypher list`` gives each query's absolute file, in the folder the package data
    ``graph.cypher`` is installed at (``<repo>/cypher`` in the editable install of scripts/test,
    site-packages otherwise): that folder becomes ``<cypher>``. Any other path under the
    repository root (``validate`` would give file paths if the bundled data had problems) becomes
    ``<repo>/...``. No answer holds a time or anything else of the machine.
    """
    cypher_dir = str(resources.files("graph.cypher"))
    return text.replace(cypher_dir, "<cypher>").replace(str(ROOT), "<repo>")


def run(argv: tuple[str, ...]) -> Answer:
    """Run ``proxygraph ARGV`` through CliRunner, on the bundled data whatever PROXYGRAPH_DATA says.

    Raises ValueError when stdout is not JSON (with the command's stderr, to see why)."""
    result = CliRunner().invoke(_cli(), list(argv), env={"PROXYGRAPH_DATA": None}, catch_exceptions=False)
    try:
        data = json.loads(normalise(result.stdout)) if result.stdout.strip() else None
    except json.JSONDecodeError as exc:
        raise ValueError(f"proxygraph {' '.join(argv)}: stdout is not JSON ({exc}); stderr:\n{result.stderr}") from exc
    return Answer(result.exit_code, data)


def path_of(name: str) -> Path:
    return GOLDEN / f"{name}.json"


def read(name: str) -> dict[str, Any]:
    """The stored record of case NAME: {"argv": [...], "exit_code": N, "stdout": JSON}."""
    record: dict[str, Any] = json.loads(path_of(name).read_text(encoding="utf-8"))
    return record


def write(name: str, argv: tuple[str, ...], answer: Answer) -> None:
    record = {"argv": list(argv), "exit_code": answer.exit_code, "stdout": answer.stdout}
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"  # keys in the order the command gave them
    path_of(name).write_text(text, encoding="utf-8")
