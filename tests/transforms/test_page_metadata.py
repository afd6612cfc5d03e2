"""What a page declares about itself: JSON-LD, OpenGraph, article:* meta and <time>."""

from __future__ import annotations

from transforms.page_metadata import PageMetadata, read_page_metadata

JSON_LD_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Harbour wall approved | Harbourton Gazette</title>
<link rel="canonical" href="https://gazette.example/news/harbour-wall">
<meta property="og:type" content="article">
<meta property="og:title" content="Harbour wall approved (og)">
<meta name="keywords" content="harbour, council ,, storms">
<meta property="article:tag" content="Harbourton">
<meta property="article:published_time" content="2025-03-04T10:00:00+01:00">
<meta name="author" content="Meta Author">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Harbour wall approved after late-night vote",
 "datePublished": "2025-03-04T09:15:00+01:00",
 "author": [{"@type": "Person", "name": "Jane Doe"},
            {"@type": "Person", "name": "Ravi Patel"}]}
</script>
</head><body><p>Text.</p></body></html>
"""

GRAPH_PAGE = """<html><head>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Valley Post", "url": "https://valley.example/"},
  {"@type": "BreadcrumbList", "itemListElement": []},
  {"@type": ["NewsArticle", "Article"], "headline": "Bridge reopens after repairs",
   "datePublished": "2025-03-04T08:30:00+05:30",
   "author": {"@type": "Person", "name": "Li Wei"}}
]}
</script>
</head><body></body></html>
"""

META_ONLY_PAGE = """<html lang="de"><head>
<meta property="og:title" content="Markt zieht in die Halle">
<meta property="ARTICLE:published_time" content="2025-02-03T10:00:00-05:00">
<meta name="Author" content="Ana Gómez">
<meta property="article:author" content="https://valley.example/authors/ana">
<link rel="canonical" href="/2025/02/markt">
</head><body></body></html>
"""

WEB_PAGE = """<html><head>
<script type="application/ld+json">{"@type": "WebPage", "name": "About us"}</script>
<meta property="og:type" content="website">
</head><body><p>About the Gazette.</p></body></html>
"""


def test_json_ld_news_article() -> None:
    metadata = read_page_metadata(JSON_LD_PAGE)

    assert metadata.title == "Harbour wall approved after late-night vote"
    assert metadata.authors == ("Jane Doe", "Ravi Patel")
    assert metadata.published == "2025-03-04T09:15:00+01:00"
    assert metadata.published_source == "json-ld"
    assert metadata.canonical_url == "https://gazette.example/news/harbour-wall"
    assert metadata.og_type == "article"
    assert metadata.schema_types == ("NewsArticle",)
    assert metadata.html_lang == "en-GB"
    assert metadata.keywords == ("harbour", "council", "storms", "Harbourton")
    assert metadata.declares_article
    assert not metadata.declares_non_article


def test_bytes_and_text_give_the_same_metadata() -> None:
    assert read_page_metadata(JSON_LD_PAGE.encode("utf-8")) == read_page_metadata(JSON_LD_PAGE)


def test_json_ld_graph_form() -> None:
    metadata = read_page_metadata(GRAPH_PAGE)

    assert metadata.title == "Bridge reopens after repairs"
    assert metadata.authors == ("Li Wei",)
    assert metadata.published == "2025-03-04T08:30:00+05:30"
    assert metadata.published_source == "json-ld"
    assert metadata.schema_types == ("WebSite", "BreadcrumbList", "NewsArticle", "Article")
    assert metadata.declares_article


def test_json_ld_list_and_string_author() -> None:
    page = """<html><head><script type="application/ld+json">
    [{"@type": "Organization", "name": "Gazette"},
     {"@type": "BlogPosting", "headline": "Notes", "author": "Jane Doe"}]
    </script></head><body></body></html>"""

    metadata = read_page_metadata(page)

    assert metadata.authors == ("Jane Doe",)
    assert metadata.title == "Notes"
    assert metadata.declares_article


def test_meta_only_page() -> None:
    metadata = read_page_metadata(META_ONLY_PAGE)

    assert metadata.title == "Markt zieht in die Halle"
    assert metadata.published == "2025-02-03T10:00:00-05:00"
    assert metadata.published_source == "meta"
    # The profile link in article:author is not a name.
    assert metadata.authors == ("Ana Gómez",)
    assert metadata.canonical_url == "/2025/02/markt"
    assert metadata.html_lang == "de"
    assert metadata.schema_types == ()
    assert metadata.og_type is None
    assert not metadata.declares_article
    assert not metadata.declares_non_article


def test_web_page_is_a_declared_non_article() -> None:
    metadata = read_page_metadata(WEB_PAGE)

    assert metadata.schema_types == ("WebPage",)
    assert metadata.og_type == "website"
    assert not metadata.declares_article
    assert metadata.declares_non_article
    assert metadata.published is None
    assert metadata.authors == ()


def test_og_article_alone_declares_an_article() -> None:
    page = '<html><head><meta property="og:type" content="article"></head><body></body></html>'

    assert read_page_metadata(page).declares_article


def test_time_element_inside_article_gives_the_date() -> None:
    page = """<html><body><article><h1>Quay</h1>
    <time datetime="2025-03-01T12:00:00+02:00">1 March</time></article></body></html>"""

    metadata = read_page_metadata(page)

    assert metadata.published == "2025-03-01T12:00:00+02:00"
    assert metadata.published_source == "time-element"


def test_json_ld_date_wins_over_meta_and_time() -> None:
    metadata = read_page_metadata(JSON_LD_PAGE)

    assert metadata.published == "2025-03-04T09:15:00+01:00"


def test_broken_json_ld_is_skipped() -> None:
    page = """<html><head>
    <script type="application/ld+json">{"@type": "NewsArticle", broken</script>
    <meta property="og:title" content="Still here">
    </head><body></body></html>"""

    metadata = read_page_metadata(page)

    assert metadata.title == "Still here"
    assert metadata.schema_types == ()


def test_empty_or_unparsable_documents_give_empty_metadata() -> None:
    assert read_page_metadata(b"") == PageMetadata()
    assert read_page_metadata("   ") == PageMetadata()
