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
    assert by_ucdp["57"].aliases == ["Government of Russia (Soviet Union)", "Russia"]  # "Russia" answers for it
    assert by_ucdp["769"].name == "al-Qaida"  # "al-Qaida " with a stray space


def test_sample_merges_consecutive_years_and_cites_every_row() -> None:
    result = import_esd(SAMPLE, Dataset("empty", "empty"))
    rels = {r.key: r for r in result.relations}
    iran = rels["government-of-iran/backs/government-of-syria@2011"]
    # still coded in 2017, the file's last year: ongoing when observation stopped, not ended then
    assert (str(iran.since), iran.until, iran.ended, iran.support_scope) == ("2011", None, False, "recipient-year")
    assert str(result.sources[0].observed_until) == "2017"
    assert str(rels["government-of-iraq/backs/government-of-syria@2011"].until) == "2011"
    assert [c.record for c in iran.evidence] == [
        "4374", "4375", "4376", "4377", "4652", "4378", "4653", "4379", "4654", "4380", "4655"
    ]  # fmt: skip
    assert iran.support == ["troops", "weapons", "funding", "training", "intelligence", "logistics", "unknown"]
    # Iraq backs Syria in 2011, then from 2014: two intervals
    assert "government-of-iraq/backs/government-of-syria@2011" in rels
    assert rels["government-of-iraq/backs/government-of-syria@2014"].until is None  # to the file's end
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
        (4, "row 3: ext_coalition must be 0, 1 or empty, not '2'"),
        (5, "row 4: year must be a year, not '20x6'"),
    ]


def test_strict_makes_differing_id_and_name_lists_malformed(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        import_esd(_esd(tmp_path, MESSY, BAD_IDS, BAD_FLAG, BAD_YEAR), Dataset("empty", "empty"), strict=True)
    assert [(p.line, p.message) for p in info.value.problems] == [
        (3, "row 2: ext_id lists 2 ids but ext_name 1 name"),
        (4, "row 3: ext_coalition must be 0, 1 or empty, not '2'"),
        (5, "row 4: year must be a year, not '20x6'"),
    ]


def test_malformed_rows_are_skipped_and_reported_on_request(tmp_path: Path) -> None:
    result = import_esd(_esd(tmp_path, MESSY, BAD_IDS, BAD_FLAG), Dataset("empty", "empty"), on_error="skip")
    assert (result.rows, result.skipped_rows) == (3, 1)
    assert [(p.line, p.severity) for p in result.problems] == [(4, "warning")]
    # row 2 lists ids 5 and 6 with one name: row 1 names both, so both back Syria in 2015
    assert [n.message for n in result.notes] == [
        "row 2: ext_id lists 2 ids but ext_name 1 name: 5 is 'Government of Iran', as other rows name it; "
        "6 is 'Hizballah (Lebanon)', as other rows name it"
    ]
    assert len([r for r in result.relations if r.type == "backs"]) == 2


TWO_IDS = Path(__file__).parent / "data" / "import" / "esd-two-ids-one-name.csv"  # the 97 columns of ESD 18.1


def test_rows_of_two_ids_and_one_name_import_by_default_with_a_warning_that_lists_them(tmp_path: Path) -> None:
    """Rows 9002-9004 list ids 671,11545 and one name (as ESD 18.1 does for Ethiopia and Puntland, 2001-2003):
    671 is named in row 9001, 11545 nowhere; row 9005 lists 671,888 and 'Government of Kenya'."""
    result = CliRunner().invoke(cli, ["import", "ucdp-esd", str(TWO_IDS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note: ")]
    said = "ext_id lists 2 ids but ext_name 1 name: 671 is 'Government of Ethiopia', as other rows name it; "
    unnamed = "11545 has no name in the file: imported as 'UCDP actor 11545' (check the row against UCDP's actor list)"
    assert notes == [
        *(f"note: {TWO_IDS}:{line}: warning: ext-names: row {row}: {said}{unnamed}" for line, row in
          ((3, 9002), (4, 9003), (5, 9004))),
        f"note: {TWO_IDS}:6: warning: ext-names: row 9005: ext_id lists 2 ids but ext_name 1 name: 671 is "
        "'Government of Ethiopia', as other rows name it; 888 is 'Government of Kenya', the name left in this row "
        "(check the row against UCDP's actor list)",
    ]  # fmt: skip
    ds = load_dataset(tmp_path / "out")
    assert {a.external_ids["ucdp"]: (a.id, a.name) for a in ds.actors.values()} == {
        "500": ("government-of-somalia", "Government of Somalia"), "600": ("al-shabaab", "Al-Shabaab"),
        "671": ("government-of-ethiopia", "Government of Ethiopia"),
        "888": ("government-of-kenya", "Government of Kenya"), "11545": ("ucdp-actor-11545", "UCDP actor 11545"),
    }  # fmt: skip
    backs = sorted((r.source, str(r.since), str(r.until)) for r in ds.relations if r.type == "backs")
    # runs still coded in the file's last year (2004) are ongoing when observation stopped
    assert backs == [("government-of-ethiopia", "2000", "None"), ("government-of-kenya", "2004", "None"),
                     ("ucdp-actor-11545", "2001", "2003")]  # fmt: skip


def test_strict_fails_on_rows_of_two_ids_and_one_name_and_names_a_command_that_works(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["import", "ucdp-esd", str(TWO_IDS), "--strict", "--out", str(out)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    bad = "bad-row: row 9002: ext_id lists 2 ids but ext_name 1 name (fix the row or skip it)"
    assert lines[0] == f"{TWO_IDS}:3: {bad}"
    assert lines[-1] == ("Error: 4 rows of esd-two-ids-one-name.csv cannot be imported; nothing was written - "
                         "fix them, or give --on-error skip to import the rest")  # fmt: skip
    assert not out.exists()


def test_a_ucdp_actor_of_many_groups_gets_a_short_id(tmp_path: Path) -> None:
    groups = ", ".join(f"Group {n}" for n in "ABCDEFGHIJ")
    row = f'5,1,2015,10,"{groups}",1,20,Government of Syria,G - R,Syria: Government,,,,0,0,0,0,0,0,0,0,0'
    result = import_esd(_esd(tmp_path, row), Dataset("empty", "empty"))
    many = next(a for a in result.actors if a.external_ids["ucdp"] == "10")
    assert (many.id, many.name) == ("group-a-and-9-more", groups)
    assert many.description is not None and "UCDP codes 10 groups as one actor (UCDP id 10): Group A; Group B;" in (
        many.description
    )


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


def test_supporters_iran_on_an_esd_import_answers_for_the_government_of_iran(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "esd"
    assert runner.invoke(cli, ["import", "ucdp-esd", str(SAMPLE), "--out", str(out)]).exit_code == 0
    result = runner.invoke(cli, ["supporters", "Iran", "--data", str(out)])
    assert result.exit_code == 0, result.output
    answered = runner.invoke(cli, ["supporters", "Government of Iran", "--data", str(out)])
    assert result.output == answered.output and "did you mean" not in result.output
    result = runner.invoke(cli, ["clients", "Iran", "--data", str(out), "--format", "json"])
    assert result.exit_code == 0 and "government-of-syria" in result.output


def test_govt_of_x_and_x_match_the_government_named_after_x() -> None:
    from graph.importers.matching import ActorIndex
    from graph.model import Actor

    index = ActorIndex([Actor("government-of-syria", "Government of Syria", "government"),
                        Actor("hezbollah", "Hezbollah", "militia")])  # fmt: skip
    assert [index.match([n], {}).actor for n in ("Syria", "Govt. of Syria", "Syrian government")[:2]] == [
        "government-of-syria", "government-of-syria"
    ]  # fmt: skip
    # a state and its government both answer to "Syria": neither is taken, both are near misses
    index.add(Actor("syria", "Syria", "state"))
    assert index.match(["Govt. of Syria"], {}) is None
    assert {m.actor for m in index.near_misses(["Govt. of Syria"])} >= {"government-of-syria", "syria"}


def test_a_row_ucdp_codes_alleged_alleges_the_support_where_the_file_has_the_column(tmp_path: Path) -> None:
    # the actor-year file of ESD 18.1 (the bundled import) has no ext_alleged column: its rows assert
    assert all(
        c.stance == "assert" for r in import_esd(SAMPLE, Dataset("empty", "empty")).relations for c in r.evidence
    )
    rows = (f"1,1,2015,10,{GOV},5,Government of Iran,0,0,0,0,0,1,0,0,0,0,1",
            f"2,1,2016,10,{GOV},5,Government of Iran,0,0,0,0,0,1,0,0,0,0,0")  # fmt: skip
    path = write_csv(tmp_path / "esd.csv", HEADER + ",ext_alleged", *rows)
    (backs,) = [r for r in import_esd(path, Dataset("empty", "empty")).relations if r.type == "backs"]
    assert [(c.record, c.stance) for c in backs.evidence] == [("1", "allege"), ("2", "assert")]
    assert backs.state == "confirmed"  # UCDP confirmed it in 2016: asserted beside the allegation, one voice
