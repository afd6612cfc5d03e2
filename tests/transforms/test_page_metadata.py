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


def test_title_candidates_from_every_source_and_the_declared_headline() -> None:
    page = """<html><head>
    <title>Harbour wall approved | Harbourton Gazette</title>
    <meta property="og:title" content="Harbour wall approved &amp;#8211; late vote">
    <meta name="twitter:title" content="Harbour wall approved">
    <meta property="og:site_name" content="Harbourton Gazette">
    </head><body>
    <header><h1>Harbourton Gazette</h1></header>
    <article><h1>Harbour <em>wall</em> approved<script>var x;</script></h1></article>
    </body></html>"""

    metadata = read_page_metadata(page)

    sources = [(c.source, c.text) for c in metadata.title_candidates]
    assert sources == [
        ("og", "Harbour wall approved &#8211; late vote"),
        ("twitter", "Harbour wall approved"),
        ("h1", "Harbour wall approved"),
        ("title", "Harbour wall approved | Harbourton Gazette"),
    ]
    assert metadata.site_names == ("Harbourton Gazette",)
    assert metadata.title == "Harbour wall approved"


def test_json_ld_author_references_nested_lists_and_types() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [
      {"@type": "Person", "@id": "https://valley.example/#/person/li", "name": "Li Wei"},
      {"@type": "NewsMediaOrganization", "@id": "https://valley.example/#org",
       "name": "Valley Post"},
      {"@type": "schema:NewsArticle", "headline": "Bridge reopens",
       "author": [{"@id": "https://valley.example/#/person/li"},
                  [{"@type": "Person", "givenName": "Ana", "familyName": "Gómez"}],
                  {"@type": "Organization", "name": "Valley Post"},
                  "https://valley.example/authors/li"],
       "publisher": {"@id": "https://valley.example/#org"}}
    ]}</script></head><body></body></html>"""

    metadata = read_page_metadata(page)

    named = [(c.name, c.source, c.kind) for c in metadata.author_candidates]
    assert named == [
        ("Li Wei", "json-ld", "person"),
        ("Ana Gómez", "json-ld", "person"),
        ("Valley Post", "json-ld", "organization"),
    ]
    assert metadata.authors == ("Li Wei", "Ana Gómez", "Valley Post")
    assert "Valley Post" in metadata.site_names
    assert metadata.declares_article


def test_bylines_are_read_only_when_nothing_declared_names_a_person() -> None:
    template = """<html><head>{head}</head><body>
    <div class="article-byline">Von Jane Doe</div>
    <div class="teaser"><span class="teaser__author">von Ravi Patel</span></div>
    <div class="author-bio">Jane writes about harbours.</div>
    </body></html>"""

    declared = read_page_metadata(template.format(head='<meta name="author" content="Li Wei">'))
    undeclared = read_page_metadata(template.format(head=""))

    assert [c.source for c in declared.author_candidates] == ["meta"]
    assert [(c.name, c.source) for c in undeclared.author_candidates] == [
        ("Von Jane Doe", "byline")
    ]


def test_meta_attributes_mixed_up_and_trailing_spaces_still_count() -> None:
    page = """<html><head>
    <meta name="og:title" content="Market moves indoors">
    <meta property="article:published_time " content="2025-02-03T10:00:00-05:00">
    <meta property="author" content="Ana Gómez">
    </head><body></body></html>"""

    metadata = read_page_metadata(page)

    assert metadata.title == "Market moves indoors"
    assert metadata.published == "2025-02-03T10:00:00-05:00"
    assert metadata.authors == ("Ana Gómez",)


def test_every_declared_date_is_a_candidate_most_trusted_first() -> None:
    page = """<html><head>
    <meta property="article:published_time" content="2025-03-04T08:15:00Z">
    <meta name="dc.date" content="2025-03-04">
    <script type="application/ld+json">{"@type": "NewsArticle",
      "datePublished": "2025-03-04T09:15:00+01:00", "dateModified": "2025-03-05"}</script>
    </head><body>
    <aside><time datetime="2025-01-01T00:00:00Z">teaser</time></aside>
    <article><time datetime="2025-03-04T09:15">4 March</time></article>
    <span itemprop="datePublished" content="2025-03-04"></span>
    </body></html>"""

    metadata = read_page_metadata(page)

    assert [(c.source, c.raw) for c in metadata.date_candidates] == [
        ("json-ld", "2025-03-04T09:15:00+01:00"),
        ("meta", "2025-03-04T08:15:00Z"),
        ("meta", "2025-03-04"),
        ("time-element", "2025-03-04T09:15"),
        ("time-element", "2025-03-04"),
    ]
    assert metadata.published_source == "json-ld"


def test_sections_keywords_images_languages_and_urls() -> None:
    page = """<html lang="de-AT"><head>
    <link rel="canonical" href="https://gazette.example/news/markt">
    <meta property="og:url" content="https://gazette.example/news/markt?utm_source=x">
    <meta property="og:locale" content="de_AT">
    <meta property="article:section" content="Wirtschaft">
    <meta name="keywords" content="Markt, Halle">
    <meta name="news_keywords" content="markt, Stadt">
    <meta property="og:image" content="/img/markt.jpg">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Markt",
      "articleSection": ["Wirtschaft", "Lokal"], "keywords": ["Handel"],
      "inLanguage": "de", "image": [{"@type": "ImageObject", "url": "https://cdn.example/m.jpg"}]}
    </script></head><body></body></html>"""

    metadata = read_page_metadata(page)

    assert metadata.sections == ("Wirtschaft", "Lokal")
    assert metadata.keywords == ("Markt", "Halle", "Stadt", "Handel")
    assert metadata.image_urls == ("/img/markt.jpg", "https://cdn.example/m.jpg")
    assert metadata.languages == ("de-AT", "de", "de_AT")
    assert metadata.declared_language == "de"
    assert metadata.canonical_url == "https://gazette.example/news/markt"
    assert metadata.og_url == "https://gazette.example/news/markt?utm_source=x"


def test_json_ld_with_control_characters_and_comment_wrappers_is_read() -> None:
    page = (
        '<html><head><script type="application/ld+json"><!--\n{"@type": "NewsArticle",'
        ' "headline": "Line\tbreak\nin a string"}\n--></script></head><body></body></html>'
    )

    assert read_page_metadata(page).title == "Line break in a string"
