// Relations the sources disagree on, as `proxygraph contested`: contested (asserted or alleged by
// some sources, denied by others) or only denied, by the state the loader stores (r.state, one rule:
// graph.claims), each with its citations for and against it (each citation's stance is stored in
// r.evidence_stances) and how many independent sources stand behind it. dataset keeps one loaded dataset.
// default :param dataset => null
MATCH (a)-[r]->(b)
WHERE r.state IN ['contested', 'denied'] AND ($dataset IS NULL OR r.dataset = $dataset)
WITH a, r, b, range(0, size(r.evidence_sources) - 1) AS ix
RETURN r.key AS relation, a.id AS from, r.type AS type, b.id AS to, r.state AS state, r.dataset AS dataset,
       r.independent_sources AS independent_sources,
       [i IN ix WHERE r.evidence_stances[i] <> 'deny' |
        r.evidence_sources[i] + ': ' + coalesce(nullif(r.evidence_quotes[i], ''), 'record ' + r.evidence_records[i])]
         AS claimed_by,
       [i IN ix WHERE r.evidence_stances[i] = 'deny' |
        r.evidence_sources[i] + ': ' + coalesce(nullif(r.evidence_quotes[i], ''), 'record ' + r.evidence_records[i])]
         AS denied_by
ORDER BY state, dataset, relation;
