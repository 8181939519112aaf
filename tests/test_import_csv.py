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
