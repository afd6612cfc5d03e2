"""Builders that turn compact story sources into `DemoArticle`s, one per outlet's URL scheme.

Each outlet's content management system names its URLs differently; keeping the schemes here
means a story module states only the facts of a story and cannot get its own path wrong.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from newsroom.records import DemoArticle
from newsroom.slugs import slugify

_BLANK_LINE = re.compile(r"\n[ \t]*\n")

Clock = tuple[int, int, int]
"""(day of November 2026, hour, minute), local to the outlet."""


def paragraphs(block: str) -> tuple[str, ...]:
    """Return the paragraphs of a text block: blank-line separated, wrapped lines re-joined."""
    chunks = _BLANK_LINE.split(block.strip())
    return tuple(" ".join(chunk.split()) for chunk in chunks if chunk.strip())


def november(zone: str, clock: Clock) -> datetime:
    """Return an aware datetime in November 2026, local to `zone`."""
    day, hour, minute = clock
    return datetime(2026, 11, day, hour, minute, tzinfo=ZoneInfo(zone))


def _article(
    *,
    outlet: str,
    zone: str,
    path: str,
    when: Clock,
    updated: Clock | None,
    headline: str,
    authors: tuple[str, ...],
    section: str,
    tags: tuple[str, ...],
    caption: str,
    credit: str,
    body: str,
) -> DemoArticle:
    return DemoArticle(
        outlet=outlet,
        path=path,
        headline=headline,
        authors=authors,
        published_at=november(zone, when),
        modified_at=november(zone, updated) if updated else None,
        section=section,
        paragraphs=paragraphs(body),
        image_caption=caption,
        image_credit=credit,
        tags=tags,
    )


def ledger(
    *,
    slug: str,
    section: str,
    when: Clock,
    headline: str,
    authors: tuple[str, ...],
    tags: tuple[str, ...],
    caption: str,
    credit: str,
    body: str,
    updated: Clock | None = None,
) -> DemoArticle:
    """Return a Harbour Ledger story at /<section>/2026/nov/<dd>/<slug>."""
    return _article(
        outlet="harbour-ledger",
        zone="Europe/London",
        path=f"/{slugify(section)}/2026/nov/{when[0]:02d}/{slug}",
        when=when,
        updated=updated,
        headline=headline,
        authors=authors,
        section=section,
        tags=tags,
        caption=caption,
        credit=credit,
        body=body,
    )


def courier(
    *,
    slug: str,
    section: str,
    when: Clock,
    headline: str,
    authors: tuple[str, ...],
    tags: tuple[str, ...],
    caption: str,
    credit: str,
    body: str,
    updated: Clock | None = None,
    members_only: bool = False,
) -> DemoArticle:
    """Return a Valley Courier story at /2026/11/<dd>/<slug>/ (under /members/ if paid)."""
    prefix = "/members" if members_only else ""
    return _article(
        outlet="valley-courier",
        zone="America/Los_Angeles",
        path=f"{prefix}/2026/11/{when[0]:02d}/{slug}/",
        when=when,
        updated=updated,
        headline=headline,
        authors=authors,
        section=section,
        tags=tags,
        caption=caption,
        credit=credit,
        body=body,
    )


def rheinblick(
    *,
    slug: str,
    number: int,
    section: str,
    when: Clock,
    headline: str,
    authors: tuple[str, ...],
    tags: tuple[str, ...],
    caption: str,
    credit: str,
    body: str,
    updated: Clock | None = None,
) -> DemoArticle:
    """Return a Rheinblick story at /<ressort>/<slug>-a<number>.html."""
    return _article(
        outlet="rheinblick",
        zone="Europe/Berlin",
        path=f"/{slugify(section)}/{slug}-a{number}.html",
        when=when,
        updated=updated,
        headline=headline,
        authors=authors,
        section=section,
        tags=tags,
        caption=caption,
        credit=credit,
        body=body,
    )


def guetteur(
    *,
    slug: str,
    section: str,
    when: Clock,
    headline: str,
    authors: tuple[str, ...],
    tags: tuple[str, ...],
    caption: str,
    credit: str,
    body: str,
    updated: Clock | None = None,
) -> DemoArticle:
    """Return a Guetteur du Sud story at /<rubrique>/article/2026/11/<dd>/<slug>."""
    return _article(
        outlet="le-guetteur",
        zone="Europe/Paris",
        path=f"/{slugify(section)}/article/2026/11/{when[0]:02d}/{slug}",
        when=when,
        updated=updated,
        headline=headline,
        authors=authors,
        section=section,
        tags=tags,
        caption=caption,
        credit=credit,
        body=body,
    )
