// Clients of a sponsor: whom it backs, directly or through others, each with its best chain and
// the number of chains, as `proxygraph clients SPONSOR --depth 10`: chains of `backs` and, with
// inherit_membership, `member-of`, by the rules of `supporters` (a backer of a member backs its
// coalition; a backer of a coalition backs its members only where its backs `reaches_members`,
// with possible it may; never down after a hop up; not through a state or a government unless
// via_states). A chain holds only while every hop does; given a date (a day), each hop is known
// to hold then, or with possible may. `possible`: the best chain only may hold. dataset: one
// loaded dataset (null: all). Only confirmed relationships (the stored state, graph.claims), as the
// CLI: claims adds states, as --alleged (['alleged']) and --contested (['contested', 'denied']) do.
// :param sponsor => 'iran'
// default :param via_states => false
// default :param inherit_membership => true
// default :param date => null
// default :param possible => false
// default :param dataset => null
// default :param claims => []
MATCH chain = (s:Actor {id: $sponsor})
      ((a)-[r:BACKS|MEMBER_OF]-(b)
        WHERE ((type(r) = 'BACKS' AND startNode(r) = a) OR (type(r) = 'MEMBER_OF' AND $inherit_membership))
          AND ($via_states OR a.relays_support OR a.id = $sponsor)
          AND ($dataset IS NULL OR r.dataset = $dataset)
          AND (coalesce(r.state, 'confirmed') = 'confirmed' OR r.state IN $claims)
          AND ($date IS NULL
               OR ($possible AND r.valid_from <= date($date) AND date($date) <= r.valid_to)
               OR (NOT $possible AND r.known_from <= date($date) AND date($date) <= r.known_to))){1,10}
      (c:Actor)
WITH c, chain, nodes(chain) AS ns, relationships(chain) AS rs
WHERE all(n IN ns WHERE single(m IN ns WHERE m = n))
  AND type(rs[0]) = 'BACKS'
  AND all(i IN range(1, size(rs) - 1) WHERE type(rs[i]) = 'BACKS' OR startNode(rs[i]) = ns[i]
          OR (type(rs[i - 1]) = 'MEMBER_OF' AND endNode(rs[i - 1]) = ns[i - 1])
          OR (type(rs[i - 1]) = 'BACKS' AND (coalesce(rs[i - 1].reaches_members, false) OR $possible)))
  AND ($date IS NOT NULL OR all(x IN rs WHERE all(y IN rs WHERE x.valid_from <= y.valid_to)))
WITH c, chain, rs, ns,
     any(i IN range(1, size(rs) - 1) WHERE type(rs[i]) = 'MEMBER_OF' AND endNode(rs[i]) = ns[i]
         AND type(rs[i - 1]) = 'BACKS' AND NOT coalesce(rs[i - 1].reaches_members, false))
     OR ($date IS NOT NULL AND NOT all(x IN rs WHERE x.known_from <= date($date) AND date($date) <= x.known_to))
     AS possible
WITH c, chain, possible ORDER BY possible, length(chain)
WITH c, collect({chain: chain, possible: possible}) AS chains
RETURN c.id AS client, c.name AS name, c.kind AS kind, length(chains[0].chain) AS depth,
       [n IN nodes(chains[0].chain) | n.id] AS chain, size(chains) AS chains, chains[0].possible AS possible
ORDER BY possible, depth, client;
