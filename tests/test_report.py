"""The one report system: every command's table fits the terminal, CSV carries what the JSON
carries, the formats are the modules of graph/report/formats, empty answers say so to people."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.report import formats
from graph.report.document import Block, Column, Report, Table
from graph.report.formats import table as table_format
from tests.golden.cases import CASES


def run(*args: str, columns: str | None = None) -> tuple[int, str, str]:
    """``proxygraph ARGS`` with stdout piped (CliRunner: not a terminal), COLUMNS unset or ``columns``."""
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": columns, "PROXYGRAPH_DATA": None})
    return result.exit_code, result.stdout, result.stderr


def as_table(argv: tuple[str, ...]) -> list[str]:
    args = list(argv)
    args[args.index("--format") + 1] = "table"
    return args


# Every command of the golden cases but export (whose --format is a file format, not a report's).
TABLE_CASES = [(name, as_table(argv)) for name, argv in CASES if argv[0] != "export"]


@pytest.mark.parametrize(("name", "argv"), TABLE_CASES, ids=[name for name, _ in TABLE_CASES])
def test_every_table_fits_100_columns_when_piped(name: str, argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert code == 0, err
    too_long = [line for line in out.splitlines() if len(line) > 100]
    assert too_long == [], f"proxygraph {' '.join(argv)}: {len(too_long)} line(s) over 100, first {too_long[0]!r}"


NARROW = [["show", "hts"], ["supporters", "Assad government"], ["proxy-chains", "--sponsor", "turkey"], ["blocs"],
          ["balance"], ["rank", "--top", "3"], ["actors"], ["timeline", "iran"], ["path", "iran", "hts"]]  # fmt: skip


def quotes(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        if "quote" in data:
            yield data["quote"]
        for value in data.values():
            yield from quotes(value)
    elif isinstance(data, list):
        for value in data:
            yield from quotes(value)


@pytest.mark.parametrize("argv", NARROW, ids=" ".join)
def test_a_narrow_terminal_wraps_without_losing_a_word(argv: list[str]) -> None:
    code, out, _ = run(*argv, columns="60")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 60
    flowing = " ".join(out.split())
    data = json.loads(run(*argv, "--format", "json")[1])
    for quote in quotes(data):
        assert " ".join(quote.split()) in flowing


def test_columns_set_wide_keeps_rows_whole_and_a_bad_value_is_ignored() -> None:
    _, wide, _ = run("actors", columns="200")
    row = next(line for line in wide.splitlines() if line.startswith("government-of-united-states-of-america"))
    assert "Government of United States of America" in row and len(row) > 100
    assert run("actors", columns="wide") == run("actors")


def json_relations(data: Any) -> Iterator[dict[str, Any]]:
    """Every relation of a JSON answer (a dict with key, type and evidence), at any depth."""
    if isinstance(data, dict):
        if {"key", "type", "evidence"} <= set(data):
            yield data
            return
        for value in data.values():
            yield from json_relations(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_relations(value)


RELATION_CSV = [["show", "hts"], ["show", "aleppo"], ["supporters", "assad-government"], ["clients", "iran"],
                ["path", "iran", "hts", "--all"], ["proxy-chains", "--sponsor", "turkey"], ["proxy-wars"],
                ["co-sponsored"], ["rank", "--top", "0"], ["timeline", "syrian-rebels"],
                ["diff", "--from", "2016", "--to", "2024-12"]]  # fmt: skip


@pytest.mark.parametrize("argv", RELATION_CSV, ids=" ".join)
def test_csv_carries_every_relation_of_the_json_with_its_dates_status_and_evidence(argv: list[str]) -> None:
    _, out, _ = run(*argv, "--format", "json")
    by_key = {r["key"]: r for r in json_relations(json.loads(out))}
    code, out, _ = run(*argv, "--format", "csv")
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["key"]]  # a row with no relation has none
    assert code == 0 and by_key and {r["key"] for r in rows} == set(by_key)
    confidence = "relation_confidence" if "relation_confidence" in rows[0] else "confidence"
    for row in rows:
        rel = by_key[row["key"]]
        assert (row["from"], row["type"], row["to"], row["status"], row[confidence]) == (
            rel["from"], rel["type"], rel["to"], rel["status"], rel["confidence"]
        )  # fmt: skip
        assert (row["since"], row["until"], row["support"]) == (
            rel["since"] or "", rel["until"] or "", "; ".join(rel["support"])
        )  # fmt: skip
        cited = [f'{c["source"]}: "{c["quote"]}"' if "quote" in c else f"{c['source']}: record {c['record']}"
                 for c in rel["evidence"]]  # fmt: skip
        assert row["evidence"] == " | ".join(cited)


def test_balance_csv_lists_the_unbalanced_triangles_side_by_side() -> None:
    data = json.loads(run("balance", "--format", "json")[1])
    rows = list(csv.DictReader(io.StringIO(run("balance", "--format", "csv")[1])))
    want = {(", ".join(t["actors"]), f"{s['a']} - {s['b']}", r["key"]) for t in data["unbalanced"]
            for s in t["sides"] for r in s["relations"]}  # fmt: skip
    assert {(r["actors"], r["side"], r["key"]) for r in rows} == want


def test_the_formats_are_the_modules_of_the_formats_folder() -> None:
    folder = Path(formats.__file__).parent
    modules = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    assert formats.names() == ["table", *(m for m in modules if m != "table")]
    _, out, _ = run("supporters", "--help")
    assert f"[{'|'.join(formats.names())}]" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["path", "ukraine", "hts", "--via", "backs"], "(no path between ukraine and hts)\n"),
        (["supporters", "jrtn"], "(no supporters of jrtn found within 3 hops)\n"),
        (["co-sponsored", "--min-shared", "9"], "(no groups share a sponsor)\n"),
        (
            ["diff", "--from", "2024-12-02", "--to", "2024-12-03"],
            "(nothing changed between 2024-12-02 and 2024-12-03)\n",
        ),
    ],
)
def test_an_empty_answer_says_so_on_stderr_in_the_table_only(argv: list[str], message: str) -> None:
    assert run(*argv)[2] == message
    for fmt in ("json", "csv"):
        code, out, err = run(*argv, "--format", fmt)
        assert (code, err) == (0, "") and out.strip()


def test_show_heads_its_table_with_the_actor_and_csv_leaves_the_head_out() -> None:
    _, out, _ = run("show", "hts")
    head, table = out.split("\n\n", 1)
    assert head.splitlines() == [
        "Hayat Tahrir al-Sham (hts): jihadist-group; aliases: HTS, Tahrir al-Sham, Hay'at Tahrir al-Sham",
        "  Islamist armed group that led rebel-held Idlib; formerly affiliated with al-Qaeda.",
    ]
    assert table.startswith("RELATION  ")
    assert run("show", "hts", "--format", "csv")[1].startswith("key,from,type,to,")


def test_blocs_tables_show_the_camps_then_the_relations_against_the_split() -> None:
    _, out, _ = run("blocs")
    camps, against = out.split("\n\n")
    assert camps.startswith("CAMP  LEADER")
    assert against.startswith("Relations against the split: ") and "\nA  " in against


# The table rendering itself, on hand-made tables.


def test_wrapping_columns_give_way_first_then_the_others() -> None:
    assert table_format.fit([10, 30, 30], ["a", "b", "c"], [False, True, True], 50) == [10, 18, 18]
    assert table_format.fit([20, 30], ["id", "chain"], [False, True], 30) == [20, 8]  # not below NARROWEST
    assert table_format.fit([40, 30], ["identifier", "chain"], [False, True], 30) == [20, 8]  # then the others


def render(table: Table, width: int, **block: Any) -> list[str]:
    return table_format.render(Report({}, [Block(table=table, **block)]), width).splitlines()


def test_a_wrapping_column_too_narrow_to_read_goes_under_the_row() -> None:
    table = Table(["sponsor", "target", Column("chain", wrap=True)])
    table.add(["turkey", "assad-government", "turkey -backs-> syrian-rebels -fights- assad-government"], ["a quote"])
    assert render(table, 40) == [
        "SPONSOR  TARGET",
        "turkey   assad-government",
        "    chain: turkey -backs-> syrian-rebels",
        "      -fights- assad-government",
        "    a quote",
    ]


def test_long_words_break_after_commas_then_anywhere_and_lines_under_rows_keep_their_indent() -> None:
    table = Table(["hops", Column("path", wrap=True)])
    table.add([1, "a -backs[troops,weapons,funding]-> b"], ["  " + "x" * 50])
    assert render(table, 30) == [
        "HOPS  PATH",
        "1     a -backs[troops,weapons,",
        "      funding]-> b",
        "      " + "x" * 24,
        "        " + "x" * 22,
        "        " + "x" * 4,
    ]


def test_lines_kept_whole_are_not_wrapped() -> None:
    report = Report({}, [Block(lines=["file.yaml:3: code: " + "m" * 80], wrap=False)])
    assert table_format.render(report, 40) == "file.yaml:3: code: " + "m" * 80
