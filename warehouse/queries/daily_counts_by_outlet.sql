-- How many articles did each outlet publish per day, counting the day as the outlet does
-- (its local date: published_at plus the UTC offset the page gave), and how many of
-- them were syndicated copies of another article? Articles without a publication time
-- are left out.
--
-- $since: first local day counted, a DATE such as 2025-03-01
-- $until: last local day counted, a DATE such as 2025-03-31
WITH dated AS (
    SELECT source, duplicate_of, word_count,
           (published_at + to_minutes(coalesce(published_offset, 0)))::DATE AS local_day
    FROM articles
    WHERE published_at IS NOT NULL
)
SELECT source,
       local_day,
       count(*) AS articles,
       count(duplicate_of) AS syndicated_copies,
       round(avg(word_count)) AS avg_words
FROM dated
WHERE local_day BETWEEN $since::DATE AND $until::DATE
GROUP BY source, local_day
ORDER BY source, local_day;
