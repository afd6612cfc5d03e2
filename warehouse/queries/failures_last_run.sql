-- Which URLs failed in the latest run, and why? Failed URLs (articles, feeds, sitemaps)
-- per reason and outlet, with the HTTP statuses the servers answered and one example
-- URL; the most frequent first. Hourly discovery polls, which fetch no article, are
-- not the latest run here: the latest ingest or backfill is.
WITH last_run AS (
    SELECT run_id FROM runs WHERE flow <> 'discovery-poll'
    ORDER BY started_at DESC, run_id DESC LIMIT 1
)
SELECT reason,
       source,
       kind,
       count(*) AS urls,
       list(DISTINCT http_status ORDER BY http_status)
           FILTER (WHERE http_status IS NOT NULL) AS http_statuses,
       min(url) AS example_url
FROM url_outcomes
WHERE run_id = (SELECT run_id FROM last_run) AND status = 'failed'
GROUP BY reason, source, kind
ORDER BY urls DESC, reason, source, kind;
