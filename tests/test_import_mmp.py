"""Mapping Militants links in one command with the shipped mapping file; blocs and balance on the result.

tests/data/import/mmp-syria-links.csv is modelled on the MMP links export: the five link types,
dates with 00 for an unknown month or day, a link from a group to itself (row 107), a row saved
as cp1252 (the byte 0x92 in 'Kata'ib Sayyid al-Shuhada'), a C1 control left by mis-decoding
('Kata\\x92ib Hezbollah'), mojibake quotes ('State\\xe2\\x80\\x99s') and a line break inside a quoted cell.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.dataset import load_dataset
from graph.model import Dataset

LINKS = Path(__file__).parent / "data" / "import" / "mmp-syria-links.csv"
ARGS = ["import", "csv", "--relations", str(LINKS), "--mapping", "mapping-militants"]


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, list[str]]:
    out = tmp_path / "mmp"
    result = CliRunner().invoke(cli, [*ARGS, "--on-error", "skip", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output.splitlines()


def test_the_self_link_is_reported_and_skipped(imported: tuple[Path, list[str]]) -> None:
    _, lines = imported
    assert lines[0].endswith(": 8 new actors, 9 relations, 1 source(s), from 10 rows (1 skipped)")
    assert [line for line in lines if line.startswith("skipped: ")] == [
        f"skipped: {LINKS}:8: warning: self-relation: 'ahrar-al-sham' allied-with itself "
        "(a relation joins two actors; row skipped)"
    ]
    assert lines[-1].endswith(": 0 errors, 0 warnings")


def test_every_value_read_otherwise_than_written_is_listed(imported: tuple[Path, list[str]]) -> None:
    _, lines = imported
    repaired = "(mis-decoded text (mojibake) repaired by ftfy: check it)"
    assert [line for line in lines if line.startswith("note: ")] == [
        f"note: {LINKS}:5: warning: not-utf8: line 5 not UTF-8: read as Windows-1252 (cp1252) "
        "(save the file as UTF-8 to be sure of its text)",
        f"note: {LINKS}:7: warning: repaired-text: description: 'Ahrar al-Sham said the Islamic State\u00e2\\x80\\x99s "
        "men killed its commander.' -> 'Ahrar al-Sham said the Islamic State\u2019s men killed its commander.' "
        f"{repaired}",
        f"note: {LINKS}:12: warning: repaired-text: group2_name: 'Kata\\x92ib Hezbollah' -> 'Kata\u2019ib Hezbollah' "
        f"{repaired}",
        f"note: {LINKS}:12: warning: repaired-text: description: 'Jaysh al-Islam shelled the militia\u00e2\\x80\\x99s "
        f"positions.' -> 'Jaysh al-Islam shelled the militia\u2019s positions.' {repaired}",
    ]  # fmt: skip


def test_names_and_quotes_come_out_as_the_source_meant_them(imported: tuple[Path, list[str]]) -> None:
    ds = load_dataset(imported[0])
    names = {a.name for a in ds.actors.values()}
    assert {"Kata\u2019ib Sayyid al-Shuhada", "Kata\u2019ib Hezbollah", "Hay'at Tahrir al-Sham"} <= names
    quotes = {c.record: c.quote for r in ds.relations for c in r.evidence}
    assert quotes["106"] == "Ahrar al-Sham said the Islamic State\u2019s men killed its commander."
    assert quotes["108"] == "Jaysh al-Islam and Ahrar al-Sham formed the Islamic Front.\nBoth left it later."
    assert ds.actors["jabhat-al-nusra"].external_ids == {"mmp": "1"}
    assert ds.sources["mapping-militants"].url == "https://mappingmilitants.org/"


def test_types_ends_and_dates_follow_the_mapping(imported: tuple[Path, list[str]]) -> None:
    ds = load_dataset(imported[0])
    got = {c.record: (r.source, r.type, r.target, str(r.since or ""), str(r.until or "")) for r in ds.relations
           for c in r.evidence}  # fmt: skip
    assert got == {
        "101": ("jabhat-al-nusra", "splinter-of", "islamic-state", "2013-04", "2013-04"),  # an event, 2013-04-00
        "102": ("jabhat-al-nusra", "allied-with", "ahrar-al-sham", "2014", "2017-07"),  # 2014-00-00, until link 109
        "103": ("jabhat-al-nusra", "affiliated-with", "al-qaeda", "2013-04-10", ""),
        "104": ("kataib-sayyid-al-shuhada", "fights", "islamic-state", "2014-06", ""),
        "105": ("hay-at-tahrir-al-sham", "successor-of", "jabhat-al-nusra", "2017-01-28", "2017-01-28"),  # swapped
        "106": ("ahrar-al-sham", "fights", "islamic-state", "2014-01", ""),
        "108": ("jaysh-al-islam", "allied-with", "ahrar-al-sham", "", ""),  # 0000-00-00: no date
        "109": ("ahrar-al-sham", "fights", "jabhat-al-nusra", "2017-07", ""),
        "110": ("jaysh-al-islam", "fights", "kataib-hezbollah", "2015-05", ""),
    }


def test_without_skip_the_self_link_fails_the_import_and_the_hint_names_a_command_that_works(tmp_path: Path) -> None:
    out = tmp_path / "mmp"
    result = CliRunner().invoke(cli, [*ARGS, "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{LINKS}:8: self-relation: 'ahrar-al-sham' allied-with itself (a relation joins two actors)",
        "Error: 1 row of mmp-syria-links.csv cannot be imported; nothing was written - fix them, "
        "or give --on-error skip to import the rest",
    ]
    assert not out.exists()


def _json(*args: str) -> object:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_blocs_and_balance_run_on_the_result(imported: tuple[Path, list[str]]) -> None:
    data = ["--data", str(imported[0])]
    # In 2016 every link is friendly within a camp and hostile across: balanced
    # (with --possible: the undated alliance of Jaysh al-Islam and Ahrar al-Sham (0000-00-00) may hold then)
    b2016 = _json("blocs", *data, "--as-of", "2016", "--possible")
    assert isinstance(b2016, dict)
    assert [sorted(c["members"]) for c in b2016["camps"]] == [
        ["ahrar-al-sham", "al-qaeda", "jabhat-al-nusra", "jaysh-al-islam", "kataib-sayyid-al-shuhada"],
        ["islamic-state", "kataib-hezbollah"],
    ]
    assert b2016["frustration"]["value"] == 0
    # Over all dates the former allies Ahrar al-Sham and Nusra also fight (2017-07): one relation against the split
    everything = _json("blocs", *data)
    assert isinstance(everything, dict) and everything["frustration"]["value"] == 1
    # the split counted as hostile (its default) balances Nusra against IS; --sign splinter-of=+1 does not
    hostile = _json("balance", *data)
    friendly = _json("balance", *data, "--sign", "splinter-of=+1")
    assert isinstance(hostile, dict) and isinstance(friendly, dict)
    assert (hostile["counts"]["+--"], hostile["counts"]["---"]) == (1, 1)
    assert (friendly["counts"]["++-"], friendly["counts"]["+--"]) == (1, 1)


def test_a_bad_sign_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["blocs", "--sign", "splinterof=+1"])
    assert (result.exit_code, result.output) == (
        2, "Error: --sign unknown relation type 'splinterof' - did you mean 'splinter-of'?\n"
    )  # fmt: skip


def test_the_library_imports_the_same_with_the_mapping(tmp_path: Path) -> None:
    from graph.importers.csv_mapping import find_mapping, read_mapping
    from graph.importers.csv_table import import_csv

    mapping = read_mapping(find_mapping("mapping-militants"))
    result = import_csv(None, LINKS, None, Dataset("empty", "empty"), mapping=mapping, on_error="skip")
    assert (len(result.actors), len(result.relations), result.skipped_rows) == (8, 9, 1)
