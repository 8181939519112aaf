"""A dataset as rows for Neo4j, and relations rebuilt from Neo4j properties (no neo4j import here).

`graph.store` sends these rows with batched ``UNWIND``; the graph model they make is described
in `graph.store`. Every row carries a ``digest`` of its content, so a load can tell what is new,
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

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from graph.model import (
    ACTOR_KINDS,
    CONFIDENCE_LEVELS,
    PLACE_KINDS,
    RELATION_TYPES,
    Actor,
    Citation,
    Dataset,
    PartialDate,
    Place,
    Relation,
    Source,
)

Row = dict[str, Any]


def digest(content: Mapping[str, Any]) -> str:
    """A short stable fingerprint of a row's content."""
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _row(node_id: str, props: dict[str, Any], **extra: Any) -> Row:
    props = {k: v for k, v in props.items() if v is not None}
    return {"id": node_id, "props": props, "digest": digest({**props, **extra}), **extra}


def actor_props(a: Actor) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases), "country": a.country,
        "wikidata": a.wikidata, "description": a.description,
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


def relation_props(rel: Relation, dataset_name: str, seq: int) -> dict[str, Any]:
    """Every field of a relation as Neo4j properties: dates both as text and as Neo4j dates
    (``since_start``/``since_end``, ``until_start``/``until_end``, ``ended_before_date``: the
    first and last day of each partial date), citations as three parallel lists ("" for none)."""
    since, until, before = rel.since, rel.until, rel.ended_before
    props: dict[str, Any] = {
        "key": rel.key, "type": rel.type, "dataset": dataset_name, "seq": seq,
        "since": str(since) if since else None, "until": str(until) if until else None,
        "since_start": since.first if since else None, "since_end": since.last if since else None,
        "until_start": until.first if until else None, "until_end": until.last if until else None,
        "ended": rel.ended, "ended_before": str(before) if before else None,
        "ended_before_date": before.first if before else None,
        "status": "ongoing" if rel.is_ongoing else "ended",
        "support": list(rel.support), "flags": list(rel.flags), "support_scope": rel.support_scope,
        "confidence": rel.confidence, "confidence_level": CONFIDENCE_LEVELS.get(rel.confidence, 0),
        "note": rel.note,
        "evidence_sources": [c.source for c in rel.evidence],
        "evidence_quotes": [c.quote or "" for c in rel.evidence],
        "evidence_records": [c.record or "" for c in rel.evidence],
    }  # fmt: skip
    return {k: v for k, v in props.items() if v is not None}


def relation_rows(dataset: Dataset, dataset_name: str) -> dict[str, list[Row]]:
    """Rows by Neo4j relationship type: ``key``, ``source``, ``target``, ``props``, ``digest``."""
    rows: dict[str, list[Row]] = {}
    for seq, rel in enumerate(dataset.relations):
        props = relation_props(rel, dataset_name, seq)
        row = {"key": rel.key, "source": rel.source, "target": rel.target, "props": props}
        row["digest"] = digest({**props, "source": rel.source, "target": rel.target})
        rows.setdefault(RELATION_TYPES[rel.type].neo4j_type, []).append(row)
    return rows


def _date(value: Any) -> PartialDate | None:
    return PartialDate.parse(str(value)) if value else None


def relation_from_props(source: str, target: str, props: Mapping[str, Any]) -> Relation:
    """The `Relation` a relationship was loaded from (its ``origin`` aside)."""
    cites = zip(props.get("evidence_sources") or [], props.get("evidence_quotes") or [],
                props.get("evidence_records") or [], strict=True)  # fmt: skip
    return Relation(
        key=props["key"], source=source, type=props["type"], target=target,
        since=_date(props.get("since")), until=_date(props.get("until")), ended=bool(props.get("ended")),
        ended_before=_date(props.get("ended_before")), support=list(props.get("support") or []),
        flags=list(props.get("flags") or []), support_scope=props.get("support_scope", "supporter"),
        confidence=props.get("confidence", "medium"), note=props.get("note"),
        evidence=[Citation(s, q or None, r or None) for s, q, r in cites],
    )  # fmt: skip
