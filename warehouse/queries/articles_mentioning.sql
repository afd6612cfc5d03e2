-- Which articles mention a word or phrase in their headline or text? A case-insensitive
-- match (ILIKE) of the term taken literally (% and _ in it match themselves), newest
-- first. The articles_about(term) macro matches the same way; full-text search with
-- ranking is a later addition.
--
-- $term: the word or phrase to look for, such as ferry
WITH pattern AS (
    SELECT '%' || replace(replace(replace($term::VARCHAR, '\', '\\'), '%', '\%'), '_', '\_')
           || '%' AS like_pattern
)
SELECT source,
       published_at,
       title,
       title ILIKE like_pattern ESCAPE '\' AS in_title,
       text ILIKE like_pattern ESCAPE '\' AS in_text,
       url
FROM articles, pattern
WHERE title ILIKE like_pattern ESCAPE '\' OR text ILIKE like_pattern ESCAPE '\'
ORDER BY published_at DESC NULLS LAST, article_id;
