// Relations as of a date: every relation that may have held on that day. Dates are intervals
// (since: 2012 is any day of 2012), as in `proxygraph ... --as-of DATE`.
// :param date => '2016-06-01'
WITH date($date) AS day
MATCH (a)-[r]->(b)
WHERE r.dataset IS NOT NULL
  AND (r.since_start IS NULL OR r.since_start <= day)
  AND CASE WHEN r.until_end IS NULL AND r.ended_before_date IS NOT NULL THEN r.ended_before_date > day
           ELSE r.until_end IS NULL OR r.until_end >= day END
RETURN a.id AS from, r.type AS type, b.id AS to, r.since AS since, r.until AS until, r.confidence AS confidence
ORDER BY type, from, to;
