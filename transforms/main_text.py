"""The article's main text: trafilatura's extraction, then our cleaning of what it leaves."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html
import trafilatura

from transforms.text import clean_text

# Settings measured on the development half of the evaluation corpus (`mediawatch eval`):
# the standard mode with its fallback extractors beat favor_precision, favor_recall,
# fast=True and deduplicate on both main-text and body F1, and tables carry text the
# snippets ask for. Comments are reader content, not the article. Metadata comes from
# transforms.page_metadata and, for what a page does not declare, transforms.guesses.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "with_metadata": False,
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
}

_WORD = re.compile(r"\w+")
# A headline shares at least this many words with the line it is found in, so a short
# title such as "Update" cannot remove a first paragraph that merely contains it.
_HEADLINE_MIN_WORDS = 4
# Words a first line may carry beside the headline: a kicker ("Umbau des Weissen
# Hauses"), a section name or a site name.
_HEADLINE_EXTRA_WORDS = 8


@dataclass(frozen=True, kw_only=True)
class MainText:
    """The cleaned main text, and trafilatura's text before cleaning."""

    text: str
    raw_text: str
    """trafilatura's main text as it gave it ("" when it found nothing)."""


def extract_main_text(
    html: str | lxml.html.HtmlElement, *, url: str | None, headlines: tuple[str | None, ...]
) -> MainText:
    """Return the page's cleaned main text; ``headlines`` are titles the page gave itself,
    removed when trafilatura repeats one as the text's first line.

    ``html`` may be the decoded page or a tree parsed from it; trafilatura copies the tree
    before pruning it, so the caller's tree is left as it was.
    """
    document = trafilatura.bare_extraction(html, url=url, **TRAFILATURA_OPTIONS)
    found = getattr(document, "text", None) if document is not None else None
    raw_text = found if isinstance(found, str) else ""
    text = clean_text(_without_leading_headline(raw_text, headlines))
    return MainText(text=text, raw_text=raw_text)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _is_headline(line: str, headlines: list[list[str]]) -> bool:
    words = _words(line)
    if not words:
        return False
    for headline in headlines:
        if words == headline:
            return True
        # A kicker or section name in front of the headline on the same line.
        if (
            len(headline) >= _HEADLINE_MIN_WORDS
            and len(words) - len(headline) <= _HEADLINE_EXTRA_WORDS
            and _contains(words, headline)
        ):
            return True
        # The headline without the " | Site name" that the <title> carries.
        if (
            len(words) >= _HEADLINE_MIN_WORDS
            and 2 * len(words) >= len(headline)
            and _contains(headline, words)
        ):
            return True
    return False


def _without_leading_headline(text: str, headlines: tuple[object, ...]) -> str:
    # trafilatura keeps an <h1> that sits inside <article> as the text's first line. Left
    # there it hides the dateline from clean_text, and syndicated copies that differ only
    # in their headline would get different content hashes. Compared as words, because
    # the line often carries a kicker or the <title> a site name.
    first, _, rest = text.lstrip().partition("\n")
    wanted = [_words(h) for h in headlines if isinstance(h, str) and _words(h)]
    if _is_headline(first, wanted):
        return rest
    return text
