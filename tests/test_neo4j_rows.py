"""Rows and write queries of the Neo4j loader, without a server (`graph.neo4j.props`, `graph.neo4j.plan`)."""

from __future__ import annotations

import dataclasses

import pytest

from graph.model import Citation, Dataset, PartialDate, Place, Relation
from graph.neo4j.plan import write_rels_query
from graph.neo4j.props import (
    _REL_FIELDS,
    REL_DATES,
    REL_PROPS,
    dataset_fingerprint,
    relation_bounds,
    relation_from_props,
    relation_props,
    relation_rows,
)

FULL = Relation(
    key="k", source="iran", type="backs", target="hezbollah", since=PartialDate(2012, 2), until=PartialDate(2016),
    ended=True, ended_before=PartialDate(2017, 3, 4), support=["weapons"], support_by_year={2013: ["weapons"]},
    flags=["elements"], reaches_members=True, count=12, weight=0.5,
    support_scope="recipient-year", confidence="high", note="n",
    evidence=[Citation("s1", "a quote", None), Citation("s2", None, "row-1", attests=PartialDate(2013))],
    attested=PartialDate(2013), observed_until=PartialDate(2017),
)  # fmt: skip
BARE = Relation(key="b", source="iran", type="fights", target="isis", evidence=[Citation("s1")])


def test_every_property_of_a_full_relation_is_named_in_rel_props() -> None:
    props = {**relation_props(FULL, "ds", 7), **relation_bounds(FULL)}
    assert set(props) == set(REL_PROPS)
    assert (props["since"], props["until"], props["ended_before"]) == ("2012-02", "2016", "2017-03-04")
    assert props["evidence_quotes"] == ["a quote", ""] and props["evidence_records"] == ["", "row-1"]
    assert (props["evidence_attests"], props["attested"], props["observed_until"]) == (["", "2013"], "2013", "2017")


@pytest.mark.parametrize(
    ("relation", "bounds"),
    [(FULL, ("2012-02-01", "2016-12-31")),  # until wins over ended_before
     (BARE, ("0001-01-01", "9999-12-31")),  # unknown start, ongoing: never null
     (dataclasses.replace(BARE, ended=True, ended_before=PartialDate(2017, 3, 4)), ("0001-01-01", "2017-03-03")),
     (dataclasses.replace(BARE, since=PartialDate(2016), until=PartialDate(2016, 2)), ("2016-01-01", "2016-02-29"))],
)  # fmt: skip
def test_stored_bounds_are_the_period_of_the_relation(relation: Relation, bounds: tuple[str, str]) -> None:
    stored = relation_bounds(relation)
    assert (stored["valid_from"], stored["valid_to"]) == bounds
    assert {k: stored[k] for k in REL_DATES[:2]} == {
        k: d.isoformat() for k, d in zip(REL_DATES[:2], relation.period, strict=True)
    }
    known = relation.known  # the days known to hold: stored beside, absent when none
    assert (stored.get("known_from"), stored.get("known_to")) == (
        (known[0].isoformat(), known[1].isoformat()) if known else (None, None)
    )
    (row,) = relation_rows(Dataset(name="d", root="<test>", relations=[relation]), "d")[relation.vocab.neo4j_type]
    assert (row["props"]["valid_from"], row["props"]["valid_to"]) == bounds


def test_empty_lists_are_absent_and_come_back_empty() -> None:
    props = relation_props(BARE, "ds", 0)
    assert {"support", "flags", "evidence_quotes", "evidence_records", "since", "until", "note"}.isdisjoint(props)
    assert props["evidence_sources"] == ["s1"] and props["ended"] is False
    assert relation_from_props("iran", "isis", props) == BARE
    assert relation_from_props("iran", "isis", {**props, "evidence_sources": []}).evidence == []


@pytest.mark.parametrize("relation", [FULL, BARE])
def test_relation_round_trips_through_its_properties(relation: Relation) -> None:
    props = relation_props(relation, "ds", 0)
    assert relation_from_props(relation.source, relation.target, props) == relation


def test_rows_say_which_class_each_end_is() -> None:
    ds = Dataset(name="d", root="<test>")
    ds.places["damascus"] = Place(id="damascus", name="Damascus", kind="city")
    ds.relations = [BARE, dataclasses.replace(BARE, key="h", type="hosts-bases-in", target="damascus")]
    rows = relation_rows(ds, "d")
    assert [r["ends"] for r in rows["FIGHTS"]] == [("Actor", "Actor")]
    assert [r["ends"] for r in rows["HOSTS_BASES_IN"]] == [("Actor", "Place")]


def test_write_query_seeks_each_end_by_label_and_names_every_property() -> None:
    query = write_rels_query("HOSTS_BASES_IN", ("Actor", "Place"))
    assert "MATCH (a:Actor {id: row.source}) MATCH (b:Place {id: row.target})" in query
    assert "OPTIONAL" not in query and "SET" not in query
    assert all(f"{k}: date(row.props.{k})" in query for k in REL_DATES)
    assert all(f"{k}: " in query for k in REL_PROPS) and "digest: row.digest" in query


@pytest.mark.parametrize(
    ("rtype", "ends"), [("BACKS", ("Actor", "Place")), ("BACKS", ("Source", "Actor")), ("DROP_ALL", ("Actor", "Actor"))]
)
def test_write_query_refuses_what_the_vocabulary_does_not_allow(rtype: str, ends: tuple[str, str]) -> None:
    with pytest.raises(ValueError, match="is not in the vocabulary"):
        write_rels_query(rtype, ends)


def test_the_dataset_fingerprint_changes_with_every_field_of_a_relation() -> None:
    """A field the fingerprint missed would make a reload skip a change: every field counts but
    the derived claims and the origin (not loaded)."""
    assert set(_REL_FIELDS) == {f.name for f in dataclasses.fields(Relation)} - {"claims", "origin"}
    other = Relation(key="o", source="x", type="fights", target="y", since=PartialDate(2000), until=PartialDate(2001),
                     ended_before=PartialDate(2001), attested=PartialDate(2001), observed_until=PartialDate(2001),
                     support_by_year={2014: ["funding"]}, evidence=[Citation("s9")])  # fmt: skip
    fingerprint = dataset_fingerprint(Dataset("d", "r", relations=[FULL]), "d")
    for name in _REL_FIELDS:
        changed = dataclasses.replace(FULL, **{name: getattr(other, name)})
        assert getattr(changed, name) != getattr(FULL, name), name
        assert dataset_fingerprint(Dataset("d", "r", relations=[changed]), "d") != fingerprint, name
    same = Dataset("d", "r", relations=[dataclasses.replace(FULL)])
    relation_rows(same, "d")  # reads (and caches) the dates' first and last days: no change
    assert dataset_fingerprint(same, "d") == fingerprint
