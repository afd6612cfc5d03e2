-- What did each run do? One row per run, newest first: when it started and when its load
-- committed, how many outlets and URLs it touched, articles new, updated and unchanged,
-- URLs skipped and failed.
SELECT runs.run_id,
       runs.flow,
       runs.started_at,
       runs.finished_at,
       count(DISTINCT url_outcomes.source) AS outlets,
       runs.urls_touched,
       runs.articles_new,
       runs.articles_updated,
       runs.articles_unchanged,
       runs.skipped,
       runs.failed
FROM runs LEFT JOIN url_outcomes USING (run_id)
GROUP BY ALL
ORDER BY runs.started_at DESC, runs.run_id DESC;
