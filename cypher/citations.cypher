// The citations behind a relation: each source with its quote or record, given the relation's
// key (shown by `proxygraph show ACTOR --format json`, e.g. iran/backs/assad-government).
// :param key => 'iran/backs/assad-government'
MATCH (a)-[r {key: $key}]->(b)
UNWIND range(0, size(r.evidence_sources) - 1) AS i
OPTIONAL MATCH (s:Source {id: r.evidence_sources[i]})
RETURN r.key AS relation, r.dataset AS dataset, r.evidence_sources[i] AS source, s.title AS title,
       s.published AS published, nullif(r.evidence_quotes[i], '') AS quote, nullif(r.evidence_records[i], '') AS record
ORDER BY dataset, i;
