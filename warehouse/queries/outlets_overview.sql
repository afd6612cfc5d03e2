-- What does the warehouse hold for each outlet? Articles stored, how many are syndicated
-- copies, the languages detected, the first and last publication times, and the median
-- length in words.
SELECT source,
       count(*) AS articles,
       count(duplicate_of) AS syndicated_copies,
       list(DISTINCT language ORDER BY language) FILTER (WHERE language IS NOT NULL)
           AS languages,
       min(published_at) AS first_published,
       max(published_at) AS last_published,
       median(word_count) AS median_words
FROM articles
GROUP BY source
ORDER BY source;
