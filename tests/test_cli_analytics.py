"""The analytics commands on the bundled dataset: the report's answers, with their evidence."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import cli

COMMANDS = ["proxy-chains", "proxy-wars", "blocs", "balance", "co-sponsored", "rank", "timeline", "diff"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> Any:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def types_of(chain: dict[str, Any]) -> list[str]:
    return [step["relations"][0]["type"] for step in chain["steps"]]


def test_iran_reaches_the_rebels_through_the_iraqi_militias() -> None:
    data = run_json("proxy-chains", "--sponsor", "Iran", "--target", "Syrian rebels")
    chains = {tuple(c["chain"]["nodes"]): c for c in data["chains"]}
    found = chains[("iran", "iraqi-militias", "syrian-rebels")]
    assert types_of(found["chain"]) == ["backs", "fights"]
    assert found["held"] == [{"from": "2024-12-01", "to": None}]
    quotes = [e["quote"] for s in found["chain"]["steps"] for r in s["relations"] for e in r["evidence"]]
    assert quotes == [
        "Iranian-backed Iraqi militias crossed into Syria overnight",
        "to help the government fight these rebels",
    ]
    assert found["confidence"] == "medium" and found["direct_fights"] == []


def test_turkey_reaches_the_assad_government_through_the_rebel_groups_it_backs() -> None:
    code, out, _ = run("proxy-chains", "--sponsor", "turkey", "--target", "assad-government")
    assert code == 0
    assert ("turkey -backs[unknown]-> turkish-backed-rebels -member-of-> syrian-rebels -fights- assad-government"
            in out)  # fmt: skip
    assert '"The rebels include mainstream groups backed by Turkey" [report-2024-12-02]' in out


def test_without_membership_inheritance_turkey_reaches_no_one() -> None:
    code, _, err = run("proxy-chains", "--sponsor", "turkey", "--no-inherit-membership")
    assert (code, err) == (0, "(no proxy chains found)\n")


def test_before_the_crossing_the_iraqi_militias_do_not_fight_the_rebels() -> None:
    data = run_json("proxy-chains", "--sponsor", "iran", "--target", "syrian-rebels", "--as-of", "2020")
    assert ["iran", "iraqi-militias", "syrian-rebels"] not in [c["chain"]["nodes"] for c in data["chains"]]
    assert ["iran", "assad-government", "syrian-rebels"] in [c["chain"]["nodes"] for c in data["chains"]]


def test_proxy_wars_show_russia_and_iran_against_turkey() -> None:
    wars = run_json("proxy-wars")["wars"]
    pairs = [tuple(s["id"] for s in w["sponsors"]) for w in wars]
    assert ("iran", "turkey") in pairs and ("russia", "turkey") in pairs
    russia = wars[pairs.index(("russia", "turkey"))]
    assert russia["sides"] == [["assad-government", "turkish-backed-rebels"]]
    assert types_of(russia["fronts"][0]["fight"]) == ["fights", "member-of"]


def test_blocs_put_iran_and_russia_against_turkey() -> None:
    data = run_json("blocs")
    camps = [set(c["members"]) for c in data["camps"]]
    assert {"iran", "russia", "assad-government"} <= camps[0] and {"turkey", "syrian-rebels", "hts"} <= camps[1]
    assert data["frustration"] == {"value": 0, "lower_bound": 0, "exact": True, "method": "exact"}


def test_balance_counts_triangles() -> None:
    code, out, _ = run("balance")
    assert code == 0
    assert "+--   4          two friends with a common enemy" in out
    assert "Unbalanced triangles: 0. Frustration: 0 relation(s) (exact)" in out


def test_co_sponsored_csv() -> None:
    code, out, _ = run("co-sponsored", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 3
    assert rows[0] == {"a": "assad-government", "b": "iran-allied-militias", "shared": "1", "sponsors": "iran",
                       "degree_a": "2", "degree_b": "2"}  # fmt: skip


def test_rank_by_reach_puts_iran_first_with_its_relations() -> None:
    data = run_json("rank", "--top", "2")
    assert [a["id"] for a in data["actors"]] == ["iran", "iran-allied-militias"]
    assert data["actors"][0]["reach"] == 3
    assert {r["to"] for r in data["actors"][0]["relations"]} == {"iraqi-militias", "iran-allied-militias",
                                                                 "assad-government"}  # fmt: skip


def test_timeline_of_the_rebels_in_date_order() -> None:
    data = run_json("timeline", "Syrian rebels")
    dated = [r["since"] for r in data["relations"] if r["since"]]
    assert dated == ["2011", "2012", "2024-11", "2024-12-01"]


def test_diff_from_2016_to_december_2024() -> None:
    data = run_json("diff", "--from", "2016", "--to", "2024-12")
    assert "iraqi-militias/backs/assad-government@2024-12-01" in [r["key"] for r in data["began"]]
    assert sorted(r["key"] for r in data["ended"]) == ["assad-government/controls/aleppo@2016",
                                                      "syrian-rebels/controls/aleppo@2012"]  # fmt: skip
    assert data == run_json("diff", "--from", "2016", "--as-of", "2024-12")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["proxy-chains", "--sponsor", "irn"], "Error: unknown actor 'irn' - did you mean 'iran'?\n"),
        (["timeline", "nobody-at-all"], "Error: unknown actor 'nobody-at-all'\n"),
        (["diff", "--from", "2016"], "Error: missing the later date: give --to DATE\n"),
        (
            ["diff", "--from", "2016", "--to", "2017", "--as-of", "2018"],
            "Error: give the later date once: --to or --as-of\n",
        ),
        (["diff", "--from", "2020", "--to", "2016"], "Error: --from 2020 must end before --to 2016 begins\n"),
        (
            ["blocs", "--as-of", "20x6"],
            "Error: bad date: '20x6' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD\n",
        ),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert (code, out, err) == (2, "", message)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_the_common_options(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example" in out
    for option in ("--data", "--as-of", "--format"):
        assert option in out


def test_rank_help_explains_each_measure() -> None:
    _, out, _ = run("rank", "--help")
    for measure in ("reach", "clients", "backers", "brokerage", "enemies"):
        assert f"  {measure} " in out


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in ("timeline", "diff")])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_format_answers(command: str, fmt: str) -> None:
    code, out, _ = run(command, "--as-of", "2024-12", "--format", fmt)
    assert code == 0 and out.strip()
