-- Which stories ran at more than one outlet? Every article of a story that two or more
-- outlets carried, story by story. A story is a near-duplicate cluster (syndicated and
-- lightly edited copies share cluster_id); exact copies also name their original in
-- duplicate_of. The syndication_clusters view has one row per cluster instead.
WITH stories AS (
    SELECT *, coalesce(cluster_id, duplicate_of, article_id) AS story_id
    FROM articles
),
shared AS (
    SELECT story_id, count(DISTINCT source) AS outlets, count(*) AS copies
    FROM stories
    GROUP BY story_id
    HAVING count(DISTINCT source) > 1
)
SELECT story_id,
       outlets,
       copies,
       source,
       published_at,
       title,
       article_id,
       duplicate_of,
       url
FROM stories JOIN shared USING (story_id)
ORDER BY story_id, published_at NULLS LAST, article_id;
