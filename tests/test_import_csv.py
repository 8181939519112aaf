"""The CSV importer: common column names, --map, the vocabulary, dates, bad cells, matching."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.dataset import bundled_path, load_dataset
from graph.errors import DataError, UsageError
from graph.importers import csv_values as cv
from graph.importers.csv_mapping import read_mapping
from graph.importers.csv_table import import_csv
from graph.model import Dataset
from tests.data_support import write_csv

EMPTY = Dataset("empty", "empty")


def test_common_columns_and_messy_cells(tmp_path: Path) -> None:
    actors = write_csv(tmp_path / "a.csv", "Name,Kind,Alias", '"  Free  Army ",Rebel Group,"FSA; Free Syrian Army"',
                       "Damascus regime,government,")  # fmt: skip
    rels = write_csv(tmp_path / "r.csv", "Source,Target,Relation,Start,End,Support",
                     'free army,Damascus Regime,FIGHTS,March 2012,,',
                     "FSA,damascus-regime,supports,2013-5,05.06.2014,\"weapons; w, Funding\"")  # fmt: skip
    result = import_csv(actors, rels, None, EMPTY)
    assert [(a.id, a.name, a.kind, a.aliases) for a in result.actors] == [
        ("free-army", "Free Army", "rebel-group", ["FSA", "Free Syrian Army"]),
        ("damascus-regime", "Damascus regime", "government", []),
    ]
    r1, r2 = result.relations
    assert (r1.key, str(r1.since)) == ("damascus-regime/fights/free-army@2012-03", "2012-03")
    assert (r2.type, str(r2.since), str(r2.until), r2.support) == (
        "backs",
        "2013-05",
        "2014-06-05",
        ["weapons", "funding"],
    )
    assert [(c.source, c.record) for c in r2.evidence] == [("csv-r", "3")]  # cites the file by line


def test_map_names_other_columns(tmp_path: Path) -> None:
    rels = write_csv(tmp_path / "r.csv", "Sponsor,Client,Link,Ref", "iran,Badr,backs,p. 3")
    with pytest.raises(UsageError, match=r"no column for from, type, to"):
        import_csv(None, rels, None, load_dataset())
    mapping = cv.parse_mapping(["Sponsor=from", "client=to", "link=type", "ref=record"])
    result = import_csv(None, rels, None, load_dataset(), mapping=mapping)
    assert [(r.source, r.target, r.evidence[0].record) for r in result.relations] == [("iran", "badr", "p. 3")]


def test_bad_map_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"^'a=form': write COLUMN=FIELD - did you mean 'from'\?$"):
        cv.parse_mapping(["a=form"])


def test_bad_map_on_the_command_line_names_the_option(tmp_path: Path) -> None:
    rels = write_csv(tmp_path / "r.csv", "from,type,to", "iran,backs,badr")
    args = ["import", "csv", "--relations", str(rels), "--map", "a=form", "--out", str(tmp_path)]
    result = CliRunner().invoke(cli, args)
    message = "Error: --map 'a=form': write COLUMN=FIELD - did you mean 'from'?\n"
    assert (result.exit_code, result.output) == (2, message)


def test_bad_cells_are_reported_with_lines(tmp_path: Path) -> None:
    rels = write_csv(tmp_path / "r.csv", "from,type,to,since", "iran,bakcs,badr,2012", "iran,backs,bard,2012",
                     "iran,backs,badr,03/05/2016", "iran,backs", "iran,backs,badr,2013")  # fmt: skip
    with pytest.raises(DataError) as info:
        import_csv(None, rels, None, load_dataset())
    assert [(p.line, p.message) for p in info.value.problems] == [
        (2, "unknown relation type 'bakcs' - did you mean 'backs'?"),
        (3, "unknown actor 'bard' - did you mean 'badr'?"),
        (4, "'03/05/2016' could be day/month or month/day: write 2016-MM-DD"),
        (5, "the row has 2 cells, the header 4"),
    ]
    result = import_csv(None, rels, None, load_dataset(), on_error="skip")
    assert [r.key for r in result.relations] == ["iran/backs/badr@2013"]
    assert [p.line for p in result.problems] == [2, 3, 4, 5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2016", "2016"), ("2016/3/5", "2016-03-05"), ("13/03/2016", "2016-03-13"), ("Mar 5, 2016", "2016-03-05"),
     ("5 March 2016", "2016-03-05"), ("2016-03-05T10:00:00", "2016-03-05"), ("2016.0", "2016")],
)  # fmt: skip
def test_dates_in_common_forms(text: str, expected: str) -> None:
    assert str(cv.date(text)) == expected


def test_import_into_the_bundled_data_matches_names_and_reports_near_misses(tmp_path: Path) -> None:
    folder = tmp_path / "syria"
    shutil.copytree(bundled_path(), folder)
    actors = write_csv(tmp_path / "a.csv", "id,name,kind,ucdp", "IRN,Islamic Republic of Iran,state,114",
                       "hzb,Hizbollah,militia,", "rus2,Russian Federaton,state,")  # fmt: skip
    rels = write_csv(tmp_path / "r.csv", "from,to,type,quote,cite",
                     'IRN,hzb,backs,"Iran arms Hizbollah",My notes')  # fmt: skip
    args = ["import", "csv", "--actors", str(actors), "--relations", str(rels), "--map", "ucdp=external_ids.ucdp"]
    result = CliRunner().invoke(cli, [*args, "--out", str(folder)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "matched: 'Islamic Republic of Iran' -> iran (by alias 'Islamic Republic of Iran')" in lines
    assert any(line.startswith("near miss, not merged: 'Russian Federaton' ~ russia") for line in lines)
    ds = load_dataset(folder)
    assert [r.source for r in ds.relations if r.target == "hzb"] == ["iran"]
    assert ds.sources["my-notes"].title == "My notes"
    assert sorted(a for a in ds.actors if a.startswith("rus")) == ["rus2", "russia"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2016-04-00", "2016-04"), ("2009-00-00", "2009"), ("0000-00-00", None), ("2016-04-05", "2016-04-05")],
)
def test_00_is_an_unknown_month_or_day(text: str, expected: str | None) -> None:
    found = cv.cell_date(text)
    assert (str(found) if found else None) == expected


@pytest.mark.parametrize("text", ["2016-00-05", "0000-04-00"])
def test_a_day_without_a_month_or_a_date_without_a_year_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        cv.cell_date(text)


ALLIANCES = ("Group A,Group B,Relationship,Year", "Alpha Front,Beta Brigade,ally,2014-00-00",
             "Beta Brigade,Gamma Army,enemy,2015-03-00", "Alpha Front,Gamma Army,Enemy,0000-00-00")  # fmt: skip
OPTIONS = ["--map", "Group A=from", "--map", "Group B=to", "--map", "Relationship=type", "--map", "Year=date",
           "--map-value", "type:ally=allied-with", "--map-value", "type:enemy=fights",
           "--new-actors", "rebel-group"]  # fmt: skip


def test_value_maps_dates_and_new_actors_on_the_command_line(tmp_path: Path) -> None:
    rels = write_csv(tmp_path / "alliances.csv", *ALLIANCES)
    args = ["import", "csv", "--relations", str(rels), *OPTIONS, "--date-means", "start",
            "--date-means", "fights=event", "--out", str(tmp_path / "out")]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    ds = load_dataset(tmp_path / "out")
    assert sorted((a.id, a.kind) for a in ds.actors.values()) == [
        ("alpha-front", "rebel-group"), ("beta-brigade", "rebel-group"), ("gamma-army", "rebel-group")
    ]  # fmt: skip
    got = sorted((r.source, r.type, r.target, str(r.since), str(r.until)) for r in ds.relations)
    assert got == [("alpha-front", "allied-with", "beta-brigade", "2014", "None"),  # a start: ongoing
                   ("alpha-front", "fights", "gamma-army", "None", "None"),  # no date
                   ("beta-brigade", "fights", "gamma-army", "2015-03", "2015-03")]  # an event: held then  # fmt: skip
    header = (tmp_path / "out" / "import-csv-alliances.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("--map-value type:ally=allied-with --map-value type:enemy=fights --date-means start "
                           "--date-means fights=event --new-actors rebel-group")  # fmt: skip


def test_a_date_column_must_be_said_to_be_a_start_or_an_event(tmp_path: Path) -> None:
    rels = write_csv(tmp_path / "alliances.csv", *ALLIANCES)
    result = CliRunner().invoke(cli, ["import", "csv", "--relations", str(rels), *OPTIONS, "--out", str(tmp_path)])
    assert result.exit_code == 2
    said = "--date-means start (when each relation began) or --date-means event (a date it held), or TYPE=start|event"
    assert result.output == f"Error: {rels}: say what the dates of column 'Year' mean: {said}\n"


@pytest.mark.parametrize(
    ("option", "message"),
    [(["--map-value", "type:ally=alied-with"], "--map-value 'type:ally=alied-with': 'alied-with' is not a type - "
                                               "did you mean 'allied-with' or 'affiliated-with'?"),
     (["--map-value", "type=allied-with"], "--map-value 'type=allied-with': write FIELD:VALUE=TARGET, like "
                                           "type:all=allied-with"),
     (["--date-means", "splinter=event"], "--date-means 'splinter=event': write start, event, or TYPE=start|event "
                                          "- did you mean 'splinter-of'?"),
     (["--mapping", "no-such-map"], "--mapping no mapping file 'no-such-map' - give a TOML file, or one shipped: "
                                    "mapping-militants")],
)  # fmt: skip
def test_bad_mapping_options_are_usage_errors(tmp_path: Path, option: list[str], message: str) -> None:
    rels = write_csv(tmp_path / "r.csv", "from,type,to", "iran,backs,badr")
    result = CliRunner().invoke(cli, ["import", "csv", "--relations", str(rels), *option, "--out", str(tmp_path)])
    assert (result.exit_code, result.output) == (2, f"Error: {message}\n")


def test_a_mapping_file_says_what_the_command_line_would(tmp_path: Path) -> None:
    mapping = tmp_path / "alliances.toml"
    mapping.write_text('[columns]\n"Group A" = "from"\n"Group B" = "to"\nRelationship = "type"\nYear = "date"\n'
                       '[values.type]\nally = "allied-with"\nenemy = "fights"\n[dates]\nmeans = "event"\n'
                       '[actors]\nnew = "militia"\n', encoding="utf-8")  # fmt: skip
    rels = write_csv(tmp_path / "alliances.csv", *ALLIANCES)
    result = import_csv(None, rels, None, EMPTY, mapping=read_mapping(mapping))
    assert [(r.type, str(r.since), str(r.until)) for r in result.relations] == [
        ("allied-with", "2014", "2014"), ("fights", "2015-03", "2015-03"), ("fights", "None", "None")
    ]  # fmt: skip
    assert {a.kind for a in result.actors} == {"militia"}
    mapping.write_text('[dates]\nmeens = "event"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"alliances.toml: unknown key dates.meens - did you mean 'means'\?"):
        read_mapping(mapping)


def test_rows_the_validator_would_refuse_are_refused_at_import(tmp_path: Path) -> None:
    rels = write_csv(tmp_path / "r.csv", "from,type,to,since,until", "iran,member-of,badr,,",
                     "iran,backs,badr,2016,2014", "iran,backs,iran,,", "iran,backs,badr,2012,")  # fmt: skip
    with pytest.raises(DataError) as info:
        import_csv(None, rels, None, load_dataset())
    assert [(p.line, p.code) for p in info.value.problems] == [(2, "wrong-endpoint"), (3, "date-order"),
                                                                (4, "self-relation")]  # fmt: skip
    result = import_csv(None, rels, None, load_dataset(), on_error="skip")
    assert [r.key for r in result.relations] == ["iran/backs/badr@2012"]
    assert result.skipped_rows == 3


def test_text_is_read_as_written_bom_line_breaks_and_cp1252(tmp_path: Path) -> None:
    rels = tmp_path / "r.csv"
    rels.write_bytes(b'\xef\xbb\xbffrom,type,to,quote,cite\r\niran,backs,badr,"Iran arms\r\nBadr",Notes\r\n'
                     b'iran,backs,hezbollah,"Iran\x92s help",Notes\r\n')  # fmt: skip
    result = import_csv(None, rels, None, load_dataset())
    assert [c.quote for r in result.relations for c in r.evidence] == ["Iran arms\r\nBadr", "Iran\u2019s help"]
    assert [(n.line, n.code) for n in result.notes] == [(4, "not-utf8")]
