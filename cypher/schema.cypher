// The proxygraph schema, run by `proxygraph load` before every load, one statement at a time,
// each in its own transaction (Neo4j does not mix schema and data in one). Idempotent: every
// statement says IF NOT EXISTS. The loader adds nothing else to the schema.

// One node per id in each class (a uniqueness constraint also gives the index MERGE uses).
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;

// Look-ups by name and kind (actors-by-kind.cypher, finding an actor by name in Browser).
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name);
CREATE INDEX place_country IF NOT EXISTS FOR (n:Place) ON (n.country);
