"""Builders that turn compact story sources into `DemoArticle`s, one per outlet's URL scheme.

Each outlet's content management system names its URLs differently; keeping the schemes here
means a story module states only the facts of a story and cannot get its own path wrong.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NotRequired, TypedDict, Unpack
from zoneinfo import ZoneInfo

from newsroom.records import DemoArticle
from newsroom.slugs import slugify

_BLANK_LINE = re.compile(r"\n[ \t]*\n")

Clock = tuple[int, int, int]
"""(day of November 2026, hour, minute), local to the outlet."""

_LEDGER_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


def paragraphs(block: str) -> tuple[str, ...]:
    """Return the paragraphs of a text block: blank-line separated, wrapped lines re-joined."""
    chunks = _BLANK_LINE.split(block.strip())
    return tuple(" ".join(chunk.split()) for chunk in chunks if chunk.strip())


def november(zone: str, clock: Clock) -> datetime:
    """Return an aware datetime in November 2026, local to `zone`."""
    day, hour, minute = clock
    return datetime(2026, 11, day, hour, minute, tzinfo=ZoneInfo(zone))


class StoryFacts(TypedDict):
    """The facts of a story, as a story module states them."""

    slug: str
    section: str
    when: Clock
    headline: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    caption: str
    credit: str
    body: str
    updated: NotRequired[Clock | None]


def ledger_path(section: str, day: date, slug: str) -> str:
    """Return a Harbour Ledger path: /<section>/<yyyy>/<mon>/<dd>/<slug>."""
    month = _LEDGER_MONTHS[day.month - 1]
    return f"/{slugify(section)}/{day.year}/{month}/{day.day:02d}/{slug}"


def courier_path(day: date, slug: str, *, members_only: bool = False) -> str:
    """Return a Valley Courier path: /<yyyy>/<mm>/<dd>/<slug>/ (under /members/ if paid)."""
    prefix = "/members" if members_only else ""
    return f"{prefix}/{day.year}/{day.month:02d}/{day.day:02d}/{slug}/"


def rheinblick_path(section: str, slug: str, number: int) -> str:
    """Return a Rheinblick path: /<ressort>/<slug>-a<number>.html."""
    return f"/{slugify(section)}/{slug}-a{number}.html"


def guetteur_path(section: str, day: date, slug: str) -> str:
    """Return a Guetteur du Sud path: /<rubrique>/article/<yyyy>/<mm>/<dd>/<slug>."""
    return f"/{slugify(section)}/article/{day.year}/{day.month:02d}/{day.day:02d}/{slug}"


def _article(outlet: str, zone: str, path: str, facts: StoryFacts) -> DemoArticle:
    updated = facts.get("updated")
    return DemoArticle(
        outlet=outlet,
        path=path,
        headline=facts["headline"],
        authors=facts["authors"],
        published_at=november(zone, facts["when"]),
        modified_at=november(zone, updated) if updated else None,
        section=facts["section"],
        paragraphs=paragraphs(facts["body"]),
        image_caption=facts["caption"],
        image_credit=facts["credit"],
        tags=facts["tags"],
    )


def ledger(**facts: Unpack[StoryFacts]) -> DemoArticle:
    """Return a Harbour Ledger story at /<section>/2026/nov/<dd>/<slug>."""
    day = november("Europe/London", facts["when"]).date()
    path = ledger_path(facts["section"], day, facts["slug"])
    return _article("harbour-ledger", "Europe/London", path, facts)


def courier(*, members_only: bool = False, **facts: Unpack[StoryFacts]) -> DemoArticle:
    """Return a Valley Courier story at /2026/11/<dd>/<slug>/ (under /members/ if paid)."""
    day = november("America/Los_Angeles", facts["when"]).date()
    path = courier_path(day, facts["slug"], members_only=members_only)
    return _article("valley-courier", "America/Los_Angeles", path, facts)


def rheinblick(*, number: int, **facts: Unpack[StoryFacts]) -> DemoArticle:
    """Return a Rheinblick story at /<ressort>/<slug>-a<number>.html."""
    path = rheinblick_path(facts["section"], facts["slug"], number)
    return _article("rheinblick", "Europe/Berlin", path, facts)


def guetteur(**facts: Unpack[StoryFacts]) -> DemoArticle:
    """Return a Guetteur du Sud story at /<rubrique>/article/2026/11/<dd>/<slug>."""
    day = november("Europe/Paris", facts["when"]).date()
    path = guetteur_path(facts["section"], day, facts["slug"])
    return _article("le-guetteur", "Europe/Paris", path, facts)
