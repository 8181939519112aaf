"""Tables for people: aligned columns, the evidence under each row, within the terminal's width.

Columns marked ``wrap`` (a chain, a list of members) wrap onto more lines when the row would
run past ``width``; the other columns wrap only when even that does not fit. A wrapping column
that would be left fewer than `NARROW` characters leaves the table instead and goes under each
row, as ``name: value``. Titles, header lines and the lines under a row wrap at ``width`` too,
their continuation indented two more. Text breaks at spaces, else after a comma, else anywhere.

>>> from graph.report.document import Block, Column, Table
>>> table = Table(["actor", Column("chain", wrap=True)])
>>> table.add(["iran", "iran -backs[weapons,funding]-> iraqi-militias -fights- syrian-rebels"], ["evidence"])
>>> print(render(Report({}, [Block(table=table)]), 40))
ACTOR  CHAIN
iran   iran -backs[weapons,funding]->
       iraqi-militias -fights-
       syrian-rebels
    evidence
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from graph.report.document import Column, Report, Table

PEOPLE = True
GAP = "  "
INDENT = "    "  # lines under a row
NARROWEST = 8  # no column is made narrower than this (or its name)
NARROW = 24  # a wrapping column left fewer characters goes under the row instead
_PIECES = re.compile(r"\s+|[^\s,]*,|[^\s,]+")  # runs of spaces; words, broken after their commas


def render(report: Report, width: int) -> str:
    parts = []
    first = True  # the first table shows its header even when empty; a later empty one only its title
    for block in report.blocks:
        lines = wrap_lines([block.title], width) if block.title else []
        lines += wrap_lines(block.lines, width) if block.wrap else block.lines
        if block.table is not None and (block.table.rows or first):
            lines += table_lines(block.table, width)
        first = first and block.table is None
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def wrap_text(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width``, continuations starting with ``indent``.

    >>> wrap_text("iran -backs[troops,weapons]-> badr", 16, "  ")
    ['iran', '  -backs[troops,', '  weapons]->', '  badr']
    """
    width = max(width, len(indent) + NARROWEST)
    lines: list[str] = []
    line, space = "", ""
    for piece in _PIECES.findall(text):
        if piece.isspace():
            space = piece if line.strip() else space + piece
            continue
        if len(line) + len(space) + len(piece) <= width or not line.strip():
            line += space + piece
        else:
            lines.append(line)
            line = indent + piece
        space = ""
        while len(line) > width:  # a word longer than the line
            lines.append(line[:width])
            line = indent + line[width:]
    lines.append(line)
    return lines


def wrap_lines(lines: Sequence[str], width: int) -> list[str]:
    """Each line within ``width``; continuations indented two more than the line."""
    out: list[str] = []
    for line in lines:
        out += [line] if len(line) <= width else wrap_text(line, width, " " * (len(line) - len(line.lstrip()) + 2))
    return out


def fit(natural: Sequence[int], names: Sequence[str], wrap: Sequence[bool], width: int) -> list[int]:
    """Column widths within ``width``: the widest wrapping column gives way first, one character
    at a time, then (when that is not enough) the widest of the others; none below its name or
    `NARROWEST`. Cost: O(excess x columns).

    >>> fit([10, 40], ["a", "b"], [False, True], 30)
    [10, 18]
    """
    widths = list(natural)
    floor = [min(n, max(len(name), NARROWEST)) for n, name in zip(natural, names, strict=True)]
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    for allowed in (wrap, [True] * len(widths)):
        while excess > 0:
            give = [j for j, w in enumerate(widths) if allowed[j] and w > floor[j]]
            if not give:
                break
            j = max(give, key=lambda k: widths[k])
            widths[j] -= 1
            excess -= 1
    return widths


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def layout(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> tuple[list[int], list[int]]:
    """Which columns stay in the table and their widths; a wrapping column that would be too
    narrow (the widest such first) moves under the rows, until none is."""
    natural = [max([len(c.name)] + [len(r[j]) for r in cells]) for j, c in enumerate(columns)]
    kept = list(range(len(columns)))
    while True:
        widths = fit([natural[j] for j in kept], [columns[j].name for j in kept], [columns[j].wrap for j in kept],
                     width)  # fmt: skip
        cramped = [j for j, w in zip(kept, widths, strict=True) if columns[j].wrap and w < min(natural[j], NARROW)]
        if not cramped:
            return kept, widths
        kept.remove(max(cramped, key=lambda j: natural[j]))


def table_lines(table: Table, width: int) -> list[str]:
    columns = [c for c in table.columns if c.table]
    shown = [i for i, c in enumerate(table.columns) if c.table]
    cells = [[_text(row.cells[i]) for i in shown] for row in table.rows]
    kept, widths = layout(columns, cells, width)
    under = [j for j in range(len(columns)) if j not in kept]
    lines = [GAP.join(columns[j].name.upper().ljust(w) for j, w in zip(kept, widths, strict=True)).rstrip()]
    for row, texts in zip(table.rows, cells, strict=True):
        wrapped = [wrap_text(texts[j], w) for j, w in zip(kept, widths, strict=True)]
        for k in range(max(len(w) for w in wrapped)):
            parts = [(w[k] if k < len(w) else "").ljust(n) for w, n in zip(wrapped, widths, strict=True)]
            lines.append(GAP.join(parts).rstrip())
        moved = [f"{columns[j].name}: {texts[j]}" for j in under if texts[j]]
        lines += wrap_lines([INDENT + d for d in (*moved, *row.details)], width)
    return lines
