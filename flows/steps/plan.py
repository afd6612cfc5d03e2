"""Planning: which discovered URLs to fetch this run, in host-grouped batches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from flows.steps.discover import SourceListing
from transforms.records import DiscoveredUrl, DiscoveryVia, Reason, Status, UrlKind, UrlOutcome
from transforms.urls import host_of
from warehouse.queries import FailedUrl, KnownArticle


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

    A URL listed by two sources is fetched once, for the first source that listed it;
    known articles outside the revisit window are skipped; URLs that failed transiently on
    earlier runs are tried again until they have failed ``max_url_attempts`` runs.
    ``politeness`` gives each source's (delay, concurrency).
    """
    revisit_after = now - timedelta(hours=revisit_hours)
    claimed: set[str] = set()
    to_fetch: list[DiscoveredUrl] = []
    outcomes: list[UrlOutcome] = []
    listed = [item for listing in listings for item in listing.urls]
    listed_urls = {item.url for item in listed}
    retries = [_retry_item(f) for url, f in failed.items() if url not in listed_urls]
    for item in [*listed, *retries]:
        if item.url in claimed:
            outcomes.append(_skip(item, Reason.DUPLICATE_URL, "listed by an earlier source"))
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
