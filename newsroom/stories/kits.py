"""What the daily story generator is made of: story kits, and each outlet's local colour.

A kit is one kind of local story (a road closure, a school appeal, a match report) written as
templates with named slots; a locale is one outlet's town names, people, institutions and
number and date formats. `newsroom.stories.daily` fills a kit's slots from a locale.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

Variants = tuple[str, str]
"""Two ways of writing the same paragraph (or headline); a story uses one of them."""


@dataclass(frozen=True, kw_only=True)
class StoryKit:
    """One kind of story, as templates with `{slot}` placeholders."""

    key: str
    """Names the locale's section for the kit (`Locale.sections[key]`)."""
    headlines: Variants
    paragraphs: tuple[Variants, Variants, Variants, Variants]
    """The lead, then three paragraphs, each written two ways. Two stories of one kit a
    few days apart use different ways for at least two of the four, so that they do not
    read as near-duplicates of each other."""
    follow_up_headline: str
    """The headline a later update gives the story."""
    caption: str
    tags: tuple[str, ...]
    asides: tuple[str, ...] = ()
    """The kit's own pool for the two paragraphs a story borrows (a reaction and a
    closing); empty to borrow them from the language's shared pools."""


@dataclass(frozen=True, kw_only=True)
class LanguageKits:
    """A language's kits and the paragraphs any story in that language may borrow."""

    kits: tuple[StoryKit, ...]
    reactions: tuple[str, ...]
    """Paragraphs quoting people on the story; a story uses one."""
    closings: tuple[str, ...]
    """Last paragraphs (what happens next); a story uses one."""
    update_notes: tuple[str, ...]
    """Paragraphs an update adds at the end of a story, any story of the outlet."""
    weekdays: tuple[str, ...]
    """Monday first."""
    date_text: Callable[[date], str]
    """A date as running text ("7 December", "7. Dezember")."""


@dataclass(frozen=True, kw_only=True)
class Locale:
    """One outlet's local colour: the values its stories' slots are filled with."""

    outlet: str
    """Outlet slug."""
    language: LanguageKits
    authors: tuple[str, ...]
    credit: str
    """Photo credit template with an `{author}` slot."""
    sections: Mapping[str, str]
    """Kit key to the outlet's section name."""
    towns: tuple[str, ...]
    streets: tuple[str, ...]
    venues: tuple[str, ...]
    schools: tuple[str, ...]
    teams: tuple[str, ...]
    sites: tuple[str, ...]
    """Disused sites that plans are made for ("the old gasworks")."""
    businesses: tuple[str, ...]
    """Shops and firms, named as running text ("Pascoe's Bakery")."""
    people: tuple[str, ...]
    """Names of the people stories quote; never the outlet's own bylines."""
    players: tuple[str, ...]
    """Names of the players and coaches of the (men's) teams in match reports."""
    words: Mapping[str, str]
    """Fixed words the outlet's stories share: council, police, paper, units, ..."""
    money: Callable[[int], str]
    """An amount in the outlet's currency, as running text."""
    millions: Callable[[float], str]
    """An amount in millions, as running text ("£2.4m")."""
    count: Callable[[int], str]
    """A large whole number as running text ("3,400", "3 400")."""
