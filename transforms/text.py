"""Article text cleaning and the fingerprints that recognise the same text twice."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from transforms.cleaning import clean_news_text

_WORD = re.compile(r"\w+")


def clean_text(text: str) -> str:
    """Return the article text cleaned for storage: Unicode composed, whitespace normalised,
    without bylines, credits, embedded posts, links to other stories and prompts (see
    `transforms.cleaning`)."""
    return clean_news_text(text)


def content_hash(text: str) -> str:
    """Return a hash of the text that ignores case, punctuation spacing and whitespace."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32]


def word_count(text: str) -> int:
    """Return the number of words in the text."""
    return len(_WORD.findall(text))


def version_hash(*fields: object) -> str:
    """Return a hash over the given field values, changing when any of them changes."""
    joined = "\x1f".join(repr(field) for field in fields)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]
