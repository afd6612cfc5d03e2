"""A catalogue of hostile inputs, each with the outcome a run must record for it, and a
loopback server that serves them as the outlet ``hostile.test``.

Pages are article URLs of the hostile source's URL list, feeds its feeds, sitemaps its
sitemaps. `tests/flows/test_hostile_inputs.py` runs a real nightly ingest over all of them
beside a well-behaved outlet and checks each outcome row; ``python -m
tests.flows.hostile_inputs`` prints the catalogue as the Markdown table kept in
docs/hostile-inputs.md (a test keeps the two in step).

Every misbehaviour is bounded in time and bytes. URLs under ``/flood/`` are disallowed by
the site's robots.txt, so listings of thousands of them cost outcome rows, not fetches.
"""

from __future__ import annotations

import codecs
import functools
import gzip
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

from newsroom.catalogue import articles_of
from transforms.records import Reason, Status, UrlKind

HOST = "hostile.test"
BASE = f"http://{HOST}"
ROBOTS_TXT = b"User-agent: *\nDisallow: /flood/\n"
MAX_BODY_BYTES = 8 * 1024 * 1024
"""The test config's [fetch] max_body_bytes (the 100,000-item feed fits): 'enormous' is more."""
OTHER_OUTLET = "harbour-ledger"
OTHER_OUTLET_STORIES = tuple(
    f"http://{OTHER_OUTLET}.test{story.path}" for story in articles_of(OTHER_OUTLET)[:2]
)
"""Stories of the well-behaved demo outlet that hostile pages and listings claim."""

_WORDS = (
    "The harbour council voted on Tuesday to rebuild the sea wall after the winter storms "
    "flooded the old quay. Engineers said the work would start in spring and last a year, "
    "while ferries would keep their timetable. Residents asked for a public meeting about "
    "the cost, which the council put at four million euros. "
)
PARAGRAPH = f"<p>{_WORDS * 2}</p>"
_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
_RSS = '<rss version="2.0"><channel><title>H</title>'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
_INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{(f"&lol{n - 1};" if n > 1 else "&lol;") * 10}">' for n in range(1, 10)
    )
    + "]>"
)
_XXE = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def article(title: str, *, head: str = "", body: str = "") -> str:
    """Return a plain article page: a title, a headline and three paragraphs."""
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"{head}</head><body><article><h1>{title}</h1>{body}{PARAGRAPH * 3}</article>"
        "</body></html>"
    )


def _rss(links: list[str]) -> str:
    items = "".join(
        f"<item><title>item {n}</title><link>{link}</link></item>" for n, link in enumerate(links)
    )
    return f"{_RSS}{items}</channel></rss>"


def _rss_items(links: list[str]) -> bytes:
    return (_DECLARATION + _rss(links)).encode()


def _bare_rss(links: list[str]) -> bytes:
    items = "".join(f"<item><link>{link}</link></item>" for link in links)
    return f"{_DECLARATION}{_RSS}{items}</channel></rss>".encode()


def _urlset(locs: list[str]) -> bytes:
    return (
        _URLSET + "".join(f"<url><loc>{loc}</loc></url>" for loc in locs) + "</urlset>"
    ).encode()


def _flood(prefix: str, count: int) -> list[str]:
    return [f"{BASE}/flood/{prefix}/{n}" for n in range(count)]


Serve = Callable[[BaseHTTPRequestHandler], None]


@dataclass(frozen=True, kw_only=True)
class HostileInput:
    """One bad input: where it is served, what it is, and the outcome a run records."""

    name: str
    kind: UrlKind
    what: str
    status: Status
    reason: Reason
    serve: Serve
    title: str | None = None
    """For stored articles: the headline the warehouse must hold (decoding checks)."""
    flood: bool = False
    """A listing of tens of thousands of URLs: ~40 s of a run on two cores, so its test
    runs with MEDIAWATCH_SLOW_TESTS=1 (the per-listing limits are unit-tested always)."""

    @property
    def path(self) -> str:
        """Return the path it is served at."""
        folder = {UrlKind.ARTICLE: "p", UrlKind.FEED: "f", UrlKind.SITEMAP: "s"}[self.kind]
        return f"/{folder}/{self.name}"

    @property
    def url(self) -> str:
        """Return its URL on the hostile outlet."""
        return BASE + self.path


def answer(
    status: int, body: bytes | str = b"", content_type: str | None = "text/html; charset=utf-8"
) -> Serve:
    """Return a route sending one whole response."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def serve(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        if content_type is not None:
            handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return serve


def _lazy(make: Callable[[], bytes], content_type: str) -> Serve:
    # Big bodies are built on first request only (importing the catalogue stays cheap).
    made = functools.cache(make)

    def serve(handler: BaseHTTPRequestHandler) -> None:
        answer(200, made(), content_type)(handler)

    return serve


def _redirect(location: str) -> Serve:
    def serve(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return serve


def _raw(data: bytes) -> Serve:
    # Bytes straight onto the socket (broken framing), then the connection closes.
    def serve(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(data)
        handler.wfile.flush()
        handler.close_connection = True

    return serve


def _drip(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    for _ in range(40):  # 12 s at most; the fetcher's whole-request limit is 2 s
        handler.wfile.write(b"<p>x")
        handler.wfile.flush()
        if _STOP.wait(0.3):
            break
    handler.close_connection = True


def _gzip_bomb(handler: BaseHTTPRequestHandler) -> None:
    body = _bomb()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _not_gzip(handler: BaseHTTPRequestHandler) -> None:
    body = article("Not gzip").encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)


_STOP = threading.Event()

_JS_ONLY = (
    "<html><head><script src='/app.js'></script></head><body><div id='root'></div>"
    "<noscript>Please enable JavaScript.</noscript></body></html>"
)
_CANONICAL_HIJACK = article(
    "Harbour wall repairs approved",
    head=(
        f"<link rel='canonical' href='{OTHER_OUTLET_STORIES[0]}'>"
        f"<meta property='og:url' content='{OTHER_OUTLET_STORIES[0]}'>"
    ),
)
_DEEP_JSON_LD = article(
    "Deep JSON-LD",
    head='<script type=\'application/ld+json\'>{"@type": "NewsArticle", "author": '
    + "[" * 20_000
    + "]" * 20_000
    + "}</script>",
)
_FUTURE_DATE = article(
    "Dated in the far future",
    head="<script type='application/ld+json'>"
    + json.dumps({"@type": "NewsArticle", "datePublished": "9999-12-31T23:59:59Z"})
    + "</script><meta property='article:published_time' content='99999-01-01'>",
)
SQL_TITLE = 'Robert\'); DROP TABLE articles;-- $1 {keys} "quoted"'
_LINK_FARM = (
    "<html><head><title>Links</title></head><body>"
    + "".join(f"<a href='/l/{n}'>link {n}</a> " for n in range(5000))
    + "</body></html>"
)
_PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 16


def _utf16_page(title: str, *, bom: bool) -> bytes:
    text = article(title).replace("<meta charset='utf-8'>", "")
    return (codecs.BOM_UTF16_LE if bom else b"") + text.encode("utf-16-le")


def _pages() -> list[HostileInput]:
    a, ok, new = UrlKind.ARTICLE, Status.EXTRACTED, Reason.NEW
    skipped, failed = Status.SKIPPED, Status.FAILED
    soup = (
        "<html><head><title>Tag soup</title><body><div><article><h1>Tag soup</h1><p>"
        + _WORDS * 2
        + "<b><i>mis</b>nested</i></div></div></span><table><p>"
        + _WORDS * 2
        + "<p>"
        + _WORDS
    )
    return [
        HostileInput(
            name="tag-soup",
            kind=a,
            status=ok,
            reason=new,
            title="Tag soup",
            what="malformed HTML: unclosed and mis-nested tags, no closing html",
            serve=answer(200, soup),
        ),
        HostileInput(
            name="bare-paragraphs",
            kind=a,
            status=ok,
            reason=new,
            what="no html, head or body element: paragraphs only",
            serve=answer(200, "<h1>Bare</h1>" + PARAGRAPH * 3),
        ),
        HostileInput(
            name="enormous-page",
            kind=a,
            status=failed,
            reason=Reason.TOO_LARGE,
            what="9 MiB of HTML, past max_body_bytes (8 MiB)",
            serve=_lazy(lambda: article("Enormous", body=PARAGRAPH * 18_000).encode(), "text/html"),
        ),
        HostileInput(
            name="large-page",
            kind=a,
            status=ok,
            reason=new,
            title="Large",
            what="1 MiB of HTML within the limit: 2,000 paragraphs",
            serve=_lazy(lambda: article("Large", body=PARAGRAPH * 2000).encode(), "text/html"),
        ),
        HostileInput(
            name="deep-divs",
            kind=a,
            status=skipped,
            reason=Reason.NO_CONTENT,
            what="text under 100,000 nested div elements",
            serve=_lazy(
                lambda: ("<div>" * 100_000 + PARAGRAPH * 3 + "</div>" * 100_000).encode(),
                "text/html",
            ),
        ),
        HostileInput(
            name="deep-json-ld",
            kind=a,
            status=failed,
            reason=Reason.EXTRACTION_ERROR,
            what="JSON-LD nested 20,000 arrays deep (deeper than the parsers' stack)",
            serve=answer(200, _DEEP_JSON_LD),
        ),
        HostileInput(
            name="huge-attribute",
            kind=a,
            status=ok,
            reason=new,
            title="Attribute",
            what="a 1 MiB attribute value on the article element",
            serve=_lazy(
                lambda: (
                    article("Attribute")
                    .replace("<article>", f"<article data-x='{'x' * 2**20}'>")
                    .encode()
                ),
                "text/html",
            ),
        ),
        HostileInput(
            name="one-huge-word",
            kind=a,
            status=skipped,
            reason=Reason.NOT_ARTICLE,
            what="one 1 MiB word without spaces",
            serve=_lazy(
                lambda: f"<html><body><p>{'a' * 2**20}</p></body></html>".encode(), "text/html"
            ),
        ),
        HostileInput(
            name="invalid-utf8",
            kind=a,
            status=ok,
            reason=new,
            title="Invalid bytes",
            what="invalid UTF-8 sequences in a page labelled UTF-8",
            serve=answer(
                200, article("Invalid bytes").encode().replace(b"storms", b"st\xff\xfe\xc3orms")
            ),
        ),
        HostileInput(
            name="cp1252-says-utf8",
            kind=a,
            status=ok,
            reason=new,
            title="Fähre über die Förde",
            what="windows-1252 bytes, header and meta both claiming UTF-8",
            serve=answer(200, article("Fähre über die Förde").encode("cp1252")),
        ),
        HostileInput(
            name="utf16-bom-says-latin1",
            kind=a,
            status=ok,
            reason=new,
            title="Zürich wählt",
            what="UTF-16 with a byte-order mark, labelled ISO-8859-1",
            serve=answer(
                200, _utf16_page("Zürich wählt", bom=True), "text/html; charset=iso-8859-1"
            ),
        ),
        HostileInput(
            name="utf16-no-bom",
            kind=a,
            status=ok,
            reason=new,
            title="Genève vote",
            what="UTF-16 without a byte-order mark, declared in the header only",
            serve=answer(200, _utf16_page("Genève vote", bom=False), "text/html; charset=utf-16"),
        ),
        HostileInput(
            name="unknown-charset",
            kind=a,
            status=ok,
            reason=new,
            title="Klingon charset",
            what="a charset label no codec knows (x-klingon)",
            serve=answer(200, article("Klingon charset"), "text/html; charset=x-klingon"),
        ),
        HostileInput(
            name="meta-charset-lies",
            kind=a,
            status=ok,
            reason=new,
            title="Паром снова ходит",
            what="windows-1251 bytes, the meta claiming koi8-r, no header charset",
            serve=answer(
                200,
                article("Паром снова ходит")
                .replace("<meta charset='utf-8'>", "<meta charset='koi8-r'>")
                .encode("cp1251"),
                "text/html",
            ),
        ),
        HostileInput(
            name="nul-early",
            kind=a,
            status=skipped,
            reason=Reason.BAD_CONTENT_TYPE,
            what="a NUL byte in the first 4 KiB of a page labelled HTML",
            serve=answer(200, article("Nul").replace("<h1>", "<h1>\0")),
        ),
        HostileInput(
            name="nul-late",
            kind=a,
            status=ok,
            reason=new,
            title="Late NUL",
            what="NUL and control bytes deep in the text",
            serve=answer(200, article("Late NUL", body=PARAGRAPH * 8 + "<p>a\0b\x01c\x1bd</p>")),
        ),
        HostileInput(
            name="bidi-and-controls",
            kind=a,
            status=ok,
            reason=new,
            title="Bidi \u202etxet",
            what="bidi overrides, zero-width and escape characters in title and text",
            serve=answer(200, article("Bidi \u202etxet", body="<p>\u200b\x1b[31mred\u2066</p>")),
        ),
        HostileInput(
            name="javascript-only",
            kind=a,
            status=skipped,
            reason=Reason.EMPTY,
            what="a JavaScript app shell: an empty root div and a noscript line",
            serve=answer(200, _JS_ONLY),
        ),
        HostileInput(
            name="empty-markup",
            kind=a,
            status=skipped,
            reason=Reason.EMPTY,
            what="markup without visible text",
            serve=answer(200, "<html><head><title></title></head><body><div></div></body></html>"),
        ),
        HostileInput(
            name="empty-body",
            kind=a,
            status=skipped,
            reason=Reason.EMPTY,
            what="200 with an empty body",
            serve=answer(200, b""),
        ),
        HostileInput(
            name="whitespace-body",
            kind=a,
            status=skipped,
            reason=Reason.EMPTY,
            what="200 with only whitespace",
            serve=answer(200, b" \r\n\t " * 1000),
        ),
        HostileInput(
            name="png-labelled-png",
            kind=a,
            status=skipped,
            reason=Reason.BAD_CONTENT_TYPE,
            what="an image with its own Content-Type",
            serve=answer(200, _PNG, "image/png"),
        ),
        HostileInput(
            name="png-labelled-html",
            kind=a,
            status=skipped,
            reason=Reason.BAD_CONTENT_TYPE,
            what="an image labelled text/html",
            serve=answer(200, _PNG),
        ),
        HostileInput(
            name="pdf",
            kind=a,
            status=skipped,
            reason=Reason.BAD_CONTENT_TYPE,
            what="a PDF document",
            serve=answer(200, b"%PDF-1.7\n" + bytes(range(256)) * 8, "application/pdf"),
        ),
        HostileInput(
            name="binary-unlabelled",
            kind=a,
            status=skipped,
            reason=Reason.BAD_CONTENT_TYPE,
            what="binary data without a Content-Type",
            serve=answer(200, _PNG, None),
        ),
        HostileInput(
            name="gzip-bomb",
            kind=a,
            status=failed,
            reason=Reason.TOO_LARGE,
            what="64 KiB of gzip inflating to 64 MiB",
            serve=_gzip_bomb,
        ),
        HostileInput(
            name="not-gzip",
            kind=a,
            status=failed,
            reason=Reason.NETWORK_ERROR,
            what="Content-Encoding: gzip on a plain body",
            serve=_not_gzip,
        ),
        HostileInput(
            name="truncated-body",
            kind=a,
            status=failed,
            reason=Reason.NETWORK_ERROR,
            what="Content-Length 100000, 100 bytes sent, connection closed",
            serve=_raw(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
                + b"<p>" * 33
            ),
        ),
        HostileInput(
            name="garbage-status-line",
            kind=a,
            status=failed,
            reason=Reason.NETWORK_ERROR,
            what="a status line that is not HTTP",
            serve=_raw(b"HELLO THERE\r\n\r\n"),
        ),
        HostileInput(
            name="huge-header",
            kind=a,
            status=failed,
            reason=Reason.NETWORK_ERROR,
            what="one 256 KiB response header",
            serve=_raw(
                b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 2**18 + b"\r\nContent-Length: 0\r\n\r\n"
            ),
        ),
        HostileInput(
            name="drip-feed",
            kind=a,
            status=failed,
            reason=Reason.TIMEOUT,
            what="a body dripped a few bytes every 0.3 s, past the whole-request limit",
            serve=_drip,
        ),
        HostileInput(
            name="redirect-loop",
            kind=a,
            status=failed,
            reason=Reason.TOO_MANY_REDIRECTS,
            what="a redirect to itself",
            serve=_redirect("/p/redirect-loop"),
        ),
        HostileInput(
            name="redirect-to-metadata",
            kind=a,
            status=failed,
            reason=Reason.BLOCKED_ADDRESS,
            what="a redirect to the cloud metadata address",
            serve=_redirect("http://169.254.169.254/latest/meta-data/"),
        ),
        HostileInput(
            name="redirect-to-file",
            kind=a,
            status=failed,
            reason=Reason.BLOCKED_ADDRESS,
            what="a redirect to file:///etc/passwd (a scheme the guard refuses)",
            serve=_redirect("file:///etc/passwd"),
        ),
        HostileInput(
            name="server-error",
            kind=a,
            status=failed,
            reason=Reason.HTTP_5XX,
            what="500 Internal Server Error",
            serve=answer(500, "oops"),
        ),
        HostileInput(
            name="not-found",
            kind=a,
            status=failed,
            reason=Reason.HTTP_4XX,
            what="404 Not Found",
            serve=answer(404, "gone"),
        ),
        HostileInput(
            name="canonical-hijack",
            kind=a,
            status=ok,
            reason=new,
            title="Harbour wall repairs approved",
            what="canonical link and og:url naming another outlet's story",
            serve=answer(200, _CANONICAL_HIJACK),
        ),
        HostileInput(
            name="redirect-to-other-outlet",
            kind=a,
            status=Status.SKIPPED,
            reason=Reason.DUPLICATE_URL,
            what="a redirect onto a story the other outlet lists",
            serve=_redirect(OTHER_OUTLET_STORIES[1]),
        ),
        HostileInput(
            name="far-future-date",
            kind=a,
            status=ok,
            reason=new,
            title="Dated in the far future",
            what="publication dates in the year 9999 and 99999",
            serve=answer(200, _FUTURE_DATE),
        ),
        HostileInput(
            name="sql-in-title",
            kind=a,
            status=ok,
            reason=new,
            title=SQL_TITLE,
            what="quotes, SQL, $1 and {keys} in the title",
            serve=answer(200, article(SQL_TITLE.replace('"', "&quot;"))),
        ),
        HostileInput(
            name="link-farm",
            kind=a,
            status=ok,
            reason=new,
            what="5,000 links and no prose (stored: trafilatura takes the link texts for text)",
            serve=answer(200, _LINK_FARM),
        ),
        HostileInput(
            name="meta-refresh",
            kind=a,
            status=skipped,
            reason=Reason.EMPTY,
            what="a meta refresh and nothing else",
            serve=answer(
                200, "<html><head><meta http-equiv='refresh' content='0;url=/x'></head></html>"
            ),
        ),
        HostileInput(
            name="feed-as-page",
            kind=a,
            status=skipped,
            reason=Reason.NO_CONTENT,
            what="an RSS feed served as text/html",
            serve=answer(200, _rss_items([f"{BASE}/flood/x/{n}" for n in range(20)])),
        ),
    ]


def _feeds() -> list[HostileInput]:
    f, parsed, malformed = UrlKind.FEED, Reason.FEED_PARSED, Reason.FEED_MALFORMED
    ok, failed = Status.EXTRACTED, Status.FAILED
    rss = "application/rss+xml"
    return [
        HostileInput(
            name="billion-laughs",
            kind=f,
            status=failed,
            reason=malformed,
            what="RSS with nested entities expanding to 10^9 'lol's",
            serve=answer(200, _LAUGHS + _rss([f"{BASE}/flood/laughs/&lol9;"]), rss),
        ),
        HostileInput(
            name="external-entity",
            kind=f,
            status=ok,
            reason=parsed,
            what="RSS with an external entity naming file:///etc/passwd",
            serve=answer(200, _XXE + _rss([f"{BASE}/flood/xxe/&xxe;"]), rss),
        ),
        HostileInput(
            name="items-100000",
            kind=f,
            status=ok,
            reason=parsed,
            what="100,000 items: the first 1,000 are read",
            flood=True,
            serve=_lazy(lambda: _bare_rss(_flood("feed", 100_000)), rss),
        ),
        HostileInput(
            name="truncated",
            kind=f,
            status=failed,
            reason=malformed,
            what="RSS cut off mid-item (the items before the cut are kept)",
            serve=answer(200, _rss_items(_flood("cut", 3))[:-40], rss),
        ),
        HostileInput(
            name="html-page",
            kind=f,
            status=failed,
            reason=malformed,
            what="an HTML page where the feed should be",
            serve=answer(200, article("Not a feed"), "text/xml"),
        ),
        HostileInput(
            name="empty",
            kind=f,
            status=failed,
            reason=malformed,
            what="200 with an empty body",
            serve=answer(200, b"", rss),
        ),
        HostileInput(
            name="deeply-nested",
            kind=f,
            status=ok,
            reason=parsed,
            what="10,000 nested unknown elements in the channel",
            serve=answer(
                200, f"{_DECLARATION}{_RSS}{'<x>' * 10_000}{'</x>' * 10_000}</channel></rss>", rss
            ),
        ),
        HostileInput(
            name="hostile-links",
            kind=f,
            status=ok,
            reason=parsed,
            what="javascript:, data:, file: and cloud-metadata links as items",
            serve=answer(
                200,
                _rss_items(
                    [
                        "javascript:alert(1)",
                        "data:text/html,x",
                        "file:///etc/passwd",
                        "http://169.254.169.254/latest/meta-data/",
                    ]
                ),
                rss,
            ),
        ),
        HostileInput(
            name="other-outlets-stories",
            kind=f,
            status=ok,
            reason=parsed,
            what="items naming the other outlet's stories",
            serve=answer(200, _rss_items(list(OTHER_OUTLET_STORIES)), rss),
        ),
        HostileInput(
            name="binary",
            kind=f,
            status=Status.SKIPPED,
            reason=Reason.BAD_CONTENT_TYPE,
            what="an image labelled application/rss+xml",
            serve=answer(200, _PNG, rss),
        ),
    ]


def _sitemaps() -> list[HostileInput]:
    s, parsed, malformed = UrlKind.SITEMAP, Reason.SITEMAP_PARSED, Reason.SITEMAP_MALFORMED
    ok, failed = Status.EXTRACTED, Status.FAILED
    xml = "application/xml"
    return [
        HostileInput(
            name="billion-laughs",
            kind=s,
            status=failed,
            reason=malformed,
            what="a urlset with nested entities expanding to 10^9 'lol's",
            serve=answer(200, _LAUGHS + _urlset([f"{BASE}/flood/laughs/&lol9;"]).decode(), xml),
        ),
        HostileInput(
            name="external-entity",
            kind=s,
            status=ok,
            reason=parsed,
            what="a urlset with an external entity naming file:///etc/passwd",
            serve=answer(200, _XXE + _urlset([f"{BASE}/flood/xxe/&xxe;"]).decode(), xml),
        ),
        HostileInput(
            name="index-loop-a",
            kind=s,
            status=ok,
            reason=parsed,
            what="a sitemap index naming index-loop-b, which names it back",
            serve=answer(
                200,
                f"{_INDEX}<sitemap><loc>{BASE}/s/index-loop-b</loc></sitemap></sitemapindex>",
                xml,
            ),
        ),
        HostileInput(
            name="index-loop-b",
            kind=s,
            status=ok,
            reason=parsed,
            what="the other half of the loop",
            serve=answer(
                200,
                f"{_INDEX}<sitemap><loc>{BASE}/s/index-loop-a</loc></sitemap></sitemapindex>",
                xml,
            ),
        ),
        HostileInput(
            name="index-of-itself",
            kind=s,
            status=ok,
            reason=parsed,
            what="a sitemap index naming itself",
            serve=answer(
                200,
                f"{_INDEX}<sitemap><loc>{BASE}/s/index-of-itself</loc></sitemap></sitemapindex>",
                xml,
            ),
        ),
        HostileInput(
            name="urls-60000",
            kind=s,
            status=ok,
            reason=parsed,
            what="60,000 URLs: the protocol's first 50,000 are read",
            flood=True,
            serve=_lazy(lambda: _urlset(_flood("sitemap", 60_000)), xml),
        ),
        HostileInput(
            name="deeply-nested",
            kind=s,
            status=failed,
            reason=malformed,
            what="100,000 nested elements (past the XML parser's depth limit)",
            serve=answer(200, f"{_URLSET}{'<x>' * 100_000}{'</x>' * 100_000}</urlset>", xml),
        ),
        HostileInput(
            name="html-page",
            kind=s,
            status=failed,
            reason=malformed,
            what="an HTML page where the sitemap should be",
            serve=answer(200, "<html><body><p>hi</p></body></html>", "text/xml"),
        ),
        HostileInput(
            name="empty",
            kind=s,
            status=failed,
            reason=malformed,
            what="200 with an empty body",
            serve=answer(200, b"", xml),
        ),
        HostileInput(
            name="gzipped",
            kind=s,
            status=Status.SKIPPED,
            reason=Reason.BAD_CONTENT_TYPE,
            what="a gzipped sitemap served as application/x-gzip (not read)",
            serve=answer(200, gzip.compress(_urlset(_flood("gz", 3))), "application/x-gzip"),
        ),
        HostileInput(
            name="over-the-limit",
            kind=s,
            status=failed,
            reason=Reason.TOO_LARGE,
            what="a 9 MiB sitemap, past max_body_bytes",
            serve=_lazy(
                lambda: _urlset([f"{BASE}/flood/big/{'x' * 100}/{n}" for n in range(70_000)]), xml
            ),
        ),
        HostileInput(
            name="hostile-locs",
            kind=s,
            status=ok,
            reason=parsed,
            what="javascript:, relative and over-long locs",
            serve=answer(
                200,
                _urlset(
                    ["javascript:alert(1)", "../../etc/passwd", f"{BASE}/flood/long/{'y' * 70_000}"]
                ),
                xml,
            ),
        ),
    ]


CATALOGUE: tuple[HostileInput, ...] = (*_pages(), *_feeds(), *_sitemaps())


def markdown_table() -> str:
    """Return the catalogue as a Markdown table: what each input is and its outcome."""
    lines = [
        "| # | kind | input | what it is | status | reason |",
        "| ---: | --- | --- | --- | --- | --- |",
    ]
    for number, entry in enumerate(CATALOGUE, start=1):
        what = entry.what.replace("|", "\\|")
        lines.append(
            f"| {number} | {entry.kind.value} | `{entry.path}` | {what} | "
            f"{entry.status.value} | `{entry.reason.value}` |"
        )
    return "\n".join(lines) + "\n"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: ClassVar[dict[str, Serve]] = {}

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            answer(200, ROBOTS_TXT, "text/plain")(self)
            return
        route = self.routes.get(self.path.split("?")[0])
        (route or answer(404, "not here", "text/plain"))(self)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@contextmanager
def serve_catalogue() -> Iterator[str]:
    """Serve the catalogue on a free loopback port; yield "127.0.0.1:PORT"."""
    _STOP.clear()
    # Compressed before serving: inside the request, compressing 64 MiB counted against the
    # fetcher's 2-s total timeout, which a busy machine then ran out ("timeout", not
    # "too_large").
    _bomb()
    _Handler.routes = {entry.path: entry.serve for entry in CATALOGUE}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        _STOP.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


if __name__ == "__main__":
    print(markdown_table(), end="")
