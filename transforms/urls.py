"""URL normalisation and stable identifiers derived from URLs."""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import courlan

# Tracking parameters courlan's list misses (it already drops utm_*, fbclid, gclid, mc_*,
# ref, source, campaign, ...): newsletter, social and analytics tags seen on news links.
_EXTRA_TRACKERS = frozenset(
    {
        "ocid",
        "cmpid",
        "cmp",
        "smid",
        "ito",
        "icid",
        "intcmp",
        "int_cmp",
        "wt_mc",
        "wt_zmc",
        "ns_mchannel",
        "ns_linkname",
        "ns_fee",
        "_hsenc",
        "_hsmi",
        "mbid",
        "sr_share",
        "s_cid",
        "spm",
        "_ga",
        "_gl",
        "ncid",
        "soc_src",
        "soc_trk",
        "at_campaign",
        "at_medium",
        "xtor",
    }
)
_AMP_PATH = re.compile(r"(?:^|/)amp(?:/|$)|\.amp(?:\.html?)?$|/amp\.html?$", re.IGNORECASE)
_AMP_QUERY = frozenset({"amp", "outputtype", "output"})
_SITE_PREFIXES = ("www.", "m.", "amp.", "mobile.")
_AMP_CACHE_SUFFIX = ".cdn.ampproject.org"
_PAGINATION = re.compile(r"(?:(?:page|seite|slide|p)[/-]?)?\d{1,3}", re.IGNORECASE)
_HOME_PATHS = frozenset({"/", "/index.html", "/index.htm", "/index.php", "/home"})


class InvalidUrlError(ValueError):
    """Raised when a string is not an absolute http(s) URL."""


def normalise_url(url: str) -> str:
    """Return the canonical spelling of an http(s) URL, used as the key for dedup and ids.

    Lower-cases scheme and host, drops default ports, fragments and tracking parameters
    (courlan's list: utm_*, fbclid, ref, ...; and ours: ocid, cmpid, smid, _hsenc, ...),
    sorts the query and resolves dot segments.
    """
    stripped = url.strip()
    try:
        parts = urlsplit(stripped)
        # .port raises for a port that is not a number in 0-65535; so does urlsplit for a
        # broken IPv6 literal. Both must surface as InvalidUrlError, which callers catch.
        _ = parts.port
    except ValueError as error:
        raise InvalidUrlError(f"not an absolute http(s) URL: {url!r}: {error}") from error
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidUrlError(f"not an absolute http(s) URL: {url!r}")
    try:
        cleaned = courlan.normalize_url(stripped)
    except ValueError as error:
        raise InvalidUrlError(f"cannot normalise URL {url!r}: {error}") from error
    parts = urlsplit(cleaned)
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracks(k)]
    )
    path = parts.path or "/"
    resolved = posixpath.normpath(path)
    if path.endswith("/") and not resolved.endswith("/"):
        resolved += "/"
    if resolved.startswith("//"):
        resolved = "/" + resolved.lstrip("/")
    normalised = urlunsplit((parts.scheme, parts.netloc, resolved, query, ""))
    # Paths and queries come out percent-encoded; a host may still carry what no host
    # name has, and a key must be safe in a WARC header and a terminal.
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in normalised):
        raise InvalidUrlError(f"spaces or control characters in the host of {url!r}")
    return normalised


def article_id_for(url: str) -> str:
    """Return the stable 16-hex-digit id of the article found at a normalised URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def host_of(url: str) -> str:
    """Return the host:port a URL points at, the unit of politeness and robots rules."""
    return urlsplit(url).netloc.lower()


def is_amp_url(url: str) -> bool:
    """Return whether a URL is an AMP copy: /amp/ in the path, ?amp=1, an amp. host, or
    the Google AMP cache."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("amp.") or host.endswith(_AMP_CACHE_SUFFIX):
        return True
    if _AMP_PATH.search(parts.path):
        return True
    return any(
        key.lower() in _AMP_QUERY and (key.lower() == "amp" or value.lower() == "amp")
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
    )


def choose_canonical_url(page_url: str | None, declared: Iterable[str | None]) -> str | None:
    """Return the article's canonical URL from the page's declared ones (rel=canonical,
    then og:url), normalised, or None.

    Refused: a home page or a parent folder of the page (sites point every story at the
    section front by mistake), another site (a syndication partner is not this article),
    and an AMP copy. An AMP page whose canonical is its article on the same site gets that
    article, so both copies share one key.
    """
    page = _http_url(page_url)
    for raw in declared:
        # Whitespace inside is prose or a template gone wrong, not a link.
        if not raw or not raw.strip() or any(c.isspace() for c in raw.strip()):
            continue
        try:
            url = normalise_url(urljoin(page or "", raw.strip()))
        except InvalidUrlError:
            continue
        parts = urlsplit(url)
        if parts.path.lower() in _HOME_PATHS and not parts.query:
            continue
        if is_amp_url(url):
            continue
        if page is not None:
            if not same_site(page, url):
                continue
            if not is_amp_url(page) and _is_parent(url, page):
                continue
        return url
    return None


def same_site(first: str, second: str) -> bool:
    """Return whether two URLs belong to one site: the same registrable domain
    (edition.cnn.com and www.cnn.com), or for hosts outside the public suffix list the
    same host once "www.", "m." and "amp." are set aside. An AMP-cache copy belongs to
    every site."""
    one, two = _site_of(first), _site_of(second)
    if not one or not two:
        return False
    if one.endswith(_AMP_CACHE_SUFFIX) or two.endswith(_AMP_CACHE_SUFFIX):
        return True
    return one == two


def _site_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host.endswith(_AMP_CACHE_SUFFIX):
        return host
    domain = courlan.extract_domain(url)
    if domain:
        return str(domain).lower()
    for prefix in _SITE_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    return host


def _is_parent(candidate: str, page: str) -> bool:
    # /news/ for /news/38853-story is the section front, not the story; /story/ for
    # /story/2 is the story's first page, and right.
    candidate_parts, page_parts = urlsplit(candidate), urlsplit(page)
    if candidate_parts.query:
        return False
    folder = candidate_parts.path.rstrip("/") + "/"
    if not page_parts.path.startswith(folder):
        return False
    rest = page_parts.path[len(folder) :].strip("/")
    return bool(rest) and not _PAGINATION.fullmatch(rest)


def _http_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return normalise_url(url)
    except InvalidUrlError:
        return None


def _tracks(key: str) -> bool:
    lowered = key.lower()
    return lowered in _EXTRA_TRACKERS or lowered.startswith(("utm_", "utm-"))
