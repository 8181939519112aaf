// Actors of one kind (state, government, state-force, militia, rebel-group, jihadist-group,
// coalition, private-military, organization, person), with their number of relations.
// :param kind => 'coalition'
MATCH (a:Actor {kind: $kind})
RETURN a.id AS id, a.name AS name, a.country AS country, coalesce(a.aliases, []) AS aliases,
       COUNT { (a)-[r]-() WHERE r.dataset IS NOT NULL } AS relations
ORDER BY id;
