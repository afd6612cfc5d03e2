-- What are each outlet's latest articles? The $n most recent of every outlet, newest
-- first, with the publication time on the outlet's clock; an article without a
-- publication time counts from when it was first fetched (as in the latest_articles view).
--
-- $n: how many articles per outlet, an INTEGER such as 5
WITH ranked AS (
    SELECT *,
           row_number() OVER (
               PARTITION BY source
               ORDER BY coalesce(published_at, first_seen_at) DESC, article_id
           ) AS recency
    FROM latest_articles
)
SELECT source, recency, published_local, title, url
FROM ranked
WHERE recency <= $n::INTEGER
ORDER BY source, recency;
