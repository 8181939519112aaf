"""The `flags` and `support_scope` fields of relations: read, checked against the vocabulary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.dataset import read_dataset
from tests.data_support import actor, relation, write_dataset

ACTORS = [actor("a", "A"), actor("b", "B", "government")]


def _read(tmp_path: Path, **extra: Any) -> tuple[Any, list[str]]:
    rtype = extra.pop("rtype", "backs")
    ds, problems = read_dataset(write_dataset(tmp_path, ACTORS, [relation("a", rtype, "b", **extra)]))
    return ds, [f"{p.code}: {p.message} ({p.hint})" for p in problems if p.severity == "error"]


def test_flags_and_scope_are_read(tmp_path: Path) -> None:
    ds, errors = _read(tmp_path, support=["weapons"], flags=["coalition", "both-sides"], support_scope="recipient-year")
    assert errors == []
    rel = ds.relations[0]
    assert (rel.flags, rel.support_scope) == (["coalition", "both-sides"], "recipient-year")


def test_defaults_when_absent(tmp_path: Path) -> None:
    ds, errors = _read(tmp_path)
    assert errors == []
    assert (ds.relations[0].flags, ds.relations[0].support_scope) == ([], "supporter")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"flags": ["coalitoin"]}, "unknown-value: unknown flags value 'coalitoin' (did you mean 'coalition'?)"),
        (
            {"support_scope": "recipient"},
            "unknown-value: unknown support_scope value 'recipient' (did you mean 'recipient-year'?)",
        ),
        (
            {"rtype": "fights", "flags": ["coalition"]},
            "support-not-allowed: flags does not apply to fights (only backs relations carry support types and flags)",
        ),
        (
            {"flags": "coalition"},
            "wrong-type: flags must be a list of text, not str 'coalition' (write a YAML list: [a, b])",
        ),
    ],
)
def test_bad_values_are_reported(tmp_path: Path, extra: dict[str, Any], expected: str) -> None:
    _, errors = _read(tmp_path, **extra)
    assert errors == [expected]
