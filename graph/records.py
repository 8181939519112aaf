"""The one serialisation of a relation: every field as plain data (text, numbers, booleans, lists).

`relation_record` is the only place a `Relation` becomes a dict. Every other shape of a relation
is a view of this record, picked (`project`) or flattened, never written out field by field again:

- the CLI's JSON (`graph.report.shapes.relation_data`: the fields the README documents),
- the CSV of an answer (`graph.report.formats.csv`: the same fields, lists and evidence joined),
- the exports (`graph.export`: with year numbers), the YAML an import writes
  (`graph.dataset.write`: only what is not a default),
- the Neo4j properties (`graph.neo4j.props`: evidence as three parallel lists, date bounds),
- the HTML page's details panel (`graph.html.pagedata`: with each cited source's title and link).

>>> from graph.model import Citation, PartialDate, Relation
>>> rel = Relation("iran/backs/badr", "iran", "backs", "badr", since=PartialDate(2014), support=["weapons"],
...                evidence=[Citation("report", quote="Iran armed Badr")])
>>> record = relation_record(rel)
>>> record["since"], record["status"], record["sign"], record["evidence"]
('2014', 'ongoing', 1, [{'source': 'report', 'quote': 'Iran armed Badr'}])
>>> project(record, ("from", "type", "to"))
{'from': 'iran', 'type': 'backs', 'to': 'badr'}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.claims import ASSERT
from graph.model import Citation, PartialDate, Relation
from graph.vocabulary import RELATION_TYPES

# The fields of a relation record, in order. ``directed`` and ``sign`` come from the vocabulary,
# ``status`` ("ongoing" | "ended") and ``ended_before`` (for ``ended`` without ``until``: the
# publication of the source that says so) from the dates, ``state`` and ``independent_sources`` from
# the evidence (`graph.claims`); the rest are the YAML's own fields.
RELATION_FIELDS = ("key", "from", "type", "to", "directed", "sign", "since", "until", "ended", "ended_before",
                   "status", "support", "support_by_year", "flags", "support_scope", "reaches_members",
                   "count", "weight", "confidence", "state", "independent_sources", "note", "evidence")  # fmt: skip
CITATION_FIELDS = ("source", "quote", "record", "attests", "stance")  # a citation keeps only the ones it has


def by_year_text(by_year: dict[int, list[str]]) -> list[str]:
    """``["2014: training, intelligence", ...]``: the YAML's own form of ``support_by_year``."""
    return [f"{year}: {', '.join(types)}" for year, types in sorted(by_year.items())]


def date_text(date: PartialDate | None) -> str | None:
    """``"2016-03"`` for a partial date, None for none."""
    return None if date is None else str(date)


def citation_record(cite: Citation) -> dict[str, str]:
    """``{"source": ..., "quote": ...}`` or ``{"source": ..., "record": ...}``: the parts it has
    (``attests`` when given, ``stance`` when not ``assert``)."""
    record = {"source": cite.source}
    if cite.quote is not None:
        record["quote"] = cite.quote
    if cite.record is not None:
        record["record"] = cite.record
    if cite.attests is not None:
        record["attests"] = str(cite.attests)
    if cite.stance != ASSERT:  # the default is not written: the evidence of asserted relations stays as it was
        record["stance"] = cite.stance
    return record


def relation_record(rel: Relation) -> dict[str, Any]:
    """Every field of ``rel`` as plain data, keys in `RELATION_FIELDS` order (None where not given)."""
    vocab = RELATION_TYPES[rel.type]
    return {
        "key": rel.key, "from": rel.source, "type": rel.type, "to": rel.target,
        "directed": vocab.directed, "sign": vocab.sign,
        "since": date_text(rel.since), "until": date_text(rel.until), "ended": rel.ended,
        "ended_before": date_text(rel.ended_before), "status": "ongoing" if rel.is_ongoing else "ended",
        "support": list(rel.support), "support_by_year": by_year_text(rel.support_by_year), "flags": list(rel.flags),
        "support_scope": rel.support_scope,
        "reaches_members": rel.reaches_members, "count": rel.count, "weight": rel.weight,
        "confidence": rel.confidence, "state": rel.state, "independent_sources": rel.vouched.independent,
        "note": rel.note, "evidence": [citation_record(c) for c in rel.evidence],
    }  # fmt: skip


def project(record: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The ``fields`` of ``record``, in the order given: a view of the one record."""
    return {k: record[k] for k in fields}
