"""The catalogue's promises: counts, dates, languages, unique text and the special cases."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from newsroom import catalogue
from newsroom.catalogue import (
    ARTICLES,
    INFO_PAGES,
    OUTLETS,
    ROBOTS_DISALLOW,
    SPECIALS,
    UNSERVED_ARTICLES,
    DemoArticle,
    PageRef,
)

WINDOW_START = datetime(2026, 11, 16, tzinfo=UTC)
WINDOW_END = datetime(2026, 11, 25, tzinfo=UTC)

# Words that occur in almost any running text of the language and rarely in the others.
COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "said"},
    "de": {"der", "die", "und", "sich", "nicht"},
    "fr": {"le", "la", "les", "et", "des"},
}


def test_four_outlets_with_the_agreed_setup() -> None:
    assert [
        (o.slug, o.language, o.timezone, o.feed_path, o.feed_kind, o.template) for o in OUTLETS
    ] == [
        ("harbour-ledger", "en", "Europe/London", "/feed.xml", "rss", "A"),
        ("valley-courier", "en", "America/Los_Angeles", "/atom.xml", "atom", "B"),
        ("rheinblick", "de", "Europe/Berlin", "/feed.xml", "rss", "C"),
        ("le-guetteur", "fr", "Europe/Paris", "/atom.xml", "atom", "D"),
    ]


def test_article_counts() -> None:
    per_outlet = Counter(article.outlet for article in ARTICLES)
    assert len(ARTICLES) >= 68
    assert set(per_outlet) == {outlet.slug for outlet in OUTLETS}
    assert min(per_outlet.values()) >= 17


def test_paths_are_unique_per_outlet() -> None:
    refs = [catalogue.ref(a) for a in (*ARTICLES, *UNSERVED_ARTICLES)]
    assert len(refs) == len(set(refs))
    assert all(a.path.startswith("/") for a in ARTICLES)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: f"{a.outlet}{a.path}")
def test_article_shape(article: DemoArticle) -> None:
    assert 5 <= len(article.paragraphs) <= 10
    assert article.word_count >= 220
    assert len(article.authors) in (1, 2, 3)
    assert article.tags
    assert article.image_caption and article.image_credit and article.section
    assert all(
        paragraph == paragraph.strip() and "  " not in paragraph for paragraph in article.paragraphs
    )


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: f"{a.outlet}{a.path}")
def test_article_dates_are_local_to_the_outlet(article: DemoArticle) -> None:
    outlet = catalogue.outlet_by_slug(article.outlet)
    assert article.published_at.tzinfo == ZoneInfo(outlet.timezone)
    assert WINDOW_START <= article.published_at < WINDOW_END
    if article.modified_at is not None:
        assert article.modified_at > article.published_at
        assert article.modified_at.tzinfo == ZoneInfo(outlet.timezone)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: f"{a.outlet}{a.path}")
def test_body_is_in_the_outlet_language(article: DemoArticle) -> None:
    language = catalogue.outlet_by_slug(article.outlet).language
    words = Counter(
        word.strip(".,;:«»„“”\"'").lower() for p in article.paragraphs for word in p.split()
    )
    scores = {lang: sum(words[w] for w in common) for lang, common in COMMON_WORDS.items()}
    assert max(scores, key=lambda lang: scores[lang]) == language


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: f"{a.outlet}{a.path}")
def test_first_sentence_is_a_plain_sentence(article: DemoArticle) -> None:
    sentence = article.first_sentence
    assert article.paragraphs[0].startswith(sentence)
    assert sentence.endswith((".", "!", "?"))
    assert len(sentence.split()) >= 8
    assert "—" not in sentence[:30]  # no dateline in the data


def test_first_sentence_stops_at_the_first_full_stop() -> None:
    article = catalogue.find_article(
        "harbour-ledger", "/transport/2026/nov/16/skerry-isles-ferry-winter-sailings-cut"
    )
    assert article is not None
    assert article.first_sentence == (
        "Islanders on the Skerry Isles will have only two ferry crossings a day to Harbourton "
        "from next month after the operator confirmed it would withdraw its midday sailing "
        "until March."
    )


def test_bylines_vary_between_one_two_and_three_authors() -> None:
    sizes = Counter(len(article.authors) for article in ARTICLES)
    assert sizes[1] >= 10 and sizes[2] >= 10 and sizes[3] >= 4


def test_some_stories_fall_on_a_different_day_in_utc() -> None:
    shifted = [
        a for a in ARTICLES if a.published_at.date() != a.published_at.astimezone(UTC).date()
    ]
    assert len(shifted) >= 4
    assert {a.outlet for a in shifted} >= {"valley-courier", "rheinblick", "le-guetteur"}


def test_no_paragraph_is_shared_except_by_the_syndicated_pair() -> None:
    copy = catalogue.find_article(SPECIALS.syndicated_copy.outlet, SPECIALS.syndicated_copy.path)
    owners: dict[str, list[PageRef]] = {}
    for article in ARTICLES:
        if article is copy:
            continue
        for paragraph in article.paragraphs:
            owners.setdefault(paragraph, []).append(catalogue.ref(article))
    shared = {p: refs for p, refs in owners.items() if len(refs) > 1}
    assert shared == {}


def test_syndicated_pair_is_word_for_word() -> None:
    original = catalogue.find_article(
        SPECIALS.syndicated_original.outlet, SPECIALS.syndicated_original.path
    )
    copy = catalogue.find_article(SPECIALS.syndicated_copy.outlet, SPECIALS.syndicated_copy.path)
    assert original is not None and copy is not None
    assert original.outlet != copy.outlet and original.path != copy.path
    assert copy.paragraphs == original.paragraphs
    assert copy.headline == original.headline
    assert copy.authors == original.authors
    assert copy.syndicated_from == original.outlet
    assert original.syndicated_from is None
    assert [a for a in ARTICLES if a.syndicated_from is not None] == [copy]


def test_specials_point_at_the_right_kind_of_page() -> None:
    served = {catalogue.ref(a) for a in ARTICLES}
    unserved = {catalogue.ref(a) for a in UNSERVED_ARTICLES}
    assert unserved == {SPECIALS.deleted_article, SPECIALS.broken_article}
    assert SPECIALS.deleted_article.outlet == "harbour-ledger"
    assert SPECIALS.broken_article.outlet == "valley-courier"
    assert SPECIALS.redirect_from.outlet == SPECIALS.redirect_to.outlet == "rheinblick"
    assert SPECIALS.redirect_from.path.startswith("/artikel/alt/")
    assert SPECIALS.redirect_from not in served
    assert SPECIALS.redirect_to in served
    assert SPECIALS.robots_disallowed in served
    assert SPECIALS.robots_disallowed.outlet == "valley-courier"
    assert SPECIALS.robots_disallowed.path.startswith("/members/")
    assert SPECIALS.non_article == PageRef(outlet="le-guetteur", path=INFO_PAGES[0].path)
    assert SPECIALS.malformed_feed_outlet == "rheinblick"
    assert {SPECIALS.syndicated_original, SPECIALS.syndicated_copy} <= served


def test_feed_listing_rules() -> None:
    for outlet in OUTLETS:
        listed = {catalogue.ref(a) for a in catalogue.feed_items(outlet.slug)}
        served = {catalogue.ref(a) for a in catalogue.articles_of(outlet.slug)}
        expected = served - {SPECIALS.redirect_to, SPECIALS.robots_disallowed}
        if outlet.slug == SPECIALS.deleted_article.outlet:
            expected |= {SPECIALS.deleted_article}
        assert listed == expected, outlet.slug


def test_sitemap_listing_rules() -> None:
    extras = {
        "harbour-ledger": set(),
        "valley-courier": {SPECIALS.broken_article.path},
        "rheinblick": {SPECIALS.redirect_from.path},
        "le-guetteur": {SPECIALS.non_article.path},
    }
    for outlet in OUTLETS:
        listed = {entry.path for entry in catalogue.sitemap_entries(outlet.slug)}
        served = {a.path for a in catalogue.articles_of(outlet.slug)}
        assert listed == (served - {SPECIALS.redirect_to.path}) | extras[outlet.slug], outlet.slug


def test_moved_story_is_reachable_only_through_its_redirect() -> None:
    moved = SPECIALS.redirect_to
    assert moved.path not in {a.path for a in catalogue.feed_items(moved.outlet)}
    assert moved.path not in {e.path for e in catalogue.sitemap_entries(moved.outlet)}


def test_robots_rules_hit_only_the_members_story() -> None:
    blocked = [
        catalogue.ref(a)
        for a in ARTICLES
        if any(a.path.startswith(prefix) for prefix in ROBOTS_DISALLOW[a.outlet])
    ]
    assert blocked == [SPECIALS.robots_disallowed]


def test_listings_are_newest_first() -> None:
    for outlet in OUTLETS:
        feed_times = [a.published_at for a in catalogue.feed_items(outlet.slug)]
        sitemap_times = [e.published_at for e in catalogue.sitemap_entries(outlet.slug)]
        assert feed_times == sorted(feed_times, reverse=True)
        assert sitemap_times == sorted(sitemap_times, reverse=True)


def test_lookup_helpers() -> None:
    assert catalogue.outlet_by_slug("rheinblick").name == "Rheinblick Zeitung"
    with pytest.raises(KeyError):
        catalogue.outlet_by_slug("daily-planet")
    deleted = catalogue.find_article(SPECIALS.deleted_article.outlet, SPECIALS.deleted_article.path)
    assert deleted is not None and deleted in UNSERVED_ARTICLES
    assert catalogue.find_article("rheinblick", "/nowhere") is None
