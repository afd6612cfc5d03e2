"""What the newsroom publishes as of one simulated day: an edition of the newsroom.

`ARCHIVE` is the fixed catalogue, all of it, as `mediawatch demo` serves it by default.
`editions(timeline)` gives one edition per simulated day (see `newsroom.clock`):

- day 0 is the archive as it stands when that day closes (stories dated later are not out
  yet);
- every later day first updates one earlier story per outlet, chosen among its
  `UPDATE_CANDIDATES` newest (a new headline, or an update paragraph at the end; its
  modification time moves to that day), then publishes the outlet's daily stories
  (`newsroom.stories.daily`), dated that day in the outlet's time zone.

The same timeline always gives the same editions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import MappingProxyType

from newsroom import catalogue
from newsroom.clock import Timeline
from newsroom.feeds import LISTINGS_OPENED
from newsroom.records import DemoArticle, InfoPage, Outlet, PageRef, SitemapEntry
from newsroom.stories.daily import edit_moment, stable_pick, stories_of_day, update_note

UPDATE_CANDIDATES = 4
"""An outlet's day updates one of its this many newest stories."""

# Stories whose text other pages depend on: the redirect's target, the page robots.txt
# hides, and the syndicated pair (an edit would part the copy from its original).
_NEVER_UPDATED = frozenset(
    {
        catalogue.SPECIALS.redirect_to,
        catalogue.SPECIALS.robots_disallowed,
        catalogue.SPECIALS.syndicated_original,
        catalogue.SPECIALS.syndicated_copy,
    }
)


@dataclass(frozen=True, kw_only=True)
class Edition:
    """The newsroom as of one day: served and announced pages, and what changed that day."""

    day: int
    """Index of the simulated day; 0 for the archive."""
    date: date | None
    """Calendar date of the simulated day; None for the archive, which has no clock."""
    articles: tuple[DemoArticle, ...]
    """Every article served with status 200, in their current versions."""
    unserved: tuple[DemoArticle, ...] = catalogue.UNSERVED_ARTICLES
    info_pages: tuple[InfoPage, ...] = catalogue.INFO_PAGES
    published: tuple[PageRef, ...] = ()
    """Stories first published on this day."""
    updated: tuple[PageRef, ...] = ()
    """Stories changed on this day."""
    retitled: Mapping[PageRef, datetime] = field(default_factory=lambda: MappingProxyType({}))
    """When a story's headline last changed, for the stories whose headline did."""

    def articles_of(self, slug: str) -> tuple[DemoArticle, ...]:
        """Return the served articles of one outlet, in catalogue then publication order."""
        return tuple(article for article in self.articles if article.outlet == slug)

    def find_article(self, slug: str, path: str) -> DemoArticle | None:
        """Return the article an outlet serves or announces at `path`, if it is out."""
        for article in (*self.articles, *self.unserved):
            if article.outlet == slug and article.path == path:
                return article
        return None

    def feed_items(self, slug: str) -> tuple[DemoArticle, ...]:
        """Return what the outlet's feed lists, by the catalogue's rules."""
        return catalogue.feed_items(slug, self.articles, self.unserved)

    def sitemap_entries(self, slug: str) -> tuple[SitemapEntry, ...]:
        """Return what the outlet's news sitemap lists, by the catalogue's rules."""
        return catalogue.sitemap_entries(slug, self.articles, self.unserved, self.info_pages)

    def sitemap_changed(self, slug: str) -> datetime:
        """Return when what the outlet's sitemap shows (URLs, dates, titles) last changed."""
        entries = self.sitemap_entries(slug)
        moments = [entry.published_at for entry in entries]
        moments += [
            moment
            for ref, moment in self.retitled.items()
            if ref.outlet == slug and any(entry.path == ref.path for entry in entries)
        ]
        return max(moments, default=LISTINGS_OPENED)


ARCHIVE = Edition(day=0, date=None, articles=catalogue.ARTICLES)
"""The whole fixed catalogue, with no clock: what the newsroom serves by default."""


def editions(timeline: Timeline) -> tuple[Edition, ...]:
    """Return the newsroom's edition on each day of `timeline`, day 0 first."""
    current: dict[PageRef, DemoArticle] = {catalogue.ref(a): a for a in catalogue.ARTICLES}
    follow_ups: dict[PageRef, str] = {}
    retitled: dict[PageRef, datetime] = {}
    result = []
    for day in range(timeline.days):
        today = timeline.date_of(day)
        closes = timeline.closes_at(day)
        updated: list[PageRef] = []
        published: list[PageRef] = []
        if day > 0:
            # Updates go to stories that were out by the end of the day before.
            previous = timeline.closes_at(day - 1)
            out_before = [a for a in current.values() if _out(a, previous)]
            for outlet in catalogue.OUTLETS:
                target = _update_target(outlet, today, out_before)
                if target is None:
                    continue
                ref = catalogue.ref(target)
                current[ref] = _revise(outlet, today, target, follow_ups.get(ref))
                if current[ref].headline != target.headline:
                    retitled[ref] = edit_moment(outlet, today, target.path)
                    del follow_ups[ref]  # a story is retitled once
                updated.append(ref)
            for outlet in catalogue.OUTLETS:
                for story in stories_of_day(outlet, today):
                    ref = catalogue.ref(story.article)
                    current[ref] = story.article
                    follow_ups[ref] = story.follow_up_headline
                    published.append(ref)
        result.append(
            Edition(
                day=day,
                date=today,
                articles=tuple(_as_of(a, closes) for a in current.values() if _out(a, closes)),
                unserved=tuple(a for a in catalogue.UNSERVED_ARTICLES if _out(a, closes)),
                info_pages=tuple(p for p in catalogue.INFO_PAGES if p.published_at < closes),
                published=tuple(published),
                updated=tuple(updated),
                retitled=MappingProxyType(dict(retitled)),
            )
        )
    return tuple(result)


def _out(article: DemoArticle, closes: datetime) -> bool:
    return article.published_at < closes


def _as_of(article: DemoArticle, closes: datetime) -> DemoArticle:
    # An archive story's later correction is not out yet: it shows its first version.
    if article.modified_at is not None and article.modified_at >= closes:
        return replace(article, modified_at=None)
    return article


def _revise(outlet: Outlet, today: date, story: DemoArticle, follow_up: str | None) -> DemoArticle:
    """Return the story as updated on `today`: retitled with `follow_up` on some days (when
    it has one), otherwise with an update paragraph added at the end."""
    moment = edit_moment(outlet, today, story.path)
    if follow_up is not None and stable_pick(outlet.slug, today, "retitle") % 2:
        return replace(story, headline=follow_up, modified_at=moment)
    note = update_note(outlet, today, story.path)
    return replace(story, paragraphs=(*story.paragraphs, note), modified_at=moment)


def _update_target(
    outlet: Outlet, today: date, out_before: list[DemoArticle]
) -> DemoArticle | None:
    candidates = sorted(
        (
            article
            for article in out_before
            if article.outlet == outlet.slug and catalogue.ref(article) not in _NEVER_UPDATED
        ),
        key=lambda article: article.published_at,
        reverse=True,
    )[:UPDATE_CANDIDATES]
    if not candidates:
        return None
    return candidates[stable_pick(outlet.slug, today, "update") % len(candidates)]
