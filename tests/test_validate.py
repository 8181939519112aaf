"""Validation: every problem of a dataset, with file, line, code and hint, in one run."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.dataset import load_dataset, read_dataset
from graph.errors import DataError
from graph.model import PartialDate

BROKEN = Path(__file__).parent / "data" / "broken"


def codes(problems: list, severity: str = "error") -> list[tuple[str, int, str]]:
    return [(Path(p.file).name, p.line, p.code) for p in problems if p.severity == severity]


def test_bundled_dataset_is_clean(bundled_graph: object) -> None:
    _, problems = read_dataset()
    assert [str(p) for p in problems] == []


def test_broken_folder_reports_every_problem_with_file_and_line() -> None:
    _, problems = read_dataset(BROKEN)
    assert codes(problems) == [
        ("actors.yaml", 9, "duplicate-key"),
        ("actors.yaml", 10, "bad-country"),
        ("actors.yaml", 10, "unknown-kind"),
        ("actors.yaml", 14, "wrong-type"),
        ("actors.yaml", 15, "duplicate-id"),
        ("actors.yaml", 18, "wrong-type"),
        ("actors.yaml", 21, "bad-id"),
        ("actors.yaml", 24, "unknown-field"),
        ("actors.yaml", 25, "missing-field"),
        ("relations.yaml", 11, "unknown-reference"),
        ("relations.yaml", 17, "unknown-relation-type"),
        ("relations.yaml", 23, "unknown-support-type"),
        ("relations.yaml", 26, "bad-date"),
        ("relations.yaml", 32, "self-relation"),
        ("relations.yaml", 38, "date-order"),
        ("relations.yaml", 38, "no-evidence"),
        ("relations.yaml", 44, "wrong-endpoint"),
        ("relations.yaml", 48, "unknown-source"),
        ("relations.yaml", 50, "bad-confidence"),
        ("relations.yaml", 50, "support-not-allowed"),
        ("relations.yaml", 53, "bad-date"),  # since: 2024-02-30, unquoted
        ("relations.yaml", 59, "quote-not-found"),
        ("relations.yaml", 61, "duplicate-relation"),
        ("relations.yaml", 68, "no-evidence"),
        ("relations.yaml", 73, "missing-field"),
        ("sources.yaml", 6, "missing-file"),
        ("syntax-error.yaml", 3, "yaml-syntax"),
        ("tags-and-aliases.yaml", 2, "yaml-alias"),
        ("tags-and-aliases.yaml", 8, "yaml-tag"),
        ("tags-and-aliases.yaml", 10, "unknown-section"),
    ]
    assert codes(problems, "warning") == [("actors.yaml", 21, "unused-actor"), ("sources.yaml", 6, "unused-source")]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("unknown-reference", "from: unknown actor or place 'irn' (did you mean 'iran'?)"),
        ("unknown-relation-type", "unknown relation type 'bakcs' (did you mean 'backs'?)"),
        ("unknown-kind", "unknown kind 'sate' (did you mean 'state'?)"),
        ("unknown-field", "unknown field 'colour' (did you mean 'country'?)"),
        ("unknown-source", "citation names unknown source 'reprt' (did you mean 'report'?)"),
        ("duplicate-key", "key 'name' appears twice in this record (first at line 7; keep one)"),
        ("wrong-endpoint", "controls cannot end at state 'iran' (allowed at 'to': place)"),
    ],
)
def test_messages_say_what_to_do(code: str, expected: str) -> None:
    _, problems = read_dataset(BROKEN)
    messages = [str(p).split(f": {code}: ", 1)[1] for p in problems if p.code == code]
    assert expected in messages


def test_load_raises_one_error_carrying_all_problems() -> None:
    with pytest.raises(DataError) as info:
        load_dataset(BROKEN)
    assert len([p for p in info.value.problems if p.severity == "error"]) == 30


ACTOR = "actors:\n  - id: iran\n    name: Iran\n    kind: state\n"


def test_yaml_implicit_typing_does_not_corrupt_values(write_yaml: Callable[[str, str], Path]) -> None:
    folder = write_yaml(
        "a.yaml",
        "actors:\n  - {id: norway, name: Norway, kind: state, country: NO}\n"
        "  - {id: iran, name: Iran, kind: state, country: IR, aliases: [yes, off, 'on']}\n"
        "sources:\n  - {id: db, title: T, published: 2024-12-02}\n"
        "relations:\n  - {from: iran, type: fights, to: norway, since: 2012, until: 2016-12,"
        " evidence: [{source: db, record: 7}]}\n",
    )
    ds, problems = read_dataset(folder)
    assert ds.actors["norway"].country == "NO"
    assert ds.actors["iran"].aliases == ["yes", "off", "on"]
    assert ds.sources["db"].published == PartialDate(2024, 12, 2)
    assert (ds.relations[0].since, ds.relations[0].until) == (PartialDate(2012), PartialDate(2016, 12))
    assert ds.relations[0].evidence[0].record == "7"
    assert problems == []


def test_numeric_id_is_an_error_with_a_hint(write_yaml: Callable[[str, str], Path]) -> None:
    folder = write_yaml("a.yaml", "actors:\n  - id: 2024\n    name: X\n    kind: militia\n")
    _, problems = read_dataset(folder)
    assert [str(p) for p in problems] == [
        f"{folder}/a.yaml:2: wrong-type: id must be text, not int 2024 "
        '(write it as text; quote numbers and dates: "2024")'
    ]


def test_alias_bomb_is_rejected_quickly(write_yaml: Callable[[str, str], Path]) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    folder = write_yaml("bomb.yaml", "\n".join(lines) + "\n")
    started = time.perf_counter()
    _, problems = read_dataset(folder)
    elapsed = time.perf_counter() - started
    assert "yaml-alias" in {p.code for p in problems}
    assert elapsed < 5, "10**10 expanded nodes would never finish; rejection must not expand them"


def test_python_tags_are_rejected_not_run(write_yaml: Callable[[str, str], Path], tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    folder = write_yaml("a.yaml", f"actors:\n  - id: x\n    name: !!python/object/apply:os.system ['touch {marker}']\n")
    _, problems = read_dataset(folder)
    assert not marker.exists()
    assert ("a.yaml", 3, "yaml-tag") in codes(problems)


def test_quotes_match_after_normalising_whitespace_and_curly_quotes(write_yaml: Callable[[str, str], Path]) -> None:
    write_yaml("text.txt", "Russia\u2019s  warplanes\n  struck \u201crebel\u201d areas.")
    folder = write_yaml(
        "a.yaml",
        ACTOR + "  - {id: rebels, name: Rebels, kind: rebel-group}\n"
        "sources:\n  - {id: t, title: T, file: text.txt}\n"
        "relations:\n  - from: iran\n    type: fights\n    to: rebels\n    evidence:\n"
        "      - {source: t, quote: 'Russia''s warplanes struck \"rebel\" areas.'}\n"
        "      - {source: t, quote: 'Russia''s warplanes bombed'}\n",
    )
    _, problems = read_dataset(folder)
    assert [(p.line, p.code) for p in problems] == [(14, "quote-not-found")]


def test_missing_path_is_reported(tmp_path: Path) -> None:
    _, problems = read_dataset(tmp_path / "nope")
    assert [p.code for p in problems] == ["no-such-path"]


def test_empty_file_and_folder_are_warnings_naming_them(tmp_path: Path) -> None:
    _, problems = read_dataset(tmp_path)
    assert [(p.file, p.severity, p.code) for p in problems] == [(str(tmp_path), "warning", "empty-dataset")]
    (tmp_path / "empty.yaml").write_text("\n# nothing yet\n", encoding="utf-8")
    _, problems = read_dataset(tmp_path)
    assert [(p.file, p.line, p.severity, p.code) for p in problems] == [
        (str(tmp_path / "empty.yaml"), 1, "warning", "empty-file")
    ]


def test_latin1_file_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes("actors:\n  - id: x\n    name: Caf\xe9 Group\n".encode("latin-1"))
    _, problems = read_dataset(tmp_path)
    assert [str(p) for p in problems] == [
        f"{tmp_path}/a.yaml:3: not-utf8: column 14: byte 0xe9 is not UTF-8"
        " (save the file as UTF-8 (most editors offer it in 'Save as'))"
    ]


def test_unquoted_impossible_date_is_a_bad_date_like_the_quoted_one(write_yaml: Callable[[str, str], Path]) -> None:
    relation = (
        ACTOR + "  - {id: iraq, name: Iraq, kind: state}\nsources:\n  - {id: db, title: T}\n"
        "relations:\n  - from: iran\n    type: fights\n    to: iraq\n    since: {date}\n"
        "    evidence: [{source: db, record: 7}]\n"
    )
    for written in ("2024-02-30", "'2024-02-30'"):
        _, problems = read_dataset(write_yaml("a.yaml", relation.replace("{date}", written)))
        assert [(p.line, p.code, p.message) for p in problems] == [
            (12, "bad-date", "since: '2024-02-30' is not a day of the calendar")
        ]
