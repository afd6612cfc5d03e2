-- What does an article say now? Its current version: headline, authors, publication
-- time, when it was first and last fetched, and its cleaned text (one paragraph a line).
--
-- $article: the article's URL as stored (normalised, after redirects), or its article_id
SELECT article_id,
       source,
       url,
       title,
       authors,
       published_at,
       first_seen_at,
       updated_at,
       word_count,
       version_hash,
       text
FROM articles
WHERE url = $article::VARCHAR OR article_id = $article::VARCHAR;
