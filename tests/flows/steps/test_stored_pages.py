"""Pages that need no fetch: an external WARC file filtered by host and date and copied into
our captures, and stored captures turned back into fetched pages."""

from __future__ import annotations

import gzip
import io
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.steps.fetch import SourceCaptureWriters
from flows.steps.stored_pages import (
    fetched_from_store,
    import_warc_file,
    newest_per_url,
    site_host,
    source_hosts,
    with_capture_file,
)
from transforms.records import DiscoveryVia, Source
from warehouse.backfill import StoredPage
from warehouse.captures import CaptureRecord, read_capture

PAGE = b"<html><head><title>Quay reopens</title></head><body><p>The quay.</p></body></html>"
IN_RANGE = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
START, END = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
LEDGER = Source(name="ledger", feeds=("https://www.ledger.test/feed.xml",))
COURIER = Source(name="courier", home_url="https://courier.test/", urls=("https://courier.test/a",))


def _foreign_warc(path: Path) -> None:
    """Write a WARC file as another crawler would: a mix of hosts, dates and statuses,
    gzip-encoded bodies, request records and a repeated capture."""
    records = [
        ("https://www.ledger.test/news/quay", 200, IN_RANGE, True),
        ("https://www.ledger.test/news/quay", 200, datetime(2026, 1, 3, tzinfo=UTC), False),
        ("https://www.ledger.test/news/moved", 301, IN_RANGE, False),
        ("https://courier.test/news/ferry", 200, IN_RANGE, False),
        ("https://courier.test/news/known", 200, IN_RANGE, False),
        ("https://elsewhere.test/news/x", 200, IN_RANGE, False),
        (
            "https://www.ledger.test/news/old",
            200,
            datetime(2025, 12, 31, 23, 59, tzinfo=UTC),
            False,
        ),
    ]
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, status, when, encoded in records:
            body = gzip.compress(PAGE) if encoded else PAGE
            headers = [("Content-Type", "text/html; charset=utf-8")]
            if encoded:
                headers.append(("Content-Encoding", "gzip"))
            headers.append(("Content-Length", str(len(body))))
            warc_date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
            request = writer.create_warc_record(
                url,
                "request",
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
                warc_headers_dict={"WARC-Date": warc_date},
            )
            writer.write_record(request)
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=StatusAndHeaders(f"{status} X", headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": warc_date},
            )
            writer.write_record(response)


def _known(urls: list[str]) -> Mapping[str, datetime]:
    # The warehouse holds courier's "known" story in a version fetched after the crawl.
    held = {"https://courier.test/news/known": datetime(2026, 1, 20, tzinfo=UTC)}
    return {url: held[url] for url in urls if url in held}


def test_sources_are_matched_by_host_without_www_or_port() -> None:
    assert site_host("https://WWW.Ledger.test:8443/feed") == "ledger.test"
    assert source_hosts([LEDGER, COURIER]) == {"ledger.test": "ledger", "courier.test": "courier"}


def test_an_import_keeps_2xx_pages_of_the_sources_in_the_range(tmp_path: Path) -> None:
    warc = tmp_path / "CC-NEWS-20260110.warc.gz"
    _foreign_warc(warc)
    captures_dir = tmp_path / "captures"
    with SourceCaptureWriters(
        captures_dir, run_date=date(2026, 11, 25), prefix="run-import-00000", max_file_bytes=10**6
    ) as captures:
        imported = import_warc_file(
            warc,
            hosts=source_hosts([LEDGER, COURIER]),
            start=START,
            end=END,
            captures=captures,
            stored_versions=_known,
        )
    assert imported.matched == {"ledger": 3, "courier": 2}
    assert imported.not_ok == {"ledger": 1}  # the 301
    assert imported.already == (
        ("https://courier.test/news/known", "courier", datetime(2026, 1, 20, tzinfo=UTC)),
    )
    pages = newest_per_url(imported.pages)
    assert [(p.discovered.source, p.final_url, p.fetched_at) for p in pages] == [
        ("courier", "https://courier.test/news/ferry", IN_RANGE),
        ("ledger", "https://www.ledger.test/news/quay", IN_RANGE),
    ]
    quay = pages[1]
    assert quay.discovered.via is DiscoveryVia.URL_LIST
    assert quay.discovered.listed_in == "warc:CC-NEWS-20260110.warc.gz"
    assert quay.content_type == "text/html; charset=utf-8"
    # The copy in our captures holds the decoded page, under the retention layout.
    stored = read_capture(captures_dir, quay.capture.warc_file, quay.capture.offset)
    assert stored.body == PAGE
    assert quay.capture.warc_file.startswith("run_date=2026-11-25/ledger/run-import-00000-")
    assert len(imported.captures) == 3  # both copies of the quay story, and the ferry


def test_a_dry_run_counts_without_writing(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    _foreign_warc(warc)
    counted = import_warc_file(
        warc,
        hosts=source_hosts([LEDGER]),
        start=START,
        end=END,
        captures=None,
        stored_versions=_known,
    )
    assert counted.matched == {"ledger": 3}
    assert counted.pages == ()
    assert counted.captures == ()


def _stored(warc_file: str, fetched_at: datetime) -> StoredPage:
    return StoredPage(
        url="https://ledger.test/news/quay?utm=x",
        source="ledger",
        discovered_via="feed",
        listed_in="https://ledger.test/feed.xml",
        page_url="https://ledger.test/news/quay",
        redirect_chain=("https://ledger.test/news/quay?utm=x",),
        listed_published_at=datetime(2026, 1, 9, tzinfo=UTC),
        capture=CaptureRecord(
            capture_id="c1",
            url="https://ledger.test/news/quay?utm=x",
            final_url="https://ledger.test/news/quay",
            status=200,
            content_type="text/html",
            fetched_at=fetched_at,
            warc_file=warc_file,
            offset=0,
            length=10,
            payload_digest="sha1:X",
        ),
    )


def test_a_stored_capture_becomes_the_page_it_was_fetched_as(tmp_path: Path) -> None:
    page = fetched_from_store(_stored("run_date=2026-01-10/ledger/a.warc.gz", IN_RANGE))
    assert page.discovered.url == "https://ledger.test/news/quay?utm=x"
    assert page.discovered.via is DiscoveryVia.FEED
    assert page.discovered.listed_published_at == datetime(2026, 1, 9, tzinfo=UTC)
    assert page.final_url == "https://ledger.test/news/quay"
    assert page.redirect_chain == ("https://ledger.test/news/quay?utm=x",)
    assert (page.http_status, page.fetched_at, page.capture.capture_id) == (200, IN_RANGE, "c1")


def test_captures_whose_file_is_gone_are_set_apart(tmp_path: Path) -> None:
    kept = tmp_path / "run_date=2026-01-10" / "ledger" / "a.warc.gz"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"")
    present, missing = with_capture_file(
        [
            _stored("run_date=2026-01-10/ledger/a.warc.gz", IN_RANGE),
            _stored("run_date=2025-01-10/ledger/a.warc.gz", IN_RANGE),
        ],
        tmp_path,
    )
    assert [p.capture.warc_file for p in present] == ["run_date=2026-01-10/ledger/a.warc.gz"]
    assert [p.capture.warc_file for p in missing] == ["run_date=2025-01-10/ledger/a.warc.gz"]
