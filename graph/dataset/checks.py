"""Checks across records: references, kinds, endpoints, dates, citations and quotes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from graph.claims import Claims, voice
from graph.errors import Problem
from graph.model import Actor, Dataset, Origin, PartialDate, Place, Relation
from graph.text import did_you_mean, normalise_text, quote_stands
from graph.vocabulary import ACTOR_KINDS, CONFIDENCE_LEVELS, PLACE_KINDS, RELATION_TYPES, SLUG, SUPPORT_TYPES

COUNTRY = re.compile(r"^[A-Z]{2}$")
WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


class _Checker:
    def __init__(self, dataset: Dataset, problems: list[Problem]) -> None:
        self.ds = dataset
        self.problems = problems
        self.texts: dict[str, str | None] = {}
        self.cited: set[str] = set()
        self.found: dict[tuple[str, str], bool] = {}  # (source, quote) -> whether it stands in the text

    def add(self, where: Origin | None, code: str, message: str, hint: str = "", severity: str = "error") -> None:
        file, line = (where.file, where.line) if where else (self.ds.root, 0)
        self.problems.append(Problem(file, line, code, message, hint or None, severity))


def check_dataset(dataset: Dataset, problems: list[Problem]) -> None:
    """Check everything that involves more than one record; append to ``problems``."""
    c = _Checker(dataset, problems)
    for actor in dataset.actors.values():
        _check_node(c, actor, ACTOR_KINDS)
    for place in dataset.places.values():
        _check_node(c, place, PLACE_KINDS)
        _check_parent(c, place)
    for source in dataset.sources.values():
        if source.text_path and not Path(source.text_path).is_file():
            c.add(
                source.origin,
                "missing-file",
                f"source file {source.file!r} does not exist",
                "give a path relative to the YAML file that names it",
            )
    keys: dict[str, Relation] = {}
    for relation in dataset.relations:
        _check_relation(c, relation)
        first = keys.setdefault(relation.key, relation)
        if first is not relation:
            c.add(
                relation.origin,
                "duplicate-relation",
                f"relation {relation.key!r} is given twice",
                f"first at {first.origin}; merge them, or tell them apart with since: or id:",
            )
    _warn_unused(c)
    _warn_memberless(c)


def _check_node(c: _Checker, node: Actor | Place, kinds: Mapping[str, object]) -> None:
    if not SLUG.match(node.id):
        c.add(
            node.origin,
            "bad-id",
            f"id {node.id!r} is not a lowercase slug",
            "use lowercase letters, digits and '-', like 'hayat-tahrir-al-sham'",
        )
    if node.kind not in kinds:
        hint = did_you_mean(node.kind, kinds) or f"kinds: {', '.join(kinds)}"
        c.add(node.origin, "unknown-kind", f"unknown kind {node.kind!r}", hint)
    if node.country is not None and not COUNTRY.match(node.country):
        c.add(
            node.origin,
            "bad-country",
            f"country {node.country!r} is not an ISO 3166-1 alpha-2 code",
            "two capital letters, like SY or IR",
        )
    if node.wikidata is not None and not WIKIDATA.match(node.wikidata):
        c.add(
            node.origin,
            "bad-wikidata",
            f"wikidata {node.wikidata!r} is not a Wikidata item id",
            "write it as Q followed by digits, like Q794",
        )


def _check_parent(c: _Checker, place: Place) -> None:
    seen = {place.id}
    parent = place.within
    while parent is not None:
        if parent not in c.ds.places:
            hint = did_you_mean(parent, c.ds.places) or "name the id of a place"
            c.add(place.origin, "unknown-reference", f"'in' names unknown place {parent!r}", hint)
            return
        if parent in seen:
            c.add(
                place.origin,
                "place-cycle",
                f"place {place.id!r} is inside itself through {parent!r}",
                "fix the 'in' chain",
            )
            return
        seen.add(parent)
        parent = c.ds.places[parent].within


def _check_relation(c: _Checker, rel: Relation) -> None:
    vocab = RELATION_TYPES.get(rel.type)
    if vocab is None:
        hint = did_you_mean(rel.type, RELATION_TYPES) or f"types: {', '.join(RELATION_TYPES)}"
        c.add(rel.origin, "unknown-relation-type", f"unknown relation type {rel.type!r}", hint)
    for end, node_id in (("from", rel.source), ("to", rel.target)):
        node = c.ds.actors.get(node_id) or c.ds.places.get(node_id)
        if node is None:
            names = list(c.ds.actors) + list(c.ds.places)
            hint = did_you_mean(node_id, names) or "declare it under actors: or places:"
            c.add(rel.origin, "unknown-reference", f"{end}: unknown actor or place {node_id!r}", hint)
        elif vocab is not None and not vocab.allows(end, node.kind, node.node_class):
            allowed = ", ".join(sorted(vocab.sources if end == "from" else vocab.targets))
            c.add(
                rel.origin,
                "wrong-endpoint",
                f"{rel.type} cannot {'start' if end == 'from' else 'end'} at {node.kind} {node_id!r}",
                f"allowed at '{end}': {allowed}",
            )
    if rel.source == rel.target:
        c.add(rel.origin, "self-relation", f"{rel.source!r} {rel.type} itself", "a relation joins two actors")
    if rel.since and rel.until and rel.until.last < rel.since.first:
        c.add(rel.origin, "date-order", f"until {rel.until} is before since {rel.since}", "swap or fix the dates")
    _check_support(c, rel, vocab is not None and vocab.has_support)
    if rel.confidence not in CONFIDENCE_LEVELS:
        hint = did_you_mean(rel.confidence, CONFIDENCE_LEVELS) or "use high, medium or low"
        c.add(rel.origin, "bad-confidence", f"unknown confidence {rel.confidence!r}", hint)
    if not rel.evidence:
        c.add(
            rel.origin,
            "no-evidence",
            "relation cites no source",
            'add evidence: [{source: <id>, quote: "<its exact words>"}]',
        )
    _check_evidence(c, rel)


def _check_support(c: _Checker, rel: Relation, applies: bool) -> None:
    if rel.support and not applies:
        c.add(
            rel.origin,
            "support-not-allowed",
            f"support does not apply to {rel.type}",
            "only backs relations carry support types",
        )
    for kind in rel.support:
        if kind not in SUPPORT_TYPES:
            hint = did_you_mean(kind, SUPPORT_TYPES) or f"support types: {', '.join(SUPPORT_TYPES)}"
            c.add(rel.origin, "unknown-support-type", f"unknown support type {kind!r}", hint)


def _check_evidence(c: _Checker, rel: Relation) -> None:
    published: list[PartialDate] = []
    attested: list[PartialDate] = []  # per citation: the date its quote tells of, else its source's date
    for citation in rel.evidence:
        where = citation.origin or rel.origin
        source = c.ds.sources.get(citation.source)
        if source is None:
            hint = did_you_mean(citation.source, c.ds.sources) or "declare it under sources:"
            c.add(where, "unknown-source", f"citation names unknown source {citation.source!r}", hint)
            continue
        c.cited.add(source.id)
        if source.published:
            published.append(source.published)
        if citation.attests or source.published:
            attested.append(citation.attests or source.published)  # type: ignore[arg-type]
        if citation.attests and source.published and citation.attests.first > source.published.last:
            c.add(
                where,
                "date-after-sources",
                f"attests: {citation.attests} is after its source ({source.id}, {source.published})",
                "a quote tells of what happened before it was written: check the date",
                "warning",
            )
        if citation.quote is None or source.text_path is None:
            continue
        if source.id not in c.texts:
            path = Path(source.text_path)
            c.texts[source.id] = normalise_text(path.read_text(encoding="utf-8")) if path.is_file() else None
        if not _quote_found(c, source.id, citation.quote):
            c.add(
                where,
                "quote-not-found",
                f"quote not found in the text of {source.id!r}: {citation.quote[:60]!r}",
                f"copy the words exactly from {source.file}",
            )
    if rel.ended and rel.until is None and published:
        rel.ended_before = min(published)
    rel.attested = min(attested, key=lambda d: d.first) if attested else None
    rel.claims = Claims.of((voice(cite.source, _publisher(c, cite.source)), cite.stance) for cite in rel.evidence)
    windows = [c.ds.sources[s].observed_until for s in {c.source for c in rel.evidence} if s in c.ds.sources]
    if rel.is_ongoing and windows and all(windows):
        rel.observed_until = max(w for w in windows if w is not None)
    _warn_after_sources(c, rel, published)


def _warn_after_sources(c: _Checker, rel: Relation, published: list[PartialDate]) -> None:
    """A relation dated after every source that cites it was published: no source can say so yet."""
    if not published:
        return
    latest = max(published, key=lambda d: d.last)
    for key, date in (("since", rel.since), ("until", rel.until)):
        if date is not None and date.first > latest.last:
            c.add(
                rel.origin,
                "date-after-sources",
                f"{key}: {date} is after its latest source ({latest})",
                "a source cannot report what had not happened when it was written: check the date",
                "warning",
            )


def _quote_found(c: _Checker, source_id: str, quote: str) -> bool:
    key = (source_id, quote)
    if key not in c.found:
        text = c.texts[source_id]
        c.found[key] = text is None or quote_stands(quote, text)
    return c.found[key]


def _warn_memberless(c: _Checker) -> None:
    """A backs relation that ``reaches_members`` of an actor nobody is a member of reaches no one more."""
    coalitions = {r.target for r in c.ds.relations if r.type == "member-of"}
    for rel in c.ds.relations:
        if rel.reaches_members and rel.target not in coalitions:
            message = f"{rel.key!r} reaches the members of {rel.target!r}, which has no members"
            c.add(rel.origin, "reaches-no-members", message, "link its members with member-of, or drop it", "warning")


def _warn_unused(c: _Checker) -> None:
    used = Counter(r.source for r in c.ds.relations) + Counter(r.target for r in c.ds.relations)
    used.update(p.within for p in c.ds.places.values() if p.within)
    for actor in c.ds.actors.values():
        if not used[actor.id]:
            c.add(
                actor.origin, "unused-actor", f"actor {actor.id!r} has no relation", "link it or remove it", "warning"
            )
    for source in c.ds.sources.values():
        if source.id not in c.cited:
            c.add(
                source.origin,
                "unused-source",
                f"source {source.id!r} is never cited",
                "cite it or remove it",
                "warning",
            )


def _publisher(c: _Checker, source_id: str) -> str | None:
    source = c.ds.sources.get(source_id)
    return source.publisher if source is not None else None
