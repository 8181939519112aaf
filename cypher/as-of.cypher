// Relations as of a date: every relation that may have held on that day, as in `proxygraph ...
// --as-of DATE`: the day falls within the stored valid_from..valid_to (the loader's date rule).
// :param date => '2016-06-01'
WITH date($date) AS day
MATCH (a)-[r]->(b)
WHERE r.dataset IS NOT NULL AND r.valid_from <= day AND day <= r.valid_to
RETURN a.id AS from, r.type AS type, b.id AS to, r.since AS since, r.until AS until, r.confidence AS confidence
ORDER BY type, from, to;
