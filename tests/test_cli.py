"""The core commands as a user runs them: exit codes, exact messages, and the report's answers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graph.cli import cli

BROKEN = Path(__file__).parent / "data" / "broken"


def run(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    """``proxygraph ARGS`` with stdout piped (not a terminal): tables 100 columns wide, or ``columns``."""
    env = {"COLUMNS": None if columns is None else str(columns)}
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_supporters_of_the_assad_government_name_iran_russia_and_the_iraqi_militias() -> None:
    code, out, _ = run("supporters", "Assad government", columns=200)
    assert code == 0
    rows = {line.split()[0] for line in out.splitlines()[1:] if not line.startswith(" ")}
    # The report's supporters, and Iraq's government from the UCDP rows (2014-2017)
    assert rows == {"iran", "russia", "iraqi-militias", "iran-allied-militias", "government-of-iraq"}
    assert "iran -backs[unknown]-> iraqi-militias -backs[troops]-> assad-government" in out
    assert '"Tehran pledged to aid the Damascus government." [report-2024-12-02]' in out
    assert "\"Russia's support turned the military balance decisively in Assad's favour\"" in out


def test_supporters_json_carries_chains_and_quotes() -> None:
    code, out, _ = run("supporters", "assad-government", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["actor"] == {"id": "assad-government", "name": "Assad government", "kind": "government"}
    iran = next(s for s in data["supporters"] if s["id"] == "iran")
    assert iran["depth"] == 1
    assert ["iran", "iraqi-militias", "assad-government"] in [c["nodes"] for c in iran["chains"]]
    evidence = [e for c in iran["chains"] for s in c["steps"] for r in s["relations"] for e in r["evidence"]]
    assert {
        "source": "report-2024-12-02",
        "quote": "Iranian-backed Iraqi militias crossed into Syria overnight",
    } in evidence
    assert {"source": "ucdp-esd-18-1", "record": "4379"} in evidence


def test_supporters_csv_has_one_row_per_relation_of_each_chain_with_dates_status_and_quotes() -> None:
    code, out, _ = run("supporters", "Assad government", "--depth", "2", "--format", "csv")  # depth 3: membership
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [(r["supporter"], r["depth"], r["step"], r["key"]) for r in rows if r["supporter"] == "iran"] == [
        ("iran", "1", "1", "iran/backs/assad-government"),  # the pledge of the report
        ("iran", "1", "1", "iran/backs/assad-government@2011"),  # the UCDP rows, 2011-2017
        ("iran", "2", "1", "iran/backs/iran-allied-militias"),
        ("iran", "2", "2", "iran-allied-militias/backs/assad-government"),
        ("iran", "2", "1", "iran/backs/iraqi-militias"),
        ("iran", "2", "2", "iraqi-militias/backs/assad-government@2024-12-01"),
    ]
    crossing = rows[[r["key"] for r in rows].index("iraqi-militias/backs/assad-government@2024-12-01")]
    assert (crossing["since"], crossing["until"], crossing["status"], crossing["support"]) == (
        "2024-12-01", "", "ongoing", "troops"
    )  # fmt: skip
    pledge = rows[[r["key"] for r in rows].index("iran/backs/assad-government")]
    assert pledge["evidence"] == (
        'report-2024-12-02: "Tehran pledged to aid the Damascus government." | '
        'report-2024-12-02: "Iran will provide any support needed"'
    )
    ucdp = rows[[r["key"] for r in rows].index("iran/backs/assad-government@2011")]
    # UCDP's run reaches the file's last year: ongoing when observation stopped (observed_until 2017)
    assert (ucdp["since"], ucdp["until"], ucdp["status"], ucdp["confidence"]) == ("2011", "", "ongoing", "high")
    assert ucdp["evidence"].startswith("ucdp-esd-18-1: record 4374 | ucdp-esd-18-1: record 4375 | ")
    assert {r["supporter"] for r in rows} == {
        "government-of-iraq", "iran", "iran-allied-militias", "iraqi-militias", "russia"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        # before the crossing: the report's 2016 (Aleppo, quoted) before UCDP's rows, each by id
        ("2016", ["iran-allied-militias", "russia", "government-of-iraq", "iran"]),
        ("2024-12", ["iran", "iran-allied-militias", "iraqi-militias", "russia"]),  # UCDP rows end in 2017
    ],
)
def test_supporters_as_of_a_date(date: str, expected: list[str]) -> None:
    code, out, _ = run("supporters", "assad-government", "--as-of", date, "--format", "json")
    assert code == 0
    assert [s["id"] for s in json.loads(out)["supporters"]] == expected


def test_supporters_of_iraq_do_not_pass_through_a_backed_government_unless_asked() -> None:
    # The US-led coalition backs Iraq against IS, and Iraq backs Syria: that does not make them Syria's supporters.
    code, out, _ = run("supporters", "assad-government", "--format", "json")
    assert code == 0 and "government-of-united-states-of-america" not in {
        s["id"] for s in json.loads(out)["supporters"]
    }
    code, out, _ = run("supporters", "assad-government", "--via-states", "--format", "json")
    through_iraq = {s["id"]: s["chains"][0]["nodes"] for s in json.loads(out)["supporters"] if s["depth"] == 2}
    assert through_iraq["government-of-united-states-of-america"] == [
        "government-of-united-states-of-america", "government-of-iraq", "assad-government"
    ]  # fmt: skip


def test_clients_of_iran() -> None:
    code, out, _ = run("clients", "Tehran", "--format", "json")
    assert code == 0
    assert [c["id"] for c in json.loads(out)["clients"]] == [
        # direct clients, those the report quotes before UCDP's rows (the Government of Iraq)
        "assad-government", "iran-allied-militias", "iraqi-militias", "government-of-iraq",
        "badr", "nujaba",  # through the Iraqi militias, whose members Iran backs (reaches_members)
    ]  # fmt: skip


def test_show_hts_marks_the_al_qaeda_affiliation_as_ended() -> None:
    code, out, _ = run("show", "hts")
    assert code == 0
    assert out.startswith("Hayat Tahrir al-Sham (hts): jihadist-group; aliases: HTS, Tahrir al-Sham")
    assert "hts -affiliated-with-> al-qaeda  ? .. ended before 2024-12-02 (date not given)  high" in out
    assert '"Hayat Tahrir al-Sham which was formerly affiliated with al-Qaeda" [report-2024-12-02]' in out
    data = json.loads(run("show", "hts", "--format", "json")[1])
    assert [(r["type"], r["status"]) for r in data["relations"]] == [
        ("affiliated-with", "ended"),
        ("member-of", "ongoing"),
    ]


@pytest.mark.parametrize(("year", "holder"), [("2014", "syrian-rebels"), ("2018", "assad-government")])
def test_aleppo_as_of_a_year_shows_who_held_it(year: str, holder: str) -> None:
    code, out, _ = run("show", "aleppo", "--as-of", year, "--format", "json")
    assert code == 0
    assert [r["from"] for r in json.loads(out)["relations"] if r["type"] == "controls"] == [holder]


def test_path_from_iran_to_hts_goes_through_the_militias() -> None:
    code, out, _ = run("path", "iran", "hts")
    assert code == 0
    assert "iran -backs[unknown]-> iraqi-militias -fights- syrian-rebels <-member-of- hts" in out
    assert "iran -backs[unknown]-> iran-allied-militias -fights- syrian-rebels <-member-of- hts" in out


def test_path_via_types_and_all() -> None:
    code, out, _ = run("path", "turkey", "assad-government", "--via", "member-of,fights", "--format", "json")
    assert (code, json.loads(out)["paths"]) == (0, [])
    code, out, _ = run("path", "turkey", "assad-government", "--via", "backs,fights", "--format", "json")
    assert code == 0
    assert [p["nodes"] for p in json.loads(out)["paths"]] == [
        ["turkey", "government-of-iraq", "assad-government"],
        ["turkey", "syrian-rebels", "assad-government"],
    ]
    code, out, _ = run("path", "iran", "hts", "--all", "--max-hops", "4", "--format", "json")
    assert code == 0 and len(json.loads(out)["paths"]) > 3


def test_no_path_says_so() -> None:
    code, out, err = run("path", "ukraine", "hts", "--via", "backs")
    assert (code, out.strip(), err.strip()) == (0, "HOPS  PATH", "(no path between ukraine and hts)")


def test_actors_filter_by_kind() -> None:
    code, out, _ = run("actors", "--kind", "militia", "--format", "csv")
    assert code == 0
    assert out.splitlines() == [
        "id,name,kind,country,relations,aliases",
        "badr,Badr Organization,militia,IQ,2,Badr; Badr group; Badr Brigades",
        "hezbollah,Hezbollah,militia,LB,1,Hizbullah; Hizballah; Lebanese Hezbollah",
        "nujaba,Harakat al-Nujaba,militia,IQ,2,Nujaba; Nujabaa; al-Nujaba; Nujabaa group",
    ]


def test_unknown_actor_is_a_usage_error_with_suggestions() -> None:
    code, out, err = run("supporters", "Asad governmnt")
    assert (code, out) == (2, "")
    assert err == "Error: unknown actor 'Asad governmnt' - did you mean 'assad-government'?\n"


def test_bad_date_is_a_usage_error() -> None:
    code, _, err = run("supporters", "iran", "--as-of", "2016-13")
    assert (code, err) == (2, "Error: bad date: '2016-13' has no month 13\n")


def test_validate_bundled_dataset_exits_0() -> None:
    code, out, _ = run("validate")
    assert code == 0
    assert out.endswith("relations: 0 errors, 0 warnings\n")


def test_validate_broken_folder_exits_1_with_every_problem() -> None:
    code, out, err = run("validate", str(BROKEN))
    assert code == 1
    assert len(out.splitlines()) == 32  # 30 errors and 2 warnings, one line each
    assert (
        f"{BROKEN}/relations.yaml:11: unknown-reference: from: unknown actor or place 'irn' (did you mean 'iran'?)"
        in out
    )
    assert "30 errors, 2 warnings" in err


def test_validate_json_lists_problems() -> None:
    code, out, _ = run("validate", str(BROKEN), "--format", "json")
    problems = json.loads(out)
    assert code == 1
    assert problems[0] == {
        "file": f"{BROKEN}/actors.yaml", "line": 9, "severity": "error", "code": "duplicate-key",
        "message": "key 'name' appears twice in this record", "hint": "first at line 7; keep one",
    }  # fmt: skip


def test_query_on_invalid_data_exits_1_without_traceback() -> None:
    code, out, err = run("supporters", "iran", "--data", str(BROKEN))
    assert (code, out) == (1, "")
    assert err.endswith("Error: 30 error(s) in the dataset - run 'proxygraph validate' on it for details\n")
    assert "Traceback" not in err


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("command", _commands(cli), ids=" ".join)
def test_every_command_has_help_with_an_example(command: tuple[str, ...]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert "Example" in out, f"proxygraph {' '.join(command)} --help shows no example"


def duplicates_folder(tmp_path: Path, copies: int) -> Path:
    """A dataset of ``copies`` copies of one relation (and one unknown reference)."""
    rel = "  - {from: iran, type: fights, to: iraq, since: 2012, evidence: [{source: db, record: 7}]}\n"
    (tmp_path / "a.yaml").write_text(
        "actors:\n  - {id: iran, name: Iran, kind: state}\n  - {id: iraq, name: Iraq, kind: state}\n"
        "sources:\n  - {id: db, title: T, published: 2024-12-02}\n"
        "relations:\n"
        + rel * copies
        + "  - {from: irn, type: fights, to: iraq, evidence: [{source: db, record: 8}]}\n",
        encoding="utf-8",
    )
    return tmp_path


def test_validate_text_lists_20_problems_of_each_code_then_how_many_more(tmp_path: Path) -> None:
    folder = duplicates_folder(tmp_path, 500)
    code, out, err = run("validate", str(folder))
    lines = out.splitlines()
    assert code == 1
    assert sum(": duplicate-relation: " in line for line in lines) == 20
    assert sum(": unknown-reference: " in line for line in lines) == 1
    assert lines[-1] == "... and 479 more duplicate-relation: run with --all to list them"
    assert len(lines) == 22
    assert "500 errors, 0 warnings" in err  # 499 copies of the first, one unknown reference
    code, out, _ = run("validate", str(folder), "--all")
    assert (code, len(out.splitlines())) == (1, 500)
    code, out, _ = run("validate", str(folder), "--format", "json")
    assert (code, len(json.loads(out))) == (1, 500)
