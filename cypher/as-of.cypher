// Relations as of a date: every relation known to hold on that day, as in `proxygraph ...
// --as-of DATE`: the day falls within the stored known_from..known_to (the loader's date rule;
// absent when no day is known). With possible, also those that may hold then (an unknown start,
// after a dataset's window: the stored valid_from..valid_to), as `--possible`. dataset: one
// loaded dataset (null: all). Only confirmed relations (the stored state, graph.claims), as the
// CLI: claims adds states, as --alleged (['alleged']) and --contested (['contested', 'denied']) do.
// :param date => '2016-06-01'
// default :param possible => false
// default :param dataset => null
// default :param claims => []
WITH date($date) AS day
MATCH (a)-[r]->(b)
WHERE r.dataset IS NOT NULL AND ($dataset IS NULL OR r.dataset = $dataset)
  AND (coalesce(r.state, 'confirmed') = 'confirmed' OR r.state IN $claims)
  AND ((r.known_from <= day AND day <= r.known_to) OR ($possible AND r.valid_from <= day AND day <= r.valid_to))
RETURN a.id AS from, r.type AS type, b.id AS to, r.since AS since, r.until AS until, r.confidence AS confidence
ORDER BY type, from, to;
