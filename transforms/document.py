"""One HTML page read as a document: decoded, its main text and metadata extracted.

This is exactly what the pipeline does to a page before deciding whether it is an article;
`mediawatch eval` and `mediawatch extract` call it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from transforms.charset import decode_html
from transforms.main_text import extract_main_text
from transforms.metadata import ArticleMetadata, choose_metadata
from transforms.page_metadata import PageMetadata, read_page_metadata
from transforms.text import detect_language, word_count

# lxml refuses str input that still declares a byte encoding; the text is decoded already.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True, kw_only=True)
class ExtractedDocument:
    """Everything extraction found in a page, before classification."""

    text: str
    word_count: int
    language: str | None
    metadata: ArticleMetadata
    declared: PageMetadata
    """What the page said about itself (JSON-LD, OpenGraph, meta tags)."""


def extract_document(
    html: bytes,
    *,
    url: str | None = None,
    content_type: str | None = None,
    listed_published_at: datetime | None = None,
) -> ExtractedDocument:
    """Return the page's cleaned main text and chosen metadata."""
    decoded = _XML_DECLARATION.sub("", decode_html(html, content_type).text, count=1)
    declared = read_page_metadata(decoded)
    main = extract_main_text(decoded, url=url, headlines=(declared.title,))
    metadata = choose_metadata(
        declared, main.document, url=url, listed_published_at=listed_published_at
    )
    return ExtractedDocument(
        text=main.text,
        word_count=word_count(main.text),
        language=detect_language(main.text, declared.html_lang),
        metadata=metadata,
        declared=declared,
    )
