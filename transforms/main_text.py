"""The article's main text: trafilatura's extraction, then our cleaning of what it leaves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import trafilatura

from transforms.text import clean_text


@dataclass(frozen=True, kw_only=True)
class MainText:
    """The cleaned main text, and trafilatura's document for its metadata guesses."""

    text: str
    document: Any
    """trafilatura's Document (title, author, date, ...), or None when it found nothing."""


def extract_main_text(html: str, *, url: str | None, headlines: tuple[str | None, ...]) -> MainText:
    """Return the page's cleaned main text; ``headlines`` are titles the page gave itself,
    removed when trafilatura repeats one as the text's first line."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
    )
    raw_text = getattr(document, "text", None) if document is not None else None
    candidates = (*headlines, getattr(document, "title", None))
    text = clean_text(_without_leading_headline(raw_text or "", candidates))
    return MainText(text=text, document=document)


def _without_leading_headline(text: str, headlines: tuple[object, ...]) -> str:
    # trafilatura keeps an <h1> that sits inside <article> as the text's first line. Left
    # there it hides the dateline from clean_text, and syndicated copies that differ only
    # in their headline would get different content hashes.
    first, _, rest = text.lstrip().partition("\n")
    wanted = {" ".join(h.split()).casefold() for h in headlines if isinstance(h, str)}
    if first.strip() and " ".join(first.split()).casefold() in wanted:
        return rest
    return text
