"""The fast block-YAML reader gives exactly what the full reader gives, lines included, or declines."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from graph.dataset import bundled_path
from graph.dataset.fastyaml import read_block_yaml
from graph.dataset.yamlio import Mapping, Sequence, read_yaml
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
]

DECLINED = [
    "a: 1\na: 2\n",  # duplicate key
    "a: &x [1, 2]\nb: *x\n",  # anchor and alias
    "a: !!python/object/apply:os.system ['echo']\n",  # tag
    "a: [1, 2\nb: 3\n",  # syntax error
    "a: b: c\n",  # a second key on a line
    "a: |\n  block\n",  # block scalar
    "a: first line\n  continued\n",  # multi-line plain scalar
    'a: "escaped \\" quote"\n',
    "a: {b: 1}\n",  # flow mapping
    "a: 'unclosed\n",
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
