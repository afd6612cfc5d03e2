-- How many articles did each outlet publish per day, counting the day on the outlet's own
-- clock (its time zone, sources.timezone), and how many of them were syndicated copies of
-- an earlier article? All languages together (the daily_counts view counts each apart);
-- articles without a publication time are left out.
--
-- $since: first local day counted, a DATE such as 2025-03-01
-- $until: last local day counted, a DATE such as 2025-03-31
SELECT source,
       local_day,
       timezone,
       sum(articles)::BIGINT AS articles,
       sum(syndicated_copies)::BIGINT AS syndicated_copies
FROM daily_counts
WHERE local_day BETWEEN $since::DATE AND $until::DATE
GROUP BY source, local_day, timezone
ORDER BY source, local_day;
