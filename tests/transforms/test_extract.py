"""Extraction on pages we wrote: the values a reader would check by eye, and the skips."""

from __future__ import annotations

import codecs
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from transforms.classify import PageClass
from transforms.extract import (
    EXTRACTOR_VERSION,
    MIN_ARTICLE_WORDS,
    ExtractionResult,
    PageInput,
    extract_page,
)
from transforms.near_duplicates import simhash, to_signed
from transforms.records import Article, Reason, Status
from transforms.text import content_hash
from transforms.urls import article_id_for

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"
FETCHED_AT = datetime(2025, 3, 5, 6, 0, tzinfo=UTC)

STORY = (
    "HARBOURTON — The ferry company will add a second evening crossing to the islands "
    "from April, after a winter in which commuters were stranded on the quay three times.",
    "The company said the extra crossing would run every weekday and would be paid for by "
    "the county for the first two years. Fares will not change, and season tickets bought "
    "before April remain valid on every crossing.",
    "Islanders had collected more than two thousand signatures for the change. Their "
    "spokeswoman said the decision showed that a small community could still be heard.",
)


def _page(name: str, url: str, **changes: Any) -> PageInput:
    page = PageInput(
        url=url, source="gazette", html=(PAGES / name).read_bytes(), fetched_at=FETCHED_AT
    )
    return replace(page, **changes)


def _story_html(headline: str, *, head: str = "", paragraphs: tuple[str, ...] = STORY) -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{headline}</title>{head}</head>'
        f'<body><nav><a href="/">Home</a></nav><main><article><h1>{headline}</h1>{body}'
        "</article></main><footer>Copyright 2025</footer></body></html>"
    ).encode()


def _article(result: ExtractionResult) -> Article:
    assert result.status is Status.EXTRACTED, result.detail
    assert result.reason is Reason.NEW
    assert result.article is not None
    return result.article


def test_article_page_golden_values() -> None:
    url = "https://gazette.example/news/harbour-wall"

    result = extract_page(_page("harbour_wall.html", url))

    article = _article(result)
    assert result.url == url
    assert article.article_id == article_id_for(url)
    assert article.url == url
    assert article.canonical_url == "https://gazette.example/news/harbour-wall"
    assert article.source == "gazette"
    assert article.title == "Harbour wall approved after late-night vote"
    assert article.authors == ("Jane Doe", "Ravi Patel")
    assert article.published_at == datetime(2025, 3, 4, 8, 15, tzinfo=UTC)
    assert article.published_offset == 60
    assert article.date_source == "json-ld"
    assert article.language == "en"
    # The headline and the dateline are not part of the text; the first sentence opens it.
    assert article.text.startswith(
        "The town council approved the rebuilding of the old harbour wall on Tuesday night"
    )
    assert article.text.endswith("the fish market will move to the north quay.")
    assert article.text.count("\n") == 3
    assert "Related" not in article.text
    assert "Copyright" not in article.text
    assert "Subscribe" not in article.text
    assert article.word_count == 130
    assert article.content_hash == content_hash(article.text)
    assert article.extractor_version == EXTRACTOR_VERSION
    assert article.fetched_at == FETCHED_AT
    assert article.tags == ("harbour", "council", "storms")
    assert article.sections == ()
    assert article.image_url is None
    assert article.language_confidence is not None and article.language_confidence > 0.9


def test_meta_only_german_article() -> None:
    url = "https://talbote.example/lokales/markt"

    article = _article(extract_page(_page("markt_halle.html", url, source="talbote")))

    assert article.title == "Wochenmarkt zieht in die alte Halle"
    assert article.authors == ("Anna Schmidt",)
    assert article.published_at == datetime(2025, 2, 3, 15, 0, tzinfo=UTC)
    assert article.published_offset == -300
    assert article.date_source == "meta"
    assert article.language == "de"
    assert article.text.startswith("Der Wochenmarkt zieht vom Rathausplatz in die alte Markthalle")
    assert article.word_count == 86
    assert article.canonical_url is None
    assert article.tags == ()


def test_non_article_page_is_skipped() -> None:
    result = extract_page(_page("about.html", "https://gazette.example/about"))

    assert result.status is Status.SKIPPED
    assert result.reason is Reason.NOT_ARTICLE
    assert result.article is None
    assert result.detail is not None and "og:type=website" in result.detail


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (b"", Reason.EMPTY),
        (b"<html><head><title>Nothing</title></head><body></body></html>", Reason.EMPTY),
        (b"<html><body><script>var x = 1;</script></body></html>", Reason.EMPTY),
        (b"<p>Only a fragment, which trafilatura refuses.</p>", Reason.NO_CONTENT),
    ],
)
def test_a_page_without_main_text_is_empty(html: bytes, reason: Reason) -> None:
    result = extract_page(
        PageInput(url="https://gazette.example/empty", source="g", html=html, fetched_at=FETCHED_AT)
    )

    assert result.status is Status.SKIPPED
    assert result.reason is reason
    assert result.page_class is PageClass.EMPTY
    assert result.article is None


def test_short_undeclared_page_is_not_an_article() -> None:
    html = _story_html("Quay notice", paragraphs=("The quay is closed on Sunday for repairs.",))

    result = extract_page(
        PageInput(
            url="https://gazette.example/notice", source="g", html=html, fetched_at=FETCHED_AT
        )
    )

    assert result.reason is Reason.NOT_ARTICLE
    assert result.status is Status.SKIPPED
    assert result.detail is not None
    assert int(result.detail.rsplit("words=", 1)[1]) < MIN_ARTICLE_WORDS


def test_long_undeclared_page_counts_as_an_article() -> None:
    html = _story_html("Second evening ferry for the islands")

    article = _article(
        extract_page(
            PageInput(
                url="https://gazette.example/ferry", source="g", html=html, fetched_at=FETCHED_AT
            )
        )
    )

    assert article.title == "Second evening ferry for the islands"
    assert article.text.startswith("The ferry company will add a second evening crossing")


def test_sections_lead_image_and_language_confidence_reach_the_article() -> None:
    def extracted(section: str, image: str) -> Article:
        head = (
            '<meta property="og:type" content="article">'
            f'<meta property="article:section" content="{section}">'
            '<meta property="article:section" content="Transport">'
            f'<meta property="og:image" content="{image}">'
        )
        html = _story_html("Second evening ferry for the islands", head=head)
        page = PageInput(
            url="https://gazette.example/news/ferry", source="g", html=html, fetched_at=FETCHED_AT
        )
        return _article(extract_page(page))

    article = extracted("Local", "/img/ferry.jpg?w=1200")
    moved = extracted("Islands", "https://cdn.gazette.example/ferry.jpg")

    assert article.sections == ("Local", "Transport")
    assert article.image_url == "https://gazette.example/img/ferry.jpg?w=1200"
    assert article.language == "en"
    assert article.language_confidence is not None and article.language_confidence > 0.9
    assert moved.sections == ("Islands", "Transport")
    assert moved.image_url == "https://cdn.gazette.example/ferry.jpg"
    # Like tags, sections and the lead image do not make a new version of the story.
    assert moved.version_hash == article.version_hash


def test_listing_date_is_used_when_the_page_has_none() -> None:
    listed = datetime(2025, 3, 4, 18, 30, tzinfo=timezone(timedelta(hours=-5)))
    html = _story_html("Second evening ferry", head='<meta property="og:type" content="article">')

    article = _article(
        extract_page(
            PageInput(
                url="https://gazette.example/ferry",
                source="g",
                html=html,
                fetched_at=FETCHED_AT,
                listed_published_at=listed,
            )
        )
    )

    assert article.date_source == "listing"
    assert article.published_at == datetime(2025, 3, 4, 23, 30, tzinfo=UTC)
    assert article.published_offset == -300


def test_page_date_wins_over_the_listing_date() -> None:
    listed = datetime(2025, 1, 1, tzinfo=UTC)

    article = _article(
        extract_page(
            _page(
                "harbour_wall.html",
                "https://gazette.example/news/harbour-wall",
                listed_published_at=listed,
            )
        )
    )

    assert article.date_source == "json-ld"
    assert article.published_at == datetime(2025, 3, 4, 8, 15, tzinfo=UTC)


def test_syndicated_copies_with_different_headlines_share_the_content_hash() -> None:
    head = '<meta property="og:type" content="article">'
    original = _story_html("Second evening ferry for the islands", head=head)
    copy = _story_html("Islands win their evening ferry", head=head)

    first = _article(
        extract_page(
            PageInput(
                url="https://gazette.example/ferry",
                source="g",
                html=original,
                fetched_at=FETCHED_AT,
            )
        )
    )
    second = _article(
        extract_page(
            PageInput(
                url="https://tribune.example/ferry", source="t", html=copy, fetched_at=FETCHED_AT
            )
        )
    )

    assert first.content_hash == second.content_hash
    assert first.article_id != second.article_id
    assert first.version_hash != second.version_hash


def test_canonical_link_is_resolved_and_normalised() -> None:
    head = (
        '<meta property="og:type" content="article">'
        '<link rel="canonical" href="/news/Ferry?utm_source=x#top">'
    )
    html = _story_html("Second evening ferry", head=head)

    article = _article(
        extract_page(
            PageInput(
                url="https://gazette.example/a/b", source="g", html=html, fetched_at=FETCHED_AT
            )
        )
    )

    assert article.canonical_url == "https://gazette.example/news/Ferry"


def test_extraction_is_deterministic() -> None:
    page = _page("harbour_wall.html", "https://gazette.example/news/harbour-wall")

    first = _article(extract_page(page))
    second = _article(extract_page(page))

    assert first == second
    assert first.version_hash == second.version_hash


def test_a_page_whose_header_lies_about_its_charset_is_read_in_its_real_one() -> None:
    paragraph = (
        "Die Bürgerinnen und Bürger der Gemeinde Südheim haben am Sonntag über die Zukunft "
        "des alten Hafenbeckens abgestimmt. Eine große Mehrheit sprach sich für den Umbau "
        "zu einem öffentlichen Park mit Spielplätzen, Liegewiesen und einer Fußgängerbrücke aus."
    )
    html = (
        '<html lang="de"><head><meta charset="windows-1252"><title>Südheim stimmt ab</title>'
        '<meta property="og:type" content="article"></head><body><article>'
        f"<h1>Südheim stimmt ab</h1><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    )
    page = PageInput(
        url="https://zeitung.example/suedheim",
        source="zeitung",
        html=html.encode("cp1252"),
        fetched_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
        content_type="text/html; charset=utf-8",
    )
    result = extract_page(page)
    assert result.article is not None
    assert result.article.title == "Südheim stimmt ab"
    assert result.article.text.startswith("Die Bürgerinnen und Bürger der Gemeinde Südheim")
    assert "\ufffd" not in result.article.text


def test_an_xhtml_page_with_an_xml_declaration_keeps_its_metadata() -> None:
    paragraph = "The harbour wall will be raised by a metre before next winter's storms. " * 8
    html = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        '<head><title>Wall</title><meta property="og:type" content="article"/>'
        '<meta property="og:title" content="Harbour wall to rise"/></head>'
        f"<body><article><p>{paragraph}</p></article></body></html>"
    )
    page = PageInput(
        url="https://gazette.example/wall",
        source="gazette",
        html=html.encode("utf-8"),
        fetched_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
        content_type="application/xhtml+xml",
    )
    result = extract_page(page)
    assert result.article is not None
    assert result.article.title == "Harbour wall to rise"


def test_an_article_result_carries_its_class_and_document() -> None:
    result = extract_page(_page("harbour_wall.html", "https://gazette.example/news/harbour-wall"))

    assert result.page_class is PageClass.ARTICLE
    assert result.document is not None
    assert result.article is not None
    assert result.document.text == result.article.text
    # The near-duplicate fingerprint is made here, so the load need not.
    assert result.article.simhash == to_signed(simhash(result.article.text))


def test_a_skipped_page_keeps_what_extraction_found() -> None:
    result = extract_page(_page("about.html", "https://gazette.example/about"))

    assert result.page_class is PageClass.NOT_ARTICLE
    assert result.document is not None
    assert result.document.metadata.title == "About the Harbourton Gazette"
    assert result.document.text.startswith("The Harbourton Gazette has served the town")


def test_a_response_that_is_not_html_is_skipped_before_extraction() -> None:
    result = extract_page(
        _page(
            "harbour_wall.html",
            "https://gazette.example/news/harbour-wall.pdf",
            content_type="application/pdf",
        )
    )

    assert (result.status, result.reason, result.page_class) == (
        Status.SKIPPED,
        Reason.BAD_CONTENT_TYPE,
        PageClass.NON_HTML,
    )
    assert result.document is None
    assert result.detail == "content type application/pdf"


def test_a_teaser_behind_a_paywall_is_skipped_with_its_reason() -> None:
    head = (
        '<meta property="og:type" content="article"><script type="application/ld+json">'
        '{"@type": "NewsArticle", "isAccessibleForFree": false}</script>'
    )
    html = _story_html("Second evening ferry", head=head, paragraphs=STORY[:2])

    result = extract_page(
        PageInput(url="https://gazette.example/ferry", source="g", html=html, fetched_at=FETCHED_AT)
    )

    assert (result.status, result.reason, result.page_class) == (
        Status.SKIPPED,
        Reason.PAYWALL,
        PageClass.PAYWALL,
    )
    assert result.article is None


def test_json_ld_nested_deeper_than_the_stack_fails_only_its_page() -> None:
    nested = "[" * 20_000 + "]" * 20_000
    head = f'<script type="application/ld+json">{{"@type": "NewsArticle", "author": {nested}}}'
    html = _story_html("Deep", head=head + "</script>")

    result = extract_page(
        PageInput(url="https://gazette.example/deep", source="g", html=html, fetched_at=FETCHED_AT)
    )

    assert (result.status, result.reason) == (Status.FAILED, Reason.EXTRACTION_ERROR)
    assert result.detail is not None and result.detail.startswith("nesting too deep to parse")
    assert result.article is None


@pytest.mark.parametrize("bom", [True, False])
def test_utf16_pages_are_read_with_or_without_a_byte_order_mark(bom: bool) -> None:
    html = _story_html("Zürich wählt").decode("utf-8").replace('<meta charset="utf-8">', "")
    body = (codecs.BOM_UTF16_LE if bom else b"") + html.encode("utf-16-le")
    # With a BOM the header's Latin-1 is wrong; without one, the header says UTF-16.
    content_type = "text/html; charset=" + ("iso-8859-1" if bom else "utf-16")

    result = extract_page(
        PageInput(
            url="https://gazette.example/z",
            source="g",
            html=body,
            fetched_at=FETCHED_AT,
            content_type=content_type,
        )
    )

    assert (result.status, result.reason) == (Status.EXTRACTED, Reason.NEW)
    assert result.article is not None and result.article.title == "Zürich wählt"
