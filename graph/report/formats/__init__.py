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
def _names() -> tuple[str, ...]:
    found = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    found.sort(key=lambda name: name != DEFAULT)
    return tuple(found)


@cache
def formats() -> dict[str, Format]:
    """Every format module of this package, by name: the default first, then in name order."""
    return {name: get(name) for name in _names()}


def names() -> list[str]:
    """The formats' names (the default first), without importing them: ``--help`` lists them."""
    return list(_names())


@cache
def get(fmt: str) -> Format:
    """The format module named ``fmt`` (only that one is imported)."""
    if fmt not in _names():
        raise KeyError(fmt)
    return cast(Format, importlib.import_module(f"{__name__}.{fmt}"))


def render(report: Report, fmt: str, width: int) -> str:
    """The text of ``report`` in format ``fmt``."""
    return get(fmt).render(report, width)


def for_people(fmt: str) -> bool:
    return get(fmt).PEOPLE
