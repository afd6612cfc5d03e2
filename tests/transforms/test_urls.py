"""URL normalisation, article ids, hosts, AMP copies and canonical URLs."""

from __future__ import annotations

import string
import unicodedata
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.urls import (
    InvalidUrlError,
    article_id_for,
    choose_canonical_url,
    host_of,
    is_amp_url,
    normalise_url,
    same_site,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "https://gazette.example/news/harbour-wall?utm_source=rss&utm_medium=feed",
            "https://gazette.example/news/harbour-wall",
        ),
        ("https://gazette.example/news?fbclid=IwAR0abc&gclid=xyz", "https://gazette.example/news"),
        (
            "https://gazette.example/news?id=7&utm_campaign=spring",
            "https://gazette.example/news?id=7",
        ),
        (
            "https://gazette.example/news/harbour-wall#comments",
            "https://gazette.example/news/harbour-wall",
        ),
        ("https://Gazette.EXAMPLE/News", "https://gazette.example/News"),
        ("HTTPS://gazette.example/", "https://gazette.example/"),
        ("http://gazette.example:80/a", "http://gazette.example/a"),
        ("https://gazette.example:443/a", "https://gazette.example/a"),
        ("https://gazette.example:8443/a", "https://gazette.example:8443/a"),
        ("https://gazette.example/a/./b/../c", "https://gazette.example/a/c"),
        ("https://gazette.example/a/b/../../../c", "https://gazette.example/c"),
        ("https://gazette.example/section/", "https://gazette.example/section/"),
        ("https://gazette.example", "https://gazette.example/"),
        ("https://gazette.example/a?b=2&a=1", "https://gazette.example/a?a=1&b=2"),
        ("  https://gazette.example/padded  ", "https://gazette.example/padded"),
    ],
)
def test_normalise_url(raw: str, expected: str) -> None:
    assert normalise_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "not a url",
        "/news/relative-path",
        "gazette.example/news",
        "ftp://gazette.example/file.txt",
        "file:///etc/passwd",
        "mailto:desk@gazette.example",
        "javascript:alert(1)",
        "http://",
        "http://[::1/broken-ipv6",
        "http://gazette.example:port/",
        "http://gazette.example:99999/",
    ],
)
def test_invalid_or_non_http_urls_raise(raw: str) -> None:
    with pytest.raises(InvalidUrlError):
        normalise_url(raw)


def test_invalid_url_error_is_a_value_error() -> None:
    # Callers that guard with ValueError keep working.
    with pytest.raises(ValueError, match="not an absolute http"):
        normalise_url("ftp://gazette.example/")


def test_article_id_is_16_hex_digits_and_stable() -> None:
    url = "https://gazette.example/news/harbour-wall"

    article_id = article_id_for(url)

    assert len(article_id) == 16
    assert set(article_id) <= set(string.hexdigits.lower())
    assert article_id == article_id_for(url)
    assert article_id != article_id_for(url + "-2")


def test_spellings_of_one_url_share_an_article_id() -> None:
    spellings = [
        "https://gazette.example/news/harbour-wall",
        "HTTPS://Gazette.example:443/news/./harbour-wall?utm_source=x#top",
    ]

    assert {article_id_for(normalise_url(s)) for s in spellings} == {
        article_id_for("https://gazette.example/news/harbour-wall")
    }


def test_host_of_is_lower_case_host_and_port() -> None:
    assert host_of("http://Gazette.Example:8080/a") == "gazette.example:8080"
    assert host_of("https://gazette.example/a") == "gazette.example"


_LABEL = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)
_HOST = st.builds(
    lambda labels, tld: ".".join([*labels, tld]),
    st.lists(_LABEL, min_size=1, max_size=3),
    st.sampled_from(["com", "org", "example", "co.uk"]),
)
_SEGMENT = st.one_of(
    st.sampled_from([".", "..", "", "%7E", "%2F", "a b", "ü", "index.html"]),
    st.text(alphabet=string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@%", max_size=8),
)
_QUERY_KEY = st.one_of(
    st.sampled_from(["utm_source", "utm_medium", "fbclid", "gclid", "id", "page"]),
    st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=5),
)
_QUERY_VALUE = st.text(alphabet=string.ascii_letters + string.digits + "-._~%+ ", max_size=6)


@st.composite
def http_urls(draw: st.DrawFn) -> str:
    """Return http(s) URLs with odd casing, ports, dot segments, tracking and fragments."""
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    host = draw(_HOST.map(lambda h: h.upper() if len(h) % 2 else h))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    path = "/" + "/".join(draw(st.lists(_SEGMENT, max_size=5)))
    pairs = draw(st.lists(st.tuples(_QUERY_KEY, _QUERY_VALUE), max_size=4))
    query = "&".join(f"{key}={value}" for key, value in pairs)
    fragment = draw(st.sampled_from(["", "#top", "#a/b"]))
    return f"{scheme}://{host}{port}{path}" + (f"?{query}" if query else "") + fragment


@given(http_urls())
def test_normalise_url_is_idempotent(url: str) -> None:
    once = normalise_url(url)

    assert normalise_url(once) == once


@given(http_urls())
def test_normalised_urls_have_no_fragment_tracking_default_port_or_upper_case(url: str) -> None:
    parts = urlsplit(normalise_url(url))

    assert parts.fragment == ""
    assert "#" not in normalise_url(url)
    query_keys = {pair.split("=", 1)[0] for pair in parts.query.split("&") if pair}
    assert not query_keys & {"utm_source", "utm_medium", "fbclid", "gclid"}
    assert parts.scheme in ("http", "https")
    assert parts.netloc == parts.netloc.lower()
    assert not parts.netloc.endswith({"http": ":80", "https": ":443"}[parts.scheme])


@given(st.sampled_from(["http://", "https://"]), st.text(max_size=40))
def test_normalise_url_raises_only_invalid_url_error(prefix: str, rest: str) -> None:
    try:
        normalised = normalise_url(prefix + rest)
    except InvalidUrlError:
        return
    assert normalised.startswith(("http://", "https://"))
    assert normalise_url(normalised) == normalised


_TRACKER_KEY = st.one_of(
    st.builds(
        lambda prefix, rest: prefix + rest,
        st.sampled_from(["utm_", "UTM_", "mc_", "pk_", "mtm_"]),
        st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=6),
    ),
    st.sampled_from(
        [
            *("fbclid", "gclid", "msclkid", "igshid", "ocid", "cmpid", "CMP", "smid", "ito"),
            *("icid", "wt_mc", "ns_mchannel", "_hsenc", "_hsmi", "mbid", "spm", "xtor"),
            "at_medium",
        ]
    ),
)


@given(http_urls(), st.lists(st.tuples(_TRACKER_KEY, _QUERY_VALUE), min_size=1, max_size=4))
def test_tracking_parameters_never_survive(url: str, trackers: list[tuple[str, str]]) -> None:
    joined = "&".join(f"{key}={value}" for key, value in trackers)
    # Whitespace around a URL is not part of it (normalise_url strips it); appended
    # trackers would move a trailing space inside the query.
    url = url.strip()
    base, _, fragment = url.partition("#")
    tracked = base + ("&" if "?" in base else "?") + joined + (f"#{fragment}" if fragment else "")

    normalised = normalise_url(tracked)

    keys = {pair.split("=", 1)[0].lower() for pair in urlsplit(normalised).query.split("&")}
    assert not keys & {key.lower() for key, _ in trackers}
    assert normalised == normalise_url(url)


@given(http_urls(), st.randoms(use_true_random=False))
def test_host_case_does_not_matter(url: str, random: Any) -> None:
    parts = urlsplit(url)
    host = "".join(c.upper() if random.random() < 0.5 else c.lower() for c in parts.netloc)
    recased = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))

    assert normalise_url(recased) == normalise_url(url)


@given(http_urls())
def test_default_ports_are_the_same_url_as_none(url: str) -> None:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}[parts.scheme.lower()]
    bare = urlunsplit((parts.scheme, parts.hostname or "", parts.path, parts.query, ""))
    with_port = urlunsplit(
        (parts.scheme, f"{parts.hostname}:{default}", parts.path, parts.query, "")
    )

    assert normalise_url(with_port) == normalise_url(bare)
    assert f":{default}" not in urlsplit(normalise_url(with_port)).netloc


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://gazette.example/news/harbour-wall/amp/", True),
        ("https://gazette.example/amp/news/harbour-wall", True),
        ("https://gazette.example/news/harbour-wall.amp.html", True),
        ("https://gazette.example/news/harbour-wall?amp=1", True),
        ("https://gazette.example/news/harbour-wall?amp", True),
        ("https://gazette.example/news/harbour-wall?outputType=amp", True),
        ("https://amp.gazette.example/news/harbour-wall", True),
        ("https://gazette-example.cdn.ampproject.org/c/s/gazette.example/news/x", True),
        ("https://gazette.example/news/harbour-wall", False),
        ("https://gazette.example/news/amplifier-review", False),
        ("https://gazette.example/news/x?page=amp-notes", False),
    ],
)
def test_is_amp_url(url: str, expected: bool) -> None:
    assert is_amp_url(url) is expected


ARTICLE = "https://gazette.example/news/harbour-wall"


@pytest.mark.parametrize(
    ("page_url", "declared", "expected"),
    [
        # rel=canonical, normalised: tracking parameters and fragments go.
        (ARTICLE, [ARTICLE + "?utm_source=rss#top", None], ARTICLE),
        (ARTICLE, ["/news/harbour-wall", None], ARTICLE),
        (ARTICLE + "?ref=rss", ["HTTPS://Gazette.example:443/news/harbour-wall"], ARTICLE),
        # og:url when rel=canonical is missing or refused.
        (ARTICLE, [None, ARTICLE], ARTICLE),
        (ARTICLE, ["https://gazette.example/", ARTICLE], ARTICLE),
        # A home page, the section front above the story, or another site: refused.
        (ARTICLE, ["https://gazette.example/"], None),
        (ARTICLE, ["https://gazette.example/index.html"], None),
        (ARTICLE, ["https://gazette.example/news/"], None),
        (ARTICLE, ["https://syndication.example/news/harbour-wall"], None),
        (ARTICLE, ["not a url at all"], None),
        # A gallery's later pages point at its first page: that is right.
        (ARTICLE + "/2", [ARTICLE], ARTICLE),
        # Subdomains of one site are that site.
        (
            "https://edition.cnn.com/2025/03/04/x",
            ["https://www.cnn.com/2025/03/04/x"],
            "https://www.cnn.com/2025/03/04/x",
        ),
        # AMP copies fold into their article; an AMP canonical is refused.
        (ARTICLE + "/amp/", [ARTICLE], ARTICLE),
        (ARTICLE + "?amp=1", [ARTICLE], ARTICLE),
        ("https://amp.gazette.example/news/harbour-wall", [ARTICLE], ARTICLE),
        (
            "https://gazette-example.cdn.ampproject.org/c/s/gazette.example/news/harbour-wall",
            [ARTICLE],
            ARTICLE,
        ),
        (ARTICLE, [ARTICLE + "/amp/"], None),
        # Without a page URL to compare with, only the home-page rule applies.
        (None, [ARTICLE], ARTICLE),
        (None, ["https://gazette.example/"], None),
    ],
)
def test_choose_canonical_url(
    page_url: str | None, declared: list[str | None], expected: str | None
) -> None:
    assert choose_canonical_url(page_url, declared) == expected


def test_same_site() -> None:
    assert same_site("https://www.gazette.example/a", "https://gazette.example/b")
    assert same_site("https://amp.gazette.example/a", "https://m.gazette.example/b")
    assert same_site("https://edition.cnn.com/a", "https://www.cnn.com/b")
    assert same_site("https://news.bbc.co.uk/a", "https://www.bbc.co.uk/b")
    assert not same_site("https://gazette.example/a", "https://valley.example/a")
    assert not same_site("https://bbc.co.uk/a", "https://itv.co.uk/a")


@given(st.text(max_size=30), st.text(max_size=40))
def test_a_normalised_url_is_a_safe_key_whatever_the_host_and_path(host: str, rest: str) -> None:
    # Hosts and paths from hostile listings: any characters at all, controls included.
    try:
        normalised = normalise_url(f"http://{host}/{rest}")
    except InvalidUrlError:
        return

    assert not any(c.isspace() or unicodedata.category(c) == "Cc" for c in normalised)
    assert normalise_url(normalised) == normalised
    assert urlsplit(normalised).scheme == "http"


@pytest.mark.parametrize("host", ["ex\x10ample.test", "a b.test", "nul\0.test"])
def test_hosts_with_controls_or_spaces_are_invalid(host: str) -> None:
    # (Tabs and line breaks are dropped from URLs before parsing, as browsers do.)
    with pytest.raises(InvalidUrlError):
        normalise_url(f"http://{host}/story")
