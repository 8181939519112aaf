"""The rules of time and membership (issue 11), each on a small hand-checked graph.

What is known to hold, what only may hold and why: an unknown start, a dataset's window (right-
censored), an end not dated, chains of hops that may hold, membership that reaches the members and
membership that only may, backers of a member, and support types coded by year.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from graph.analytics.paths import paths
from graph.analytics.supporters import clients, supporters
from graph.analytics.timeline import diff
from graph.cli import cli
from graph.dataset import bundled_path
from graph.model import PartialDate
from graph.network import as_of
from tests.analytics_support import graph_of, keys

Y2024 = PartialDate(2024, 12, 2)


def actors(found: list) -> list[tuple[str, str | None]]:  # type: ignore[type-arg]
    return [(s.actor, s.chains[0].possible) for s in found]


def test_an_unknown_start_is_known_from_its_source_and_may_hold_before() -> None:
    G = graph_of(("s", "backs", "p", {"attested": Y2024}))
    assert actors(supporters(as_of(G, "2024-12"), "p")) == [("s", None)]
    assert supporters(as_of(G, "1990"), "p") == []
    assert actors(supporters(as_of(G, "1990", possible=True), "p")) == [("s", "s -> p: start unknown")]


def test_a_run_to_the_end_of_a_dataset_may_go_on_after_it_and_did_not_end_there() -> None:
    G = graph_of(("s", "backs", "p", {"since": "2014", "observed_until": PartialDate(2017)}))
    assert actors(supporters(as_of(G, "2016"), "p")) == [("s", None)]
    assert supporters(as_of(G, "2018"), "p") == []
    assert actors(supporters(as_of(G, "2018", possible=True), "p")) == [("s", "s -> p: after the data's end (2017)")]
    d = diff(G, "2016", "2018")
    assert (keys(d.ended), keys(d.unobserved)) == ([], ["r0"])


def test_an_end_not_dated_held_before_its_source_and_not_after() -> None:
    G = graph_of(("s", "backs", "p", {"since": "2012", "ended": True, "ended_before": PartialDate(2020)}))
    assert actors(supporters(as_of(G, "2012"), "p")) == [("s", None)]  # its start is known
    assert actors(supporters(as_of(G, "2015", possible=True), "p")) == [
        ("s", "s -> p: end unknown (ended before 2020)")
    ]
    assert supporters(as_of(G, "2021", possible=True), "p") == []


def test_a_chain_holds_when_every_hop_is_known_and_may_hold_when_one_may() -> None:
    G = graph_of(("s", "backs", "m", {"since": "2010"}), ("m", "backs", "p", {"attested": PartialDate(2020)}))
    assert actors(supporters(as_of(G, "2020"), "p")) == [("m", None), ("s", None)]
    assert actors(supporters(as_of(G, "2015"), "p")) == []
    found = actors(supporters(as_of(G, "2015", possible=True), "p"))
    assert found == [("m", "m -> p: start unknown"), ("s", "m -> p: start unknown")]
    # without a date, one day where every hop holds or may hold is enough
    assert [s.actor for s in supporters(G, "p")] == ["m", "s"]
    assert [c.possible for c in paths(as_of(G, "2015", possible=True), "s", "p")] == ["m -> p: start unknown"]


def test_membership_reaches_the_members_only_where_the_sources_say_so() -> None:
    G = graph_of(("s", "backs", "c", {"reaches_members": True}), ("m", "member-of", "c"),
                 ("t", "backs", "d"), ("n", "member-of", "d"))  # fmt: skip
    assert actors(supporters(G, "m")) == [("s", None)]
    assert [c.actor for c in clients(G, "s")] == ["c", "m"]
    assert supporters(G, "n") == []  # backing d does not back each member as a fact
    assert actors(supporters(as_of(G, None, possible=True), "n")) == [("t", "through membership of d")]


def test_a_backer_of_a_member_backs_its_coalition_three_deep() -> None:
    G = graph_of(("s", "backs", "a"), ("a", "member-of", "b"), ("b", "member-of", "c"))
    (found,) = supporters(G, "c")
    assert (found.actor, found.chains[0].nodes, found.chains[0].possible) == ("s", ["s", "a", "b", "c"], None)


def test_support_types_coded_by_year_answer_for_the_year_asked() -> None:
    by_year = {2011: ["weapons"], 2015: ["troops", "weapons"]}
    G = graph_of(("s", "backs", "p", {"since": "2011", "until": "2017", "support": ["troops", "weapons"],
                                      "support_by_year": by_year}))  # fmt: skip
    assert supporters(as_of(G, "2011"), "p", support="troops") == []
    assert [s.actor for s in supporters(as_of(G, "2015"), "p", support="troops")] == ["s"]
    assert [s.actor for s in supporters(G, "p", support="troops")] == ["s"]  # no date asked: any year


def test_validate_warns_of_dates_after_every_source(tmp_path: Path) -> None:
    shutil.copytree(bundled_path(), tmp_path / "data")
    relations = tmp_path / "data" / "relations.yaml"
    text = relations.read_text(encoding="utf-8")
    text = text.replace("attests: 2016", "attests: 2030", 1).replace("since: 2024-11", "since: 2031", 1)
    relations.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output  # warnings only
    warned = [line for line in result.output.splitlines() if "date-after-sources" in line]
    assert len(warned) == 2
    assert any("attests: 2030 is after its source (report-2024-12-02, 2024-12-02)" in w for w in warned)
    assert any("since: 2031 is after its latest source" in w for w in warned)


def test_a_hop_of_parallel_relations_is_known_on_the_days_of_any_of_them() -> None:
    # the later period written first: the hop is known on both, and the chain on their common days
    G = graph_of(("s", "backs", "m", {"since": "2006-03", "until": "2006-04"}),
                 ("s", "backs", "m", {"since": "2006-01", "until": "2006-02"}),
                 ("m", "backs", "p", {"since": "2006-01", "until": "2006-02"}))  # fmt: skip
    assert actors(supporters(as_of(G, "2006"), "p")) == [("m", None), ("s", None)]
