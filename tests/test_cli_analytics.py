"""The analytics commands on the bundled dataset: the report's answers, with their evidence."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.report import formats

COMMANDS = ["proxy-chains", "proxy-wars", "blocs", "balance", "co-sponsored", "rank", "timeline", "diff"]


def run(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    """``proxygraph ARGS`` with stdout piped (not a terminal): tables 100 columns wide, or ``columns``."""
    env = {"COLUMNS": None if columns is None else str(columns)}
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
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
    code, out, _ = run("proxy-chains", "--sponsor", "turkey", "--target", "assad-government", columns=400)
    assert code == 0
    assert ("turkey -backs[unknown]-> turkish-backed-rebels -member-of-> syrian-rebels -fights- assad-government"
            in out)  # fmt: skip
    assert '"The rebels include mainstream groups backed by Turkey" [report-2024-12-02]' in out


def test_without_membership_inheritance_the_turkish_backed_rebels_fight_no_one() -> None:
    data = run_json("proxy-chains", "--sponsor", "turkey", "--no-inherit-membership")
    assert data["inherit_membership"] is False
    assert "turkish-backed-rebels" not in [c["proxy"]["id"] for c in data["chains"]]


def test_before_the_crossing_the_iraqi_militias_do_not_fight_the_rebels() -> None:
    data = run_json("proxy-chains", "--sponsor", "iran", "--target", "syrian-rebels", "--as-of", "2016")
    assert ["iran", "iraqi-militias", "syrian-rebels"] not in [c["chain"]["nodes"] for c in data["chains"]]
    assert ["iran", "assad-government", "syrian-rebels"] in [c["chain"]["nodes"] for c in data["chains"]]


def test_proxy_wars_show_russia_and_iran_against_turkey() -> None:
    wars = run_json("proxy-wars")["wars"]
    pairs = [tuple(s["id"] for s in w["sponsors"]) for w in wars]
    assert ("iran", "turkey") in pairs and ("russia", "turkey") in pairs
    russia = wars[pairs.index(("russia", "turkey"))]
    assert ["assad-government", "turkish-backed-rebels"] in russia["sides"]
    front = next(f for f in russia["fronts"] if f["side_b"] == "turkish-backed-rebels")
    assert types_of(front["fight"]) == ["fights", "member-of"]
    assert front["backing_a"]["nodes"] == ["russia", "assad-government"]


def test_blocs_put_iran_and_russia_against_turkey() -> None:
    data = run_json("blocs")
    camp = {n: i for i, c in enumerate(data["camps"]) for n in c["members"]}
    assert camp["iran"] == camp["russia"] == camp["assad-government"] != camp["turkey"] == camp["syrian-rebels"]
    value = data["frustration"]["value"]
    assert value == sum(len(c["relations"]) for c in data["contradictions"]) >= data["frustration"]["lower_bound"]


def test_blocs_on_the_day_of_the_report_are_exactly_balanced() -> None:
    data = run_json("blocs", "--as-of", "2024-12-02")
    assert data["frustration"] == {"value": 0, "lower_bound": 0, "exact": True, "method": "exact"}


def test_balance_counts_triangles() -> None:
    code, out, _ = run("balance", "--as-of", "2024-12-02")
    assert code == 0
    assert "+--   4          two friends with a common enemy" in out
    assert "Unbalanced triangles: 0. Frustration: 0 relation(s) (exact)" in out


def test_balance_lists_every_unbalanced_triangle_with_evidence() -> None:
    data = run_json("balance")
    assert len(data["unbalanced"]) == data["counts"]["++-"] + data["counts"]["---"]
    assert all(r["evidence"] for t in data["unbalanced"] for side in t["sides"] for r in side["relations"])


def test_co_sponsored_csv() -> None:
    code, out, _ = run("co-sponsored", "--format", "csv")
    rows = {(r["a"], r["b"]): r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0
    assert "iran" in rows["assad-government", "iran-allied-militias"]["sponsors"].split(", ")
    assert "iran" in rows["iran-allied-militias", "iraqi-militias"]["sponsors"].split(", ")


def test_rank_by_reach_with_the_relations_behind_it() -> None:
    data = run_json("rank", "--top", "0")
    reach = [a["reach"] for a in data["actors"]]
    assert reach == sorted(reach, reverse=True)
    iran = next(a for a in data["actors"] if a["id"] == "iran")
    assert {"iraqi-militias", "iran-allied-militias", "assad-government"} <= set(iran["reached"])
    assert {"iraqi-militias", "iran-allied-militias", "assad-government"} <= {r["to"] for r in iran["relations"]}
    assert len(run_json("rank", "--top", "2")["actors"]) == 2


def test_timeline_of_the_rebels_in_date_order() -> None:
    data = run_json("timeline", "Syrian rebels")
    dated = [r["since"] for r in data["relations"] if r["since"]]
    assert dated == sorted(dated) and {"2011", "2012", "2024-11", "2024-12-01"} <= set(dated)


def test_diff_from_2016_to_december_2024() -> None:
    data = run_json("diff", "--from", "2016", "--to", "2024-12")
    assert "iraqi-militias/backs/assad-government@2024-12-01" in [r["key"] for r in data["began"]]
    ended = {r["key"] for r in data["ended"]}
    assert {"assad-government/controls/aleppo@2016", "syrian-rebels/controls/aleppo@2012"} <= ended
    assert data == run_json("diff", "--from", "2016", "--as-of", "2024-12")


US = "government-of-united-states-of-america"


def test_support_does_not_pass_through_iraq_unless_via_states() -> None:
    args = ("proxy-chains", "--sponsor", US, "--target", "islamic-state")
    assert [c["chain"]["nodes"] for c in run_json(*args)["chains"]] == [[US, "government-of-iraq", "islamic-state"]]
    data = run_json(*args, "--via-states")
    assert data["via_states"] is True
    assert [c["chain"]["nodes"] for c in data["chains"]] == [
        [US, "government-of-iraq", "islamic-state"], [US, "government-of-iraq", "assad-government", "islamic-state"]
    ]  # fmt: skip


def test_rank_and_proxy_wars_take_via_states() -> None:
    reach = {r["id"]: r["reach"] for r in run_json("rank", "--top", "0")["actors"]}
    wide = {r["id"]: r["reach"] for r in run_json("rank", "--top", "0", "--via-states")["actors"]}
    assert (reach["turkey"], wide["turkey"]) == (3, 4)  # + government-of-iraq -> assad-government
    narrow = {tuple(s["id"] for s in w["sponsors"]) for w in run_json("proxy-wars", "--max-depth", "2")["wars"]}
    wide_wars = run_json("proxy-wars", "--max-depth", "2", "--via-states")["wars"]
    assert narrow < {tuple(s["id"] for s in w["sponsors"]) for w in wide_wars}


def test_count_and_top_agree_with_the_full_ranking() -> None:
    every = [c["chain"]["nodes"] for c in run_json("proxy-chains")["chains"]]
    assert run_json("proxy-chains", "--count")["count"] == len(every)
    assert run("proxy-chains", "--count")[1] == f"CHAINS\n{len(every)}\n"
    assert [c["chain"]["nodes"] for c in run_json("proxy-chains", "--top", "5")["chains"]] == every[:5]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["proxy-chains", "--sponsor", "irn"], "Error: unknown actor 'irn' - did you mean 'iran'?\n"),
        (["timeline", "nobody-at-all"], "Error: unknown actor 'nobody-at-all'\n"),
        (["diff", "--from", "2016"], "Error: missing the later date: give --to DATE\n"),
        (["proxy-chains", "--top", "3", "--count"], "Error: give --top or --count, not both\n"),
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
@pytest.mark.parametrize("fmt", formats.names())
def test_every_format_answers(command: str, fmt: str) -> None:
    code, out, _ = run(command, "--as-of", "2024-12", "--format", fmt)
    assert code == 0 and out.strip()
