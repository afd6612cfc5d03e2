"""URL normalisation and stable identifiers derived from URLs."""

from __future__ import annotations

import hashlib
import posixpath
from urllib.parse import urlsplit, urlunsplit

import courlan


class InvalidUrlError(ValueError):
    """Raised when a string is not an absolute http(s) URL."""


def normalise_url(url: str) -> str:
    """Return the canonical spelling of an http(s) URL, used as the key for dedup and ids.

    Lower-cases scheme and host, drops default ports, fragments and tracking parameters
    (utm_*, fbclid, ...), sorts the query and resolves dot segments.
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
    path = parts.path or "/"
    resolved = posixpath.normpath(path)
    if path.endswith("/") and not resolved.endswith("/"):
        resolved += "/"
    if resolved.startswith("//"):
        resolved = "/" + resolved.lstrip("/")
    return urlunsplit((parts.scheme, parts.netloc, resolved, parts.query, ""))


def article_id_for(url: str) -> str:
    """Return the stable 16-hex-digit id of the article found at a normalised URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def host_of(url: str) -> str:
    """Return the host:port a URL points at, the unit of politeness and robots rules."""
    return urlsplit(url).netloc.lower()
