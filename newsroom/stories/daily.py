"""Stories the demo outlets publish on simulated days, made from kits the same way every run.

Everything is a function of the outlet and the calendar date: the same date always gives the
same stories, with the same paths, so the same demo gives the same article ids. Each outlet
publishes `len(SCHEDULE)` stories a day, in its own time zone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from newsroom.records import DemoArticle, Outlet
from newsroom.slugs import slugify
from newsroom.stories import daily_de, daily_en, daily_fr
from newsroom.stories.build import courier_path, guetteur_path, ledger_path, rheinblick_path
from newsroom.stories.kits import Locale, StoryKit

SCHEDULE: tuple[tuple[int, int], ...] = ((6, 40), (9, 35), (12, 50))
"""Local (hour, minute) of each daily story, before up to 14 minutes of jitter. The last one
is early enough that a Los Angeles story, and its first readers' comments, fall before
midnight UTC: a simulated day is over, everywhere, at 00:00 UTC of the next date."""
EDIT_TIME = (15, 20)
"""Local (hour, minute) of a day's updates, before up to 14 minutes of jitter (15:34 in Los
Angeles is 23:34 UTC at the latest)."""

LOCALES: Mapping[str, Locale] = {
    locale.outlet: locale
    for locale in (daily_en.LEDGER, daily_en.COURIER, daily_de.RHEINBLICK, daily_fr.GUETTEUR)
}
_RHEINBLICK_EPOCH = date(2000, 1, 1)


@dataclass(frozen=True, kw_only=True)
class DailyStory:
    """A story of a simulated day, and the headline a later update may give it."""

    article: DemoArticle
    follow_up_headline: str


def stable_pick(*parts: object) -> int:
    """Return a number derived from `parts` that is the same on every run and machine."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def local_moment(outlet: Outlet, day: date, clock: tuple[int, int], jitter: int) -> datetime:
    """Return `clock` plus `jitter` minutes on `day`, in the outlet's time zone."""
    hour, minute = clock
    start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(outlet.timezone))
    return start + timedelta(minutes=jitter)


def stories_of_day(outlet: Outlet, day: date) -> tuple[DailyStory, ...]:
    """Return the stories `outlet` publishes on `day`, in publication order."""
    locale = LOCALES[outlet.slug]
    kits = locale.language.kits
    # Outlets sharing a language's kits start the rotation at different kits.
    shift = list(LOCALES).index(outlet.slug)
    stories = []
    for number, clock in enumerate(SCHEDULE):
        # Consecutive stories use consecutive kits, and a kit's next story its next variants.
        turn = day.toordinal() * len(SCHEDULE) + number + shift * len(SCHEDULE)
        kit = kits[turn % len(kits)]
        variant = Variant(number=turn // len(kits), shift=shift)
        seed = (outlet.slug, day.isoformat(), number)
        published = local_moment(outlet, day, clock, stable_pick(*seed, "minute") % 15)
        stories.append(_story(outlet, locale, kit, variant, seed, published, number))
    return tuple(stories)


def update_note(outlet: Outlet, day: date, path: str) -> str:
    """Return the paragraph an update on `day` adds at the end of the story at `path`."""
    locale = LOCALES[outlet.slug]
    notes = locale.language.update_notes
    seed = (outlet.slug, day.isoformat(), path)
    note = notes[stable_pick(*seed, "note") % len(notes)]
    return note.format_map(_slots(locale, seed, day))


def edit_moment(outlet: Outlet, day: date, path: str) -> datetime:
    """Return when an update on `day` to the story at `path` is made, in the outlet's zone."""
    return local_moment(outlet, day, EDIT_TIME, stable_pick(outlet.slug, day, path) % 15)


@dataclass(frozen=True, kw_only=True)
class Variant:
    """Which way a story is written: the kit's `number`-th story on an outlet whose place
    among the outlets sharing the language's kits is `shift`."""

    number: int
    shift: int

    @property
    def pattern(self) -> tuple[int, ...]:
        """Return which way each of the kit's four paragraphs is written."""
        return _PATTERNS[(self.number + 4 * self.shift) % len(_PATTERNS)]

    def pick(self, pool: tuple[str, ...], stride: int, start: int = 0) -> str:
        """Return a member of a pool of eight: with an odd `stride`, a kit's eight
        successive stories each pick a different one. Outlets start two apart, so their
        stories written in the same pattern (four numbers apart) pick different ones."""
        return pool[(stride * self.number + start + 2 * self.shift) % len(pool)]


_PATTERNS = (
    (0, 0, 0, 0),
    (1, 1, 1, 1),
    (0, 0, 1, 1),
    (1, 1, 0, 0),
    (0, 1, 0, 1),
    (1, 0, 1, 0),
    (0, 1, 1, 0),
    (1, 0, 0, 1),
)
"""Which way each of a kit's four paragraphs is written, for its successive stories: any
two of these eight differ in two or four places. Over eight stories of a kit (sixteen days)
no two share more than two of the four, nor their borrowed paragraphs."""


def _story(
    outlet: Outlet,
    locale: Locale,
    kit: StoryKit,
    variant: Variant,
    seed: tuple[object, ...],
    published: datetime,
    number: int,
) -> DailyStory:
    slots = _slots(locale, seed, published.date())
    headline = kit.headlines[variant.number % 2].format_map(slots)
    lead, first, second, third = (
        ways[way] for ways, way in zip(kit.paragraphs, variant.pattern, strict=True)
    )
    language = locale.language
    if kit.asides:
        # n + s and 3n + s + 1 never meet modulo 8: the two asides always differ.
        reaction = variant.pick(kit.asides, 1)
        closing = variant.pick(kit.asides, 3, start=1)
    else:
        reaction = variant.pick(language.reactions, 1)
        closing = variant.pick(language.closings, 3)
    paragraphs = (lead, first, second, reaction, third, closing)
    authors = _distinct(locale.authors, stable_pick(*seed, "authors"), 1 + variant.number % 2)
    section = locale.sections[kit.key]
    article = DemoArticle(
        outlet=outlet.slug,
        path=_path(outlet, section, published.date(), slugify(headline), number),
        headline=headline,
        authors=authors,
        published_at=published,
        modified_at=None,
        section=section,
        paragraphs=tuple(paragraph.format_map(slots) for paragraph in paragraphs),
        image_caption=kit.caption.format_map(slots),
        image_credit=locale.credit.format(author=authors[-1]),
        tags=tuple(tag.format_map(slots) for tag in kit.tags),
    )
    return DailyStory(article=article, follow_up_headline=kit.follow_up_headline.format_map(slots))


def _path(outlet: Outlet, section: str, day: date, slug: str, number: int) -> str:
    if outlet.slug == "harbour-ledger":
        return ledger_path(section, day, slug)
    if outlet.slug == "valley-courier":
        return courier_path(day, slug)
    if outlet.slug == "rheinblick":
        # The CMS numbers stories in order; ten numbers a day leave room for the schedule.
        return rheinblick_path(section, slug, 10 * (day - _RHEINBLICK_EPOCH).days + number)
    return guetteur_path(section, day, slug)


def _distinct(pool: tuple[str, ...], seed: int, count: int) -> tuple[str, ...]:
    # A step coprime with the pool's size visits distinct members.
    step = next(s for s in (3, 5, 7, 1) if len(pool) % s != 0)
    return tuple(pool[(seed + index * step) % len(pool)] for index in range(count))


def _slots(locale: Locale, seed: tuple[object, ...], day: date) -> dict[str, str]:
    """Return every slot value a template may use, picked from the locale by `seed`."""

    def pick(name: str, low: int, high: int) -> int:
        return low + stable_pick(*seed, name) % (high - low + 1)

    language = locale.language
    town, town2 = _distinct(locale.towns, stable_pick(*seed, "town"), 2)
    person, person2, person3 = _distinct(locale.people, stable_pick(*seed, "people"), 3)
    team, rival = _distinct(locale.teams, stable_pick(*seed, "teams"), 2)
    player, coach = _distinct(locale.players, stable_pick(*seed, "players"), 2)
    later = day + timedelta(days=pick("later", 5, 24))
    score_for = pick("score_for", 1, 4)
    points_for = pick("points_for", 16, 38)
    slots = {
        **locale.words,
        "town": town,
        "town2": town2,
        "person": person,
        "person2": person2,
        "person3": person3,
        "team": team,
        "player": player,
        "coach": coach,
        "rival": rival,
        "street": _distinct(locale.streets, stable_pick(*seed, "street"), 1)[0],
        "venue": _distinct(locale.venues, stable_pick(*seed, "venue"), 1)[0],
        "school": _distinct(locale.schools, stable_pick(*seed, "school"), 1)[0],
        "site": _distinct(locale.sites, stable_pick(*seed, "site"), 1)[0],
        "business": _distinct(locale.businesses, stable_pick(*seed, "business"), 1)[0],
        "weekday": language.weekdays[day.weekday()],
        "date": language.date_text(day),
        "later": language.date_text(later),
        "later_weekday": language.weekdays[later.weekday()],
        "weeks": str(pick("weeks", 3, 14)),
        "n_small": str(pick("n_small", 2, 9)),
        "n_mid": str(pick("n_mid", 12, 95)),
        "stalls": str(pick("stalls", 10, 40)),
        "n_big": str(pick("n_big", 120, 980)),
        "n_years": str(pick("n_years", 8, 60)),
        "percent": str(pick("percent", 6, 38)),
        "year": str(pick("year", 1888, 1994)),
        "crowd": locale.count(pick("crowd", 3, 48) * 100),
        "minute": str(pick("minute", 6, 88)),
        "score_for": str(score_for),
        "score_against": str(pick("score_against", 0, score_for - 1)),
        "points_for": str(points_for),
        "points_against": str(pick("points_against", 3, points_for - 1)),
        "money": locale.money(pick("money", 4, 190) * 500),
        "millions": locale.millions(pick("millions", 4, 98) / 10),
    }
    return slots
