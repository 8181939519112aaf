"""Add one fact to a dataset's YAML without touching the rest of the file.

`add_relation` appends a relation (or a citation to the relation already there: the same
``relation_key`` validate calls a duplicate), `add_source` registers a source and its text.
Each builds the new lines as text and inserts them at one place, so that comments, order and
formatting outside the added lines stay byte for byte; then it reads the whole dataset with the
change in memory (`read_dataset` with ``texts``) and refuses with every problem before writing
anything. The file is replaced atomically (`graph.files`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from graph.claims import ASSERT
from graph.dataset.read import bundled_path, dataset_files, read_dataset
from graph.errors import DataError, Problem, UsageError, WriteError
from graph.files import ensure_folder, write_text_atomic
from graph.model import Actor, Citation, Dataset, Origin, Place, Relation
from graph.text import closest_passage, did_you_mean, name_index, normalise_text, suggest

REFUSED = "nothing was written: fix the command (or the dataset) and run it again"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Written:
    """What a command added: the file, its first and last added line (1-based), and those lines."""

    file: Path
    first: int
    last: int
    block: str
    what: str  # "relation", "citation", "source", or "nothing" when it was there already
    key: str = ""

    def __str__(self) -> str:
        if self.what == "nothing":
            return f"already there: {self.key} cites it ({self.file}:{self.first}); nothing written"
        return f"added {self.what} {self.key} to {self.file}:{self.first}-{self.last}\n{self.block}"


def _scalar(value: str) -> str:
    """``value`` as one YAML scalar: plain when YAML reads it back as the same text, else quoted."""
    dumped = yaml.safe_dump(value, width=1_000_000, allow_unicode=True, default_style=None)
    return dumped.removesuffix("\n").removesuffix("\n...").removesuffix("\n")


def _date(value: str) -> str:
    return value if _DATE.match(value) else _scalar(value)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _section(lines: list[str], name: str) -> tuple[int, int, int] | None:
    """(key line index, index after the last content line of the section, item indent), or None."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{name}:\s*(#.*)?$", line)), None)
    if start is None:
        return None
    end, indent = start + 1, None
    for i in range(start + 1, len(lines)):
        if not _content(lines[i]):
            continue
        if _indent(lines[i]) == 0 and not lines[i].startswith("-"):
            break
        if indent is None and lines[i].lstrip().startswith("-"):
            indent = _indent(lines[i])
        end = i + 1
    return start, end, 2 if indent is None else indent


def _block_end(lines: list[str], start: int) -> int:
    """Index after the last content line of the list item starting at ``start``."""
    indent, end = _indent(lines[start]), start + 1
    for i in range(start + 1, len(lines)):
        if _content(lines[i]) and _indent(lines[i]) <= indent:
            break
        if _content(lines[i]):
            end = i + 1
    return end


def _insert(text: str, index: int, block: list[str]) -> str:
    lines = _lines(text)
    if index > 0 and not lines[index - 1].endswith("\n"):
        lines[index - 1] += "\n"
    return "".join(lines[:index] + block + lines[index:])


def _root(data: str | os.PathLike[str] | None) -> Path:
    return Path(data) if data is not None else bundled_path()


def _read_clean(root: Path) -> Dataset:
    dataset, problems = read_dataset(root)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)  # fix the dataset first: a change is checked against a valid one
    return dataset


def _display(root: Path, file: Path) -> str:
    return str(file) if root.is_file() else os.path.join(str(root), str(file.relative_to(root)))


def _check(
    root: Path, file: Path, text: str, ignore: Sequence[str] = (), quote: tuple[str, str] | None = None
) -> tuple[Dataset, list[Problem]]:
    """Read the dataset with ``text`` in place of ``file``; raise with every error but those in ``ignore``.

    ``quote`` (source id, quote) is the added citation's: when its quote is not found, the hint
    shows the passage of the source's text closest to it (validate does not: it stays light)."""
    dataset, problems = read_dataset(root, {file: text})
    _refuse(dataset, problems, ignore, quote)
    return dataset, problems


def _refuse(dataset: Dataset, problems: list[Problem], ignore: Sequence[str], quote: tuple[str, str] | None) -> None:
    errors = [p for p in problems if p.severity == "error" and p.code not in ignore]
    if errors:
        raise DataError([_closest(dataset, p, quote) for p in errors], advice=REFUSED)


def _closest(dataset: Dataset, problem: Problem, quote: tuple[str, str] | None) -> Problem:
    source = dataset.sources.get(quote[0]) if quote else None
    if quote is None or problem.code != "quote-not-found" or source is None or source.text_path is None:
        return problem
    passage = closest_passage(quote[1], Path(source.text_path).read_text(encoding="utf-8"))
    return replace(problem, hint=f"{problem.hint}; the closest passage: {passage!r}") if passage else problem


def node_id(dataset: Dataset, text: str) -> str:
    """The id of the actor or place named ``text`` (id, name or alias, any case); `UsageError` with
    the closest names when none is."""
    nodes: list[Actor | Place] = [*dataset.actors.values(), *dataset.places.values()]
    names = name_index((n.id, (n.name, *n.aliases)) for n in nodes)
    found = names.get(text.strip().casefold())
    if found is not None:
        return found
    close = sorted({names[c] for c in suggest(text.strip().casefold(), names)})
    hint = f" - did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise UsageError(f"unknown actor {text!r}{hint}", argument="name")


def _relation_file(root: Path, dataset: Dataset, source: str) -> Path:
    """The file holding ``relations:`` with the most relations of ``source`` (the first on a tie)."""
    files = [f for f in dataset_files(root) if _section(_lines(f.read_text(encoding="utf-8")), "relations")]
    if not files:
        files = [f for f in dataset_files(root) if f.name.startswith("relations")] or dataset_files(root)[:1]
        if not files:
            raise UsageError(f"{root} holds no YAML file to add to", argument="data")
    counts = {_display(root, f): 0 for f in files}
    for rel in dataset.relations:
        if rel.source == source and rel.origin and rel.origin.file in counts:
            counts[rel.origin.file] += 1
    best = max(counts.values())
    return next(f for f in files if counts[_display(root, f)] == best)


def _append_to_section(text: str, section: str, item: list[str]) -> tuple[str, int]:
    """``text`` with ``item`` (lines at indent 0) appended to ``section`` (made when missing); its first index."""
    lines = _lines(text)
    found = _section(lines, section)
    if found is None:
        lead = [] if not lines or lines[-1].strip() == "" else ["\n"]
        block = [*lead, f"{section}:\n", *("  " + line for line in item)]
        return _insert(text, len(lines), block), len(lines) + len(lead) + 1
    _, end, indent = found
    return _insert(text, end, [" " * indent + line for line in item]), end


def _citation_lines(source_id: str, quote: str, stance: str | None) -> list[str]:
    lines = [f"- source: {_scalar(source_id)}\n", f"  quote: {_scalar(quote)}\n"]
    return lines + ([f"  stance: {_scalar(stance)}\n"] if stance else [])


def add_relation(
    source: str,
    rtype: str,
    target: str,
    *,
    cite: str,
    quote: str,
    since: str | None = None,
    until: str | None = None,
    support: Sequence[str] = (),
    stance: str | None = None,
    data: str | os.PathLike[str] | None = None,
    dry_run: bool = False,
) -> Written:
    """Add ``source rtype target`` cited by ``cite`` with ``quote``, or the citation to the same relation.

    Raises
    ------
    UsageError
        An unknown actor (with did-you-mean), or a relation whose evidence cannot be appended to.
    DataError
        Every problem the change would bring (unknown type, bad date, a quote not in the text ...).
    """
    root = _root(data)
    dataset = _read_clean(root)
    source_id, target_id = node_id(dataset, source), node_id(dataset, target)
    citation = _citation_lines(cite, quote, stance)
    item = [f"- from: {source_id}\n", f"  type: {_scalar(rtype)}\n", f"  to: {target_id}\n"]
    item += [f"  since: {_date(since)}\n"] if since else []
    item += [f"  until: {_date(until)}\n"] if until else []
    item += [f"  support: [{', '.join(_scalar(s) for s in support)}]\n"] if support else []
    item += ["  evidence:\n", *("    " + line for line in citation)]
    file = _relation_file(root, dataset, source_id)
    old = file.read_text(encoding="utf-8")
    new, first = _append_to_section(old, "relations", item)
    checked, problems = read_dataset(root, {file: new})
    name = _display(root, file)
    added = next((r for r in checked.relations if r.origin == Origin(name, first + 1)), None)
    twin = next((r for r in dataset.relations if r.key == added.key), None) if added else None
    if twin is None:  # a new relation: every problem of it, or of its citation
        _refuse(checked, problems, ("duplicate-relation",), (cite, quote))
    if added is None:  # unreachable: a relation with problems is kept (only a malformed record is not)
        raise DataError(problems)
    if twin is not None:  # the same relation is there: the citation goes to it, checked where it goes
        return _add_citation(root, twin.origin.file if twin.origin else name, twin.origin.line if twin.origin else 0,
                             added.key, cite, quote, stance, citation, dry_run)  # fmt: skip
    dups = [p for p in problems if p.code == "duplicate-relation"]
    if dups:
        raise DataError(dups, advice=REFUSED)
    return _write(file, new, first, len(item), item, "relation", added.key, dry_run)


def _add_citation(
    root: Path, name: str, line: int, key: str, cite: str, quote: str, stance: str | None,
    citation: list[str], dry_run: bool,
) -> Written:  # fmt: skip
    file = next(f for f in dataset_files(root) if _display(root, f) == name)
    dataset = read_dataset(root)[0]
    relation = next(r for r in dataset.relations if r.key == key)
    for cited in relation.evidence:
        same = cited.source == cite and cited.quote is not None and normalise_text(cited.quote) == normalise_text(quote)
        if same and (stance or "assert") == cited.stance:
            return Written(file, cited.origin.line if cited.origin else line, 0, "", "nothing", key)
    old = file.read_text(encoding="utf-8")
    lines = _lines(old)
    start, end = line - 1, _block_end(lines, line - 1)
    key_indent = _indent(lines[start]) + 2
    evidence = next((i for i in range(start, end) if re.match(r"^(\s*-)?\s*evidence:", lines[i])), None)
    if evidence is None:
        block = [" " * key_indent + "evidence:\n", *(" " * (key_indent + 2) + c for c in citation)]
        at = end
    elif not re.match(r"^(\s*-)?\s*evidence:\s*(#.*)?$", lines[evidence]):  # a flow list: [{source: ...}, ...]
        return _add_to_flow(root, file, old, lines, evidence, end, relation, (cite, quote, stance), dry_run)
    else:
        items = [i for i in range(evidence + 1, end) if _content(lines[i]) and _indent(lines[i]) > key_indent - 2]
        items = [i for i in items if _indent(lines[i]) >= key_indent] if items else []
        dash = next((_indent(lines[i]) for i in items if lines[i].lstrip().startswith("-")), key_indent + 2)
        at = max(items) + 1 if items else evidence + 1
        block = [" " * dash + c for c in citation]
    new = _insert(old, at, block)
    _check_added(root, file, new, relation, (cite, quote, stance), _display(root, file), at)
    return _write(file, new, at, len(block), block, "a citation to", key, dry_run)


def _check_added(
    root: Path, file: Path, text: str, relation: Relation, cited: tuple[str, str, str | None], name: str, at: int
) -> None:
    """Check the dataset with ``text`` (every problem, as `_check`), and that the relation now has
    exactly its citations and the added one after them: the text was changed where it had to be."""
    cite, quote, stance = cited
    dataset, _ = _check(root, file, text, quote=(cite, quote))
    after = next((r for r in dataset.relations if r.key == relation.key), None)

    def said(c: Citation) -> tuple[str, str | None, str]:
        return c.source, normalise_text(c.quote) if c.quote is not None else None, c.stance

    wanted = [*map(said, relation.evidence), (cite, normalise_text(quote), stance or ASSERT)]
    if after is None or list(map(said, after.evidence)) != wanted:
        raise UsageError(f"{name}:{at + 1}: could not add the citation to {relation.key} here; add it by hand")


def _add_to_flow(
    root: Path, file: Path, old: str, lines: list[str], evidence: int, end: int, relation: Relation,
    cited: tuple[str, str, str | None], dry_run: bool,
) -> Written:  # fmt: skip
    """Add the citation to an ``evidence:`` written as a flow list (``[{source: a, quote: "..."}]``,
    on one line or several): a flow mapping after its last item, the rest of the file as it was."""
    cite, quote, stance = cited
    name = _display(root, file)
    after_key = sum(map(len, lines[:evidence])) + lines[evidence].index("evidence:") + len("evidence:")
    opening = len(old) - len(old[after_key:].lstrip(" \t"))
    found = _flow_list(old, opening, sum(map(len, lines[:end]))) if old.startswith("[", opening) else None
    if found is None:
        raise UsageError(
            f"{name}:{evidence + 1}: the evidence of {relation.key} is not a list; add the citation by hand"
        )
    fields = [f"source: {_flow_scalar(cite)}", f"quote: {_flow_scalar(quote)}"]
    fields += [f"stance: {_flow_scalar(stance)}"] if stance else []
    at = found  # right after the last item (or the bracket), before any space, comment or line break
    lead = "" if at == opening + 1 else " " if old[at - 1] == "," else ", "  # empty, a trailing comma, items
    added = lead + "{" + ", ".join(fields) + "}"
    new = old[:at] + added + old[at:]
    index = old.count("\n", 0, at)
    _check_added(root, file, new, relation, cited, name, index)
    return _write(file, new, index, 1, [_lines(new)[index]], "a citation to", relation.key, dry_run)


def _flow_scalar(value: str) -> str:
    """``value`` as a double-quoted YAML scalar, safe inside a flow collection (commas, braces)."""
    return json.dumps(value, ensure_ascii=False)


def _flow_list(text: str, opening: int, limit: int) -> int | None:
    """For the flow list opened by the bracket at ``opening``: the index right after its last item's
    text (after the bracket itself when it is empty), quotes and comments read as YAML does; None
    when it does not close, as a list, before ``limit``."""
    depth, i, last = 0, opening, opening
    while i < limit:
        ch = text[i]
        if ch == "#" and (i == 0 or text[i - 1] in " \t\n"):  # a comment, to the end of its line
            i = text.find("\n", i)
            if i < 0:
                return None
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return last + 1 if ch == "]" else None
        elif ch == '"':
            i += 1
            while i < limit and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif ch == "'":
            i += 1
            while i < limit and (text[i] != "'" or text.startswith("''", i)):
                i += 2 if text.startswith("''", i) else 1
        if not ch.isspace():
            last = i
        i += 1
    return None


def _write(file: Path, text: str, index: int, count: int, block: list[str], what: str, key: str, dry: bool) -> Written:
    if not dry:
        write_text_atomic(file, text)
    return Written(file, index + 1, index + count, "".join(block).rstrip("\n"), what, key)


def add_source(
    source_id: str,
    *,
    title: str,
    published: str | None,
    text_file: str | os.PathLike[str],
    publisher: str | None = None,
    url: str | None = None,
    data: str | os.PathLike[str] | None = None,
    dry_run: bool = False,
) -> Written:
    """Register a source and copy its text to ``texts/`` beside the file holding ``sources:``.

    Raises
    ------
    UsageError
        The id is taken, the text cannot be read, or ``texts/NAME`` holds another text.
    DataError
        Every problem of the new record (a bad date, a bad id ...).
    """
    root = _root(data)
    dataset = _read_clean(root)
    if source_id in dataset.sources:
        hint = did_you_mean(source_id, dataset.sources)
        raise UsageError(f"source {source_id!r} is already declared ({dataset.sources[source_id].origin}) {hint}")
    given = Path(text_file)
    try:
        body = given.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--file {text_file}: cannot read it as UTF-8 text ({exc})", argument="text_file") from None
    files = dataset_files(root)
    holders = [f for f in files if _section(_lines(f.read_text(encoding="utf-8")), "sources")]
    file = (holders or [f for f in files if f.name.startswith("sources")] or files)[0]
    target = file.parent / "texts" / given.name
    copy = not (target.exists() and target.resolve() == given.resolve())
    if copy and target.exists():
        if target.read_bytes() != given.read_bytes():
            raise UsageError(
                f"{target} holds another text: rename {given.name} or give that file", argument="text_file"
            )
        copy = False
    item = [f"- id: {_scalar(source_id)}\n", f"  title: {_scalar(title)}\n"]
    item += [f"  publisher: {_scalar(publisher)}\n"] if publisher else []
    item += [f"  published: {_date(published)}\n"] if published else []
    item += [f"  url: {_scalar(url)}\n"] if url else []
    item += [f"  file: texts/{_scalar(given.name)}\n"]
    new, first = _append_to_section(file.read_text(encoding="utf-8"), "sources", item)
    if dry_run or not copy:
        _check(root, file, new, ignore=("missing-file",) if copy else ())
        return _write(file, new, first, len(item), item, "source", source_id, dry_run)
    made = not target.parent.exists()
    ensure_folder(target.parent)
    write_text_atomic(target, body)  # the text first, removed again when the record is refused
    try:
        _check(root, file, new)
        written = _write(file, new, first, len(item), item, "source", source_id, dry_run)
    except (DataError, WriteError):
        target.unlink(missing_ok=True)
        if made:
            target.parent.rmdir()
        raise
    return written
