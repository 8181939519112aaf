"""A dataset as rows for Neo4j, and relations rebuilt from Neo4j properties (no neo4j import here).

`graph.neo4j.store` sends these rows with batched ``UNWIND``; the graph model they make is described
in `graph.neo4j.store`. Every row carries a ``digest`` of its content, so a load can tell what is new,
what changed and what is already there without comparing property by property.

>>> from graph.dataset import load_dataset
>>> rows = relation_rows(load_dataset(), "syria")
>>> row = next(r for r in rows["BACKS"] if r["key"] == "iran/backs/assad-government")
>>> row["props"]["support"], row["props"]["confidence_level"]
(['political'], 3)
>>> relation_from_props(row["source"], row["target"], row["props"]).support
['political']
"""

from __future__ import annotations

import functools
import hashlib
import io
import operator
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from graph.claims import ASSERT
from graph.model import Actor, Citation, Dataset, PartialDate, Place, Relation, Source
from graph.records import project, relation_record
from graph.vocabulary import ACTOR_KINDS, CONFIDENCE_LEVELS, PLACE_KINDS, RELATION_TYPES

Row = dict[str, Any]


def digest(content: Mapping[str, Any]) -> str:
    """A short stable fingerprint of a row's content (plain values: text, numbers, lists, dates)."""
    text = repr(sorted(content.items()))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _row(node_id: str, props: dict[str, Any], **extra: Any) -> Row:
    # No null and no empty list, as for relationships (`relation_props`): neo4j-admin import can
    # write neither, and a load and an import write the same graph (`graph.neo4j.bulk`).
    props = {k: v for k, v in props.items() if v is not None and v != []}
    return {"id": node_id, "props": props, "digest": digest({**props, **extra}), **extra}


def actor_props(a: Actor) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases), "country": a.country,
        "wikidata": a.wikidata, "description": a.description,
        "relays_support": ACTOR_KINDS[a.kind].relays_support,
    }  # fmt: skip
    for scheme, value in sorted(a.external_ids.items()):
        props[f"{scheme}_id"] = str(value)
    return props


def place_props(p: Place) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "kind": p.kind, "aliases": list(p.aliases), "country": p.country,
        "wikidata": p.wikidata, "description": p.description, "within": p.within,
    }  # fmt: skip


def source_props(s: Source) -> dict[str, Any]:
    return {
        "id": s.id, "title": s.title, "publisher": s.publisher, "url": s.url, "file": s.file,
        "description": s.description, "published": str(s.published) if s.published else None,
        "published_date": s.published.first if s.published else None,
        "observed_until": str(s.observed_until) if s.observed_until else None,
    }  # fmt: skip


def node_rows(dataset: Dataset) -> dict[str, list[Row]]:
    """Rows by node label: ``Actor``, ``Place`` and ``Source``; each row has ``id``, ``props``,
    ``digest`` and ``label`` (the kind label, for actors and places) or ``within`` (places)."""
    actors = [_row(a.id, actor_props(a), label=ACTOR_KINDS[a.kind].label) for a in dataset.actors.values()]
    places = [
        _row(p.id, place_props(p), label=PLACE_KINDS[p.kind].label, within=p.within) for p in dataset.places.values()
    ]
    sources = [_row(s.id, source_props(s)) for s in dataset.sources.values()]
    return {"Actor": actors, "Place": places, "Source": sources}


# Every relationship property, in the order a load writes them (`graph.neo4j.plan` names each
# in a static ``CREATE``). The date ones (`relation_bounds`) travel as ISO text and become Neo4j
# dates in the query.
REL_DATES = ("valid_from", "valid_to", "known_from", "known_to")
REL_PROPS = ("key", "type", "dataset", "seq", "since", "until", *REL_DATES, "ended", "ended_before", "status",
             "attested", "observed_until", "support", "support_by_year", "flags", "support_scope", "reaches_members",
             "count", "weight", "confidence", "confidence_level", "note", "evidence_sources", "evidence_quotes",
             "evidence_records", "evidence_attests", "evidence_stances", "state", "independent_sources")  # fmt: skip


def relation_bounds(rel: Relation) -> dict[str, str]:
    """The days ``rel`` may hold, by the one date rule (`graph.model.Relation.period`), as
    ``valid_from``/``valid_to`` (ISO text here, Neo4j dates once loaded); an unknown start is
    0001-01-01 and an open end 9999-12-31, so neither is ever null and Cypher compares them as
    they are (``r.valid_from <= $last AND $first <= r.valid_to``) without deriving the rule again.

    ``known_from``/``known_to``: the days it is known to hold (`graph.model.Relation.known`),
    absent when no day is.

    >>> relation_bounds(Relation("k", "a", "backs", "b", since=PartialDate(2012, 2)))
    {'valid_from': '2012-02-01', 'valid_to': '9999-12-31', 'known_from': '2012-02-01', 'known_to': '9999-12-31'}
    """
    first, last = rel.period
    bounds = {"valid_from": first.isoformat(), "valid_to": last.isoformat()}
    if (known := rel.known) is not None:
        bounds |= {"known_from": known[0].isoformat(), "known_to": known[1].isoformat()}
    return bounds


# The properties that are the record's own fields (`graph.records.relation_record`), as they are.
FROM_RECORD = ("key", "type", "since", "until", "ended", "ended_before", "status", "support", "support_by_year",
               "flags", "support_scope", "reaches_members", "count", "weight", "confidence", "state",
               "independent_sources", "note")  # fmt: skip


def relation_props(rel: Relation, dataset_name: str, seq: int) -> dict[str, Any]:
    """Every field of a relation as Neo4j properties (keys from `REL_PROPS`, but the stored
    bounds of `relation_bounds` that `relation_rows` adds): a flattening of the one record
    (`graph.records.relation_record`), dates as text, citations as three parallel lists ("" for
    none), with the dataset, the load order and the confidence as a number. Neo4j stores no null,
    and here no empty list either: a missing field, an empty list, and a quote or record list with
    no entry are absent (``coalesce(r.flags, [])`` in Cypher); this keeps a large load within the
    server's memory."""
    record = relation_record(rel)
    evidence = record["evidence"]
    props: dict[str, Any] = {
        **project(record, FROM_RECORD), "dataset": dataset_name, "seq": seq,
        "confidence_level": CONFIDENCE_LEVELS.get(rel.confidence, 0),
        "evidence_sources": [c["source"] for c in evidence],
        "evidence_quotes": [c.get("quote", "") for c in evidence],
        "evidence_records": [c.get("record", "") for c in evidence],
        "evidence_attests": [c.get("attests", "") for c in evidence],
        # each citation's stance (what they add up to, the record's state, is what Cypher filters on)
        "evidence_stances": [c.stance for c in rel.evidence],
        "attested": str(rel.attested) if rel.attested else None,
        "observed_until": str(rel.observed_until) if rel.observed_until else None,
    }  # fmt: skip
    return {k: v for k, v in props.items() if v is not None and v != [] and not (k in _BLANKABLE and not any(v))}


_BLANKABLE = frozenset({"evidence_quotes", "evidence_records", "evidence_attests"})  # absent when every entry is ""


def relation_rows(dataset: Dataset, dataset_name: str, part: slice = slice(None)) -> dict[str, list[Row]]:
    """Rows by Neo4j relationship type: ``key``, ``source``, ``target``, ``props`` (`relation_props`
    and the stored bounds of `relation_bounds`), ``digest``, and ``ends``: the node classes of the
    two endpoints (``("Actor", "Place")`` ...). Of the relations in ``part`` (a slice, no step)."""
    rows: dict[str, list[Row]] = {}
    places = dataset.places
    for seq, rel in enumerate(dataset.relations[part], start=part.indices(len(dataset.relations))[0]):
        props = {**relation_props(rel, dataset_name, seq), **relation_bounds(rel)}
        row = {"key": rel.key, "source": rel.source, "target": rel.target, "props": props}
        row["digest"] = digest({**props, "source": rel.source, "target": rel.target})
        row["ends"] = ("Place" if rel.source in places else "Actor", "Place" if rel.target in places else "Actor")
        rows.setdefault(RELATION_TYPES[rel.type].neo4j_type, []).append(row)
    return rows


def _date(value: Any) -> PartialDate | None:
    return PartialDate.parse(str(value)) if value else None


def relation_from_props(source: str, target: str, props: Mapping[str, Any]) -> Relation:
    """The `Relation` a relationship was loaded from (its ``origin`` aside)."""
    sources = props.get("evidence_sources") or []
    blank = [""] * len(sources)
    stances = [*(props.get("evidence_stances") or [])[: len(sources)], *[ASSERT] * len(sources)][: len(sources)]
    cites = zip(sources, props.get("evidence_quotes") or blank, props.get("evidence_records") or blank,
                props.get("evidence_attests") or blank, stances, strict=True)  # fmt: skip
    return Relation(
        key=props["key"], source=source, type=props["type"], target=target,
        since=_date(props.get("since")), until=_date(props.get("until")), ended=bool(props.get("ended")),
        ended_before=_date(props.get("ended_before")), support=list(props.get("support") or []),
        support_by_year={int(y): [t for t in ts.split(", ") if t] for y, _, ts in
                         (item.partition(": ") for item in props.get("support_by_year") or [])},
        flags=list(props.get("flags") or []), support_scope=props.get("support_scope", "supporter"),
        reaches_members=bool(props.get("reaches_members")), count=props.get("count"), weight=props.get("weight"),
        confidence=props.get("confidence", "medium"), note=props.get("note"),
        evidence=[Citation(s, q or None, r or None, attests=_date(a or None), stance=t) for s, q, r, a, t in cites],
        attested=_date(props.get("attested")), observed_until=_date(props.get("observed_until")),
    )  # fmt: skip


# What a relation's rows are made of: every field but ``claims`` (derived from the evidence and
# the sources, both fingerprinted) and ``origin`` (where the YAML says it; not loaded).
_REL_FIELDS = ("key", "source", "type", "target", "since", "until", "ended", "ended_before", "attested",
               "observed_until", "support", "support_by_year", "flags", "support_scope", "reaches_members",
               "count", "weight", "confidence", "note", "evidence")  # fmt: skip


def dataset_fingerprint(dataset: Dataset, name: str) -> str:
    """One fingerprint of everything a load of ``dataset`` as ``name`` writes, and of the code that
    makes its rows (this module and `graph.neo4j.plan`): equal fingerprints, equal graphs. Much
    cheaper than the rows (no record is built): a reload with nothing changed compares only this.
    A field missed here would make a changed dataset look unchanged, so every field of `Relation`
    is named (a test checks it); an origin (file:line) that moved only makes a load compare rows.

    >>> from graph.dataset import load_dataset
    >>> dataset_fingerprint(load_dataset(), "syria") == dataset_fingerprint(load_dataset(), "syria")
    True
    >>> dataset_fingerprint(load_dataset(), "syria") == dataset_fingerprint(load_dataset(), "other")
    False
    """
    fields = operator.attrgetter(*_REL_FIELDS)
    content = (_code_digest(), name, dataset.actors, dataset.places, dataset.sources,
               [fields(r) for r in dataset.relations])  # fmt: skip
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.dispatch_table = _BY_FIELDS
    pickler.dump(content)
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16).hexdigest()


# A date and a citation by their fields: not a date's cached first and last day (there once read),
# nor a citation's origin.
_BY_FIELDS: dict[type, Callable[[Any], tuple[Any, ...]]] = {
    PartialDate: lambda d: (PartialDate, (d.year, d.month, d.day)),
    Citation: lambda c: (Citation, (c.source, c.quote, c.record, None, c.attests, c.stance)),
}


@functools.cache
def _code_digest() -> str:
    """The text of the modules that turn a dataset into rows and queries: a changed loader reloads."""
    here = Path(__file__).parent
    return digest({p: (here / p).read_text(encoding="utf-8") for p in ("props.py", "plan.py")})
