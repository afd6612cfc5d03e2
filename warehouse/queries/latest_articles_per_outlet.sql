-- What are each outlet's latest articles? The $n most recently published articles of
-- every outlet, newest first (an article without a publication time counts from when it
-- was first seen).
--
-- $n: how many articles per outlet, an INTEGER such as 5
WITH ranked AS (
    SELECT *,
           row_number() OVER (
               PARTITION BY source
               ORDER BY coalesce(published_at, first_seen_at) DESC, article_id
           ) AS recency
    FROM articles
)
SELECT source, recency, published_at, title, url
FROM ranked
WHERE recency <= $n::INTEGER
ORDER BY source, recency;
