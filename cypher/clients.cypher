// Clients of a sponsor: whom it backs, directly or through chains of `backs` of any length,
// each with its shortest chain. Like `proxygraph clients SPONSOR --depth 10 --no-inherit-membership`: a chain holds only
// while every hop does (its relationships' stored valid_from..valid_to share a day), and it does
// not pass through a state or a government (each actor's `relays_support`, written by the loader
// from the actor kinds) unless via_states.
// :param sponsor => 'iran'
// default :param via_states => false
MATCH chain = (s:Actor {id: $sponsor})-[:BACKS*1..]->(c:Actor)
WHERE all(n IN nodes(chain) WHERE single(m IN nodes(chain) WHERE m = n))
  AND ($via_states OR all(n IN nodes(chain)[1..-1] WHERE n.relays_support))
  AND all(a IN relationships(chain) WHERE all(b IN relationships(chain) WHERE a.valid_from <= b.valid_to))
WITH c, chain ORDER BY length(chain)
WITH c, collect(chain) AS chains
RETURN c.id AS client, c.name AS name, c.kind AS kind, length(chains[0]) AS depth,
       [n IN nodes(chains[0]) | n.id] AS chain, size(chains) AS chains
ORDER BY depth, client;
