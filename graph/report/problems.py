"""The report of `proxygraph validate`: every problem, one a line. Light on purpose (no networkx):
validating a dataset builds no graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from graph.errors import Problem
from graph.model import Dataset
from graph.report.document import Block, Column, Report, Table

SHOWN_PER_CODE = 20  # validate's text lists this many problems of each code, then how many more


def validate_report(dataset: Dataset, problems: Sequence[Problem], limit: int | None = SHOWN_PER_CODE) -> Report:
    """The problems, one a line (``file:line: code: message (hint)``, kept whole for editors): the
    first ``limit`` of each code (None: all), then one line per code saying how many more; then the
    counts; with errors the counts go to stderr. CSV and JSON list every problem."""
    errors = sum(p.severity == "error" for p in problems)
    table = Table(["file", "line", "severity", "code", Column("message", wrap=True), Column("hint", wrap=True)])
    for p in problems:
        table.add([p.file, p.line, p.severity, p.code, p.message, p.hint])
    summary = (
        f"{len(dataset.actors)} actors, {len(dataset.places)} places, {len(dataset.sources)} sources, "
        f"{len(dataset.relations)} relations: {errors} errors, {len(problems) - errors} warnings"
    )
    shown: Counter[str] = Counter()
    lines = []
    for p in problems:
        shown[p.code] += 1
        if limit is None or shown[p.code] <= limit:
            lines.append(str(p))
    if limit is not None:
        lines += [f"... and {n - limit:,} more {code}: run with --all to list them"
                  for code, n in shown.items() if n > limit]  # fmt: skip
    lines += [] if errors else [summary]
    return Report([p.to_dict() for p in problems], [Block(lines=lines, wrap=False)], summary if errors else None, table)
