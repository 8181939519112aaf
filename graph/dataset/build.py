"""Build model objects from the records of a dataset file, reporting what is wrong with each.

`graph.dataset.read` finds the files and their sections; a `Builder` takes each record (a
YAML mapping with its lines), checks its fields against `graph.dataset.schema`, and adds the
`Actor`, `Place`, `Source` or `Relation` it describes to the `Dataset`, with every problem
found appended to ``problems``. A record that cannot be used is left out; one with problems
that leave it usable is kept, so that the checks across records (`graph.dataset.checks`) see it.

>>> from graph.dataset.yamlio import read_yaml
>>> from graph.model import Dataset
>>> problems = []
>>> builder = Builder(Dataset("x", "x"), problems)
>>> doc = read_yaml("relations:\\n- {from: iran, type: backs, to: badr, since: 2014}\\n", "x.yaml", problems)
>>> builder.add("relations", doc["relations"][0], "x.yaml", Path("x.yaml"), 2)
>>> [r.key for r in builder.dataset.relations], [p.code for p in problems]
(['iran/backs/badr@2014'], ['missing-field'])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.claims import ASSERT
from graph.dataset.schema import CITATION_FIELDS, RECORD_FIELDS, REQUIRED, TEXT, key_line
from graph.dataset.yamlio import REJECTED, Mapping
from graph.errors import Problem
from graph.model import Actor, Citation, Dataset, Origin, PartialDate, Place, Relation, Source
from graph.text import did_you_mean
from graph.vocabulary import RELATION_FLAGS, RELATION_TYPES, STANCES, SUPPORT_SCOPES


class Builder:
    """Adds the records of one dataset's files to ``dataset``, appending problems to ``problems``."""

    def __init__(self, dataset: Dataset, problems: list[Problem]) -> None:
        self.dataset = dataset
        self.problems = problems
        self.files: dict[str, Origin] = {}  # id -> where it is declared
        self.dates: dict[tuple[type, Any], PartialDate] = {}  # (type, YAML value) -> the date it gives

    def report(self, name: str, line: int, code: str, message: str, hint: str) -> None:
        self.problems.append(Problem(name, line, code, message, hint))

    def add(self, section: str, record: Any, name: str, path: Path, line: int) -> None:
        """Add the record at ``line`` of the file ``path`` (called ``name`` in problems) to its section."""
        if record is REJECTED:
            return
        if not isinstance(record, Mapping):
            self.report(
                name,
                line,
                "wrong-type",
                f"each item of {section} must be a mapping",
                "write key: value pairs under the '-'",
            )
            return
        if not (_clean(section, record) or self.check_fields(section, record, name)):
            return
        origin = Origin(name, record.line)
        if section == "relations":
            self.dataset.relations.append(self.relation(record, name, origin))
            return
        node_id = record["id"]
        if node_id in self.files:
            self.report(
                name,
                key_line(record, "id"),
                "duplicate-id",
                f"id {node_id!r} is used twice",
                f"first at {self.files[node_id]}; ids are unique across the dataset",
            )
            return
        self.files[node_id] = origin
        if section == "actors":
            self.dataset.actors[node_id] = Actor(
                id=node_id,
                name=record["name"],
                kind=record["kind"],
                aliases=list(record.get("aliases") or []),
                country=record.get("country"),
                wikidata=record.get("wikidata"),
                description=record.get("description"),
                external_ids=dict(record.get("external_ids") or {}),
                origin=origin,
            )
        elif section == "places":
            self.dataset.places[node_id] = Place(
                id=node_id,
                name=record["name"],
                kind=record["kind"],
                within=record.get("in"),
                aliases=list(record.get("aliases") or []),
                country=record.get("country"),
                wikidata=record.get("wikidata"),
                description=record.get("description"),
                origin=origin,
            )
        else:
            self.dataset.sources[node_id] = Source(
                id=node_id,
                title=record["title"],
                publisher=record.get("publisher"),
                published=self.date(record, "published", name),
                observed_until=self.date(record, "observed_until", name),
                url=record.get("url"),
                file=record.get("file"),
                description=record.get("description"),
                origin=origin,
                text_path=str(path.parent / record["file"]) if record.get("file") else None,
            )

    def check_fields(self, section: str, record: Mapping, name: str) -> bool:
        """Check field names, types and presence; False when the record cannot be used."""
        fields = RECORD_FIELDS[section]
        usable = True
        for key, value in record.items():
            line = key_line(record, key)
            if key not in fields:
                hint = did_you_mean(key, fields) or f"fields of {section}: {', '.join(fields)}"
                self.report(name, line, "unknown-field", f"unknown field {key!r}", hint)
            elif value is REJECTED:
                usable = usable and key not in REQUIRED[section]
            elif value is not None and not fields[key].accepts(value):
                self.report(
                    name,
                    line,
                    "wrong-type",
                    f"{key} must be {fields[key].name}, not {type(value).__name__} {value!r}",
                    fields[key].hint,
                )
                usable = usable and key not in REQUIRED[section]
                record[key] = REJECTED
        for key in REQUIRED[section]:
            if record.get(key) is REJECTED:
                continue
            if record.get(key) in (None, "", []) and key in record.key_lines and key != "evidence":
                self.report(
                    name, key_line(record, key), "missing-field", f"{key} is empty", f"give the {key} of this record"
                )
                usable = False
            elif key not in record:
                what = "cite at least one source" if key == "evidence" else f"add {key}: to this record"
                self.report(name, record.line, "missing-field", f"{section[:-1]} has no {key!r}", what)
                usable = usable and key == "evidence"
        for key in [k for k, v in record.items() if v is REJECTED]:
            record[key] = None  # reported already; read on as if absent
        return usable

    def date(self, record: Mapping, key: str, name: str) -> PartialDate | None:
        value = record.get(key)
        if value is None:
            return None
        found = self.dates.get((type(value), value))  # a few thousand dates stand in 100,000 records
        if found is not None:
            return found
        try:
            found = self.dates[type(value), value] = PartialDate.parse(value)
            return found
        except ValueError as exc:
            self.report(name, key_line(record, key), "bad-date", f"{key}: {exc}", "write 2011, 2016-12 or 2024-12-01")
            return None

    def relation(self, record: Mapping, name: str, origin: Origin) -> Relation:
        since, until = self.date(record, "since", name), self.date(record, "until", name)
        rtype = record["type"]
        key = record.get("id") or relation_key(record["from"], rtype, record["to"], since)
        return Relation(
            key=key,
            source=record["from"],
            type=rtype,
            target=record["to"],
            since=since,
            until=until,
            ended=bool(record.get("ended")) or until is not None,
            support=list(record.get("support") or []),
            support_by_year=self.by_year(record, name),
            flags=self.qualifiers(record, name),
            support_scope=record.get("support_scope") or "supporter",
            reaches_members=self.reaches_members(record, name),
            count=record.get("count"),
            weight=None if record.get("weight") is None else float(record["weight"]),
            confidence=record.get("confidence") or "medium",
            note=record.get("note"),
            evidence=self.citations(record, name),
            origin=origin,
        )

    def by_year(self, record: Mapping, name: str) -> dict[int, list[str]]:
        """``support_by_year: ["2014: training, intelligence", ...]`` -> {2014: [...]}; each type
        must be one of the relation's ``support``."""
        found: dict[int, list[str]] = {}
        given = set(record.get("support") or [])
        for item in record.get("support_by_year") or []:
            year, _, types = str(item).partition(":")
            kinds = [t.strip() for t in types.split(",") if t.strip()]
            if not year.strip().isdigit() or not _ or not set(kinds) <= given:
                hint = 'write "2015: troops, weapons", each type one of the relation\'s support'
                self.report(name, key_line(record, "support_by_year"), "bad-support-by-year",
                            f"support_by_year: {item!r}", hint)  # fmt: skip
                continue
            found[int(year)] = kinds
        return found

    def reaches_members(self, record: Mapping, name: str) -> bool:
        """``reaches_members`` of a relation, refused (with a problem) on any type but ``backs``."""
        if not record.get("reaches_members"):
            return False
        if record["type"] != "backs":
            message = f"reaches_members does not apply to {record['type']}"
            hint = "only a backs relation into a coalition says whether it reaches each member"
            self.report(name, key_line(record, "reaches_members"), "reaches-members-not-allowed", message, hint)
            return False
        return True

    def qualifiers(self, record: Mapping, name: str) -> list[str]:
        """The `flags` of a relation, after checking them and `support_scope` against the vocabulary."""
        if not record.get("flags") and not record.get("support_scope"):
            return []
        flags = list(record.get("flags") or [])
        vocab = RELATION_TYPES.get(record["type"])
        for key in ("flags", "support_scope"):
            if record.get(key) and vocab is not None and not vocab.has_support:
                message = f"{key} does not apply to {vocab.name}"
                hint = "only backs relations carry support types and flags"
                self.report(name, key_line(record, key), "support-not-allowed", message, hint)
        scope = record.get("support_scope")
        wanted = [(f, "flags", RELATION_FLAGS) for f in flags]
        wanted += [(scope, "support_scope", SUPPORT_SCOPES)] if scope else []
        for value, key, allowed in wanted:
            if value not in allowed:
                hint = did_you_mean(value, allowed) or f"{key}: {', '.join(allowed)}"
                message = f"unknown {key} value {value!r}"
                self.report(name, key_line(record, key), "unknown-value", message, hint)
        return flags

    def citations(self, record: Mapping, name: str) -> list[Citation]:
        items = record.get("evidence") or []
        result = []
        lines = getattr(items, "item_lines", None) or [key_line(record, "evidence")] * len(items)
        for item, line in zip(items, lines, strict=True):
            if not isinstance(item, Mapping):
                hint = 'write {source: <id>, quote: "<words of the source>"}'
                self.report(name, line, "wrong-type", "a citation is a mapping", hint)
            elif _clean_citation(item) or self.check_citation(item, name):
                record_id = item.get("record")
                record_id = None if record_id is None else str(record_id)
                attests = self.date(item, "attests", name) if item.get("attests") is not None else None
                result.append(Citation(item["source"], item.get("quote"), record_id, Origin(name, line), attests,
                                       self.stance(item, name)))  # fmt: skip
        return result

    def stance(self, item: Mapping, name: str) -> str:
        """A citation's ``stance`` (`STANCES`; ``assert`` when not given, or after a problem when unknown)."""
        stance = item.get("stance")
        if stance is None:
            return ASSERT
        if stance not in STANCES:
            hint = did_you_mean(stance, STANCES) or f"stance: {', '.join(STANCES)} (assert when not given)"
            self.report(name, key_line(item, "stance"), "unknown-value", f"unknown stance {stance!r}", hint)
            return ASSERT
        return str(stance)

    def check_citation(self, item: Mapping, name: str) -> bool:
        ok = True
        for key, value in item.items():
            line = key_line(item, key)
            if key not in CITATION_FIELDS:
                hint = did_you_mean(key, CITATION_FIELDS) or "a citation has source, quote or record, note, attests"
                self.report(name, line, "unknown-field", f"unknown field {key!r}", hint)
            elif value is not None and not CITATION_FIELDS[key].accepts(value):
                self.report(name, line, "wrong-type", f"{key} must be text", CITATION_FIELDS[key].hint)
                ok = False
        if not item.get("source"):
            self.report(
                name, item.line, "missing-field", "citation has no 'source'", "name the id of the source it cites"
            )
            ok = False
        elif not item.get("quote") and not item.get("record"):
            self.report(
                name,
                item.line,
                "missing-field",
                "citation has neither quote nor record",
                "add quote: (words of a text source) or record: (a dataset row id)",
            )
            ok = False
        return ok


def _clean(section: str, record: Mapping) -> bool:
    """Whether `Builder.check_fields` would find nothing to say: the common case, checked quickly."""
    fields = RECORD_FIELDS[section]
    for key, value in record.items():
        field = fields.get(key)
        if field is None:
            return False
        if value is None or (field is TEXT and type(value) is str):
            continue
        if value is REJECTED or not field.accepts(value):
            return False
    for key in REQUIRED[section]:
        value = record.get(key)
        if value is None or value == "" or value == []:
            return False
    return True


def _clean_citation(item: Mapping) -> bool:
    """Whether `Builder.check_citation` would find nothing to say."""
    for key, value in item.items():
        field = CITATION_FIELDS.get(key)
        if field is None or (
            value is not None and not (field is TEXT and type(value) is str) and not field.accepts(value)
        ):
            return False
    return bool(item.get("source")) and bool(item.get("quote") or item.get("record"))


def relation_key(source: str, rtype: str, target: str, since: PartialDate | None) -> str:
    """The stable identity of a relation with no `id`: ``iran/backs/badr`` (``@2012`` when dated).

    Symmetric relations sort their ends, so ``a fights b`` and ``b fights a`` are one relation.

    >>> relation_key("syrian-rebels", "fights", "assad-government", PartialDate(2012))
    'assad-government/fights/syrian-rebels@2012'
    """
    vocab = RELATION_TYPES.get(rtype)
    if vocab is not None and not vocab.directed and target < source:
        source, target = target, source
    key = f"{source}/{rtype}/{target}"
    return f"{key}@{since}" if since else key
