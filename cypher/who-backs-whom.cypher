// Who backs whom: every `backs` relation, with the kinds of support, dates and confidence.
// No parameters.
MATCH (s:Actor)-[r:BACKS]->(t:Actor)
RETURN s.id AS supporter, t.id AS recipient, r.support AS support, r.since AS since,
       coalesce(r.until, CASE WHEN r.ended THEN 'ended' ELSE 'ongoing' END) AS until,
       r.confidence AS confidence, r.dataset AS dataset
ORDER BY supporter, recipient, since;
