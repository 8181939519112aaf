// Bases and presence by host country: who keeps bases in (`hosts-bases-in`) or has forces in
// (`present-in`) a country's territory, its places (through WITHIN) or its state.
// :param country => 'SY'
MATCH (a:Actor)-[r:HOSTS_BASES_IN|PRESENT_IN]->(where)
WHERE where.country = $country
RETURN where.country AS country, a.id AS actor, r.type AS relation, where.id AS place, where.kind AS kind,
       [(where)-[:WITHIN*1..]->(up) | up.id] AS within, r.since AS since, r.confidence AS confidence
ORDER BY actor, relation, place;
