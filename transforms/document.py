"""One HTML page read as a document: decoded, its main text and metadata extracted.

This is exactly what the pipeline does to a page before deciding whether it is an article;
`mediawatch eval` and `mediawatch extract` call it too.

Speed matters here (the pipeline must keep pace with plain trafilatura, see
``bench/extract_bench.py``), so the page is decoded once and parsed once: the tree is built
with trafilatura's own parser settings, read for wall signals, then handed to trafilatura,
which works on a copy of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from trafilatura.utils import load_html

from transforms.charset import decode_html
from transforms.classify import PageSignals, has_visible_text, read_page_signals
from transforms.guesses import MarkupGuesses
from transforms.language import detect_language
from transforms.main_text import extract_main_text
from transforms.metadata import ArticleMetadata, choose_metadata
from transforms.page_metadata import PageMetadata, read_page_metadata
from transforms.text import word_count

# lxml refuses str input that still declares a byte encoding; the text is decoded already.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
LANGUAGE_SAMPLE_CHARACTERS = 2000
"""Language identification reads this much of the text. Its cost grows with the length;
on 511 corpus pages the first 2,000 characters agreed with the whole text on all but one
(a page mixing three languages), at under half the time."""


@dataclass(frozen=True, kw_only=True)
class ExtractedDocument:
    """Everything extraction found in a page, before classification."""

    text: str
    """The cleaned main text."""
    raw_text: str
    """trafilatura's main text before cleaning, with the prompts cleaning removes (walls)."""
    word_count: int
    language: str | None
    """ISO 639-1 code of the text's language (see transforms.language.detect_language)."""
    language_confidence: float
    """How sure the detector is of ``language``, in [0, 1]; 0.0 when there is none."""
    metadata: ArticleMetadata
    declared: PageMetadata
    """What the page said about itself (JSON-LD, OpenGraph, meta tags)."""
    signals: PageSignals
    """Paywall evidence in the markup, and whether the page had any visible text."""


def extract_document(
    html: bytes,
    *,
    url: str | None = None,
    content_type: str | None = None,
    listed_published_at: datetime | None = None,
    fetched_at: datetime | None = None,
) -> ExtractedDocument:
    """Return the page's cleaned main text, chosen metadata and wall signals.

    ``fetched_at`` bounds the publication time (see `transforms.metadata.choose_metadata`).
    """
    decoded = _XML_DECLARATION.sub("", decode_html(html, content_type).text, count=1)
    tree = parse_page(decoded)
    declared = read_page_metadata(tree if tree is not None else decoded)
    signals = read_page_signals(tree, decoded) if tree is not None else PageSignals()
    guesses = MarkupGuesses(tree, url=url, text="")
    main = extract_main_text(
        tree if tree is not None else decoded,
        url=url,
        headlines=(declared.title, guesses.title),
    )
    guesses.text = main.raw_text
    if not main.text:
        # Only an empty result needs to know whether there was any text to find (trafilatura
        # pruned a copy, the tree is whole). Without a tree, trafilatura refused a fragment:
        # there may well have been some.
        signals = replace(signals, has_text=tree is None or has_visible_text(tree))
    metadata = choose_metadata(
        declared,
        guesses,
        url=url,
        listed_published_at=listed_published_at,
        fetched_at=fetched_at,
    )
    language, language_confidence = detect_language(
        language_sample(main.text), declared.declared_language
    )
    return ExtractedDocument(
        text=main.text,
        raw_text=main.raw_text,
        word_count=word_count(main.text),
        language=language,
        language_confidence=language_confidence,
        metadata=metadata,
        declared=declared,
        signals=signals,
    )


def parse_page(decoded: str) -> Any:
    """Return the page's lxml tree as trafilatura would build it, or None if it is no HTML.

    trafilatura's own loader (repairs, parser without comments and processing instructions)
    gives the tree it would have built from the string, so extraction is unchanged by
    parsing it here.
    """
    return load_html(decoded)


def language_sample(text: str) -> str:
    """Return the start of the text that language identification reads, cut at a space."""
    if len(text) <= LANGUAGE_SAMPLE_CHARACTERS:
        return text
    cut = text.rfind(" ", 0, LANGUAGE_SAMPLE_CHARACTERS)
    return text[: cut if cut > 0 else LANGUAGE_SAMPLE_CHARACTERS]
