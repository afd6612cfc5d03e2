"""The hourly discovery poll: new URLs queued without fetching articles, fetched by the next
nightly ingest even once no feed lists them; overflowing feeds flagged."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from flows.discovery import discovery_poll
from flows.nightly import nightly_ingest
from newsroom.clock import timeline_until
from newsroom.server import serve_newsroom, stable_base_urls
from tests.flows.runs import artifacts_of, reasons_of, rows, write_config


def _urls(warehouse: Path, run_id: str, reason: str) -> set[str]:
    found = rows(
        warehouse,
        "SELECT url FROM url_outcomes WHERE run_id = $run AND reason = $reason",
        {"run": run_id, "reason": reason},
    )
    return {url for (url,) in found}


def test_a_poll_queues_new_stories_and_the_next_ingest_fetches_them(
    prefect_api: None, tmp_path: Path
) -> None:
    timeline = timeline_until(datetime.now(UTC), 2)
    with serve_newsroom(public_base_urls=stable_base_urls(), timeline=timeline) as newsroom:
        slugs = ("harbour-ledger", "valley-courier")
        config = write_config(tmp_path, newsroom.addresses, slugs)
        warehouse = tmp_path / "mediawatch.duckdb"
        nightly_ingest(str(config))
        edition = newsroom.set_day(1)
        published = {
            f"http://{ref.outlet}.test{ref.path}"
            for ref in edition.published
            if ref.outlet in slugs
        }
        assert len(published) == 6
        poll = discovery_poll(str(config))
        assert (poll.queued, poll.overflowing, poll.loaded) == (6, (), True)
        assert _urls(warehouse, poll.run_id, "queued") == published
        # No article was fetched: the poll read two feeds, nothing else.
        assert rows(
            warehouse, "SELECT count(*) FROM captures WHERE run_id = $r", {"r": poll.run_id}
        ) == [(2,)]
        # Polled again at once: the feeds answer 304 and nothing is queued twice.
        again = discovery_poll(str(config))
        assert again.queued == 0
        assert reasons_of(warehouse, again.run_id) == {("feed", "not_modified"): 2}
        # The ledger's feed is gone by the nightly run: its queued stories are fetched anyway.
        gone = write_config(
            tmp_path,
            newsroom.addresses,
            slugs,
            name="feed-gone.toml",
            feeds={"harbour-ledger": "http://harbour-ledger.test/no-such-feed.xml"},
        )
        state = nightly_ingest(str(gone), return_state=True)
    assert state.is_completed(), state.message
    nightly = state.result()
    ledger = {url for url in published if url.startswith("http://harbour-ledger.test")}
    assert ledger <= _urls(warehouse, nightly.run_id, "new")
    assert rows(
        warehouse,
        "SELECT count(*) FROM url_outcomes WHERE run_id = $r AND kind = 'article' "
        "AND source = 'harbour-ledger'",
        {"r": nightly.run_id},
    ) == [(3,)]
    # A source none of whose listings could be read is a problem, not the run's failure.
    assert state.message is not None
    assert "harbour-ledger: no feed or sitemap could be read" in state.message


class _BusyFeed(BaseHTTPRequestHandler):
    """An outlet whose feed holds two items only."""

    items: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        if self.path != "/feed.xml":
            self.send_error(404)
            return
        entries = "".join(
            f"<item><title>{slug}</title><link>http://busy.test/news/{slug}</link></item>"
            for slug in self.items
        )
        body = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title>'
            f"<link>http://busy.test/</link><description>d</description>{entries}"
            "</channel></rss>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def busy_outlet() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BusyFeed)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_feed_whose_every_item_is_new_since_the_last_poll_is_flagged(
    prefect_api: None, busy_outlet: str, tmp_path: Path
) -> None:
    config = tmp_path / "busy.toml"
    config.write_text(
        '[storage]\nlake = "lake"\ncaptures = "captures"\nwarehouse = "busy.duckdb"\n'
        f'[fetch]\nresolve = {{ "busy.test" = "{busy_outlet}" }}\nper_host_delay = 0\n'
        '[[sources]]\nname = "busy"\nfeeds = ["http://busy.test/feed.xml"]\n',
        encoding="utf-8",
    )
    _BusyFeed.items = ["a", "b"]
    first = discovery_poll(str(config))
    assert (first.queued, first.overflowing) == (2, ())  # a first read has nothing to compare
    _BusyFeed.items = ["c", "d"]  # two stories out since: both earlier ones pushed out
    state = discovery_poll(str(config), return_state=True)
    assert state.is_completed()
    overflowed = state.result()
    assert (overflowed.queued, overflowed.overflowing) == (2, ("http://busy.test/feed.xml",))
    assert state.message == (
        "1 problem: busy: http://busy.test/feed.xml: overflowing: every one of its 2 items is "
        "new since the last poll"
    )
    detail = rows(
        tmp_path / "busy.duckdb",
        "SELECT detail FROM url_outcomes WHERE run_id = $r AND kind = 'feed'",
        {"r": overflowed.run_id},
    )
    assert detail == [("overflowing: every one of its 2 items is new since the last poll",)]
    flow_run_id = state.state_details.flow_run_id
    assert flow_run_id is not None
    report = artifacts_of(flow_run_id)["discovery-report"]
    assert "| busy | 1 | 0 | 2 | 2 | - |" in report
    assert "overflowing" in report
    _BusyFeed.items = ["d", "e"]  # one story out: the feed kept up
    assert discovery_poll(str(config)).overflowing == ()
