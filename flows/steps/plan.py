"""Planning: which discovered URLs to fetch this run, in host-grouped batches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flows.steps.discover import SourceListing
from transforms.records import DiscoveredUrl, DiscoveryVia, Reason, Status, UrlKind, UrlOutcome
from transforms.urls import host_of
from warehouse.queries import FailedUrl, KnownArticle

PENDING_DETAIL = "planned, but its run's task did not finish; the next run fetches it"


@dataclass(frozen=True, kw_only=True)
class HostBatch:
    """URLs to fetch in one task: every URL of each of its hosts, so that one task alone
    paces a host, and robots.txt is read once per host per run."""

    items: tuple[DiscoveredUrl, ...]
    host_policies: tuple[tuple[str, float, int], ...]
    """(host, seconds between request starts, requests at once) for each host."""


@dataclass(frozen=True, kw_only=True)
class FetchPlan:
    """Which URLs to fetch, in batches, and the outcomes of those deliberately left out."""

    batches: tuple[HostBatch, ...]
    outcomes: tuple[UrlOutcome, ...]

    def pending(self) -> tuple[UrlOutcome, ...]:
        """Return a ``queued`` row for every URL to fetch, to commit with the run's
        listings. The URL's own row (fetched, failed, ...) replaces it when the run loads
        (`warehouse.load` keeps one row per URL, a queued one last); a URL whose fetch or
        extraction task failed (a full disk, a dead worker) keeps it, and the next run
        fetches it, although its listing may then answer 304 and name it no more."""
        return tuple(
            UrlOutcome(
                url=item.url,
                source=item.source,
                kind=UrlKind.ARTICLE,
                status=Status.SKIPPED,
                reason=Reason.QUEUED,
                detail=PENDING_DETAIL,
                via=item.via,
                listed_in=item.listed_in,
            )
            for batch in self.batches
            for item in batch.items
        )


def plan_fetches(
    listings: list[SourceListing],
    known: Mapping[str, KnownArticle],
    failed: Mapping[str, FailedUrl],
    *,
    politeness: Mapping[str, tuple[float, int]],
    now: datetime,
    revisit_hours: float,
    max_url_attempts: int,
    batch_size: int,
) -> FetchPlan:
    """Return host-grouped fetch batches and the outcomes of URLs left out.

    A URL listed by two sources is fetched once, for the first source that listed it on its
    own site (a listing on the URL's host, or the configured URL list), else for the first
    source that listed it at all: a feed on one host cannot take another outlet's stories
    by naming them first. Known articles outside the revisit window are skipped; URLs that
    failed transiently on earlier runs are tried again until they have failed
    ``max_url_attempts`` runs.
    ``politeness`` gives each source's (delay, concurrency).
    """
    revisit_after = now - timedelta(hours=revisit_hours)
    claimed: set[str] = set()
    to_fetch: list[DiscoveredUrl] = []
    outcomes: list[UrlOutcome] = []
    # Stable: claims on the URL's own site first, each kind in listing order.
    listed = sorted(
        (item for listing in listings for item in listing.urls), key=lambda i: not _own_site(i)
    )
    listed_urls = {item.url for item in listed}
    retries = [_retry_item(f) for url, f in failed.items() if url not in listed_urls]
    for item in [*listed, *retries]:
        if item.url in claimed:
            outcomes.append(_skip(item, Reason.DUPLICATE_URL, "listed by another source too"))
            continue
        claimed.add(item.url)
        stored = known.get(item.url)
        if stored is not None and stored.first_seen_at < revisit_after:
            outcomes.append(
                _skip(item, Reason.ALREADY_INGESTED, None, article_id=stored.article_id)
            )
            continue
        failure = failed.get(item.url)
        if failure is not None and failure.failed_runs >= max_url_attempts:
            outcomes.append(
                _skip(item, Reason.GAVE_UP, f"failed on {failure.failed_runs} runs; not retried")
            )
            continue
        to_fetch.append(item)
    return FetchPlan(
        batches=_host_batches(to_fetch, politeness, batch_size), outcomes=tuple(outcomes)
    )


def _own_site(item: DiscoveredUrl) -> bool:
    # listed_in is the listing's URL, or a word ("config", "queue", "retry") for URLs
    # the operator or an earlier run of the source gave: those count as its own.
    if "://" not in item.listed_in:
        return True
    return _site(item.listed_in) == _site(item.url)


def _site(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _retry_item(failure: FailedUrl) -> DiscoveredUrl:
    via = DiscoveryVia(failure.discovered_via) if failure.discovered_via else DiscoveryVia.URL_LIST
    return DiscoveredUrl(
        url=failure.url, source=failure.source, via=via, listed_in=failure.listed_in or "retry"
    )


def _host_batches(
    items: list[DiscoveredUrl], politeness: Mapping[str, tuple[float, int]], batch_size: int
) -> tuple[HostBatch, ...]:
    by_host: dict[str, list[DiscoveredUrl]] = {}
    for item in items:
        by_host.setdefault(host_of(item.url), []).append(item)
    batches: list[HostBatch] = []
    current: list[DiscoveredUrl] = []
    policies: list[tuple[str, float, int]] = []
    # Largest hosts first, so that the slowest queues start earliest.
    for host, host_items in sorted(by_host.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if current and len(current) + len(host_items) > batch_size:
            batches.append(HostBatch(items=tuple(current), host_policies=tuple(policies)))
            current, policies = [], []
        current.extend(host_items)
        policies.append((host, *_strictest(host_items, politeness)))
    if current:
        batches.append(HostBatch(items=tuple(current), host_policies=tuple(policies)))
    return tuple(batches)


def _strictest(
    items: list[DiscoveredUrl], politeness: Mapping[str, tuple[float, int]]
) -> tuple[float, int]:
    # Two sources may share a host: it gets the gentlest treatment either asks for.
    rules = [politeness[item.source] for item in items if item.source in politeness]
    if not rules:
        return 1.0, 1
    return max(delay for delay, _ in rules), min(concurrency for _, concurrency in rules)


def _skip(
    item: DiscoveredUrl, reason: Reason, detail: str | None, *, article_id: str | None = None
) -> UrlOutcome:
    return UrlOutcome(
        url=item.url,
        source=item.source,
        kind=UrlKind.ARTICLE,
        status=Status.SKIPPED,
        reason=reason,
        detail=detail,
        article_id=article_id,
        via=item.via,
        listed_in=item.listed_in,
    )
