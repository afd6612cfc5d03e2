"""Records passed between the pipeline's steps, and the outcome vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    """What finally happened to a URL in a run; every URL the run touched gets one."""

    EXTRACTED = "extracted"
    """An article was extracted and stored (new, updated or unchanged)."""
    SKIPPED = "skipped"
    """Deliberately not stored: robots rules, not an article, already known, ..."""
    FAILED = "failed"
    """Could not be fetched or parsed: HTTP errors, timeouts, malformed documents."""


class Reason(StrEnum):
    """Machine-readable reason codes recorded beside a status."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE_URL = "duplicate_url"
    ALREADY_INGESTED = "already_ingested"
    ROBOTS_DISALLOWED = "robots_disallowed"
    NOT_ARTICLE = "not_article"
    """The page declares another kind of page (AboutPage, Product, Recipe, a forum thread,
    ...), is a home, imprint or about page, or does not declare itself an article and has
    too little text to be one."""
    NO_CONTENT = "no_content"
    """The page has visible text, but none of it is main text."""
    EMPTY = "empty"
    """The page has nothing to read: an empty body, or markup without visible text."""
    TOO_SHORT = "too_short"
    """The page declares itself an article, but its text is too short to use."""
    PAYWALL = "paywall"
    """The story's text stops at a subscription wall: only a teaser is readable."""
    CONSENT_WALL = "consent_wall"
    """A cookie or consent interstitial stands in for the page."""
    BAD_CONTENT_TYPE = "bad_content_type"
    """The body is not an HTML page: another content type, binary data, or no markup."""
    HTTP_4XX = "http_4xx"
    HTTP_5XX = "http_5xx"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    TOO_LARGE = "too_large"
    NETWORK_ERROR = "network_error"
    TIMEOUT = "timeout"
    BLOCKED_ADDRESS = "blocked_address"
    INVALID_URL = "invalid_url"
    EXTRACTION_ERROR = "extraction_error"
    """Extraction raised on the page (a parser's limit, such as nesting deeper than the
    stack allows, or a bug): only this page is lost, the exception is in ``detail``."""
    FEED_PARSED = "feed_parsed"
    FEED_MALFORMED = "feed_malformed"
    SITEMAP_PARSED = "sitemap_parsed"
    SITEMAP_MALFORMED = "sitemap_malformed"
    NOT_MODIFIED = "not_modified"
    GAVE_UP = "gave_up"
    """A URL that failed on as many runs as allowed; it is not tried again."""
    QUEUED = "queued"
    """Listed by a discovery poll and not fetched yet: the next ingest fetches it."""


class UrlKind(StrEnum):
    """The role a URL played in a run."""

    ARTICLE = "article"
    FEED = "feed"
    SITEMAP = "sitemap"


class DiscoveryVia(StrEnum):
    """Where an article URL was found."""

    FEED = "feed"
    SITEMAP = "sitemap"
    URL_LIST = "url_list"


@dataclass(frozen=True, kw_only=True)
class Source:
    """One outlet the pipeline monitors, as the config declares it."""

    name: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    timezone: str = "UTC"
    """The outlet's IANA time zone, for counting days as the outlet does."""
    home_url: str | None = None
    """The outlet's home page (the config fills in the origin of its first feed, sitemap or
    URL when it names none)."""
    language: str | None = None
    """The outlet's main language (ISO 639-1) as configured; None when not given."""
    min_delay: float | None = None
    """Seconds between request starts on this source's hosts; None: the fetch default."""
    max_concurrent: int | None = None
    """Requests at once on one of this source's hosts; None: the fetch default."""
    retention_days: int | None = None
    """Days to keep this source's WARC captures; None keeps them for ever."""


@dataclass(frozen=True, kw_only=True)
class DiscoveredUrl:
    """An article URL found in a feed, sitemap or URL list, with what the listing said."""

    url: str
    source: str
    via: DiscoveryVia
    listed_in: str
    listed_title: str | None = None
    listed_published_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class UrlOutcome:
    """The row that says what happened to one URL in one run."""

    url: str
    source: str
    kind: UrlKind
    status: Status
    reason: Reason
    http_status: int | None = None
    final_url: str | None = None
    redirect_chain: tuple[str, ...] = ()
    detail: str | None = None
    article_id: str | None = None
    via: DiscoveryVia | None = None
    listed_in: str | None = None
    item_count: int | None = None
    fetched_at: datetime | None = None
    capture_id: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None


@dataclass(frozen=True, kw_only=True)
class Article:
    """One extracted, normalised article, ready for the lake."""

    article_id: str
    url: str
    canonical_url: str | None
    source: str
    title: str | None
    authors: tuple[str, ...]
    published_at: datetime | None
    published_offset: int | None
    """Minutes east of UTC that the page's own timestamp carried; None when it gave none."""
    date_source: str | None
    language: str | None
    language_confidence: float | None = None
    """How sure the language detector was of ``language``, in [0, 1]; None without one."""
    text: str
    word_count: int
    content_hash: str
    version_hash: str
    extractor_version: str
    fetched_at: datetime
    tags: tuple[str, ...] = field(default=())
    sections: tuple[str, ...] = field(default=())
    """The publisher's sections (article:section, JSON-LD articleSection), in page order."""
    image_url: str | None = None
    """The lead image's absolute URL (og:image, twitter:image, JSON-LD image)."""
    capture_id: str | None = None
    simhash: int | None = None
    """Signed 64-bit SimHash of the text (transforms.near_duplicates); None if empty."""
