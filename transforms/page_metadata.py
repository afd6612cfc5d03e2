"""Metadata a page declares about itself: JSON-LD, OpenGraph and other meta tags, <h1>,
<time> and byline elements, read from one parse of the page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from transforms.authors import AuthorCandidate, choose_authors, names_a_person
from transforms.dates import DateCandidate
from transforms.language import normalise_language_tag
from transforms.titles import TitleCandidate, choose_title, clean_title

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "SatiricalArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
    }
)
_ORGANISATION_TYPES = frozenset(
    {"Organization", "NewsMediaOrganization", "Corporation", "NGO", "GovernmentOrganization"}
)
# Meta names for the publication time, most specific first.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "article_date_original",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "sailthru.author",
    "parsely-author",
    "articleauthor",
    "cxenseparse:author",
)
_SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher")
_IMAGE_META = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
)
# Class names of elements that credit the article's author in the page's own furniture.
_BYLINE_CLASS = re.compile(r"author|byline", re.IGNORECASE)
_TIME_XPATH = etree.XPath("//time[@datetime] | //*[@itemprop='datePublished'][not(self::meta)]")
# Class names of author furniture that is not the credit line: biographies, pictures,
# other stories' teasers, comments.
_NOT_BYLINE = re.compile(
    r"comment|bio|desc|avatar|img|image|photo|picture|social|follow|date|time|teaser|related"
    r"|more|card|caption|media|footer|widget|job|role|title|prefix",
    re.IGNORECASE,
)
_MAX_BYLINE_CHARS = 120
_MAX_BYLINES = 3
_MAX_H1 = 5
_MAX_TIMES = 3
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_XML_COMMENT = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


@dataclass(frozen=True, kw_only=True)
class PageMetadata:
    """What the page says about itself, before reading its text."""

    title: str | None = None
    """The headline the page's own declarations agree on (see titles.choose_title)."""
    title_candidates: tuple[TitleCandidate, ...] = ()
    site_names: tuple[str, ...] = ()
    """The publication's names: og:site_name, JSON-LD publisher, application-name."""
    authors: tuple[str, ...] = ()
    """The most precise author list the declarations give (see authors.choose_authors)."""
    author_candidates: tuple[AuthorCandidate, ...] = ()
    published: str | None = None
    """The raw publication timestamp of the most trusted source, as written."""
    published_source: str | None = None
    date_candidates: tuple[DateCandidate, ...] = ()
    """Every declared publication timestamp, most trusted source first."""
    canonical_url: str | None = None
    og_url: str | None = None
    og_type: str | None = None
    schema_types: tuple[str, ...] = ()
    html_lang: str | None = None
    languages: tuple[str, ...] = ()
    """Declared languages: <html lang>, JSON-LD inLanguage, og:locale, Content-Language."""
    keywords: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    image_urls: tuple[str, ...] = ()
    """Lead image candidates: og:image, twitter:image, JSON-LD image, as written."""

    @property
    def declared_language(self) -> str | None:
        """Return the first declared language as an ISO 639 code ("de-AT" gives "de")."""
        for tag in self.languages:
            code = normalise_language_tag(tag)
            if code:
                return code
        return None

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


def read_page_metadata(document: bytes | str | lxml_html.HtmlElement) -> PageMetadata:
    """Return the page's declared metadata; an unparsable page gives empty metadata.

    ``document`` may be a tree already parsed from the page (it is only read).
    """
    if isinstance(document, lxml_html.HtmlElement):
        tree = document
    else:
        if isinstance(document, str):
            # lxml refuses text that still declares a byte encoding; it is decoded already.
            document = _XML_DECLARATION.sub("", document, count=1)
        try:
            tree = lxml_html.fromstring(document)
        except (ValueError, TypeError, etree.ParserError):
            return PageMetadata()
    meta = _meta_index(tree)
    objects = list(_json_ld_objects(tree))
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}
    articles = [o for o in objects if ARTICLE_TYPES.intersection(_types_of(o))]
    article = max(articles, key=lambda o: "headline" in o) if articles else None
    site_names = _site_names(meta, objects, article, by_id)

    titles = _title_candidates(tree, meta, article)
    authors = _author_candidates(tree, meta, article, by_id, site_names)
    dates = _date_candidates(tree, meta, article)
    return PageMetadata(
        title=choose_title(titles, site_names=site_names),
        title_candidates=titles,
        site_names=site_names,
        authors=choose_authors(
            [a for a in authors if a.source in ("json-ld", "meta")], site_names=site_names
        ),
        author_candidates=authors,
        published=dates[0].raw if dates else None,
        published_source=dates[0].source if dates else None,
        date_candidates=dates,
        canonical_url=_first(
            tree.xpath(
                "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
            )
        ),
        og_url=_first(meta.get("og:url", [])),
        og_type=_first(meta.get("og:type", [])),
        schema_types=tuple(t for o in objects for t in _types_of(o)),
        html_lang=_first(tree.xpath("/html/@lang")),
        languages=_languages(tree, meta, article),
        keywords=_keywords(meta, article),
        sections=_sections(meta, article),
        image_urls=_images(meta, article),
    )


def _meta_index(tree: Any) -> dict[str, list[str]]:
    # One pass over <meta>: property=, name= and itemprop= share one lower-case namespace,
    # since publishers mix them up (name="og:title", property="author").
    index: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attribute)
            if key:
                index.setdefault(key.strip().lower(), []).append(content.strip())
    return index


def _title_candidates(
    tree: Any, meta: dict[str, list[str]], article: dict[str, Any] | None
) -> tuple[TitleCandidate, ...]:
    found: list[TitleCandidate] = []
    if article is not None:
        headline = _text_value(article.get("headline")) or _text_value(article.get("name"))
        if headline:
            found.append(TitleCandidate(source="json-ld", text=headline))
    for key, source in (("og:title", "og"), ("twitter:title", "twitter")):
        value = _first(meta.get(key, []))
        if value:
            found.append(TitleCandidate(source=source, text=value))
    h1 = _main_h1(tree, {clean_title(c.text) for c in found})
    if h1:
        found.append(TitleCandidate(source="h1", text=h1))
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        found.append(TitleCandidate(source="title", text=title.text_content()))
    return tuple(found)


def _main_h1(tree: Any, declared: set[str | None]) -> str | None:
    # Pages carry several <h1>s (logo, section, teaser); the article's own is the one that
    # repeats a declared title, else the first inside <article> or <main>, else the first.
    texts: list[tuple[str, bool]] = []
    for element in tree.iter("h1"):
        text = clean_title(_visible_text(element))
        if text:
            inside = any(a.tag in ("article", "main") for a in element.iterancestors())
            texts.append((text, inside))
        if len(texts) >= _MAX_H1:
            break
    for text, _ in texts:
        if text in declared:
            return text
    for text, inside in texts:
        if inside:
            return text
    return texts[0][0] if texts else None


def _author_candidates(
    tree: Any,
    meta: dict[str, list[str]],
    article: dict[str, Any] | None,
    by_id: dict[str, dict[str, Any]],
    site_names: tuple[str, ...],
) -> tuple[AuthorCandidate, ...]:
    found: list[AuthorCandidate] = []
    if article is not None:
        raw = article.get("author") or article.get("creator")
        for name, kind in _json_ld_people(raw, by_id):
            found.append(AuthorCandidate(name=name, source="json-ld", kind=kind))
    for key in _AUTHOR_META:
        for value in meta.get(key, []):
            if not value.startswith(("http://", "https://", "www.")):
                found.append(AuthorCandidate(name=value, source="meta"))
    # Bylines are the costliest to find and only count when nothing declared names a
    # person (see authors.choose_authors), so they are read only then.
    if not names_a_person(found, site_names=site_names):
        found += [AuthorCandidate(name=text, source="byline") for text in _bylines(tree)]
    return tuple(found)


def _json_ld_people(
    value: Any, by_id: dict[str, dict[str, Any]], depth: int = 0
) -> Iterator[tuple[str, str | None]]:
    if depth > 3:
        return
    if isinstance(value, str):
        if value.strip() and not value.startswith(("http://", "https://")):
            yield value, None
    elif isinstance(value, list):
        for item in value:
            yield from _json_ld_people(item, by_id, depth + 1)
    elif isinstance(value, dict):
        node = value
        if "name" not in node and isinstance(node.get("@id"), str):
            node = by_id.get(node["@id"], node)
        name = _text_value(node.get("name"))
        if not name and (node.get("givenName") or node.get("familyName")):
            name = " ".join(
                n
                for n in (_text_value(node.get("givenName")), _text_value(node.get("familyName")))
                if n
            )
        if name:
            types = set(_types_of(node))
            kind = (
                "organization"
                if types & _ORGANISATION_TYPES
                else "person"
                if "Person" in types
                else None
            )
            yield name, kind


def _bylines(tree: Any) -> list[str]:
    # The first few credit lines in page order: the article's own byline comes before the
    # teasers of other stories further down.
    found: list[str] = []
    for element in _byline_elements(tree):
        marks = f"{element.get('class', '')} {element.get('itemprop', '')}"
        if _NOT_BYLINE.search(marks) and element.get("rel") != "author":
            continue
        if element.get("itemprop") == "author":
            names = element.xpath(".//*[@itemprop='name']")
            text = (
                names[0].get("content") or _visible_text(names[0], " ")
                if names
                else element.get("content") or _visible_text(element, " ")
            )
        else:
            # Joined with spaces: "Kommentar von<a>Jan Sellner</a>" is two words.
            text = _visible_text(element, " ")
        text = " ".join(text.split())
        if text and len(text) <= _MAX_BYLINE_CHARS and text not in found:
            found.append(text)
        if len(found) >= _MAX_BYLINES:
            break
    return found


def _byline_elements(tree: Any) -> Iterator[Any]:
    # A walk that stops with the caller: the bylines sit near the top, and an XPath over
    # the whole page costs more than the walk to them.
    for element in tree.iter(etree.Element):
        if element.tag in ("meta", "link", "script", "style", "img"):
            continue
        if element.get("rel") == "author" or element.get("itemprop") == "author":
            yield element
            continue
        marks = element.get("class")
        if marks and _BYLINE_CLASS.search(marks):
            yield element


def _date_candidates(
    tree: Any, meta: dict[str, list[str]], article: dict[str, Any] | None
) -> tuple[DateCandidate, ...]:
    found: list[DateCandidate] = []
    if article is not None:
        for key in ("datePublished", "dateCreated"):
            value = _text_value(article.get(key))
            if value:
                found.append(DateCandidate(source="json-ld", raw=value))
    for key in _DATE_META:
        for value in meta.get(key, [])[:1]:
            found.append(DateCandidate(source="meta", raw=value))
    # A <time> counts when it is marked as the publication time or sits in the <article>;
    # elsewhere it dates teasers and comments.
    times: list[str] = []
    for element in _TIME_XPATH(tree):
        marked = element.get("itemprop") == "datePublished" or element.get("pubdate") is not None
        if marked or any(a.tag == "article" for a in element.iterancestors()):
            value = (element.get("datetime") or element.get("content") or "").strip()
            if value:
                times.append(value)
        if len(times) >= _MAX_TIMES:
            break
    found += [DateCandidate(source="time-element", raw=value) for value in times]
    return tuple(found)


def _site_names(
    meta: dict[str, list[str]],
    objects: list[dict[str, Any]],
    article: dict[str, Any] | None,
    by_id: dict[str, dict[str, Any]],
) -> tuple[str, ...]:
    names = [v for key in _SITE_META for v in meta.get(key, [])[:1]]
    publisher = article.get("publisher") if article is not None else None
    names += [name for name, _ in _json_ld_people(publisher, by_id)]
    names += [
        name for o in objects if "WebSite" in _types_of(o) and (name := _text_value(o.get("name")))
    ]
    return tuple(dict.fromkeys(n for n in names if not n.startswith(("http://", "https://"))))


def _languages(
    tree: Any, meta: dict[str, list[str]], article: dict[str, Any] | None
) -> tuple[str, ...]:
    found = [str(v) for v in tree.xpath("/html/@lang | /html/@xml:lang")]
    if article is not None:
        found.append(_text_value(article.get("inLanguage")) or "")
    found += meta.get("og:locale", [])[:1] + meta.get("content-language", [])[:1]
    found += meta.get("language", [])[:1]
    return tuple(dict.fromkeys(v.strip() for v in found if v.strip()))


def _keywords(meta: dict[str, list[str]], article: dict[str, Any] | None) -> tuple[str, ...]:
    raw = meta.get("keywords", []) + meta.get("news_keywords", []) + meta.get("article:tag", [])
    if article is not None:
        raw += _text_values(article.get("keywords"))
    return _unique(k for value in raw for k in value.split(","))


def _sections(meta: dict[str, list[str]], article: dict[str, Any] | None) -> tuple[str, ...]:
    raw = meta.get("article:section", []) + meta.get("parsely-section", [])
    if article is not None:
        raw += _text_values(article.get("articleSection"))
    return _unique(raw)


def _images(meta: dict[str, list[str]], article: dict[str, Any] | None) -> tuple[str, ...]:
    raw = [v for key in _IMAGE_META for v in meta.get(key, [])[:1]]
    if article is not None:
        raw += list(_image_urls(article.get("image"))) + _text_values(article.get("thumbnailUrl"))
    return _unique(raw)


def _image_urls(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value[:3]:
            yield from _image_urls(item)
    elif isinstance(value, dict):
        url = _text_value(value.get("url")) or _text_value(value.get("contentUrl"))
        if url:
            yield url


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        # Control characters inside strings (strict=False) and HTML comment wrappers are
        # common and harmless; anything worse is skipped, the rest of the page still counts.
        text = _XML_COMMENT.sub("", str(script))
        try:
            data = json.loads(text, strict=False)
        except (json.JSONDecodeError, RecursionError):  # nesting deeper than the stack
            continue
        yield from _flatten(data)


def _flatten(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"], depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict) and ARTICLE_TYPES.intersection(_types_of(main)):
            yield from _flatten(main, depth + 1)


def _types_of(obj: dict[str, Any]) -> tuple[str, ...]:
    kind = obj.get("@type")
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    # "schema:NewsArticle" and "http://schema.org/NewsArticle" are NewsArticle too.
    return tuple(k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds if isinstance(k, str))


def _text_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value:
        return _text_value(value[0])
    if isinstance(value, dict):
        return _text_value(value.get("@value") or value.get("name"))
    return None


def _text_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for item in value if (v := _text_value(item))]
    return []


def _visible_text(element: Any, separator: str = "") -> str:
    parts = element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
    return " ".join(separator.join(str(p) for p in parts).split())


def _unique(values: Iterator[str] | list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        text = " ".join(value.split())
        if text:
            seen.setdefault(text.casefold(), text)
    return tuple(seen.values())


def _first(values: list[Any]) -> str | None:
    for value in values:
        text = str(value).strip()
        if text:
            return text
    return None
