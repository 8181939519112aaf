// Shortest paths between two actors (or places) over any relation, in either direction, like
// `proxygraph path SOURCE TARGET`. The structural WITHIN links between places are not walked.
// :param source => 'iran'
// :param target => 'hts'
MATCH (a {id: $source}), (b {id: $target})
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE all(r IN relationships(p) WHERE r.dataset IS NOT NULL)
WITH [n IN nodes(p) | n.id] AS path, [r IN relationships(p) | r.type] AS types, length(p) AS hops
RETURN path, collect(DISTINCT types) AS types, hops
ORDER BY path;
