"""The article's headline, chosen among the titles a page gives itself."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from transforms.cleaning import CONTROL_CHARACTERS

# Where publishers glue their name to a headline: "Headline | Site", "Site - Headline",
# "見出し：サイト" (full-width colon and bar, no spaces around them).
_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»:/~]|::)\s+|\s*[｜|：]\s*")
# At the start a plain colon counts too ("Gazette: Headline"); at the end it would cut
# headlines such as "Best of Houzz 2022: the projects on Houzz".
_LEADING_SEPARATOR = re.compile(_SEPARATOR.pattern + r"|:\s+")
# A topic label before the headline proper: "Donald Trump: ", "Stärkenorientierte Führung: ".
_KICKER = re.compile(r"\S+(?: \S+){0,3}: ")
_NOT_WORD = re.compile(r"\W+")
# Host labels that say nothing about the site's name.
_GENERIC_LABELS = frozenset({"www", "m", "amp", "mobile", "edition", "news", "com", "co", "org"})
_MIN_LABEL = 4
_MAX_AFFIX_CHARS = 80


@dataclass(frozen=True, kw_only=True)
class TitleCandidate:
    """A title as one part of the page gives it: JSON-LD headline, og:title, <h1>, ..."""

    source: str
    text: str


# How much each source's vote counts; ties go to the earlier source in this order. Learnt
# on the fundus dev half and trafilatura-eval's dev titles (see choose_title).
SOURCE_WEIGHTS: dict[str, float] = {
    "json-ld": 2.5,
    "og": 1.0,
    "h1": 1.0,
    "trafilatura": 0.9,
    "twitter": 0.6,
    "title": 0.6,
}


def clean_title(raw: str | None) -> str | None:
    """Return the title with HTML entities decoded and whitespace collapsed, None if empty."""
    if raw is None:
        return None
    # JSON-LD and meta content are often entity-encoded twice ("&amp;quot;").
    text = html.unescape(html.unescape(raw)) if "&" in raw else raw
    collapsed = " ".join(CONTROL_CHARACTERS.sub("", text).split())
    return collapsed or None


def strip_site_name(title: str, site_names: Iterable[str], host: str | None) -> str:
    """Return the title without a leading or trailing segment that names the site."""
    names = {_key(name) for name in site_names} - {""}
    labels = _host_labels(host)
    # "Headline - Section | Site" loses both; a site named at the end is not also at the start.
    stripped = title
    for _ in range(2):
        separators = list(_SEPARATOR.finditer(stripped))
        if not separators:
            break
        last = separators[-1]
        if not (
            _names_site(stripped[last.end() :], names, labels)
            and _long_enough(stripped[: last.start()])
        ):
            break
        stripped = stripped[: last.start()].strip()
    if stripped != title:
        return stripped
    first = _LEADING_SEPARATOR.search(title)
    if (
        first
        and _names_site(title[: first.start()], names, labels, exact=True)
        and _long_enough(title[first.end() :])
    ):
        return title[first.end() :].strip()
    return title


def choose_title(
    candidates: Sequence[TitleCandidate], *, site_names: Iterable[str] = (), host: str | None = None
) -> str | None:
    """Return the headline most sources agree on, each cleaned of the site's name.

    A candidate that is another candidate plus a shorter segment ("Headline - Gazette"
    beside "Headline") counts as that other one: the extra segment is the site's name or a
    section even when no og:site_name says so. So does one with a kicker of up to four
    words in front ("Pressemitteilung: Headline" beside "Headline"): fundus' guideline
    wants the headline without subheaders, as short as possible.
    """
    names = tuple(site_names)
    cleaned: list[tuple[str, str]] = []
    for candidate in candidates:
        text = clean_title(candidate.text)
        if text:
            cleaned.append((candidate.source, strip_site_name(text, names, host)))
    texts = {text for _, text in cleaned}
    votes: dict[str, float] = {}
    rank: dict[str, int] = {}
    order = list(SOURCE_WEIGHTS)
    for source, text in cleaned:
        text = _without_affix(text, texts)
        votes[text] = votes.get(text, 0.0) + SOURCE_WEIGHTS.get(source, 0.5)
        position = order.index(source) if source in order else len(order)
        rank[text] = min(rank.get(text, position), position)
    if not votes:
        return None
    return max(votes, key=lambda text: (votes[text], -rank[text]))


def _without_affix(text: str, others: set[str]) -> str:
    # A suffix shorter than the headline: "Wurmkiste - selber bauen" is a headline that
    # continues. In front only a "Kicker: " ("[Rezi] Love is War - Sehnsucht" is the title).
    for other in others:
        if other == text or not text.startswith(other) or not _long_enough(other):
            continue
        rest = text[len(other) :]
        match = _SEPARATOR.match(rest)
        if match and 0 < len(rest) - match.end() < min(len(other), _MAX_AFFIX_CHARS):
            return other
    for other in others:
        if other != text and text.endswith(other) and _long_enough(other):
            head = text[: len(text) - len(other)]
            if _KICKER.fullmatch(head):
                return other
    return text


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text.casefold())


def _host_labels(host: str | None) -> tuple[str, ...]:
    if not host:
        return ()
    labels = host.lower().split(".")[:-1]
    return tuple(
        label for label in labels if len(label) >= _MIN_LABEL and label not in _GENERIC_LABELS
    )


def _names_site(
    segment: str, names: set[str], labels: tuple[str, ...], *, exact: bool = False
) -> bool:
    # A segment at the end names the site when it contains the site's name or a part of it
    # ("Bondy Blog" for "Bondy Blog - Paris"); one at the start only when it is the name,
    # since headlines open with topics ("Welpen kaufen – ..." on welpenkaufen24.de).
    key = _key(segment)
    if not key or len(segment) > _MAX_AFFIX_CHARS:
        return False
    if key in names:
        return True
    if exact:
        return any(key == label.replace("-", "") for label in labels)
    if any(len(name) >= 3 and (name in key or key in name) for name in names):
        return True
    words = {_key(word) for word in segment.split()}
    return any(
        key.startswith(label.replace("-", "")) or label.replace("-", "") in words
        for label in labels
    )


def _long_enough(rest: str) -> bool:
    # What is left must still be a headline: two words, or a few characters of CJK text.
    stripped = rest.strip()
    return len(stripped.split()) >= 2 or len(stripped) >= 6
