"""Golden answers: every CLI command that answers in JSON, on the bundled data, against tests/golden/NAME.json.

They pin today's behaviour before the renovation (modules moved into subpackages, behaviour
identical). A difference is a regression unless it is a documented, intended change; then
regenerate with `.venv/bin/python scripts/golden [NAME ...]` and commit the new answers with it.
"""

from __future__ import annotations

import json

import pytest

from tests.golden import runner
from tests.golden.cases import CASES

REGENERATE = (
    "If this is a documented, intended change of behaviour, regenerate with "
    "`.venv/bin/python scripts/golden {name}` and commit the new answer with the change; otherwise it is a regression."
)


def _first_difference(want: object, got: object, where: str = "stdout") -> str:
    """Where the two JSON values first part, as a readable path (stdout[3].chain[1].to)."""
    if isinstance(want, dict) and isinstance(got, dict):
        for key in [*want, *(k for k in got if k not in want)]:
            if key not in got or key not in want:
                return f"{where}.{key}: {'missing' if key not in got else 'new'}"
            if want[key] != got[key]:
                return _first_difference(want[key], got[key], f"{where}.{key}")
    elif isinstance(want, list) and isinstance(got, list):
        for i, (w, g) in enumerate(zip(want, got, strict=False)):
            if w != g:
                return _first_difference(w, g, f"{where}[{i}]")
        if len(want) != len(got):
            return f"{where}: {len(want)} items stored, {len(got)} now"
    text = json.dumps
    return f"{where}: stored {text(want, ensure_ascii=False)[:300]}, now {text(got, ensure_ascii=False)[:300]}"


def test_every_case_has_an_answer_and_every_answer_a_case() -> None:
    names = [name for name, _ in CASES]
    assert len(names) == len(set(names)), "a case name is listed twice in tests/golden/cases.py"
    stored = {path.stem for path in runner.GOLDEN.glob("*.json")}
    assert stored == set(names), (
        f"missing answers: {sorted(set(names) - stored)}, answers of no case: {sorted(stored - set(names))}; "
        "run `.venv/bin/python scripts/golden`"
    )


@pytest.mark.parametrize(("name", "argv"), CASES, ids=[name for name, _ in CASES])
def test_golden(name: str, argv: tuple[str, ...]) -> None:
    stored = runner.read(name)
    assert stored["argv"] == list(argv), f"{name}.json was written for other arguments. " + REGENERATE.format(name=name)
    answer = runner.run(argv)
    command = "proxygraph " + " ".join(argv)
    assert answer.exit_code == stored["exit_code"], (
        f"{command}: exit code {answer.exit_code}, stored {stored['exit_code']}. " + REGENERATE.format(name=name)
    )
    if answer.stdout != stored["stdout"]:
        where = _first_difference(stored["stdout"], answer.stdout)
        pytest.fail(
            f"{command}: the JSON answer differs from tests/golden/{name}.json, first at {where}. "
            + REGENERATE.format(name=name),
            pytrace=False,
        )
