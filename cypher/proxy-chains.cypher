// Proxy chains of a sponsor: the sponsor backs a proxy (up to 3 hops of `backs`) and the proxy
// fights a target. Loose groups are coalitions with members (`member-of`): a member takes part
// in its coalitions' fights, on either side, as in `proxygraph proxy-chains --sponsor SPONSOR`.
// As there, backing does not pass through a state or a government (a backed state fights its own
// war: the loader's `relays_support`) unless via_states; the proxy may be one. No walk passes an
// actor twice, and a chain holds only while every hop does: its relationships' stored
// valid_from..valid_to share a day. dataset: one loaded dataset (null: all). Only confirmed
// relationships (the stored state, graph.claims), as the CLI: claims adds states, as --alleged
// (['alleged']) and --contested (['contested', 'denied']) do.
// :param sponsor => 'turkey'
// default :param via_states => false
// default :param dataset => null
// default :param claims => []
MATCH backing = (s:Actor {id: $sponsor})-[:BACKS*1..3]->(p:Actor)
WHERE all(n IN nodes(backing)[1..-1] WHERE $via_states OR n.relays_support)
  AND all(n IN nodes(backing) WHERE single(m IN nodes(backing) WHERE m = n))
  AND all(r IN relationships(backing) WHERE ($dataset IS NULL OR r.dataset = $dataset)
          AND (coalesce(r.state, 'confirmed') = 'confirmed' OR r.state IN $claims))
MATCH fight = (p)-[:MEMBER_OF*0..3]->(:Actor)-[:FIGHTS]-(:Actor)<-[:MEMBER_OF*0..3]-(t:Actor)
WHERE NOT t IN nodes(backing)
  AND all(r IN relationships(fight) WHERE ($dataset IS NULL OR r.dataset = $dataset)
          AND (coalesce(r.state, 'confirmed') = 'confirmed' OR r.state IN $claims))
WITH s, p, t, nodes(backing) + tail(nodes(fight)) AS walk, relationships(backing) + relationships(fight) AS rels
WHERE all(n IN walk WHERE single(m IN walk WHERE m = n))
  AND all(a IN rels WHERE all(b IN rels WHERE a.valid_from <= b.valid_to))
WITH s, p, t, walk ORDER BY size(walk)
WITH s, p, t, collect(walk)[0] AS walk
RETURN s.id AS sponsor, t.id AS target, p.id AS proxy, size(walk) - 1 AS hops, [n IN walk | n.id] AS chain
ORDER BY hops, target, proxy;
