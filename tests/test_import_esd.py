"""The UCDP ESD importer: the sample, hand-made messy rows, matching, and the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.analytics.supporters import supporters
from graph.cli import cli
from graph.dataset import bundled_path, load_dataset
from graph.errors import DataError
from graph.importers.esd_rows import split_list, split_names
from graph.importers.ucdp_esd import import_esd
from graph.model import Dataset
from graph.network import as_of, build_graph
from tests.data_support import SAMPLE, write_csv

HEADER = (
    "id,active,year,actor_id,actor_name,actor_nonstate,oppo_id,oppo_name,dyad_name,location,ext_id,ext_name,"
    "ext_nonstate,ext_coalition,ext_coalition_name,ext_elements,ext_bothsides,ext_x,ext_p,ext_w,ext_f,ext_u"
)


def _esd(tmp_path: Path, *rows: str) -> Path:
    return write_csv(tmp_path / "esd.csv", HEADER, *rows)


def test_sample_imports_every_party_with_its_ucdp_id() -> None:
    result = import_esd(SAMPLE, Dataset("empty", "empty"))
    by_ucdp = {a.external_ids["ucdp"]: a for a in result.actors}
    assert len(by_ucdp) == len(result.actors) == 51
    assert (by_ucdp["118"].id, by_ucdp["118"].kind) == ("government-of-syria", "government")
    assert (by_ucdp["234"].name, by_ucdp["234"].kind) == ("IS", "rebel-group")
    assert by_ucdp["57"].name == "Government of Russia"
    assert by_ucdp["57"].aliases == ["Government of Russia (Soviet Union)"]
    assert by_ucdp["769"].name == "al-Qaida"  # "al-Qaida " with a stray space


def test_sample_merges_consecutive_years_and_cites_every_row() -> None:
    result = import_esd(SAMPLE, Dataset("empty", "empty"))
    rels = {r.key: r for r in result.relations}
    iran = rels["government-of-iran/backs/government-of-syria@2011"]
    assert (str(iran.since), str(iran.until), iran.support_scope) == ("2011", "2017", "recipient-year")
    assert [c.record for c in iran.evidence] == [
        "4374", "4375", "4376", "4377", "4652", "4378", "4653", "4379", "4654", "4380", "4655"
    ]  # fmt: skip
    assert iran.support == ["troops", "weapons", "funding", "training", "intelligence", "logistics", "unknown"]
    # Iraq backs Syria in 2011, then from 2014: two intervals
    assert "government-of-iraq/backs/government-of-syria@2011" in rels
    assert str(rels["government-of-iraq/backs/government-of-syria@2014"].until) == "2017"
    # the coalition flag of the Iraq rows stays, said of the recipient-year
    usa = rels["government-of-united-states-of-america/backs/government-of-iraq@2011"]
    assert usa.flags == ["coalition"] and "Global Coalition" in (usa.note or "")


def test_fights_follow_active_years_only() -> None:
    result = import_esd(SAMPLE, Dataset("empty", "empty"))
    keys = sorted(r.key for r in result.relations if r.type == "fights" and "pyd" in r.key)
    # the PYD dyad is active 2012, 2013 and 2015 (rows of 2011 and 2014 say active = 0)
    assert keys == ["government-of-syria/fights/pyd@2012", "government-of-syria/fights/pyd@2015"]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("114,116,57", ["114", "116", "57"]),
        (" Government of Iran , al-Qaida ,", ["Government of Iran", "al-Qaida"]),
        ("Government of Russia (Soviet Union, USSR),PKK", ["Government of Russia (Soviet Union, USSR)", "PKK"]),
        ("", []),
    ],
)
def test_split_list(text: str, items: list[str]) -> None:
    assert split_list(text) == items


def test_split_names_keeps_a_comma_inside_a_name() -> None:
    assert split_names("Government of Korea, Republic of,PKK", 2) == ["Government of Korea, Republic of", "PKK"]
    assert split_names("A,B,C", 2) is None


GOV = "Government of Syria,0,20,Rebels,G - R,Syria: Government"
MESSY = (
    '1,1,2015,10,"  Government of  Syria ",0,20,Rebels (FSA),G - R,Syria: Government,'
    '"5,6","Government of Iran ,Hizballah (Lebanon)",1,0,0,0,0,1,0,1,0,0'
)
BAD_IDS = f'2,1,2015,10,{GOV},"5,6",Government of Iran,0,0,0,0,0,0,0,1,0,0'
BAD_FLAG = f"3,1,2016,10,{GOV},5,Government of Iran,0,2,0,0,0,0,0,1,0,0"
BAD_YEAR = "4,1,20x6,10,Government of Syria,0,20,Rebels,G - R,Syria: Government,,,,0,0,0,0,0,0,0,0,0"


def test_messy_names_are_cleaned(tmp_path: Path) -> None:
    result = import_esd(_esd(tmp_path, MESSY), Dataset("empty", "empty"))
    names = {a.name: a for a in result.actors}
    assert sorted(names) == ["Government of Iran", "Government of Syria", "Hizballah", "Rebels"]
    assert names["Hizballah"].aliases == ["Hizballah (Lebanon)"]
    backs = {r.key: r.support for r in result.relations if r.type == "backs"}
    assert backs == {"government-of-iran/backs/government-of-syria@2015": ["troops", "weapons"],
                     "hizballah/backs/government-of-syria@2015": ["troops", "weapons"]}  # fmt: skip


def test_malformed_rows_fail_the_import_with_their_lines(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        import_esd(_esd(tmp_path, MESSY, BAD_IDS, BAD_FLAG, BAD_YEAR), Dataset("empty", "empty"))
    assert [(p.line, p.message) for p in info.value.problems] == [
        (3, "row 2: ext_id lists 2 ids but ext_name 1 names"),
        (4, "row 3: ext_coalition must be 0, 1 or empty, not '2'"),
        (5, "row 4: year must be a year, not '20x6'"),
    ]


def test_malformed_rows_are_skipped_and_reported_on_request(tmp_path: Path) -> None:
    result = import_esd(_esd(tmp_path, MESSY, BAD_IDS, BAD_FLAG), Dataset("empty", "empty"), on_error="skip")
    assert (result.rows, result.skipped_rows) == (3, 2)
    assert [(p.line, p.severity) for p in result.problems] == [(3, "warning"), (4, "warning")]
    assert len([r for r in result.relations if r.type == "backs"]) == 2


def test_filters_by_location_and_years() -> None:
    result = import_esd(SAMPLE, Dataset("empty", "empty"), locations=["iraq"], years=(2016, 2016))
    records = {c.record for r in result.relations for c in r.evidence}
    assert records == {"781", "795"}


def test_import_into_the_bundled_data_reuses_its_actors(tmp_path: Path) -> None:
    folder = tmp_path / "syria"
    shutil.copytree(bundled_path(), folder)
    runner = CliRunner()
    result = runner.invoke(cli, ["import", "ucdp-esd", str(SAMPLE), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert "matched: 'Government of Iran' -> iran (by alias 'Government of Iran')" in result.output
    assert "matched: 'Syrian insurgents' -> syrian-rebels (by external id ucdp=4456)" in result.output
    assert "matched: 'al-Qaida' -> al-qaeda (by alias 'al-Qaida')" in result.output
    assert "near miss, not merged: 'Government of Iraq' ~ iran (close spelling: 'iran')" in result.output
    assert result.output.rstrip().endswith("0 errors, 0 warnings")
    ds = load_dataset(folder)
    assert [a.id for a in ds.actors.values() if "Government of Iran" in (a.name, *a.aliases)] == ["iran"]
    assert not [a.id for a in ds.actors.values() if a.external_ids.get("ucdp") == "114"]
    # importing again replaces the earlier import instead of doubling it
    again = runner.invoke(cli, ["import", "ucdp-esd", str(SAMPLE), "--out", str(folder)])
    assert again.exit_code == 0 and len(load_dataset(folder).relations) == len(ds.relations)


def test_the_bundled_data_answers_with_ucdp_rows() -> None:
    G = as_of(build_graph(load_dataset()), "2016")
    direct = {s.actor: s for s in supporters(G, "assad-government", max_depth=1)}
    assert {"iran", "russia"} <= set(direct)
    for sponsor in ("iran", "russia"):
        records = [c.record for ch in direct[sponsor].chains for r in ch.steps[0].relations for c in r.evidence]
        assert "4379" in records  # Government of Syria vs Syrian insurgents, 2016
    names = [G.nodes[n]["name"] for n in G.nodes]
    assert names.count("Iran") == 1 and "Government of Iran" not in names


def test_bundled_ucdp_file_is_what_the_import_writes(tmp_path: Path) -> None:
    """The committed graph/data/syria/ucdp-esd.yaml does not drift from the importer's output."""
    folder = tmp_path / "syria"
    shutil.copytree(bundled_path(), folder)
    (folder / "ucdp-esd.yaml").unlink()
    args = ["import", "ucdp-esd", str(SAMPLE), "--location", "Syria", "--location", "Iraq", "--years", "2011-2017"]
    result = CliRunner().invoke(cli, [*args, "--out", str(folder)])
    assert result.exit_code == 0, result.output
    written = (folder / "ucdp-esd.yaml").read_text(encoding="utf-8")
    assert written == (bundled_path() / "ucdp-esd.yaml").read_text(encoding="utf-8")


def test_cli_reports_bad_years_and_bad_rows(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["import", "ucdp-esd", str(SAMPLE), "--years", "2017-2011", "--out", str(tmp_path)])
    assert (result.exit_code, result.output) == (
        2, "Error: --years '2017-2011': write a year or a range of years, like 2011-2017\n"
    )  # fmt: skip
    bad = _esd(tmp_path, BAD_FLAG)
    result = runner.invoke(cli, ["import", "ucdp-esd", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{bad}:2: bad-row: row 3: ext_coalition must be 0, 1 or empty, not '2'" in result.output
    assert not (tmp_path / "out").exists()
