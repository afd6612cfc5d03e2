"""The one declared schema of every table: Arrow types for the lake, DDL and comments for DuckDB.

The lake writer, the warehouse loader and the data dictionary all read these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = 5
"""Version of the warehouse's public interface (tables, views, macros); raised whenever
it changes. Stored in the lake's Parquet metadata, the schema_info view and every view's
and macro's comment."""
UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")


@dataclass(frozen=True, kw_only=True)
class Column:
    """One column: its Arrow type, whether it may be null, and what it means."""

    name: str
    type: pa.DataType
    description: str
    nullable: bool = True


@dataclass(frozen=True, kw_only=True)
class Table:
    """One table as the lake stores it and the warehouse serves it."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    indexed: tuple[str, ...] = ()
    """Columns with a secondary index: the loader looks rows up by their values."""

    @property
    def arrow_schema(self) -> pa.Schema:
        """Return the Arrow schema, with each column's description as field metadata."""
        return pa.schema(
            [
                pa.field(
                    c.name, c.type, nullable=c.nullable, metadata={"description": c.description}
                )
                for c in self.columns
            ],
            metadata={"description": self.description, "schema_version": str(SCHEMA_VERSION)},
        )

    @property
    def column_names(self) -> tuple[str, ...]:
        """Return the column names in declared order."""
        return tuple(c.name for c in self.columns)


def _text(name: str, description: str, *, nullable: bool = True) -> Column:
    return Column(name=name, type=pa.string(), description=description, nullable=nullable)


def _time(name: str, description: str, *, nullable: bool = True) -> Column:
    return Column(name=name, type=UTC_TIMESTAMP, description=description, nullable=nullable)


_ARTICLE_CORE = (
    _text(
        "article_id",
        "Stable id: hash of the normalised URL the article was fetched from.",
        nullable=False,
    ),
    _text("url", "Normalised URL the article was fetched from (after redirects).", nullable=False),
    _text(
        "canonical_url",
        "The page's own <link rel=canonical>, normalised; may name another "
        "outlet for syndicated copies.",
    ),
    _text(
        "source",
        "Name of the configured source (outlet) the URL was discovered for.",
        nullable=False,
    ),
    _text("title", "Headline, from JSON-LD/OpenGraph, else trafilatura."),
    Column(
        name="authors",
        type=pa.list_(pa.string()),
        nullable=False,
        description="Author names, split, without 'By', de-duplicated, in page order.",
    ),
    _time("published_at", "Publication time in UTC, as the page (or its listing) gave it."),
    Column(
        name="published_offset",
        type=pa.int32(),
        description="UTC offset in minutes east of UTC that the publication timestamp carried; "
        "null when the page gave no offset. Local time = published_at + offset minutes.",
    ),
    _text(
        "date_source",
        "Where published_at came from: json-ld, meta, time-element, listing "
        "(feed or sitemap), htmldate.",
    ),
    _text("language", "ISO 639-1 code of the text's language, detected from the text."),
    Column(
        name="language_confidence",
        type=pa.float64(),
        description="How sure the language detector was of language, from 0 to 1; null when "
        "there is no language, and on rows stored before it was recorded.",
    ),
    _text("text", "Main text, cleaned: one paragraph per line.", nullable=False),
    Column(
        name="word_count", type=pa.int32(), nullable=False, description="Number of words in text."
    ),
    _text(
        "content_hash",
        "Hash of the text ignoring case, punctuation and whitespace; equal "
        "hashes mean the same story text (syndication).",
        nullable=False,
    ),
    _text(
        "version_hash",
        "Hash of title, authors, publication time, canonical URL, language "
        "and text: changes when any of them changes.",
        nullable=False,
    ),
    _text(
        "extractor_version", "Version of the extraction code that produced the row.", nullable=False
    ),
    Column(
        name="tags",
        type=pa.list_(pa.string()),
        nullable=False,
        description="Keywords and article:tag values the page declared.",
    ),
    # Nullable, unlike tags: a warehouse upgraded in place has no sections for the rows it
    # already held, and null keeps "not recorded" apart from "the page declared none".
    Column(
        name="sections",
        type=pa.list_(pa.string()),
        description="The publisher's sections (article:section, JSON-LD articleSection), in "
        "page order; null on rows stored before sections were recorded.",
    ),
    _text(
        "image_url",
        "Absolute URL of the lead image the page declared (og:image, twitter:image, "
        "JSON-LD image); null when it declared none.",
    ),
    _text(
        "capture_id",
        "The capture (WARC response record, see the captures index) this version was "
        "extracted from.",
    ),
)

_SIMHASH = Column(
    name="simhash",
    type=pa.int64(),
    description="64-bit SimHash of the text's two-word shingles, stored signed; "
    "near-duplicates differ in at most 8 bits; null for an empty text.",
)

EXTRACTIONS = Table(
    name="extractions",
    description="Lake only: every new or changed article version a run extracted.",
    columns=(
        *_ARTICLE_CORE,
        _time("fetched_at", "When the page was fetched.", nullable=False),
        _text("run_id", "The run that extracted this version.", nullable=False),
        # Computed where the text is extracted (in parallel), so loads need not; null in
        # parts written before, which the loader fingerprints itself.
        _SIMHASH,
    ),
)

ARTICLES = Table(
    name="articles",
    description="One row per article: the current version of each article URL.",
    primary_key=("article_id",),
    indexed=("content_hash",),
    columns=(
        *_ARTICLE_CORE,
        _time("first_seen_at", "When a run first fetched this article.", nullable=False),
        _time("updated_at", "When the current version was fetched.", nullable=False),
        _text("run_id", "The run that stored the current version.", nullable=False),
        _SIMHASH,
        _text(
            "cluster_id",
            "Smallest article_id in this article's near-duplicate cluster (syndicated and "
            "lightly edited copies share it); its own article_id when it has none.",
        ),
        _text(
            "duplicate_of",
            "article_id of the earliest article with the same content_hash "
            "(the original of a syndicated copy); null for originals.",
        ),
        # Stored, not computed in the views: AT TIME ZONE with a per-row zone costs about
        # 3.5 us a row, seconds for a year of a million-article warehouse.
        Column(
            name="published_local_day",
            type=pa.date32(),
            description="Publication day on the outlet's clock (sources.timezone; UTC for a "
            "source no run has declared); null for an undated article.",
        ),
    ),
)

# A version's content is the article's core columns as its first fetch gave them: the
# fields outside version_hash (tags, sections, lead image, language confidence, capture)
# may differ on later fetches of the same version.
ARTICLE_VERSIONS = Table(
    name="article_versions",
    description="One row per distinct content (version_hash) seen for an article, with when "
    "runs saw it: how an article changed. An article that changes back to an earlier "
    "content gets no new row: that version's row is seen again (last_seen_at, times_seen) "
    "and records the return in returned_at.",
    primary_key=("version_id",),
    columns=(
        _text(
            "version_id",
            "article_id and version_hash joined by ':'; stable id of one content of one article.",
            nullable=False,
        ),
        *_ARTICLE_CORE,
        _time(
            "first_seen_at",
            "When a run first fetched the article and found this content.",
            nullable=False,
        ),
        _time(
            "last_seen_at",
            "When a run last fetched the article and found this content (new, changed or "
            "unchanged); runs that did not fetch the article do not move it.",
            nullable=False,
        ),
        _text("first_run_id", "The run that first found this content.", nullable=False),
        _text("last_run_id", "The run that last found this content.", nullable=False),
        Column(
            name="times_seen",
            type=pa.int32(),
            nullable=False,
            description="Runs that fetched the article and found this content (for a "
            "version stored before versions were recorded: its run and the unchanged fetches "
            "since).",
        ),
        _time(
            "returned_at",
            "When the article last changed back to this content after showing another one; "
            "null if it never did.",
        ),
    ),
)

_SOURCE_CONFIG = (
    _text(
        "name",
        "Name of the configured source (outlet), as articles.source gives it.",
        nullable=False,
    ),
    _text(
        "home_url",
        "The outlet's home page: configured, else the origin of its first feed, sitemap or URL.",
    ),
    _text("language", "The outlet's main language (ISO 639-1) as configured; null if not given."),
    _text(
        "timezone",
        "The outlet's IANA time zone (e.g. Europe/Berlin; UTC unless configured): its "
        "articles count on the local day of this zone.",
        nullable=False,
    ),
    Column(
        name="feeds",
        type=pa.list_(pa.string()),
        nullable=False,
        description="RSS/Atom feed URLs the source is read from, in config order.",
    ),
    Column(
        name="sitemaps",
        type=pa.list_(pa.string()),
        nullable=False,
        description="(Google News) sitemap URLs the source is read from, in config order.",
    ),
    Column(
        name="url_count",
        type=pa.int32(),
        nullable=False,
        description="How many article URLs the config lists for the source directly.",
    ),
)

SOURCE_CONFIGS = Table(
    name="source_configs",
    description="Lake only: each configured source as a run's config declared it.",
    columns=(
        _text("run_id", "The run whose config declared the source.", nullable=False),
        *_SOURCE_CONFIG,
    ),
)

SOURCES = Table(
    name="sources",
    description="One row per configured source (outlet): its settings as the newest run "
    "that named it declared them, and which runs named it first and last.",
    primary_key=("name",),
    columns=(
        *_SOURCE_CONFIG,
        _text("first_run_id", "The first run whose config named the source.", nullable=False),
        _time("first_run_at", "When that first run started.", nullable=False),
        _text("last_run_id", "The newest run whose config named the source.", nullable=False),
        _time("last_run_at", "When that newest run started.", nullable=False),
    ),
)

URL_OUTCOMES = Table(
    name="url_outcomes",
    description="Every URL a run touched (articles, feeds, sitemaps) and what happened to it.",
    primary_key=("run_id", "url", "kind"),
    columns=(
        _text("run_id", "The run that touched the URL.", nullable=False),
        _text(
            "url", "The URL as discovered or configured, normalised when possible.", nullable=False
        ),
        _text("source", "Configured source the URL belongs to.", nullable=False),
        _text("kind", "Role of the URL: article, feed or sitemap.", nullable=False),
        _text("status", "extracted, skipped or failed.", nullable=False),
        _text(
            "reason",
            "Reason code (see the README's table): new, updated, unchanged, "
            "already_ingested, duplicate_url, robots_disallowed, not_article, no_content, empty, "
            "too_short, paywall, consent_wall, "
            "bad_content_type, too_large, blocked_address, invalid_url, http_4xx, http_5xx, "
            "timeout, network_error, too_many_redirects, gave_up, feed_parsed, "
            "feed_malformed, sitemap_parsed, sitemap_malformed, not_modified, queued, "
            "extraction_error.",
            nullable=False,
        ),
        Column(name="http_status", type=pa.int32(), description="Final HTTP status, if any."),
        _text("final_url", "URL after redirects."),
        Column(
            name="redirect_chain",
            type=pa.list_(pa.string()),
            nullable=False,
            description="URLs that redirected, in order, before final_url.",
        ),
        _text("detail", "Human-readable explanation (error message, parser complaint)."),
        _text("article_id", "The article stored from this URL, when there is one."),
        _text("discovered_via", "feed, sitemap or url_list, for article URLs."),
        _text("listed_in", "The feed or sitemap that listed the URL ('config' for URL lists)."),
        Column(
            name="item_count",
            type=pa.int32(),
            description="For feeds and sitemaps: how many article links they listed.",
        ),
        _time("fetched_at", "When the URL was fetched; null if it was not fetched."),
        _text("capture_id", "The capture (WARC record) of the response, when one was kept."),
        _text(
            "etag",
            "For feeds and sitemaps: the ETag the server sent, for the next run's "
            "conditional request.",
        ),
        _text(
            "last_modified",
            "For feeds and sitemaps: the Last-Modified header the server "
            "sent, for the next run's conditional request.",
        ),
        _text(
            "body_sha256",
            "For feeds and sitemaps: SHA-256 of the body, so an unchanged "
            "listing costs one hash compare when the server ignores conditional requests.",
        ),
    ),
)

RUNS = Table(
    name="runs",
    description="One row per ingest run, with what it did.",
    primary_key=("run_id",),
    columns=(
        _text("run_id", "Run id (UTC start time and a random suffix).", nullable=False),
        _text("flow", "Which flow ran: nightly-ingest, ...", nullable=False),
        _time("started_at", "When the run started.", nullable=False),
        _time("finished_at", "When the run's load committed.", nullable=False),
        _text("config_sha256", "Hash of the configuration the run used.", nullable=False),
        Column(
            name="urls_touched",
            type=pa.int32(),
            nullable=False,
            description="Rows the run wrote to url_outcomes.",
        ),
        Column(
            name="articles_new",
            type=pa.int32(),
            nullable=False,
            description="Articles stored for the first time.",
        ),
        Column(
            name="articles_updated",
            type=pa.int32(),
            nullable=False,
            description="Articles whose stored version changed.",
        ),
        Column(
            name="articles_unchanged",
            type=pa.int32(),
            nullable=False,
            description="Articles fetched again with no change.",
        ),
        Column(
            name="skipped",
            type=pa.int32(),
            nullable=False,
            description="URLs skipped (robots, not an article, already ingested, ...).",
        ),
        Column(
            name="failed",
            type=pa.int32(),
            nullable=False,
            description="URLs that failed (HTTP errors, network errors, malformed documents).",
        ),
    ),
)


def duckdb_type(arrow_type: pa.DataType) -> str:
    """Return the DuckDB column type that stores an Arrow type."""
    if pa.types.is_string(arrow_type):
        return "VARCHAR"
    if pa.types.is_int32(arrow_type):
        return "INTEGER"
    if pa.types.is_int64(arrow_type):
        return "BIGINT"
    if pa.types.is_float64(arrow_type):
        return "DOUBLE"
    if pa.types.is_timestamp(arrow_type):
        return "TIMESTAMPTZ" if arrow_type.tz else "TIMESTAMP"
    if pa.types.is_boolean(arrow_type):
        return "BOOLEAN"
    if pa.types.is_date32(arrow_type):
        return "DATE"
    if pa.types.is_list(arrow_type):
        return f"{duckdb_type(arrow_type.value_type)}[]"
    raise TypeError(f"no DuckDB type declared for Arrow type {arrow_type}")


# record_offset and record_length, not offset and length: OFFSET is a reserved word in SQL,
# and an analyst's unquoted `SELECT offset` would be a syntax error.
CAPTURES = Table(
    name="captures",
    description="The capture index: one row per stored response, and where its WARC record "
    "lives, so a page can be re-extracted without fetching it again.",
    primary_key=("capture_id",),
    columns=(
        _text(
            "capture_id",
            "Stable id: hash of warc_file and offset (16 hex digits).",
            nullable=False,
        ),
        _text("run_id", "The run that fetched and stored the response.", nullable=False),
        _text("source", "Configured source the URL belongs to.", nullable=False),
        _text("url", "The URL that was requested.", nullable=False),
        _text(
            "final_url",
            "The URL that answered, after redirects (the record's WARC-Target-URI).",
            nullable=False,
        ),
        Column(
            name="status",
            type=pa.int32(),
            nullable=False,
            description="HTTP status of the stored response.",
        ),
        _text("content_type", "Content-Type header of the response, as the server sent it."),
        _time("fetched_at", "When the request started (the record's WARC-Date).", nullable=False),
        _text(
            "warc_file",
            "The WARC file, relative to the captures directory: "
            "run_date=YYYY-MM-DD/<source>/<name>.warc.gz.",
            nullable=False,
        ),
        Column(
            name="record_offset",
            type=pa.int64(),
            nullable=False,
            description="Byte offset of the response record (a gzip member) in warc_file.",
        ),
        Column(
            name="record_length",
            type=pa.int64(),
            nullable=False,
            description="Compressed length in bytes of the response record.",
        ),
        _text(
            "payload_digest",
            "WARC-Payload-Digest of the stored (decoded) body: 'sha1:' and base32.",
            nullable=False,
        ),
    ),
)


def _count(name: str, description: str) -> Column:
    return Column(name=name, type=pa.int32(), nullable=False, description=description)


# The full-text search index (warehouse.search): derived from articles by the loader.
SEARCH_DOCS = Table(
    name="search_docs",
    description="Search index: one row per article version indexed for full-text search "
    "(each article's current version), with what ranking and the search filters need.",
    primary_key=("doc_id",),
    indexed=("article_id",),
    columns=(
        _count("doc_id", "Number of this indexed version; a changed article gets a new one."),
        _text("article_id", "The article (see articles).", nullable=False),
        _text("version_hash", "articles.version_hash of the indexed version.", nullable=False),
        _text(
            "stemmer",
            "How its words became terms: a Snowball stemmer (english, german, ...), polish or "
            "ukrainian (suffix rules), or none; search_stemmer(language) chose it.",
            nullable=False,
        ),
        _count("title_length", "Terms in the title (they hold positions 1 to this)."),
        _count("length", "Terms in title and text together (the BM25 document length)."),
        _text("source", "The article's source, for the sources filter.", nullable=False),
        _time("published_at", "Publication time (UTC), for the date filters."),
    ),
)
SEARCH_TERMS = Table(
    name="search_terms",
    description="Search index: the term dictionary, one row per distinct term of each "
    "stemmer (a stemmed, accent-free word, a number, or a two-character piece of Chinese, "
    "Japanese or Korean). A word two languages share is a term of each, so a search reads "
    "only the postings of documents analysed the way it analysed the word.",
    columns=(
        _count("term_id", "Number of the term; postings refer to it."),
        _text("term", "The term.", nullable=False),
        _text(
            "stemmer",
            "The stemmer that made it (search_docs.stemmer of every document whose postings "
            "refer to it).",
            nullable=False,
        ),
    ),
)
SEARCH_POSTINGS = Table(
    name="search_postings",
    description="Search index: one row per term and indexed version containing it, appended "
    "in runs sorted by term_id (zone maps then find a term's rows).",
    columns=(
        _count("term_id", "The term (see search_terms)."),
        _count(
            "doc_id",
            "The indexed version (see search_docs); rows of versions no longer in search_docs "
            "are ignored, and purged in bulk.",
        ),
        _count("title_tf", "Times the term occurs in the title."),
        _count("text_tf", "Times the term occurs in the text."),
        Column(
            name="positions",
            type=pa.list_(pa.int32()),
            nullable=False,
            description="Where it occurs, for phrases: title positions, then text positions "
            "(the text starts two after the title's last term).",
        ),
    ),
)
SEARCH_STALE = Table(
    name="search_stale",
    description="Search index: replaced or removed versions whose postings are still stored "
    "(searches ignore them; deleted in bulk once they are many).",
    columns=(_count("doc_id", "The replaced version (no longer in search_docs)."),),
)
SEARCH_TABLES = (SEARCH_DOCS, SEARCH_TERMS, SEARCH_POSTINGS, SEARCH_STALE)

WAREHOUSE_TABLES = (
    ARTICLES,
    ARTICLE_VERSIONS,
    SOURCES,
    URL_OUTCOMES,
    CAPTURES,
    RUNS,
    *SEARCH_TABLES,
)
LAKE_TABLES = (EXTRACTIONS, SOURCE_CONFIGS, URL_OUTCOMES, CAPTURES, RUNS)
