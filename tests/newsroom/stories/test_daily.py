"""Daily stories: the same every run, dated on their day in the outlet's zone, readable."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from newsroom.catalogue import ARTICLES, OUTLETS, ROBOTS_DISALLOW, Outlet
from newsroom.stories.daily import SCHEDULE, edit_moment, stories_of_day, update_note
from transforms.near_duplicates import hamming, simhash
from warehouse.clusters import MAX_DISTANCE

DAY = date(2026, 11, 24)
# Words that occur in almost any running text of the language and rarely in the others.
COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "said"},
    "de": {"der", "die", "und", "sich", "nicht"},
    "fr": {"le", "la", "les", "et", "des"},
}


def _week(first: date) -> list[tuple[Outlet, date]]:
    return [(outlet, first + timedelta(days=n)) for n in range(7) for outlet in OUTLETS]


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_same_day_gives_the_same_stories(outlet: Outlet) -> None:
    assert stories_of_day(outlet, DAY) == stories_of_day(outlet, DAY)
    assert stories_of_day(outlet, DAY) != stories_of_day(outlet, DAY + timedelta(days=1))


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_stories_are_dated_that_day_in_the_outlet_zone_before_midnight_utc(
    outlet: Outlet,
) -> None:
    stories = stories_of_day(outlet, DAY)
    assert len(stories) == len(SCHEDULE)
    day_over = datetime.combine(DAY + timedelta(days=1), time(), tzinfo=UTC)
    for story in stories:
        published = story.article.published_at
        assert published.tzinfo == ZoneInfo(outlet.timezone)
        assert published.date() == DAY
        assert published < day_over
        assert story.article.modified_at is None
    times = [story.article.published_at for story in stories]
    assert times == sorted(times)


def test_late_los_angeles_stories_and_edits_still_fall_before_midnight_utc() -> None:
    courier = next(outlet for outlet in OUTLETS if outlet.slug == "valley-courier")
    for day in (date(2026, 7, 1), date(2026, 12, 1)):  # daylight saving time and standard
        latest = max(story.article.published_at for story in stories_of_day(courier, day))
        edited = edit_moment(courier, day, "/any/path/")
        day_over = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
        assert latest < edited < day_over
        assert edited.date() == day


@pytest.mark.parametrize(("outlet", "day"), _week(DAY), ids=str)
def test_stories_read_as_finished_articles(outlet: Outlet, day: date) -> None:
    for story in stories_of_day(outlet, day):
        article = story.article
        text = "\n".join((article.headline, *article.paragraphs, story.follow_up_headline))
        assert not re.search(r"[{}]", text), "an unfilled slot"
        assert len(article.paragraphs) == 6
        assert article.word_count >= 180
        assert len(article.first_sentence.split()) >= 8
        assert article.first_sentence.endswith((".", "!", "?"))
        assert article.authors, "no byline"
        assert len(set(article.authors)) == len(article.authors), "an author twice"
        assert all(len(name.split()) >= 2 for name in article.authors), article.authors
        assert article.tags and article.section and article.image_caption
        assert story.follow_up_headline != article.headline
        assert len(set(article.paragraphs)) == len(article.paragraphs)


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_body_is_in_the_outlet_language(outlet: Outlet) -> None:
    for story in stories_of_day(outlet, DAY):
        words = Counter(
            word.strip(".,;:«»„“”\"'").lower()
            for paragraph in story.article.paragraphs
            for word in paragraph.split()
        )
        scores = {lang: sum(words[w] for w in common) for lang, common in COMMON_WORDS.items()}
        assert max(scores, key=lambda lang: scores[lang]) == outlet.language


def test_paths_follow_each_outlet_scheme() -> None:
    patterns = {
        "harbour-ledger": r"/[a-z-]+/2026/nov/24/[a-z0-9-]+",
        "valley-courier": r"/2026/11/24/[a-z0-9-]+/",
        "rheinblick": r"/[a-z-]+/[a-z0-9-]+-a\d+\.html",
        "le-guetteur": r"/[a-z-]+/article/2026/11/24/[a-z0-9-]+",
    }
    for outlet in OUTLETS:
        for story in stories_of_day(outlet, DAY):
            assert re.fullmatch(patterns[outlet.slug], story.article.path), story.article.path


def test_paths_are_unique_and_never_hit_the_archive_or_robots_rules() -> None:
    archive = {(a.outlet, a.path) for a in ARTICLES}
    refs = [
        (story.article.outlet, story.article.path)
        for outlet, day in _week(DAY) + _week(date(2027, 3, 1))
        for story in stories_of_day(outlet, day)
    ]
    assert len(refs) == len(set(refs))
    assert not archive & set(refs)
    for slug, path in refs:
        assert not path.startswith(ROBOTS_DISALLOW[slug])


@pytest.mark.parametrize("first", [DAY, date(2027, 2, 14)], ids=str)
def test_a_week_of_stories_has_no_near_duplicates(first: date) -> None:
    fingerprints = [
        (story.article.path, simhash("\n".join(story.article.paragraphs)))
        for outlet, day in _week(first)
        for story in stories_of_day(outlet, day)
    ]
    close = [
        (one[0], other[0])
        for one, other in itertools.combinations(fingerprints, 2)
        if hamming(one[1], other[1]) <= MAX_DISTANCE
    ]
    assert close == []


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_update_note_is_dated_and_differs_by_day(outlet: Outlet) -> None:
    path = stories_of_day(outlet, DAY)[0].article.path
    note = update_note(outlet, DAY, path)
    assert note == update_note(outlet, DAY, path)
    assert "{" not in note and len(note.split()) >= 12
    later = [update_note(outlet, DAY + timedelta(days=n), path) for n in range(1, 4)]
    assert note not in later
