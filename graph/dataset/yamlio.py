"""Read YAML safely, keeping the line of every record and key.

PyYAML's own loaders are not enough for curated data: they accept duplicate keys silently,
turn ``country: NO`` into ``False`` (YAML 1.1 booleans) and expand alias bombs. Here the C
parser (when PyYAML has it) composes a node tree with booleans limited to true/false, and a
small walk turns it into plain values, reporting duplicate keys, aliases and non-standard tags
as problems instead of data.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from graph.errors import Problem

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"
_T = "tag:yaml.org,2002:"


class _Loader(_Base):  # type: ignore[misc]
    """SafeLoader with YAML 1.2 booleans: `NO`, `yes`, `on` stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

_SCALARS = yaml.constructor.SafeConstructor()


def _timestamp(node: yaml.ScalarNode) -> Any:
    """A date or time; one the calendar lacks (``2024-02-30``) stays the text written, so a date
    field reports it as ``bad-date`` just as it does the quoted form."""
    try:
        return _SCALARS.construct_yaml_timestamp(node)
    except ValueError:
        return node.value


SCALAR_TAGS: dict[str, Any] = {
    _T + "str": lambda node: node.value,
    _T + "int": _SCALARS.construct_yaml_int,
    _T + "float": _SCALARS.construct_yaml_float,
    _T + "bool": _SCALARS.construct_yaml_bool,
    _T + "null": _SCALARS.construct_yaml_null,
    _T + "timestamp": _timestamp,
}

# The implicit resolvers of plain scalars by first character, as the loader applies them.
RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: resolvers + _Loader.yaml_implicit_resolvers.get(None, [])
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


def scalar_node(tag: str, value: str) -> yaml.ScalarNode:
    """A plain scalar node, for the constructors of `SCALAR_TAGS`."""
    return yaml.ScalarNode(tag, value)


class Mapping(dict[str, Any]):
    """A YAML mapping with the line of the mapping and of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class Sequence(list[Any]):
    """A YAML sequence with the line of the sequence and of each item (1-based)."""

    line: int
    item_lines: list[int]


def read_yaml(text: str, file: str, problems: list[Problem]) -> Any:
    """Parse one YAML document; report every problem into ``problems``.

    Returns the document as ``Mapping``/``Sequence``/scalars, or None when it cannot be read.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, file))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 1, "yaml-syntax", str(exc), "fix the YAML syntax"))
        return None
    finally:
        loader.dispose()
    if node is None:
        return None
    return _Walker(file, problems).value(node)


class Rejected:
    """Stands for a value already reported as a problem (an alias, a tag), so no more is said of it."""

    def __repr__(self) -> str:
        return "<rejected>"


REJECTED = Rejected()


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    """Report where the trouble starts (an unclosed quote) and where the parser noticed it."""
    where = exc.context_mark or exc.problem_mark
    line = where.line + 1 if where else 1
    what = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
    if exc.context_mark and exc.problem_mark and exc.problem_mark.line != exc.context_mark.line:
        what += f" (noticed at line {exc.problem_mark.line + 1})"
    return Problem(file, line, "yaml-syntax", what, "fix the YAML syntax at this line")


class _Walker:
    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.seen: set[int] = set()

    def problem(self, node: yaml.Node, code: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, code, message, hint))

    def value(self, node: yaml.Node) -> Any:
        if id(node) in self.seen:  # the same node reached twice: an alias (*name) of it
            self.problem(
                node,
                "yaml-alias",
                "this value is reused by a YAML alias (*name) elsewhere; aliases are not accepted",
                "write the value out where the alias stands",
            )
            return REJECTED
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode) and node.tag == _T + "map":
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode) and node.tag == _T + "seq":
            return self.sequence(node)
        if isinstance(node, yaml.ScalarNode) and node.tag in SCALAR_TAGS:
            try:
                return SCALAR_TAGS[node.tag](node)
            except (ValueError, yaml.YAMLError) as exc:
                self.problem(node, "wrong-type", f"cannot read {node.value!r}: {exc}", "quote it as text")
                return REJECTED
        self.problem(node, "yaml-tag", f"the tag {node.tag} is not accepted", "remove the tag; plain YAML only")
        return REJECTED

    def mapping(self, node: yaml.MappingNode) -> Mapping:
        result = Mapping()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _T + "merge":
                self.problem(key_node, "yaml-alias", "merge keys (<<) are not accepted", "write the keys out")
                continue
            key = self.value(key_node)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                self.problem(key_node, "wrong-type", f"a key must be text, not {key!r}", "use a plain word")
                continue
            key = str(key)
            if key in result.key_lines:
                first = result.key_lines[key]
                self.problems.append(
                    Problem(
                        self.file,
                        line,
                        "duplicate-key",
                        f"key {key!r} appears twice in this record",
                        f"first at line {first}; keep one",
                    )
                )
                continue
            result.key_lines[key] = line
            result[key] = self.value(value_node)
        return result

    def sequence(self, node: yaml.SequenceNode) -> Sequence:
        result = Sequence()
        result.line = node.start_mark.line + 1
        result.item_lines = []
        for item in node.value:
            result.item_lines.append(item.start_mark.line + 1)
            result.append(self.value(item))
        return result
