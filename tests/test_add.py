"""`proxygraph add` and `proxygraph source add` on a copy of the bundled data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.dataset import read_dataset
from graph.dataset.read import bundled_path

REPORT = "report-2024-12-02"
QUOTE = "the regional militia groups Tehran backs"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(bundled_path(), tmp_path / "syria"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def errors(folder: Path) -> list[str]:
    return [str(p) for p in read_dataset(folder)[1] if p.severity == "error"]


def test_acceptance_appends_the_relation_and_changes_nothing_else(data: Path) -> None:
    before = (data / "relations.yaml").read_bytes()
    code, out = run("add", "iran", "backs", "badr", "--source", REPORT, "--quote", QUOTE, "--data", str(data))
    assert code == 0, out
    assert "added relation iran/backs/badr to" in out and "relations.yaml:" in out
    after = (data / "relations.yaml").read_bytes()
    first, last = (int(n) for n in out.split("relations.yaml:")[1].split()[0].split("-"))
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert new[: first - 1] + new[last:] == old  # byte for byte outside the added lines
    assert b"".join(new[first - 1 : last]).decode() == (
        "  - from: iran\n    type: backs\n    to: badr\n    evidence:\n"
        f"      - source: {REPORT}\n        quote: {QUOTE}\n"
    )
    assert errors(data) == []
    relation = next(r for r in read_dataset(data)[0].relations if r.key == "iran/backs/badr")
    assert [c.quote for c in relation.evidence] == [QUOTE]
    assert not [p for p in data.rglob("*") if p.name.endswith(".tmp")]


def test_citation_goes_to_the_existing_relation_and_twice_writes_nothing(data: Path) -> None:
    quote = "Iran's constellation of allied regional militia groups"
    before = (data / "relations.yaml").read_bytes()
    code, out = run("add", "Iran", "backs", "iraqi-militias", "--source", REPORT, "--quote", quote, "--data", str(data))
    assert code == 0, out
    assert "added a citation to iran/backs/iraqi-militias" in out
    after = (data / "relations.yaml").read_bytes()
    added = f"      - source: {REPORT}\n        quote: {quote}\n".encode()
    assert after.replace(added, b"", 1) == before
    assert after.index(added) < after.index(b"to: iran-allied-militias")  # inside the relation it cites
    assert errors(data) == []
    relation = next(r for r in read_dataset(data)[0].relations if r.key == "iran/backs/iraqi-militias")
    assert relation.evidence[-1].quote == quote
    code, out = run("add", "iran", "backs", "iraqi-militias", "--source", REPORT, "--quote", quote, "--data", str(data))
    assert code == 0 and "nothing written" in out
    assert (data / "relations.yaml").read_bytes() == after


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["iran", "backs", "badr", "--quote", "the regional militias Tehran backs"], 1,
         "the closest passage: 'the regional militia groups Tehran backs'"),
        (["irn", "backs", "badr", "--quote", QUOTE], 2, "did you mean 'iran'?"),
        (["iran", "bakcs", "badr", "--quote", QUOTE], 1, "did you mean 'backs'?"),
        (["iran", "backs", "badr", "--quote", QUOTE, "--since", "2024-13"], 1, "bad-date"),
        (["iran", "backs", "badr", "--quote", QUOTE, "--stance", "alledge"], 1, "did you mean 'allege'?"),
    ],
)  # fmt: skip
def test_refused_with_a_hint_and_nothing_written(data: Path, args: list[str], code: int, said: str) -> None:
    before = snapshot(data)
    exit_code, out = run("add", *args, "--source", REPORT, "--data", str(data))
    assert exit_code == code, out
    assert said in out
    assert "Traceback" not in out
    assert snapshot(data) == before
    if code == 1:  # refused data: the last line says nothing was written (not "run validate")
        assert out.rstrip().endswith("nothing was written: fix the command (or the dataset) and run it again")


def test_a_bad_quote_for_an_existing_relation_is_said_where_it_would_go(data: Path) -> None:
    args = ["--source", REPORT, "--data", str(data)]
    assert run("add", "iran", "backs", "badr", "--quote", QUOTE, *args)[0] == 0
    before = snapshot(data)
    code, out = run("add", "iran", "backs", "badr", "--quote", "Tehran backs the militias", *args)
    assert code == 1 and "the closest passage: " in out
    line = int(out.split("relations.yaml:")[1].split(":")[0])
    lines = (data / "relations.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[line - 2] == f"        quote: {QUOTE}"  # the line where the citation would go, in iran/backs/badr
    assert snapshot(data) == before


def test_dry_run_writes_nothing(data: Path) -> None:
    before = snapshot(data)
    code, out = run(
        "add", "iran", "backs", "badr", "--source", REPORT, "--quote", QUOTE, "--dry-run", "--data", str(data)
    )
    assert code == 0 and "would be added relation iran/backs/badr" in out
    assert snapshot(data) == before


def test_source_add_then_add_cites_the_new_text(data: Path, tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Moscow said its aircraft struck rebel positions near Idlib.\n", encoding="utf-8")
    before = (data / "sources.yaml").read_bytes()
    code, out = run("source", "add", "note-2024", "--title", "A note", "--published", "2024-12-03",
                    "--file", str(text), "--data", str(data))  # fmt: skip
    assert code == 0, out
    assert (data / "texts" / "note.txt").read_bytes() == text.read_bytes()
    after = (data / "sources.yaml").read_bytes()
    assert after.startswith(before.rstrip(b"\n"))
    assert b"file: texts/note.txt" in after
    assert errors(data) == []
    code, out = run("add", "russia", "fights", "syrian-rebels", "--source", "note-2024",
                    "--quote", "its aircraft struck rebel positions", "--data", str(data))  # fmt: skip
    assert code == 0, out
    assert errors(data) == []


def test_source_add_never_overwrites_another_text(data: Path, tmp_path: Path) -> None:
    text = tmp_path / "syria-militias-2024-12-02.txt"
    text.write_text("another text\n", encoding="utf-8")
    before = snapshot(data)
    code, out = run("source", "add", "x-2024", "--title", "X", "--file", str(text), "--data", str(data))
    assert code == 2 and "holds another text" in out
    assert snapshot(data) == before


def test_source_add_refused_record_leaves_no_text(data: Path, tmp_path: Path) -> None:
    text = tmp_path / "new.txt"
    text.write_text("words\n", encoding="utf-8")
    before = snapshot(data)
    code, out = run(
        "source", "add", "y-2024", "--title", "X", "--published", "2024-13", "--file", str(text), "--data", str(data)
    )
    assert code == 1 and "bad-date" in out, out
    assert snapshot(data) == before


FLOW = """\
sources:
  - id: report
    title: A report
    file: report.txt
  - id: wire
    title: A wire story
    file: wire.txt
actors:
  - {id: alpha, name: Alpha, kind: state}
  - {id: beta, name: Beta, kind: militia}
  - {id: gamma, name: Gamma, kind: militia}
relations:
  - from: alpha
    type: backs
    to: beta
    evidence: [{source: report, quote: "Alpha backs Beta [in the north] # not a comment"}]  # one line
  - from: alpha
    type: backs
    to: gamma
    evidence: [
      {source: report, quote: 'Alpha''s aid to Gamma'},  # a comment with a ] in it
      # a comment line
    ]
  - from: beta
    type: fights
    to: gamma
    evidence: [{source: report, quote: Beta fights Gamma},]
"""


@pytest.mark.parametrize(
    ("args", "added_after"),
    [
        (["alpha", "backs", "beta"], '# not a comment"}'),
        (["alpha", "backs", "gamma"], "Gamma'},"),
        (["beta", "fights", "gamma"], "Gamma},"),
    ],
)
def test_a_citation_goes_into_flow_list_evidence(tmp_path: Path, args: list[str], added_after: str) -> None:
    folder = tmp_path / "flow"
    folder.mkdir()
    (folder / "data.yaml").write_text(FLOW, encoding="utf-8")
    (folder / "report.txt").write_text(
        "Alpha backs Beta [in the north] # not a comment. Alpha's aid to Gamma. Beta fights Gamma.", encoding="utf-8"
    )
    (folder / "wire.txt").write_text('The wire says: "Beta, {armed}, fights" on.', encoding="utf-8")
    quote = '"Beta, {armed}, fights"'  # quotes, commas and braces: a flow scalar must be quoted
    code, out = run("add", *args, "--source", "wire", "--quote", quote, "--stance", "allege", "--data", str(folder))
    assert code == 0, out
    after = (folder / "data.yaml").read_text(encoding="utf-8")
    inserted = '{source: "wire", quote: "\\"Beta, {armed}, fights\\"", stance: "allege"}'
    lead = " " if added_after.endswith(",") else ", "
    at = FLOW.index(added_after, FLOW.index(f"to: {args[2]}")) + len(added_after)
    assert after == FLOW[:at] + lead + inserted + FLOW[at:]  # nothing else changed
    relation = next(r for r in read_dataset(folder)[0].relations if (r.source, r.type, r.target) == tuple(args))
    assert (relation.evidence[-1].source, relation.evidence[-1].quote) == ("wire", quote)
    assert relation.evidence[-1].stance == "allege" and len(relation.evidence) == 2
    assert errors(folder) == []
