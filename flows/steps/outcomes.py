"""Outcome rows for fetches that gave no page."""

from __future__ import annotations

from transforms.fetch import FetchResponse
from transforms.records import DiscoveredUrl, Reason, Status, UrlKind, UrlOutcome


def failed_fetch_outcome(
    response: FetchResponse, *, source: str, kind: UrlKind, discovered: DiscoveredUrl | None = None
) -> UrlOutcome:
    """Return the outcome of a fetch that ended without a usable page."""
    reason = response.error or Reason.HTTP_4XX
    # Not failures: the URL may not be fetched, or is no page (by its Content-Type or its
    # binary body), the same outcome extraction gives a non-HTML body.
    skipped = reason in (Reason.ROBOTS_DISALLOWED, Reason.BAD_CONTENT_TYPE)
    status = Status.SKIPPED if skipped else Status.FAILED
    return UrlOutcome(
        url=response.requested_url,
        source=source,
        kind=kind,
        status=status,
        reason=reason,
        http_status=response.status,
        final_url=response.final_url,
        redirect_chain=response.redirect_chain,
        detail=response.detail or (f"HTTP {response.status}" if response.status else None),
        via=discovered.via if discovered else None,
        listed_in=discovered.listed_in if discovered else None,
        fetched_at=response.fetched_at,
    )
