"""Places within places (show PLACE, places, a place where an actor is expected) and --source.

The small dataset, by hand: land > north > valley > camp (three places deep under land), and
elsewhere, apart. a keeps a base in camp, b is present in north, c controls elsewhere. Backing:
a -backs-> b and b -backs-> c cited by the report, a -backs-> c by the dataset only.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from graph.cli import cli


def cite(*sources: str) -> list[dict[str, str]]:
    return [{"source": s, "record": "1"} if s == "data" else {"source": s, "quote": f"{s} says so"} for s in sources]


@pytest.fixture
def data(tmp_path: Path) -> str:
    doc = {
        "sources": [
            {"id": "report", "title": "A report", "published": "2024-12-02"},
            {"id": "data", "title": "A dataset"},
        ],
        "actors": [
            {"id": k, "name": k.upper(), "kind": kind} for k, kind in [("a", "state"), ("b", "militia"), ("c", "state")]
        ],
        "places": [
            {"id": "land", "name": "Land", "kind": "country"},
            {"id": "north", "name": "the North", "kind": "region", "in": "land"},
            {"id": "valley", "name": "the Valley", "kind": "region", "in": "north"},
            {"id": "camp", "name": "the Camp", "kind": "base", "in": "valley"},
            {"id": "elsewhere", "name": "Elsewhere", "kind": "region"},
        ],
        "relations": [
            {"from": "a", "type": "hosts-bases-in", "to": "camp", "evidence": cite("report")},
            {"from": "b", "type": "present-in", "to": "north", "evidence": cite("report")},
            {"from": "c", "type": "controls", "to": "elsewhere", "evidence": cite("report")},
            {"from": "a", "type": "backs", "to": "b", "evidence": cite("report")},
            {"from": "b", "type": "backs", "to": "c", "evidence": cite("report", "data")},
            {"from": "a", "type": "backs", "to": "c", "evidence": cite("data")},
        ],
    }
    (tmp_path / "data.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return str(tmp_path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def answer(*args: str) -> object:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def pairs(shown: object) -> list[tuple[str, str, str]]:
    assert isinstance(shown, dict)
    return [(r["from"], r["type"], r["to"]) for r in shown["relations"]]


def test_show_a_place_lists_the_relations_to_the_places_within_it_three_deep(data: str) -> None:
    shown = answer("show", "land", "--data", data)
    assert isinstance(shown, dict)
    assert shown["places_within"] == ["north", "valley", "camp"]
    assert pairs(shown) == [("b", "present-in", "north"), ("a", "hosts-bases-in", "camp")]
    assert pairs(answer("show", "the valley", "--data", data)) == [("a", "hosts-bases-in", "camp")]
    assert answer("show", "camp", "--data", data)["places_within"] == []  # type: ignore[index]


def test_show_a_place_names_the_place_of_each_line_in_the_table_and_the_csv(data: str) -> None:
    code, out, _ = run("show", "land", "--data", data)
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[:2] for line in lines if "<-" in line] == [["north", "<-present-in-"],
                                                                     ["camp", "<-hosts-bases-in-"]]  # fmt: skip
    assert any("the North" in line for line in lines if "<-present-in-" in line)
    assert any("the Camp" in line for line in lines if "<-hosts-bases-in-" in line)
    code, out, _ = run("show", "land", "--data", data, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["place"], r["from"], r["to"]) for r in rows] == [("north", "b", "north"), ("camp", "a", "camp")]


def test_places_lists_places_as_actors_lists_actors(data: str) -> None:
    listed = answer("places", "--data", data)
    assert listed == [
        {"id": p, "name": n, "kind": k, "in": parent, "country": None, "aliases": [], "relations": count}
        for p, n, k, parent, count in [
            ("camp", "the Camp", "base", "valley", 1), ("elsewhere", "Elsewhere", "region", None, 1),
            ("land", "Land", "country", None, 0), ("north", "the North", "region", "land", 1),
            ("valley", "the Valley", "region", "north", 0),
        ]
    ]  # fmt: skip
    assert [p["id"] for p in answer("places", "--kind", "base", "--data", data)] == ["camp"]  # type: ignore[index]
    code, out, _ = run("places", "--data", data)
    assert code == 0 and out.splitlines()[0].split() == ["ID", "NAME", "KIND", "IN", "COUNTRY", "RELATIONS"]


@pytest.mark.parametrize("command", ["supporters", "clients"])
def test_a_place_where_an_actor_is_expected_says_it_is_a_place(data: str, command: str) -> None:
    code, out, err = run(command, "The North", "--data", data)
    assert (code, out) == (2, "")
    assert err == "Error: 'The North' is a place, not an actor - try 'proxygraph show north'\n"


def test_bundled_show_syria_has_russias_air_base_and_turkeys_strip_and_supporters_syria_exits_2() -> None:
    shown = pairs(answer("show", "syria"))
    assert ("russia", "hosts-bases-in", "russian-air-base-northern-syria") in shown
    assert ("turkey", "present-in", "turkish-border-strip") in shown
    code, _, err = run("supporters", "Syria")
    assert code == 2
    assert err == "Error: 'Syria' is a place, not an actor - try 'proxygraph show syria'\n"


def backers(*args: str) -> list[list[str]]:
    found = answer("supporters", "c", *args)
    assert isinstance(found, dict)
    return sorted(chain["nodes"] for s in found["supporters"] for chain in s["chains"])


def test_source_keeps_only_the_relations_its_sources_cite(data: str) -> None:
    every = [["a", "b", "c"], ["a", "c"], ["b", "c"]]
    assert backers("--data", data) == every
    assert backers("--data", data, "--source", "report") == [["a", "b", "c"], ["b", "c"]]  # a -> c: dataset only
    assert backers("--data", data, "--source", "data") == [["a", "c"], ["b", "c"]]  # a -> b: the report only
    assert backers("--data", data, "--source", "report,data") == every
    assert backers("--data", data, "--source", "report", "--source", "data") == every
    assert pairs(answer("show", "land", "--data", data, "--source", "data")) == []


def test_an_unknown_source_is_a_usage_error_with_did_you_mean(data: str) -> None:
    code, out, err = run("supporters", "c", "--data", data, "--source", "reprt")
    assert (code, out) == (2, "")
    assert err == "Error: --source: unknown source 'reprt' - did you mean 'report'?\n"
    code, _, err = run("supporters", "Assad government", "--source", "report-2024-12-01")
    assert code == 2 and "did you mean 'report-2024-12-02'?" in err


def test_bundled_report_alone_tells_the_report_story() -> None:
    found = answer("supporters", "Assad government", "--source", "report-2024-12-02")
    assert isinstance(found, dict)
    relations = [r for s in found["supporters"] for c in s["chains"] for st in c["steps"] for r in st["relations"]]
    assert relations and all(any(e["source"] == "report-2024-12-02" for e in r["evidence"]) for r in relations)
    assert {s["id"] for s in found["supporters"]} == {"iran", "russia", "iran-allied-militias", "iraqi-militias"}


COMMANDS = [["actors"], ["places"], ["show", "c"], ["supporters", "c"], ["clients", "a"], ["path", "a", "c"],
            ["proxy-chains"], ["proxy-wars"], ["blocs"], ["balance"], ["co-sponsored"], ["rank"],
            ["timeline", "c"], ["diff", "--from", "2010", "--to", "2024"]]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_query_command_takes_source(data: str, command: list[str]) -> None:
    code, _, err = run(*command, "--data", data, "--source", "report", "--format", "json")
    assert code == 0, err
    code, _, err = run(*command, "--data", data, "--source", "nope", "--format", "json")
    assert code == 2 and err == "Error: --source: unknown source 'nope'\n"


def test_export_and_render_take_source(data: str, tmp_path: Path) -> None:
    code, out, err = run("export", "--format", "json", "--data", data, "--source", "data")
    assert code == 0, err
    assert sorted((e["source"], e["target"]) for e in json.loads(out)["edges"]) == [("a", "c"), ("b", "c")]
    page = tmp_path / "page.html"
    code, _, err = run("render", "--data", data, "--source", "data", "--out", str(page))
    assert code == 0, err
    text = page.read_text(encoding="utf-8")
    assert "b/backs/c" in text and "a/backs/c" in text and "a/backs/b" not in text
    code, _, err = run("render", "--data", data, "--source", "nope", "--out", str(page))
    assert code == 2 and err == "Error: --source: unknown source 'nope'\n"


def test_source_with_the_neo4j_backend_is_refused() -> None:
    code, _, err = run("supporters", "iran", "--source", "report-2024-12-02", "--backend", "neo4j")
    assert code == 2 and err == "Error: --source is answered from the YAML: leave out --backend neo4j\n"
