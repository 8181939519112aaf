// Sponsors on opposite sides of a fight (a proxy war): S1 backs A, S2 backs B, and A fights B
// (a member of a coalition takes part in its fights), all of it at once (the relationships'
// stored valid_from..valid_to share a day), like `proxygraph proxy-wars` (one hop of `backs`:
// its --max-depth 1). No walk passes an actor twice (a coalition is on one side only).
// dataset: one loaded dataset (null: all). Only confirmed relationships (the stored state,
// graph.claims), as the CLI: claims adds states, as --alleged (['alleged']) and --contested
// (['contested', 'denied']) do.
// default :param dataset => null
// default :param claims => []
MATCH war = (s1:Actor)-[:BACKS]->(a:Actor)-[:MEMBER_OF*0..3]->(:Actor)-[:FIGHTS]-(:Actor)<-[:MEMBER_OF*0..3]-(b:Actor)<-[:BACKS]-(s2:Actor)
WHERE s1.id < s2.id
  AND all(n IN nodes(war) WHERE single(m IN nodes(war) WHERE m = n))
  AND all(r IN relationships(war) WHERE ($dataset IS NULL OR r.dataset = $dataset)
          AND (coalesce(r.state, 'confirmed') = 'confirmed' OR r.state IN $claims))
  AND all(x IN relationships(war) WHERE all(y IN relationships(war) WHERE x.valid_from <= y.valid_to))
WITH s1, s2, collect(DISTINCT a.id + ' vs ' + b.id) AS sides
RETURN s1.id AS sponsor_a, s2.id AS sponsor_b, size(sides) AS fronts, sides
ORDER BY fronts DESC, sponsor_a, sponsor_b;
