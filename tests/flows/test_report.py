"""Run reports: per-source counts from outcomes, the markdown table, and how a run ends."""

from __future__ import annotations

from flows.report import DISCOVERY_COLUMNS, INGEST_COLUMNS, RunReport
from transforms.records import Reason, Status, UrlKind, UrlOutcome


def _outcome(
    url: str,
    reason: Reason,
    status: Status,
    *,
    source: str = "ledger",
    kind: UrlKind = UrlKind.ARTICLE,
) -> UrlOutcome:
    return UrlOutcome(url=url, source=source, kind=kind, status=status, reason=reason)


def _ingest_report() -> RunReport:
    report = RunReport(
        title="nightly 2026-11-25 demo", sources=["ledger", "courier"], columns=INGEST_COLUMNS
    )
    report.source("ledger").discovered = 6
    report.source("ledger").fetched = 4
    report.count_outcomes(
        [
            _outcome(
                "https://l.test/feed", Reason.FEED_PARSED, Status.EXTRACTED, kind=UrlKind.FEED
            ),
            _outcome("https://l.test/1", Reason.NEW, Status.EXTRACTED),
            _outcome("https://l.test/2", Reason.UPDATED, Status.EXTRACTED),
            _outcome("https://l.test/3", Reason.DUPLICATE_URL, Status.SKIPPED),
            _outcome("https://l.test/4", Reason.NOT_ARTICLE, Status.SKIPPED),
            _outcome("https://l.test/5", Reason.HTTP_4XX, Status.FAILED),
            _outcome("https://l.test/6", Reason.TIMEOUT, Status.FAILED),
            _outcome("https://c.test/feed", Reason.HTTP_5XX, Status.FAILED, source="courier"),
        ]
    )
    return report


def test_the_table_counts_each_source_and_all_of_them() -> None:
    markdown = _ingest_report().markdown()
    assert markdown.startswith("# nightly 2026-11-25 demo\n")
    assert (
        "| source | discovered | fetched | new | updated | unchanged | duplicates | not articles "
        "| failures by reason |"
    ) in markdown
    assert "| ledger | 6 | 4 | 1 | 1 | 0 | 1 | 1 | http_4xx 1, timeout 1 |" in markdown
    assert "| courier | 0 | 0 | 0 | 0 | 0 | 0 | 0 | http_5xx 1 |" in markdown
    assert "| **all sources** | 6 | 4 | 1 | 1 | 0 | 1 | 1 |  |" in markdown
    assert "## Problems" not in markdown


def test_a_run_with_problems_completes_and_lists_them() -> None:
    report = _ingest_report()
    report.source_error(["courier"], "discovery: OSError: disk hiccup")
    report.source("ledger").notes.append("https://l.test/feed: overflowing")
    verdict = report.verdict(load_error=None)
    assert not verdict.failed
    assert verdict.message == (
        "2 problems: courier: discovery: OSError: disk hiccup (and 1 more, see the run report)"
    )
    markdown = report.markdown()
    assert "## Problems\n\n- courier: discovery: OSError: disk hiccup\n" in markdown
    assert "- ledger: https://l.test/feed: overflowing\n" in markdown


def test_a_run_fails_when_its_load_did_not_commit() -> None:
    verdict = _ingest_report().verdict(load_error="publish failed: PublishBlockedError: held")
    assert verdict.failed
    assert verdict.message == "the load did not commit: publish failed: PublishBlockedError: held"


def test_a_run_fails_when_more_than_half_of_its_sources_errored() -> None:
    report = RunReport(title="t", sources=["a", "b", "c", "d"], columns=INGEST_COLUMNS)
    report.source_error(["a", "b"], "fetching 3 URLs: OSError: boom")
    assert not report.verdict(load_error=None).failed  # half is not more than half
    report.source_error(["c"], "discovery: OSError: boom")
    verdict = report.verdict(load_error=None)
    assert verdict.failed
    assert verdict.message == "3 of 4 sources errored: a, b, c"


def test_a_clean_run_completes_without_a_message() -> None:
    verdict = _ingest_report().verdict(load_error=None)
    assert not verdict.failed
    assert verdict.message is None


def test_cells_cannot_break_the_table() -> None:
    report = RunReport(title="t", sources=["a|b"], columns=INGEST_COLUMNS)
    assert "| a\\|b | 0 |" in report.markdown()


def test_the_discovery_table_counts_listings_and_queued_urls() -> None:
    report = RunReport(title="discovery", sources=["ledger"], columns=DISCOVERY_COLUMNS)
    report.source("ledger").discovered = 25
    report.count_outcomes(
        [
            _outcome(
                "https://l.test/feed", Reason.FEED_PARSED, Status.EXTRACTED, kind=UrlKind.FEED
            ),
            _outcome(
                "https://l.test/map", Reason.NOT_MODIFIED, Status.SKIPPED, kind=UrlKind.SITEMAP
            ),
            _outcome("https://l.test/9", Reason.QUEUED, Status.SKIPPED),
            _outcome("https://l.test/8", Reason.QUEUED, Status.SKIPPED),
        ]
    )
    assert "| ledger | 1 | 1 | 25 | 2 | - |" in report.markdown()
