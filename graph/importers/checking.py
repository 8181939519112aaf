"""Validation at import time: a row that would make the dataset invalid is a problem of that row.

An import's records carry the file and line of the row they come from (their ``origin``). Before
anything is written, the validator (`graph.dataset.checks.check_dataset`: the same rules as
``proxygraph validate``) runs on the dataset as it would be; every error it finds on an imported
record becomes a problem of that row, and the records of that row are taken out. So a link from
a group to itself, an endpoint of the wrong kind or a duplicate is refused (or skipped with
``--on-error skip``) at import, never written to block every later command.
"""

from __future__ import annotations

from graph.dataset.checks import check_dataset
from graph.errors import Problem
from graph.importers.common import ImportResult
from graph.model import Dataset, Origin

_ROUNDS = 3  # taking out a row's actor may leave relations that named it: check again, a few times at most


def refuse_invalid_rows(result: ImportResult, existing: Dataset, files: set[str]) -> list[Problem]:
    """Take out of ``result`` the records of every row (of ``files``) the validator finds an error
    in, and return those errors. Records without an origin, and the existing data, are left alone.

    Cost: one validation of existing + imported records per round (at most `_ROUNDS`).
    """
    found: list[Problem] = []
    for _ in range(_ROUNDS):
        problems: list[Problem] = []
        check_dataset(_as_it_would_be(result, existing), problems)
        errors = [p for p in problems if p.severity == "error" and p.file in files]
        if not errors:
            break
        found += errors
        bad = {(p.file, p.line) for p in errors}
        result.actors = [a for a in result.actors if _kept(a.origin, bad)]
        result.places = [p for p in result.places if _kept(p.origin, bad)]
        result.relations = [r for r in result.relations if _kept(r.origin, bad)]
    return found


def _kept(origin: Origin | None, bad: set[tuple[str, int]]) -> bool:
    return origin is None or (origin.file, origin.line) not in bad


def _as_it_would_be(result: ImportResult, existing: Dataset) -> Dataset:
    return Dataset(
        existing.name,
        existing.root,
        actors={**existing.actors, **{a.id: a for a in result.actors}},
        places={**existing.places, **{p.id: p for p in result.places}},
        sources={**existing.sources, **{s.id: s for s in result.sources}},
        relations=[*existing.relations, *result.relations],
    )
