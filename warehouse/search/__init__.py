"""Full-text search over the articles, in the warehouse itself: postings tables kept fresh
by the loader and SQL macros (``search_articles``, ``search_counts``) any DuckDB 1.5.5
client can call, with the fts extension loaded for its stemmer.

- `warehouse.search.analysis`: how text becomes terms (macros shared by index and query);
- `warehouse.search.query`: the query language and BM25 ranking (table macros);
- `warehouse.search.index`: the incremental refresh the loader runs in its transaction.

The index's tables (search_docs, search_terms, search_postings, search_stale) are declared
in `warehouse.schema` with the others.
"""
