// Every relation in or out of one actor or place, with the other end, dates and confidence.
// :param actor => 'hts'
MATCH (a {id: $actor})-[r]-(other)
WHERE r.dataset IS NOT NULL
RETURN r.type AS type, startNode(r).id AS from, endNode(r).id AS to, other.name AS other, r.since AS since,
       r.until AS until, r.confidence AS confidence
ORDER BY type, from, to;
