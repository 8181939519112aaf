"""The fast block-YAML reader gives exactly what the full reader gives, lines included, or declines."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.dataset import bundled_path
from graph.dataset.fastyaml import read_block_yaml
from graph.dataset.write import dataset_yaml
from graph.dataset.yamlio import Mapping, Sequence, read_yaml
from graph.importers.common import import_header, yaml_text
from graph.importers.csv_table import import_csv
from graph.model import Citation, Dataset, PartialDate, Relation
from tests.data_support import write_csv
from tests.synthetic import generate, write_dataset

BROKEN = Path(__file__).parent / "data" / "broken"


def full(text: str) -> tuple[Any, list[str]]:
    problems: list[Any] = []
    document = read_yaml(text, "f.yaml", problems)
    return document, [p.code for p in problems]


def same(fast: Any, slow: Any, where: str = "") -> None:
    """Equal values of equal types, and equal lines on every mapping and sequence."""
    assert type(fast) is type(slow), f"{where}: {fast!r} != {slow!r}"
    if isinstance(slow, Mapping):
        assert (fast.line, fast.key_lines) == (slow.line, slow.key_lines), where
        assert list(fast) == list(slow), where
        for key in slow:
            same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, Sequence):
        assert (fast.line, fast.item_lines) == (slow.line, slow.item_lines), where
        assert len(fast) == len(slow), where
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            same(a, b, f"{where}[{index}]")
    else:
        assert fast == slow, where


def check_agrees(text: str) -> bool:
    """Whether the fast reader took the text; when it did, it agrees with the full reader."""
    fast = read_block_yaml(text)
    if fast is None:
        return False
    slow, problems = full(text)
    assert problems == [], text
    same(fast, slow, repr(text))
    return True


ACCEPTED = [
    "a: 2024-13-45\n",  # a timestamp the calendar lacks stays the text written
    "relations:\n- id: r1\n  from: a\n  since: '2012'\n  evidence:\n  - source: s\n    quote: It's \"so\".\n",
    "actors:\n  - id: norway\n    country: NO\n    aliases: [yes, off, On, n]\n    kind: state\n",
    "a: 2012\nb: 2016-12\nc: 2024-12-01\nd: 012\ne: 0x1F\nf: 1_000\ng: 1:20\nh: 1.5\ni: .inf\nj: -3\n",
    "a: ~\nb: null\nc: NULL\nd:\ne: true\nf: False\ng: 'true'\nh: \"null\"\ni: \"\"\nj: ''\n",
    "a: 1e3\nb: 1.0e+3\nc: 2001-12-14t21:59:43.10-05:00\nd: 2001-12-14 21:59:43.10\n",
    "# comment\n\na: x  # trailing comment\nb: see #3 and http://x.org/a:b\n   \n# more\nc: 'it''s'  \n",
    "a:\n  b:\n    c: [x, y z, 3]\n  d: []\ne:\n- 1\n-   2\n- -3\n- x\n",
    "- a\n- b: 1\n  c: 2\n-   d: 3\n    e:\n    - f\n",
    "seq:\n- x\nnext: y\nmap:\n    deep:\n        deeper: z\nlast: w\n",
    "a: caf\u00e9 \u201cquoted\u201d \u00e9t\u00e9\nb: \u00e9\n",
    "key: value with trailing spaces   \nk2: [a,b , c ]\n",
    "id:\n- id\n- a: b\n- to:\n",  # a word that is also a key is still a scalar item
    "a: |\n  block\n",  # block scalars, every chomping
    "a: >-\n  one\n  two\n\n  three\n    indented\n  four\nb: |-\n  x\n\n  y\nc: >+\n  k\n\n\nd: >\n  z\n",
    "- >-\n  folded in a list\n  item\n- |\n   lit # not a comment\n# comment\n",
    "a: first line\n  continued\n\n  after a blank\nb: x\n",  # multi-line plain scalars
    "- one\n  two\n- k: three\n    four\n",
    'a: "escaped \\" quote \\\\ \\n \\u00e9 \\x41 \\/"\n',  # double quotes with escapes
    "a: \"folded\n  over  \n\n  lines \\\n  joined\\ \n  end\"\nb: 'single\n  it''s\n  folded'  # c\n",
    "a: {b: 1, c: 'x y', d: \"4456\"}  # comment\ne: [Hay'at Tahrir, 'q', \"w\"]\nf: {}\n",
]

DECLINED = [
    "a: 1\na: 2\n",  # duplicate key
    "a: &x [1, 2]\nb: *x\n",  # anchor and alias
    "a: !!python/object/apply:os.system ['echo']\n",  # tag
    "a: [1, 2\nb: 3\n",  # syntax error
    "a: b: c\n",  # a second key on a line
    "a: 'unclosed\n",
    "a: |2\n   indentation indicator\n",
    "a: {b: {c: 1}}\n",
    "a: [b, [c]]\n",
    "a: first\n  # comment\n  continued\n",
    "  a: indented root\n",
    "---\na: 1\n",
    "a: 1\n b: 2\n",  # odd indentation
    "a:\n    - x\n  - y\n",
    "a:\tx\n",
    "a: x\r\nb: y\r\n",
    "true: x\n",  # a key that is not text
    "2024: x\n",
    "<<: x\n",
    "a: =\n",
    "",
    "# only a comment\n",
    "just a scalar\n",
    "a: x\n---\nb: y\n",
    "- a\nb: c\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted_text_reads_as_the_full_reader_reads_it(text: str) -> None:
    assert check_agrees(text)


@pytest.mark.parametrize("text", DECLINED)
def test_anything_else_is_left_to_the_full_reader(text: str) -> None:
    assert read_block_yaml(text) is None


def test_values_keep_yaml_1_2_booleans_and_dates() -> None:
    doc = read_block_yaml("a: NO\nb: 2024-12-02\nc: 2012\nd: '2012'\n")
    assert doc == {"a": "NO", "b": dt.date(2024, 12, 2), "c": 2012, "d": "2012"}


@pytest.mark.parametrize("folder", [bundled_path(), BROKEN], ids=["bundled", "broken"])
def test_dataset_files_agree(folder: Path) -> None:
    for path in sorted(folder.glob("*.yaml")):
        check_agrees(path.read_text(encoding="utf-8"))


def test_synthetic_dataset_takes_the_fast_path(tmp_path: Path) -> None:
    folder = write_dataset(generate(n_actors=40, n_relations=300, seed=3), tmp_path)
    for path in sorted(folder.glob("*.yaml")):
        assert check_agrees(path.read_text(encoding="utf-8")), path.name


WORDS = ["a", "id", "Iran", "NO", "yes", "null", "~", "true", "2012", "2016-12", "2024-12-01", "012", "1e3",
         "1.5", "-3", "0x1F", "1:20", "x y", "x: y", "x #y", "'q'", "'it''s'", '"d"', '"e\\"', "[a, b]", "[]",
         "{a: 1}", "&x", "*x", "!t", "|", ">-", "=", "<<", "- z", "#c", "é", ""]  # fmt: skip
KEYS = ["id", "from", "to", "a", "b", "since", "evidence", "true", "2024", "x y", "id"]


def _random_block(rng: random.Random, indent: int, depth: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if rng.random() < 0.5 or depth > 2:
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(KEYS)
            if rng.random() < 0.3 and depth < 3:
                lines.append(f"{pad}{key}:")
                lines += _random_block(rng, indent + rng.choice([0, 2, 4]), depth + 1)
            else:
                lines.append(f"{pad}{key}: {rng.choice(WORDS)}")
    else:
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.4:
                inner = _random_block(rng, indent + 2, depth + 1)
                lines.append(f"{pad}- {inner[0].lstrip(' ')}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {rng.choice(WORDS)}")
    if rng.random() < 0.1:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(["", "# note", "   ", " " * indent + "  extra"]))
    return lines


@pytest.mark.parametrize("seed", range(40))
def test_random_documents_agree_or_are_declined(seed: int) -> None:
    rng = random.Random(seed)
    taken = 0
    for _ in range(50):
        text = "\n".join(_random_block(rng, 0, 0)) + "\n"
        taken += check_agrees(text)
    assert taken > 0, "the fast reader should take some of these documents"


SAMPLE = (
    "relations:\n  - from: iran\n    type: backs\n    to: badr\n    since: 2012\n    support: [weapons]\n"
    "    evidence:\n      - source: report\n        quote: 'Iran''s \"aid\"'\n  - id: r2\n    from: x\n"
    "    until: '2016-12'\n    note: see #4 # c\n    evidence:\n    - {source: s, record: 7}\n"
)
MUTATIONS = [" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", '"', "\n", "[", "]", ",", "&a ", "*a", "!", "0", "~"]


@pytest.mark.parametrize("seed", range(40))
def test_mutated_documents_agree_or_are_declined(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        text = SAMPLE
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            cut = rng.choice([0, 0, 1, 2])
            text = text[:at] + rng.choice(MUTATIONS) + text[at + cut :]
        check_agrees(text)


# --- the files people and importers write take the fast path --------------------------------------

NOTE = 'The report says "Iran\'s aid" reached them: a long note that the writer wraps over lines, ' * 3


def test_bundled_files_take_the_fast_path() -> None:
    for path in sorted(bundled_path().glob("*.yaml")):  # ucdp-esd.yaml is the ESD importer's output
        assert check_agrees(path.read_text(encoding="utf-8")), path.name


def test_csv_importer_output_takes_the_fast_path(tmp_path: Path) -> None:
    actors = write_csv(tmp_path / "a.csv", "Name,Kind,Alias", '"  Free  Army ",Rebel Group,"FSA; Free Syrian Army"',
                       "Damascus regime,government,")  # fmt: skip
    rels = write_csv(tmp_path / "r.csv", "Source,Target,Relation,Start,Support,quote",
                     f'FSA,damascus-regime,fights,2013-5,,"{NOTE.replace(chr(34), chr(34) * 2)}"')  # fmt: skip
    result = import_csv(actors, rels, None, Dataset("empty", "empty"))
    text = yaml_text(result, import_header("csv", "--relations", "r.csv"))
    assert "\n      " in text  # the quote is wrapped over lines
    assert check_agrees(text)


def test_wrapped_and_folded_notes_take_the_fast_path() -> None:
    evidence = [Citation("report", quote=NOTE), Citation("report", quote="tab\tand \\ é \u2028")]
    rel = Relation("a/backs/b@2014", "a", "backs", "b", since=PartialDate(2014), note=NOTE + "\n\nSecond paragraph.",
                   evidence=evidence)  # fmt: skip
    text = dataset_yaml(relations=[rel])
    assert "\n    " in text  # wrapped over lines
    assert check_agrees(text)


# --- generated documents: the fast reader declines or agrees ------------------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["", " ", "x: y", "a #b", "'", '"', "\\", "2012", "2016-12", "null", "NO", "yes", "1.5", "-3", "- x", "# c",
     "a\nb", "a\n\nb\n", " lead", "trail ", "it's \"so\"", NOTE, NOTE + "\n", "\n\nx\n\n"]
)  # fmt: skip
_SCALAR = _TEXT | st.integers(-(10**6), 10**6) | st.booleans() | st.none() | st.dates()
_KEY = st.sampled_from(["id", "from", "to", "note", "quote", "since", "evidence", "a_b", "x-y"])
_RECORD = st.dictionaries(_KEY, _SCALAR | st.lists(_SCALAR, max_size=3), max_size=5)
_DOC = st.dictionaries(st.sampled_from(["actors", "relations", "sources"]),
                       st.lists(st.dictionaries(_KEY, _SCALAR | st.lists(_RECORD | _SCALAR, max_size=3), max_size=5),
                                max_size=3), min_size=1)  # fmt: skip
_STYLE = st.fixed_dictionaries({"default_style": st.sampled_from([None, None, "'", '"', "|", ">"]),
                                "default_flow_style": st.sampled_from([False, None]),
                                "width": st.sampled_from([20, 40, 80, 100]), "indent": st.sampled_from([2, 4]),
                                "allow_unicode": st.booleans()})  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_DOC, style=_STYLE, comments=st.lists(st.tuples(st.integers(0, 200), st.sampled_from(
    ["", "   ", "# c", "  # indented comment", "#"])), max_size=3))  # fmt: skip
def test_generated_documents_agree_or_are_declined(doc: Any, style: Any, comments: list[tuple[int, str]]) -> None:
    text = yaml.safe_dump(doc, sort_keys=False, **style)
    lines = text.split("\n")
    for at, extra in comments:
        lines.insert(at % len(lines), extra)
    check_agrees("\n".join(lines))


def test_plain_block_documents_mostly_take_the_fast_path() -> None:
    """The generator reaches the fast path: not a property test of declines only."""
    rng = random.Random(7)
    texts = [yaml.safe_dump({"relations": [{"note": NOTE[: rng.randint(1, len(NOTE))], "to": "x"}]}, width=rng.choice(
        [30, 100])) for _ in range(50)]  # fmt: skip
    assert sum(check_agrees(t) for t in texts) == 50


# --- fuzz: real files mutated at random bytes and lines ------------------------------------------

_PIECES = [" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", "''", '"', "\\", "\n", "\n\n", "[", "]", "{", "}", ",",
           ">-", "|", "&a ", "*a", "!", "0", "~", "\\n", "\\u00e9", "é"]  # fmt: skip


def test_mutated_real_files_agree_or_are_declined() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(bundled_path().glob("*.yaml"))]
    texts = [t if len(t) < 20_000 else t[:20_000].rsplit("\n- ", 1)[0] + "\n" for t in texts]
    texts.append(dataset_yaml(relations=[Relation("a/backs/b@2014", "a", "backs", "b", note=NOTE,
                                                  evidence=[Citation("r", quote=NOTE)])]))  # fmt: skip
    rng = random.Random(14)
    for _ in range(3000):
        text = rng.choice(texts)
        lines = text.split("\n")
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(lines))
            if rng.random() < 0.3:  # a whole line moved, doubled, dropped or re-indented
                line = lines.pop(at)
                lines.insert(rng.randrange(len(lines) + 1), rng.choice([line, line + "\n" + line, "", " " + line]))
            else:
                line = lines[at]
                col = rng.randrange(len(line) + 1)
                lines[at] = line[:col] + rng.choice(_PIECES) + line[col + rng.choice([0, 0, 1, 2]) :]
        check_agrees("\n".join(lines))
