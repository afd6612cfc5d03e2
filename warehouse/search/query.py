"""The search macros analysts call: the query language, BM25 ranking and the per-day counts.

Query language (what ``search_query`` parses):

- words are all required: ``harbour wall`` finds articles with both words (stemmed in each
  article's language, accents ignored);
- ``"harbour wall"`` is a phrase: the words next to each other, in that order; a word
  that is several tokens (``covid-19``, ``東京地震``) is a phrase too;
- ``OR`` joins alternatives and binds tighter than the implicit AND:
  ``storm flood OR flooding`` is storm AND (flood OR flooding);
- ``NOT x`` or ``-x`` leaves out articles that match x (x may be an OR group);
- ``AND`` may be written and changes nothing. Operators are upper case; parentheses are
  not part of the language.

Ranking is BM25 (k1 = 1.2, b = 0.75) over title and text, a title occurrence counting as
``TITLE_WEIGHT`` text ones; a phrase scores as one term whose IDF is the sum of its words'.
"""

from __future__ import annotations

from dataclasses import dataclass

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3


@dataclass(frozen=True, kw_only=True)
class TableMacro:
    """A table macro: parameters (with defaults where optional), body and description."""

    name: str
    parameters: tuple[tuple[str, str | None], ...]
    sql: str
    description: str


_SEARCH_QUERY = r"""
WITH items AS (
    SELECT unnest(parts) AS item, unnest(range(1, len(parts) + 1)) AS item_no
    FROM (SELECT regexp_extract_all(nfc_normalize(query), '-?"[^"]*"?|[^\s"]+') AS parts)
),
marked AS (
    SELECT item, item_no, item IN ('AND', 'OR', 'NOT') AS operator,
           lag(item, 1, '') OVER (ORDER BY item_no) AS before,
           lag(item, 2, '') OVER (ORDER BY item_no) AS before_that
    FROM items
),
literals AS (
    SELECT item_no,
           sum(CASE WHEN before = 'OR' OR (before = 'NOT' AND before_that = 'OR')
                    THEN 0 ELSE 1 END) OVER (ORDER BY item_no) AS clause_no,
           before = 'NOT' OR (starts_with(item, '-') AND length(item) > 1) AS negated,
           search_tokens(regexp_replace(item, '^-?"?|"$', '', 'g')) AS tokens
    FROM marked
    WHERE NOT operator
)
SELECT clause_no::INTEGER AS clause_no,
       item_no::INTEGER AS literal_no,
       first_value(negated) OVER (
           PARTITION BY clause_no ORDER BY item_no
           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
       ) AS excluded,
       tokens
FROM literals
WHERE len(tokens) > 0
ORDER BY literal_no
"""

_SEARCH_HITS = f"""
WITH parsed AS (FROM search_query(query)),
query_tokens AS (
    SELECT clause_no, literal_no, excluded, len(tokens) AS width,
           unnest(tokens) AS token, unnest(range(len(tokens))) AS token_offset
    FROM parsed
),
variants AS (
    SELECT DISTINCT token, stemmer, search_term(token, stemmer) AS term
    FROM (SELECT DISTINCT token FROM query_tokens),
         (SELECT unnest(search_stemmers()) AS stemmer)
),
term_ids AS (
    SELECT v.token, v.stemmer, t.term_id
    FROM variants AS v
    JOIN search_terms AS t ON t.term = v.term AND t.stemmer = v.stemmer
    WHERE t.term IN (SELECT term FROM variants)
),
-- Each query token's postings in indexed documents (a term id belongs to one stemmer, so
-- they are documents of the stemmer it was looked up under), without their positions:
-- lists are heavy to join, and only phrases need them. Postings are sorted by term within
-- each appended run: a short list of distinct term ids (DuckDB pushes up to 50 of them
-- into the scan) lets zone maps skip the other rows.
postings AS (
    SELECT i.token, p.term_id, p.doc_id, p.title_tf, p.text_tf, d.length, d.title_length
    FROM search_postings AS p
    JOIN term_ids AS i ON i.term_id = p.term_id
    JOIN search_docs AS d ON d.doc_id = p.doc_id
    WHERE p.term_id IN (SELECT DISTINCT term_id FROM term_ids)
),
collection AS (
    SELECT count(*) AS documents, coalesce(avg(length), 1) AS mean_length FROM search_docs
),
token_idf AS (
    SELECT token, ln(1 + (documents - count(*) + 0.5) / (count(*) + 0.5)) AS idf
    FROM postings, collection
    GROUP BY token, documents
),
literal_rows AS (
    SELECT q.clause_no, q.literal_no, q.excluded, q.width, q.token_offset, q.token, p.*
             EXCLUDE (token)
    FROM query_tokens AS q JOIN postings AS p ON p.token = q.token
),
phrase_candidates AS (
    SELECT clause_no, literal_no, doc_id
    FROM literal_rows
    WHERE width > 1
    GROUP BY clause_no, literal_no, width, doc_id
    HAVING count(*) = width
),
phrase_rows AS (
    SELECT r.clause_no, r.literal_no, r.doc_id, r.term_id, r.width, r.token_offset,
           r.title_length, r.length, r.title_tf + r.text_tf AS occurrences
    FROM literal_rows AS r
    SEMI JOIN phrase_candidates AS c
        ON c.clause_no = r.clause_no AND c.literal_no = r.literal_no AND c.doc_id = r.doc_id
),
-- Positions are read only for the documents holding every word of a phrase, in a CTE of
-- its own: there the join with the phrase's few term ids comes first, so DuckDB pushes
-- their list into the scan and zone maps skip the other terms' rows (joined first with
-- the candidates' many rows instead, it passed on only a min-max range: a full scan).
phrase_terms AS (SELECT DISTINCT term_id FROM phrase_rows),
phrase_postings AS MATERIALIZED (
    SELECT p.term_id, p.doc_id, p.positions
    FROM search_postings AS p
    JOIN phrase_terms AS t ON t.term_id = p.term_id
    SEMI JOIN (SELECT DISTINCT doc_id FROM phrase_candidates) AS c ON c.doc_id = p.doc_id
),
-- The word of the phrase that occurs least: its positions are unnested, the others' are
-- only probed (list_contains) at the same start.
phrase_anchors AS (
    SELECT literal_no, arg_min(token_offset, occurrences) AS anchor_offset
    FROM (
        SELECT literal_no, token_offset, sum(occurrences) AS occurrences
        FROM phrase_rows
        GROUP BY literal_no, token_offset
    )
    GROUP BY literal_no
),
phrase_positions AS (
    SELECT r.clause_no, r.literal_no, r.width, r.doc_id, r.token_offset, r.title_length,
           r.length, p.positions, r.token_offset = a.anchor_offset AS anchor
    FROM phrase_rows AS r
    JOIN phrase_postings AS p ON p.term_id = r.term_id AND p.doc_id = r.doc_id
    JOIN phrase_anchors AS a ON a.literal_no = r.literal_no
),
phrase_starts AS (
    SELECT s.clause_no, s.literal_no, s.doc_id, s.title_length, s.length, s.start
    FROM (
        SELECT clause_no, literal_no, width, doc_id, title_length, length,
               unnest(positions) - token_offset AS start
        FROM phrase_positions
        WHERE anchor
    ) AS s
    JOIN phrase_positions AS o
        ON o.literal_no = s.literal_no AND o.doc_id = s.doc_id AND NOT o.anchor
    WHERE list_contains(o.positions, s.start + o.token_offset)
    GROUP BY s.clause_no, s.literal_no, s.width, s.doc_id, s.title_length, s.length, s.start
    HAVING count(*) = s.width - 1
),
literal_idf AS (
    SELECT q.literal_no, sum(i.idf) AS idf
    FROM query_tokens AS q JOIN token_idf AS i ON i.token = q.token
    GROUP BY q.literal_no
),
literal_hits AS (
    SELECT clause_no, literal_no, excluded, doc_id,
           text_tf + {TITLE_WEIGHT} * title_tf AS tf, length
    FROM literal_rows
    WHERE width = 1
    UNION ALL
    SELECT s.clause_no, s.literal_no, any_value(q.excluded), s.doc_id,
           count(*) FILTER (WHERE s.start > s.title_length)
           + {TITLE_WEIGHT} * count(*) FILTER (WHERE s.start <= s.title_length),
           any_value(s.length)
    FROM phrase_starts AS s
    JOIN (SELECT DISTINCT literal_no, excluded FROM query_tokens) AS q
        ON q.literal_no = s.literal_no
    GROUP BY s.clause_no, s.literal_no, s.doc_id
),
clause_hits AS (
    SELECT h.clause_no, any_value(h.excluded) AS excluded, h.doc_id,
           sum(l.idf * h.tf * ({K1} + 1)
               / (h.tf + {K1} * (1 - {B} + {B} * h.length / c.mean_length))) AS score
    FROM literal_hits AS h
    JOIN literal_idf AS l ON l.literal_no = h.literal_no
    CROSS JOIN collection AS c
    GROUP BY h.clause_no, h.doc_id
),
matched AS (
    SELECT doc_id, sum(score) FILTER (WHERE NOT excluded) AS score
    FROM clause_hits
    GROUP BY doc_id
    HAVING count(*) FILTER (WHERE excluded) = 0
       AND count(*) = (SELECT count(DISTINCT clause_no) FROM parsed WHERE NOT excluded)
)
SELECT d.doc_id, d.article_id, m.score, d.source, d.published_at
FROM matched AS m JOIN search_docs AS d ON d.doc_id = m.doc_id
"""

# Days are publication days in the outlet's own time zone (sources.timezone, UTC if none is
# known), as in daily_counts.
_LOCAL_DAY = "(h.published_at AT TIME ZONE coalesce(s.timezone, 'UTC'))::DATE"
_FILTERS = f"""
    (from_date IS NULL OR {_LOCAL_DAY} >= from_date::DATE)
    AND (to_date IS NULL OR {_LOCAL_DAY} <= to_date::DATE)
    AND (sources IS NULL OR list_contains(sources::VARCHAR[], h.source))
"""

_SEARCH_ARTICLES = f"""
WITH ranked AS (
    SELECT h.article_id, h.score
    FROM search_hits(query) AS h
    LEFT JOIN sources AS s ON s.name = h.source
    WHERE {_FILTERS}
    ORDER BY h.score DESC, h.article_id
    LIMIT max_results
)
SELECT row_number() OVER (ORDER BY r.score DESC, r.article_id) AS rank,
       r.score, a.article_id, a.source, a.published_at,
       (a.published_at AT TIME ZONE coalesce(s.timezone, 'UTC'))::DATE AS local_day,
       a.language, a.title, a.url
FROM ranked AS r
JOIN articles AS a ON a.article_id = r.article_id
LEFT JOIN sources AS s ON s.name = a.source
ORDER BY rank
"""

_SEARCH_COUNTS = f"""
SELECT {_LOCAL_DAY} AS local_day, h.source, count(*) AS articles
FROM search_hits(query) AS h
LEFT JOIN sources AS s ON s.name = h.source
WHERE h.published_at IS NOT NULL AND {_FILTERS}
GROUP BY ALL
ORDER BY local_day, h.source
"""

_FILTER_PARAMETERS: tuple[tuple[str, str | None], ...] = (
    ("from_date", "NULL"),
    ("to_date", "NULL"),
    ("sources", "NULL"),
)

MACROS = (
    TableMacro(
        name="search_query",
        parameters=(("query", None),),
        sql=_SEARCH_QUERY,
        description="How a search query is read: one row per word or phrase, with its "
        "clause (clauses are ANDed, the words of a clause ORed), whether the clause "
        "excludes (NOT, -), and its tokens.",
    ),
    TableMacro(
        name="search_hits",
        parameters=(("query", None),),
        sql=_SEARCH_HITS,
        description="Every current article version that matches a search query, with its "
        "BM25 score over title and text (unordered, unfiltered; see search_articles).",
    ),
    TableMacro(
        name="search_articles",
        parameters=(("query", None), *_FILTER_PARAMETERS, ("max_results", "100")),
        sql=_SEARCH_ARTICLES,
        description='Full-text search: the articles that match a query (words, "phrases", '
        "OR, NOT or -), best first by BM25 over title and text; from_date and to_date "
        "(inclusive) are publication days on the outlet's clock, sources a list of "
        "source names; at most max_results rows.",
    ),
    TableMacro(
        name="search_counts",
        parameters=(("query", None), *_FILTER_PARAMETERS),
        sql=_SEARCH_COUNTS,
        description="Coverage of a full-text search: per publication day (on the outlet's "
        "clock) and source, how many articles match the query; same filters as "
        "search_articles. Undated articles are not counted.",
    ),
)
"""The search table macros, in creation order (each may call the ones before it)."""


def table_macro_sql(macro: TableMacro, comment_suffix: str = "") -> list[str]:
    """Return the statements that (re)create a table macro and comment it."""
    parameters = ", ".join(
        name if default is None else f"{name} := {default}" for name, default in macro.parameters
    )
    comment = (macro.description + comment_suffix).replace("'", "''")
    return [
        f"CREATE OR REPLACE MACRO {macro.name}({parameters}) AS TABLE {macro.sql.strip()}",
        f"COMMENT ON MACRO TABLE {macro.name} IS '{comment}'",
    ]
