-- How did an article change? Each distinct content it has shown, in the order runs first
-- found them: when runs first and last saw it and how often, when the article changed
-- back to it (returned_at), and what differs from the version before (headline, text,
-- authors, publication time, words added). The article_history view also holds each
-- version's text.
--
-- $article: the article's URL, its canonical URL or its article_id
SELECT article_id,
       version_number,
       is_current,
       first_seen_at,
       last_seen_at,
       times_seen,
       returned_at,
       title,
       word_count,
       words_added,
       title_changed,
       text_changed,
       authors_changed,
       published_at_changed
FROM article_history($article::VARCHAR)
ORDER BY article_id, version_number;
