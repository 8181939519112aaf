// Supporters of an actor: who backs it, directly or through others (direct backers have depth 1),
// each with its best chain and the number of chains, as `proxygraph supporters ACTOR --depth 10`:
// chains of `backs` and, with inherit_membership, `member-of`: a backer of a member backs its
// coalition; a backer of a coalition backs its members only where its backs `reaches_members`
// (with possible, it may: the chain is marked), never down after a hop up; a chain begins with
// `backs`. Not through a state or a government (a backed state fights its own war: the loader's
// `relays_support`) unless via_states. A chain holds only while every hop does: its
// relationships' valid_from..valid_to share a day; given a date (a day), each is known to hold
// then (known_from..known_to), or with possible may hold then. `possible`: the best chain only
// may hold (chains that hold come first). dataset: one loaded dataset (null: all). Only confirmed
// relationships (the stored state, graph.claims), as the CLI: claims adds states, as --alleged
// (['alleged']) and --contested (['contested', 'denied']) do.
// :param actor => 'assad-government'
// default :param via_states => false
// default :param inherit_membership => true
// default :param date => null
// default :param possible => false
// default :param dataset => null
// default :param claims => []
MATCH chain = (s:Actor)
      ((a)-[r:BACKS|MEMBER_OF]-(b)
        WHERE ((type(r) = 'BACKS' AND startNode(r) = a) OR (type(r) = 'MEMBER_OF' AND $inherit_membership))
          AND ($via_states OR b.relays_support OR b.id = $actor)
          AND ($dataset IS NULL OR r.dataset = $dataset)
          AND (coalesce(r.state, 'confirmed') = 'confirmed' OR r.state IN $claims)
          AND ($date IS NULL
               OR ($possible AND r.valid_from <= date($date) AND date($date) <= r.valid_to)
               OR (NOT $possible AND r.known_from <= date($date) AND date($date) <= r.known_to))){1,10}
      (t:Actor {id: $actor})
WITH s, chain, nodes(chain) AS ns, relationships(chain) AS rs
WHERE all(n IN ns WHERE single(m IN ns WHERE m = n))
  AND type(rs[0]) = 'BACKS'
  AND all(i IN range(1, size(rs) - 1) WHERE type(rs[i]) = 'BACKS' OR startNode(rs[i]) = ns[i]
          OR (type(rs[i - 1]) = 'MEMBER_OF' AND endNode(rs[i - 1]) = ns[i - 1])
          OR (type(rs[i - 1]) = 'BACKS' AND (coalesce(rs[i - 1].reaches_members, false) OR $possible)))
  AND ($date IS NOT NULL OR all(x IN rs WHERE all(y IN rs WHERE x.valid_from <= y.valid_to)))
WITH s, chain, rs, ns,
     any(i IN range(1, size(rs) - 1) WHERE type(rs[i]) = 'MEMBER_OF' AND endNode(rs[i]) = ns[i]
         AND type(rs[i - 1]) = 'BACKS' AND NOT coalesce(rs[i - 1].reaches_members, false))
     OR ($date IS NOT NULL AND NOT all(x IN rs WHERE x.known_from <= date($date) AND date($date) <= x.known_to))
     AS possible
WITH s, chain, possible ORDER BY possible, length(chain)
WITH s, collect({chain: chain, possible: possible}) AS chains
RETURN s.id AS supporter, s.name AS name, s.kind AS kind, length(chains[0].chain) AS depth,
       [n IN nodes(chains[0].chain) | n.id] AS chain, size(chains) AS chains, chains[0].possible AS possible
ORDER BY possible, depth, supporter;
