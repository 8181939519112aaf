"""The renderings of a report, one module each: a new output format is one new module here.

A format module has ``render(report, width) -> str`` (the text for stdout; ``width`` is the
terminal's, for formats that lay text out) and ``PEOPLE``: whether it is read by people, who
are then told on stderr what an empty answer means (`graph.report.document.Report.message`).
The modules are found by name (`pkgutil`), so ``--format`` offers every one of them.

>>> names()[0], {"csv", "json"} <= set(names())
('table', True)
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Protocol, cast

from graph.report.document import Report

DEFAULT = "table"


class Format(Protocol):
    PEOPLE: bool

    def render(self, report: Report, width: int) -> str: ...


@cache
def formats() -> dict[str, Format]:
    """Every format module of this package, by name: the default first, then in name order."""
    found = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    found.sort(key=lambda name: name != DEFAULT)
    return {name: cast(Format, importlib.import_module(f"{__name__}.{name}")) for name in found}


def names() -> list[str]:
    return list(formats())


def render(report: Report, fmt: str, width: int) -> str:
    """The text of ``report`` in format ``fmt``."""
    return formats()[fmt].render(report, width)


def for_people(fmt: str) -> bool:
    return formats()[fmt].PEOPLE
