"""Article text cleaning and the fingerprints that recognise the same text twice."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import py3langid

# "HARBOURTON — " or "BERLIN (dpa) - " at the very start of the body. The second character
# may not be a space, so a sentence opening "I — " or "A — " keeps its first word.
_DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-][A-ZÀ-ÖØ-Þ .'’-]{0,39}(?:\s*\([^)]{1,30}\))?\s*[—–-]\s+"
)
_WORD = re.compile(r"\w+")
# A short paragraph that only points to another story ("Read more: ...").
_READ_MORE = re.compile(
    r"^(read more|related|see also|more on this|lesen sie auch|mehr zum thema|lire aussi"
    r"|à lire aussi|lea también|leggi anche|leia também)\s*:",
    re.IGNORECASE,
)
_READ_MORE_MAX_WORDS = 25


def clean_text(text: str) -> str:
    """Return the text with normalised Unicode and whitespace, without a leading dateline
    or "Read more: ..." lines pointing to other stories."""
    normalised = unicodedata.normalize("NFC", text)
    paragraphs = [" ".join(line.split()) for line in normalised.splitlines()]
    kept = [p for p in paragraphs if p and not _is_read_more(p)]
    if kept:
        kept[0] = _DATELINE.sub("", kept[0], count=1)
    return "\n".join(kept)


def _is_read_more(paragraph: str) -> bool:
    return bool(_READ_MORE.match(paragraph)) and len(_WORD.findall(paragraph)) <= (
        _READ_MORE_MAX_WORDS
    )


def content_hash(text: str) -> str:
    """Return a hash of the text that ignores case, punctuation spacing and whitespace."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32]


def word_count(text: str) -> int:
    """Return the number of words in the text."""
    return len(_WORD.findall(text))


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Return the ISO 639-1 code of the text's language; short texts trust the page's lang."""
    if word_count(text) < 20:
        return declared.split("-")[0].lower() if declared else None
    language, _score = py3langid.classify(text)
    return str(language)


def version_hash(*fields: object) -> str:
    """Return a hash over the given field values, changing when any of them changes."""
    joined = "\x1f".join(repr(field) for field in fields)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]
