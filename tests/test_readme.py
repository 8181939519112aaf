"""The README stays in step with the code: its vocabulary table is the vocabulary."""

from __future__ import annotations

from pathlib import Path

from graph.vocabulary import ACTOR, PLACE, RELATION_TYPES

README = Path(__file__).parent.parent / "README.md"


def _ends(allowed: frozenset[str]) -> str:
    order = [ACTOR, PLACE]
    return ", ".join(sorted(allowed, key=lambda k: (order.index(k) if k in order else 2, k)))


def test_vocabulary_table_matches_the_code() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| type | Neo4j | directed | sign | from | to |")
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    expected = [
        [t.name, t.neo4j_type, "yes" if t.directed else "no", f"{t.sign:+d}" if t.sign else "0",
         _ends(t.sources), _ends(t.targets)]
        for t in RELATION_TYPES.values()
    ]  # fmt: skip
    assert rows == expected


def test_quick_start_runs_the_main_job_on_the_bundled_dataset() -> None:
    text = README.read_text(encoding="utf-8")
    assert 'python3 -m pip install . && proxygraph supporters "Assad government"' in text
    assert "\nscripts/test\n" in text
