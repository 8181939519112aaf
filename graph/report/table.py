"""Rows of an answer, and their renderings as a table for people, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

FORMATS = ("table", "json", "csv")


@dataclass
class Table:
    """Rows for people and for CSV; ``details[i]`` are lines shown under row i in a table."""

    columns: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    details: list[list[str]] = field(default_factory=list)

    def add(self, row: Sequence[Any], details: Iterable[str] = ()) -> None:
        self.rows.append(row)
        self.details.append(list(details))


def render(table: Table, data: Any, fmt: str) -> str:
    """Text of an answer in ``fmt``: ``json`` dumps ``data``; ``table`` and ``csv`` use ``table``."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if v is None else v for v in row] for row in table.rows])
        return out.getvalue().rstrip("\n")
    return _text_table(table)


def _text_table(table: Table) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(table.columns, widths, strict=True)).rstrip()]
    for row, details in zip(cells, table.details, strict=True):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        lines += [f"    {d}" for d in details]
    return "\n".join(lines)
