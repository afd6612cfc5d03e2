"""The search index's tables: documents, the term dictionary, postings and stale documents.

Derived from ``articles`` by `warehouse.search.index`; never written by hand.
"""

from __future__ import annotations

import pyarrow as pa

from warehouse.schema import Column, Table


def _int(name: str, description: str) -> Column:
    return Column(name=name, type=pa.int32(), nullable=False, description=description)


SEARCH_DOCS = Table(
    name="search_docs",
    description="Search index: one row per article version indexed for full-text search (the "
    "current version of each article), with what BM25 ranking and the search filters need.",
    primary_key=("doc_id",),
    columns=(
        _int("doc_id", "Number of this indexed version; a changed article gets a new one."),
        Column(
            name="article_id",
            type=pa.string(),
            nullable=False,
            description="The article (see articles).",
        ),
        Column(
            name="version_hash",
            type=pa.string(),
            nullable=False,
            description="articles.version_hash of the indexed version.",
        ),
        Column(
            name="stemmer",
            type=pa.string(),
            nullable=False,
            description="How the article's words were reduced to terms: a Snowball stemmer "
            "(english, german, ...), polish or ukrainian (suffix rules), or none; chosen by "
            "search_stemmer(language).",
        ),
        _int("title_length", "Terms in the title (title terms hold positions 1 to this)."),
        _int("length", "Terms in title and text together (BM25's document length)."),
        Column(
            name="source",
            type=pa.string(),
            nullable=False,
            description="The article's source (outlet), for the sources filter.",
        ),
        Column(
            name="published_at",
            type=pa.timestamp("us", tz="UTC"),
            description="Publication time (UTC), for the date filters; null when unknown.",
        ),
    ),
)

SEARCH_TERMS = Table(
    name="search_terms",
    description="Search index: the term dictionary, one row per distinct term (a stemmed, "
    "accent-free word, a number, or a two-character piece of Chinese, Japanese or Korean).",
    columns=(
        _int("term_id", "Number of the term; postings refer to it."),
        Column(name="term", type=pa.string(), nullable=False, description="The term."),
    ),
)

SEARCH_POSTINGS = Table(
    name="search_postings",
    description="Search index: one row per term and indexed version that contains it, "
    "appended in runs sorted by term_id (so a term's rows are found by zone maps).",
    columns=(
        _int("term_id", "The term (see search_terms)."),
        _int(
            "doc_id",
            "The indexed version (see search_docs); rows of versions no longer "
            "in search_docs are ignored and purged later.",
        ),
        _int("title_tf", "Times the term occurs in the title."),
        _int("text_tf", "Times the term occurs in the text."),
        Column(
            name="positions",
            type=pa.list_(pa.int32()),
            nullable=False,
            description="Where it occurs: positions in title then text (the text starts two "
            "after the title's last term), for phrase queries.",
        ),
    ),
)

SEARCH_STALE = Table(
    name="search_stale",
    description="Search index: versions replaced or removed whose postings are still stored "
    "(ignored by searches, deleted in bulk once they are many).",
    columns=(_int("doc_id", "The replaced version (no longer in search_docs)."),),
)

SEARCH_TABLES = (SEARCH_DOCS, SEARCH_TERMS, SEARCH_POSTINGS, SEARCH_STALE)
"""Every table of the search index, in creation order."""
