"""URL normalisation, article ids and hosts."""

from __future__ import annotations

import string
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.urls import InvalidUrlError, article_id_for, host_of, normalise_url


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
