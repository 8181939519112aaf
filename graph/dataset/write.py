"""The one YAML writer: records back into the dataset format that `graph.dataset.read` reads.

Each record is written with only what is not a default (no ``id`` when the key is the one the
reader would make, no ``support_scope: supporter``, no empty list), so a dataset read and written
again is the same data, and an import writes the same bytes for the same input. The importers
and the synthetic datasets of the tests write through here; a relation's fields come from the
one serialisation, `graph.records.relation_record`.

>>> from graph.model import Citation, PartialDate, Relation
>>> rel = Relation("iran/backs/badr@2014", "iran", "backs", "badr", since=PartialDate(2014),
...                evidence=[Citation("report", quote="Iran armed Badr")])
>>> print(dataset_yaml(relations=[rel]), end="")
relations:
- from: iran
  type: backs
  to: badr
  since: '2014'
  confidence: medium
  evidence:
  - source: report
    quote: Iran armed Badr
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from graph.dataset.build import relation_key
from graph.model import Actor, Place, Relation, Source
from graph.records import project, relation_record

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
WIDTH = 100  # the longest line PyYAML folds plain text to

# The YAML fields of a relation, in the order written; ``id`` only when the key is not the default.
RELATION_YAML = ("from", "type", "to", "since", "until", "ended", "support", "support_by_year", "flags",
                 "support_scope", "reaches_members", "count", "weight", "confidence", "note")  # fmt: skip


def _given(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """The fields given: not empty, not false (a count or weight of 0 is given)."""
    return {k: v for k, v in pairs if v or (k in _NUMBERS and v is not None)}


_NUMBERS = frozenset({"count", "weight"})


def actor_yaml(actor: Actor) -> dict[str, Any]:
    optional = (("aliases", actor.aliases), ("country", actor.country), ("wikidata", actor.wikidata),
                ("external_ids", {k: str(v) for k, v in actor.external_ids.items()}),
                ("description", actor.description))  # fmt: skip
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, **_given(optional)}


def place_yaml(place: Place) -> dict[str, Any]:
    optional = (("in", place.within), ("aliases", place.aliases), ("country", place.country),
                ("wikidata", place.wikidata), ("description", place.description))  # fmt: skip
    return {"id": place.id, "name": place.name, "kind": place.kind, **_given(optional)}


def source_yaml(source: Source) -> dict[str, Any]:
    optional = (("publisher", source.publisher), ("published", str(source.published) if source.published else None),
                ("observed_until", str(source.observed_until) if source.observed_until else None),
                ("url", source.url), ("file", source.file), ("description", source.description))  # fmt: skip
    return {"id": source.id, "title": source.title, **_given(optional)}


def relation_yaml(rel: Relation) -> dict[str, Any]:
    """The relation record without its defaults and derived fields (`ended` only without `until`)."""
    record = relation_record(rel)
    if record["until"] is not None:
        record["ended"] = False
    if record["support_scope"] == "supporter":
        record["support_scope"] = None
    written = {"id": rel.key} if rel.key != relation_key(rel.source, rel.type, rel.target, rel.since) else {}
    written.update(_given(project(record, RELATION_YAML).items()))
    return {**written, "evidence": record["evidence"]}


def dataset_yaml(
    *,
    sources: Iterable[Source] = (),
    actors: Iterable[Actor] = (),
    places: Iterable[Place] = (),
    relations: Iterable[Relation] = (),
    header: str | None = None,
) -> str:
    """One YAML document of the records given (empty sections left out), every string typed as
    text, under ``header`` as ``#`` comment lines."""
    document = {
        "sources": [source_yaml(s) for s in sources],
        "actors": [actor_yaml(a) for a in actors],
        "places": [place_yaml(p) for p in places],
        "relations": [relation_yaml(r) for r in relations],
    }
    document = {k: v for k, v in document.items() if v}
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=WIDTH)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in (header or "").splitlines())
    return comment + str(body)
