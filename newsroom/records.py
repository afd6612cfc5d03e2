"""Records describing the demo newsroom: outlets, articles and the pages around them.

`newsroom.catalogue` re-exports these; they live here so the story modules can build
articles without importing the catalogue that collects them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

# A sentence ends at ., ! or ? after a letter or closing quote, then whitespace, then a capital
# or opening quote. Requiring a letter before the stop keeps "am 18. November" in one piece.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_][.!?])\s+(?=[«\"“„A-ZÀ-ÖØ-Þ])|(?<=[.!?][\"”»])\s+")


@dataclass(frozen=True, kw_only=True)
class Outlet:
    """One fictional news outlet, served from its own origin."""

    slug: str
    name: str
    language: str
    """ISO 639-1 code, as the news sitemap writes it."""
    timezone: str
    """IANA zone name; every article of the outlet is dated in it."""
    feed_path: str
    feed_kind: Literal["rss", "atom"]
    template: Literal["A", "B", "C", "D"]

    @property
    def zone(self) -> ZoneInfo:
        """Return the outlet's time zone as a ZoneInfo."""
        return ZoneInfo(self.timezone)


@dataclass(frozen=True, kw_only=True)
class DemoArticle:
    """One fictional news story as its outlet publishes it."""

    outlet: str
    """Slug of the outlet serving this page."""
    path: str
    headline: str
    authors: tuple[str, ...]
    published_at: datetime
    """Aware, in the outlet's time zone."""
    modified_at: datetime | None
    section: str
    paragraphs: tuple[str, ...]
    image_caption: str
    image_credit: str
    tags: tuple[str, ...]
    syndicated_from: str | None = None
    """Slug of the outlet that first published the story, for republished copies."""

    @property
    def first_sentence(self) -> str:
        """Return the first sentence of the body, as a reader sees it after any dateline."""
        return _SENTENCE_END.split(self.paragraphs[0], maxsplit=1)[0]

    @property
    def word_count(self) -> int:
        """Return the number of whitespace-separated words in the body."""
        return sum(len(paragraph.split()) for paragraph in self.paragraphs)


@dataclass(frozen=True, kw_only=True)
class InfoPage:
    """A page that is not an article (an "about us" page), served with article-like chrome."""

    outlet: str
    path: str
    title: str
    published_at: datetime
    paragraphs: tuple[str, ...]
    links: tuple[tuple[str, str], ...]
    """(label, path) pairs of the page's link list."""


@dataclass(frozen=True, kw_only=True)
class PageRef:
    """Where one page lives: outlet slug and path."""

    outlet: str
    path: str


@dataclass(frozen=True, kw_only=True)
class Specials:
    """The deliberately awkward pages of the newsroom, one of each kind."""

    deleted_article: PageRef
    """Listed in the outlet's feed, answers 404."""
    broken_article: PageRef
    """Listed in the outlet's news sitemap, answers 500."""
    redirect_from: PageRef
    """Listed in the news sitemap, answers 301 to `redirect_to`."""
    redirect_to: PageRef
    """A served article that no feed or sitemap lists directly."""
    non_article: PageRef
    """Listed in the news sitemap, answers 200 with an "about us" page."""
    robots_disallowed: PageRef
    """Listed in the news sitemap, served, but disallowed by the outlet's robots.txt."""
    malformed_feed_outlet: str
    """Slug of the outlet whose feed is not well-formed XML."""
    syndicated_original: PageRef
    syndicated_copy: PageRef
    """Same headline, authors and paragraphs as `syndicated_original`, on another outlet."""


@dataclass(frozen=True, kw_only=True)
class SitemapEntry:
    """One URL as a news sitemap announces it."""

    path: str
    title: str
    published_at: datetime
