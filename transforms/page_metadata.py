"""Metadata publishers put in the page head: JSON-LD, OpenGraph, article:* and <time> tags."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
    }
)


@dataclass(frozen=True, kw_only=True)
class PageMetadata:
    """What the page says about itself, before reading its text."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    """The raw publication timestamp, as written."""
    published_source: str | None = None
    canonical_url: str | None = None
    og_type: str | None = None
    schema_types: tuple[str, ...] = ()
    html_lang: str | None = None
    keywords: tuple[str, ...] = ()

    @property
    def declares_article(self) -> bool:
        """Return whether JSON-LD or OpenGraph says this page is an article."""
        return bool(ARTICLE_TYPES.intersection(self.schema_types)) or self.og_type == "article"

    @property
    def declares_non_article(self) -> bool:
        """Return whether the page positively says it is something other than an article."""
        if self.declares_article:
            return False
        return self.og_type in ("website", "profile") or bool(self.schema_types)


def read_page_metadata(document: bytes | str) -> PageMetadata:
    """Return the page's declared metadata; an unparsable page gives empty metadata."""
    try:
        tree = lxml_html.fromstring(document)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return PageMetadata()
    objects = list(_json_ld_objects(tree))
    articles = [o for o in objects if ARTICLE_TYPES.intersection(_types_of(o))]
    article = articles[0] if articles else None
    schema_types = tuple(t for o in objects for t in _types_of(o))

    published, published_source = _published(tree, article)
    meta_authors = _meta_all(tree, "name", "author") + _meta_all(tree, "property", "article:author")
    authors = _json_ld_authors(article) if article else ()
    if not authors:
        authors = tuple(a for a in meta_authors if not a.startswith(("http://", "https://")))
    headline = article.get("headline") if article else None
    keywords = _meta_all(tree, "name", "keywords") + _meta_all(tree, "property", "article:tag")
    return PageMetadata(
        title=headline if isinstance(headline, str) else _meta(tree, "property", "og:title"),
        authors=authors,
        published=published,
        published_source=published_source,
        canonical_url=_first(tree.xpath("//link[@rel='canonical']/@href")),
        og_type=_meta(tree, "property", "og:type"),
        schema_types=schema_types,
        html_lang=_first(tree.xpath("/html/@lang")),
        keywords=tuple(k.strip() for raw in keywords for k in raw.split(",") if k.strip()),
    )


def _published(tree: Any, article: dict[str, Any] | None) -> tuple[str | None, str | None]:
    if article is not None and isinstance(article.get("datePublished"), str):
        return article["datePublished"], "json-ld"
    for prop in ("article:published_time", "og:published_time"):
        value = _meta(tree, "property", prop)
        if value:
            return value, "meta"
    for name in ("date", "pubdate", "publishdate", "dc.date.issued"):
        value = _meta(tree, "name", name)
        if value:
            return value, "meta"
    times = tree.xpath("//article//time/@datetime | //time[@pubdate]/@datetime")
    if times:
        return str(times[0]), "time-element"
    return None, None


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except json.JSONDecodeError:
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])


def _types_of(obj: dict[str, Any]) -> tuple[str, ...]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return (kind,)
    if isinstance(kind, list):
        return tuple(k for k in kind if isinstance(k, str))
    return ()


def _json_ld_authors(article: dict[str, Any]) -> tuple[str, ...]:
    raw = article.get("author")
    people = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for person in people:
        if isinstance(person, dict) and isinstance(person.get("name"), str):
            names.append(person["name"])
        elif isinstance(person, str):
            names.append(person)
    return tuple(names)


def _meta(tree: Any, attribute: str, value: str) -> str | None:
    found = _meta_all(tree, attribute, value)
    return found[0] if found else None


def _meta_all(tree: Any, attribute: str, value: str) -> list[str]:
    contents = tree.xpath(
        f"//meta[translate(@{attribute}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
        f"'abcdefghijklmnopqrstuvwxyz')=$wanted]/@content",
        wanted=value,
    )
    return [str(c).strip() for c in contents if str(c).strip()]


def _first(values: list[Any]) -> str | None:
    for value in values:
        text = str(value).strip()
        if text:
            return text
    return None
