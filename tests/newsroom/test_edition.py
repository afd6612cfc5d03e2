"""Editions: what the newsroom publishes on each simulated day, and how it changes."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from newsroom import catalogue
from newsroom.catalogue import ARTICLES, FEED_LIMIT, OUTLETS, SPECIALS, PageRef
from newsroom.clock import Timeline
from newsroom.edition import ARCHIVE, UPDATE_CANDIDATES, Edition, editions
from newsroom.records import DemoArticle
from newsroom.stories.daily import SCHEDULE

# Starts after the last archive story (24 November), so every archive story is out on day 0.
TIMELINE = Timeline(first_day=date(2026, 11, 25), days=4)
# Pages other pages depend on: the redirect's target, the robots-disallowed page, the
# syndicated pair.
NEVER_UPDATED = {
    SPECIALS.redirect_to,
    SPECIALS.robots_disallowed,
    SPECIALS.syndicated_original,
    SPECIALS.syndicated_copy,
}
# Starts inside the archive's week: its later stories come out on their own days.
EARLY = Timeline(first_day=date(2026, 11, 20), days=3)


@pytest.fixture(scope="module")
def days() -> tuple[Edition, ...]:
    return editions(TIMELINE)


def _by_ref(edition: Edition) -> dict[PageRef, DemoArticle]:
    return {catalogue.ref(article): article for article in edition.articles}


def test_archive_is_the_catalogue() -> None:
    assert ARCHIVE.articles == ARTICLES
    for outlet in OUTLETS:
        assert ARCHIVE.feed_items(outlet.slug) == catalogue.feed_items(outlet.slug)
        assert ARCHIVE.sitemap_entries(outlet.slug) == catalogue.sitemap_entries(outlet.slug)
        entries = catalogue.sitemap_entries(outlet.slug)
        assert ARCHIVE.sitemap_changed(outlet.slug) == max(e.published_at for e in entries)


def test_same_timeline_gives_the_same_editions(days: tuple[Edition, ...]) -> None:
    assert editions(TIMELINE) == days
    shorter = editions(replace(TIMELINE, days=2))
    assert shorter == days[:2]


def test_day_zero_is_the_archive_as_it_stands(days: tuple[Edition, ...]) -> None:
    first = days[0]
    assert (first.day, first.date) == (0, TIMELINE.first_day)
    assert first.articles == ARTICLES
    assert (first.published, first.updated) == ((), ())


def test_every_later_day_publishes_new_stories_dated_that_day(
    days: tuple[Edition, ...],
) -> None:
    for before, edition in itertools.pairwise(days):
        assert len(edition.published) == len(SCHEDULE) * len(OUTLETS)
        current = _by_ref(edition)
        assert not set(edition.published) & set(_by_ref(before))
        for ref in edition.published:
            article = current[ref]
            zone = ZoneInfo(catalogue.outlet_by_slug(ref.outlet).timezone)
            assert article.published_at.tzinfo == zone
            assert article.published_at.date() == edition.date
        assert len(edition.articles) == len(before.articles) + len(edition.published)
        assert set(_by_ref(before)) <= set(current)


def test_every_later_day_updates_one_recent_story_per_outlet(
    days: tuple[Edition, ...],
) -> None:
    for before, edition in itertools.pairwise(days):
        assert sorted(ref.outlet for ref in edition.updated) == sorted(o.slug for o in OUTLETS)
        old, new = _by_ref(before), _by_ref(edition)
        for ref in edition.updated:
            was, now = old[ref], new[ref]
            # What makes a new version for the pipeline: the headline or the text changed.
            assert (was.headline, was.paragraphs) != (now.headline, now.paragraphs)
            assert (was.published_at, was.authors, was.path) == (
                now.published_at,
                now.authors,
                now.path,
            )
            assert now.modified_at is not None and now.modified_at.date() == edition.date
            assert now.modified_at.tzinfo == was.published_at.tzinfo
            if now.headline == was.headline:
                assert now.paragraphs[:-1] == was.paragraphs
            else:
                assert now.paragraphs == was.paragraphs
            candidates = sorted(
                (
                    a
                    for a in before.articles
                    if a.outlet == ref.outlet and catalogue.ref(a) not in NEVER_UPDATED
                ),
                key=lambda a: a.published_at,
                reverse=True,
            )
            assert was in candidates[:UPDATE_CANDIDATES]
        untouched = set(old) - set(edition.updated)
        assert all(old[ref] == new[ref] for ref in untouched)


def test_updates_change_headlines_and_bodies_both() -> None:
    kinds = set()
    longer = editions(replace(TIMELINE, days=8))
    for before, edition in itertools.pairwise(longer):
        old, new = _by_ref(before), _by_ref(edition)
        kinds |= {
            "headline" if old[ref].headline != new[ref].headline else "body"
            for ref in edition.updated
        }
    assert kinds == {"headline", "body"}


def test_retitled_stories_move_their_sitemap_date() -> None:
    longer = editions(replace(TIMELINE, days=8))
    retitled = [
        (edition, ref)
        for edition in longer
        for ref in edition.updated
        if ref in edition.retitled and edition.retitled[ref].date() == edition.date
    ]
    assert retitled
    for edition, ref in retitled:
        listed = {entry.path for entry in edition.sitemap_entries(ref.outlet)}
        if ref.path in listed:
            assert edition.sitemap_changed(ref.outlet) >= edition.retitled[ref]


def test_feeds_list_each_day_newest_first_and_bounded(days: tuple[Edition, ...]) -> None:
    for edition in days[1:]:
        for outlet in OUTLETS:
            items = edition.feed_items(outlet.slug)
            times = [item.published_at for item in items]
            assert times == sorted(times, reverse=True)
            assert len(items) <= FEED_LIMIT
            if edition is days[-1]:
                assert len(items) == FEED_LIMIT  # older stories have dropped out
            todays = {ref for ref in edition.published if ref.outlet == outlet.slug}
            assert todays <= {catalogue.ref(item) for item in items}
            entries = edition.sitemap_entries(outlet.slug)
            assert todays <= {PageRef(outlet=outlet.slug, path=e.path) for e in entries}
            updated = [ref for ref in edition.updated if ref.outlet == outlet.slug]
            assert set(updated) <= {PageRef(outlet=outlet.slug, path=e.path) for e in entries}


def test_an_early_timeline_holds_back_stories_not_yet_out() -> None:
    early = editions(EARLY)
    for edition in early:
        closes = EARLY.closes_at(edition.day)
        assert all(a.published_at < closes for a in edition.articles)
        assert all(a.modified_at is None or a.modified_at < closes for a in edition.articles)
        for outlet in OUTLETS:
            assert all(a.published_at < closes for a in edition.feed_items(outlet.slug))
    archive = {catalogue.ref(article) for article in ARTICLES}
    archive_counts = [
        sum(catalogue.ref(article) in archive for article in edition.articles) for edition in early
    ]
    assert archive_counts == sorted(archive_counts)
    assert archive_counts[0] < len(ARTICLES)


def test_a_timeline_before_the_archive_serves_empty_listings() -> None:
    before = editions(Timeline(first_day=date(2026, 10, 1), days=2))
    assert before[0].articles == ()
    assert before[0].feed_items("harbour-ledger") == ()
    assert len(before[1].articles) == len(SCHEDULE) * len(OUTLETS)
