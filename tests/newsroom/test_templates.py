"""The four article templates: metadata, page furniture, and what trafilatura makes of them."""

from __future__ import annotations

import json
from typing import Any

import pytest
import trafilatura
from lxml import html as lxml_html

from newsroom import catalogue, templates
from newsroom.catalogue import ARTICLES, OUTLETS, SPECIALS, DemoArticle
from newsroom.templates.common import ArticleContext, has_social_embed, join_names

BASE = "http://127.0.0.1:8080"
PEER = "http://127.0.0.1:9090"
BYLINE_WORDS = {"A": ("By", "and"), "B": ("By", "and"), "C": ("Von", "und"), "D": ("Par", "et")}


def _context(article: DemoArticle, *, canonical: str | None = None) -> ArticleContext:
    outlet = catalogue.outlet_by_slug(article.outlet)
    others = [a for a in catalogue.articles_of(article.outlet) if a is not article]
    original = None
    if article.syndicated_from is not None:
        original = catalogue.outlet_by_slug(article.syndicated_from).name
    return ArticleContext(
        outlet=outlet,
        article=article,
        base_url=BASE,
        canonical_url=canonical or BASE + article.path,
        related=tuple(others[:3]),
        original_outlet_name=original,
    )


def _render(article: DemoArticle) -> str:
    return templates.render_article(_context(article))


def _first_of_each_outlet() -> list[DemoArticle]:
    return [catalogue.articles_of(outlet.slug)[0] for outlet in OUTLETS]


def _meta(tree: Any, attribute: str, name: str) -> str | None:
    found = tree.xpath(f'//meta[@{attribute}="{name}"]/@content')
    return str(found[0]) if found else None


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    return [json.loads(text) for text in tree.xpath('//script[@type="application/ld+json"]/text()')]


@pytest.mark.parametrize("article", _first_of_each_outlet(), ids=lambda a: a.outlet)
def test_open_graph_and_canonical(article: DemoArticle) -> None:
    tree = lxml_html.fromstring(_render(article))
    outlet = catalogue.outlet_by_slug(article.outlet)
    assert _meta(tree, "property", "og:title") == article.headline
    assert _meta(tree, "property", "og:type") == "article"
    assert _meta(tree, "property", "og:url") == BASE + article.path
    assert _meta(tree, "property", "og:site_name") == outlet.name
    og_image = _meta(tree, "property", "og:image")
    assert og_image is not None and og_image.startswith(BASE + "/media/")
    assert tree.xpath('//link[@rel="canonical"]/@href') == [BASE + article.path]
    assert tree.xpath("//h1")[0].text_content().strip() == article.headline


@pytest.mark.parametrize("article", _first_of_each_outlet(), ids=lambda a: a.outlet)
def test_json_ld_news_article_except_template_c(article: DemoArticle) -> None:
    tree = lxml_html.fromstring(_render(article))
    template = catalogue.outlet_by_slug(article.outlet).template
    news = [data for data in _json_ld(tree) if data.get("@type") == "NewsArticle"]
    if template == "C":
        assert _json_ld(tree) == []
        assert _meta(tree, "property", "article:published_time") == article.published_at.isoformat()
        assert _meta(tree, "name", "author") == ", ".join(article.authors)
        assert tree.xpath("//time/@datetime")[0] == article.published_at.isoformat()
        return
    assert len(news) == 1
    data = news[0]
    assert data["headline"] == article.headline
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == (article.modified_at or article.published_at).isoformat()
    assert [a["name"] for a in data["author"]] == list(article.authors)
    assert {a["@type"] for a in data["author"]} == {"Person"}
    assert data["publisher"]["name"] == catalogue.outlet_by_slug(article.outlet).name


@pytest.mark.parametrize("article", ARTICLES[::5], ids=lambda a: f"{a.outlet}{a.path}")
def test_byline_in_the_outlet_language(article: DemoArticle) -> None:
    template = catalogue.outlet_by_slug(article.outlet).template
    prefix, conjunction = BYLINE_WORDS[template]
    tree = lxml_html.fromstring(_render(article))
    bylines = [
        " ".join(node.text_content().split())
        for node in tree.xpath(
            '//*[contains(@class, "byline") or contains(@class, "autor")'
            ' or contains(@class, "authors")]'
        )
    ]
    assert f"{prefix} {join_names(article.authors, conjunction)}" in bylines


@pytest.mark.parametrize("article", _first_of_each_outlet(), ids=lambda a: a.outlet)
def test_page_furniture(article: DemoArticle) -> None:
    page = _render(article)
    tree = lxml_html.fromstring(page)
    template = catalogue.outlet_by_slug(article.outlet).template
    lowered = page.lower()
    assert "cookie" in lowered
    assert tree.xpath('//*[contains(@class, "consent") or contains(@class, "cookie")]')
    assert tree.xpath("//nav | //div[contains(@class, 'nav')]")
    assert tree.xpath("//footer | //div[@id='fuss']")
    assert tree.xpath('//input[@type="email"]')  # newsletter sign-up
    related_links = {BASE + a.path for a in _context(article).related}
    assert related_links <= set(tree.xpath("//a/@href"))
    text = tree.text_content()
    assert article.image_caption in text and article.image_credit in text
    if template != "C":
        caption = tree.xpath("//figure//figcaption")[0].text_content()
        assert article.image_caption in caption and article.image_credit in caption
    has_comments = bool(tree.xpath('//*[@id="comments" or @id="reactions"]'))
    assert has_comments is (template != "C")
    assert any(marker in page for marker in ("Read more:", "Lesen Sie auch:", "Lire aussi :"))


def test_template_a_sets_a_dateline_before_the_first_sentence() -> None:
    article = catalogue.articles_of("harbour-ledger")[0]
    tree = lxml_html.fromstring(_render(article))
    first = tree.xpath('//div[@class="story-body"]/p')[0].text_content()
    assert first == f"HARBOURTON — {article.paragraphs[0]}"


@pytest.mark.parametrize("article", _first_of_each_outlet(), ids=lambda a: a.outlet)
def test_paragraphs_appear_in_order(article: DemoArticle) -> None:
    page = lxml_html.fromstring(_render(article)).text_content()
    positions = [page.find(paragraph) for paragraph in article.paragraphs]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_some_articles_embed_a_social_post() -> None:
    embedded = [a for a in ARTICLES if has_social_embed(a)]
    assert 10 <= len(embedded) <= len(ARTICLES) - 10
    assert {a.outlet for a in embedded} == {o.slug for o in OUTLETS}
    article = embedded[0]
    tree = lxml_html.fromstring(_render(article))
    (quote,) = tree.xpath('//blockquote[@class="twitter-tweet"]')
    text = quote.text_content()
    day = article.published_at
    assert "pic.twitter.com/" in text
    assert f"— {article.authors[0]} (@" in text
    assert text.endswith(f"November {day.day}, 2026")


def test_rendering_is_deterministic() -> None:
    for article in _first_of_each_outlet():
        assert _render(article) == _render(article)


def test_syndicated_copy_credits_the_original_outside_the_body() -> None:
    copy = catalogue.find_article(SPECIALS.syndicated_copy.outlet, SPECIALS.syndicated_copy.path)
    assert copy is not None
    original_url = PEER + SPECIALS.syndicated_original.path
    tree = lxml_html.fromstring(templates.render_article(_context(copy, canonical=original_url)))
    assert tree.xpath('//link[@rel="canonical"]/@href') == [original_url]
    body = tree.xpath('//div[@class="entry-content"]')[0].text_content()
    assert "first appeared" not in body
    credit = tree.xpath('//p[@class="syndication-credit"]')[0].text_content()
    assert "This story first appeared in The Harbour Ledger" in credit
    paragraphs = [p.text_content() for p in tree.xpath('//div[@class="entry-content"]/p')]
    assert [p for p in paragraphs if not p.startswith("Read more:")] == list(copy.paragraphs)


def test_info_page_is_not_an_article() -> None:
    outlet = catalogue.outlet_by_slug("le-guetteur")
    info = catalogue.INFO_PAGES[0]
    tree = lxml_html.fromstring(templates.render_info_page(outlet, info, BASE))
    assert _meta(tree, "property", "og:type") == "website"
    assert [data["@type"] for data in _json_ld(tree)] == ["WebPage"]
    assert len(tree.xpath('//ul[@class="c-links"]/li/a')) == len(info.links)
    assert sum(len(p.split()) for p in info.paragraphs) < 80
    with pytest.raises(LookupError):
        templates.render_info_page(catalogue.outlet_by_slug("rheinblick"), info, BASE)


def test_error_pages_are_small_html() -> None:
    for outlet in OUTLETS:
        for page in (templates.render_not_found(outlet), templates.render_server_error(outlet)):
            assert page.startswith("<!DOCTYPE html>") and len(page) < 1000
    assert "Page introuvable" in templates.render_not_found(catalogue.outlet_by_slug("le-guetteur"))
    moved = templates.render_moved("http://example.test/new")
    assert 'href="http://example.test/new"' in moved


EXTRACTION_SAMPLES = [
    article
    for outlet in OUTLETS
    for article in catalogue.articles_of(outlet.slug)[
        :: len(catalogue.articles_of(outlet.slug)) // 3
    ]
]


@pytest.mark.parametrize("article", EXTRACTION_SAMPLES, ids=lambda a: f"{a.outlet}{a.path}")
def test_trafilatura_recovers_title_first_sentence_and_local_date(article: DemoArticle) -> None:
    document = trafilatura.bare_extraction(
        _render(article), url=BASE + article.path, with_metadata=True
    )
    assert document is not None and not isinstance(document, dict)
    assert document.title == article.headline
    assert document.text is not None and article.first_sentence in document.text
    # htmldate reports the publisher's local calendar day, not the UTC one.
    assert document.date == article.published_at.date().isoformat()
