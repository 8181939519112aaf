// Supporters of an actor through chains of `backs` of any length (direct backers have depth 1),
// each with its shortest chain and the number of chains. Like `proxygraph supporters ACTOR --depth 10 --no-inherit-membership`:
// a chain holds only while every hop does (its relationships' stored valid_from..valid_to share a
// day), and it does not pass through a state or a government (a backed state fights its own war;
// each actor's `relays_support`, written by the loader from the actor kinds, says so) unless via_states.
// :param actor => 'assad-government'
// default :param via_states => false
MATCH chain = (s:Actor)-[:BACKS*1..]->(t:Actor {id: $actor})
WHERE all(n IN nodes(chain) WHERE single(m IN nodes(chain) WHERE m = n))
  AND ($via_states OR all(n IN nodes(chain)[1..-1] WHERE n.relays_support))
  AND all(a IN relationships(chain) WHERE all(b IN relationships(chain) WHERE a.valid_from <= b.valid_to))
WITH s, chain ORDER BY length(chain)
WITH s, collect(chain) AS chains
RETURN s.id AS supporter, s.name AS name, s.kind AS kind, length(chains[0]) AS depth,
       [n IN nodes(chains[0]) | n.id] AS chain, size(chains) AS chains
ORDER BY depth, supporter;
