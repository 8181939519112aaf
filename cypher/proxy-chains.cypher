// Proxy chains of a sponsor: the sponsor backs a proxy (up to 3 hops of `backs`) and the proxy
// fights a target. Loose groups are coalitions with members (`member-of`): a member takes part
// in its coalitions' fights, on either side, as in `proxygraph proxy-chains --sponsor SPONSOR`.
// As there, a chain holds only while every hop does: its relationships' stored
// valid_from..valid_to share a day.
// :param sponsor => 'turkey'
MATCH backing = (s:Actor {id: $sponsor})-[:BACKS*1..3]->(p:Actor)
WHERE all(n IN nodes(backing) WHERE single(m IN nodes(backing) WHERE m = n))
MATCH fight = (p)-[:MEMBER_OF*0..3]->(:Actor)-[:FIGHTS]-(:Actor)<-[:MEMBER_OF*0..3]-(t:Actor)
WHERE NOT t IN nodes(backing)
WITH s, p, t, nodes(backing) + tail(nodes(fight)) AS walk, relationships(backing) + relationships(fight) AS rels
WHERE all(n IN walk WHERE single(m IN walk WHERE m = n))
  AND all(a IN rels WHERE all(b IN rels WHERE a.valid_from <= b.valid_to))
WITH s, p, t, walk ORDER BY size(walk)
WITH s, p, t, collect(walk)[0] AS walk
RETURN s.id AS sponsor, t.id AS target, p.id AS proxy, size(walk) - 1 AS hops, [n IN walk | n.id] AS chain
ORDER BY hops, target, proxy;
