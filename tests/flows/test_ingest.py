"""`mediawatch ingest --config FILE`: one nightly run of a hand-written config."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from flows.cli import main
from newsroom.catalogue import articles_of
from newsroom.server import serve_newsroom, stable_base_urls
from warehouse.connection import open_warehouse

CONFIG = """
[storage]
lake = "lake"
captures = "captures"
warehouse = "ledger.duckdb"

[fetch]
allowed_networks = ["127.0.0.0/8"]
resolve = {{ "harbour-ledger.test" = "{address}" }}
per_host_delay = 0

[[sources]]
name = "ledger"
timezone = "Europe/London"
feeds = ["http://harbour-ledger.test/feed.xml"]
urls = ["http://harbour-ledger.test/no-such-story", "ftp://harbour-ledger.test/x"]
"""


def test_ingest_runs_the_config_and_prints_its_summary(prefect_api: None, tmp_path: Path) -> None:
    config = tmp_path / "ledger.toml"
    printed = io.StringIO()
    with serve_newsroom(public_base_urls=stable_base_urls()) as newsroom:
        config.write_text(CONFIG.format(address=newsroom.addresses["harbour-ledger"]))
        with contextlib.redirect_stdout(printed):
            assert main(["ingest", "--config", str(config)]) == 0
    connection = open_warehouse(tmp_path / "ledger.duckdb", read_only=True)
    try:
        stored = connection.execute(
            "SELECT count(*) FROM articles WHERE source = 'ledger'"
        ).fetchone()
        reasons = dict(
            connection.execute(
                "SELECT reason, count(*) FROM url_outcomes WHERE kind = 'article' GROUP BY reason"
            ).fetchall()
        )
        assert stored == (len(articles_of("harbour-ledger")),)
        # The run's config reached the warehouse through the lake; every article has its
        # first version.
        sources = connection.execute("SELECT name, timezone, home_url, url_count FROM sources")
        assert sources.fetchall() == [("ledger", "Europe/London", "http://harbour-ledger.test/", 2)]
        versions = connection.execute(
            "SELECT count(*), count(DISTINCT article_id) FROM article_versions"
        )
        assert versions.fetchone() == (stored[0], stored[0])
    finally:
        connection.close()
    # The feed lists every story and one deleted one (404); the configured list adds a
    # missing page (404) and a URL of a scheme we never fetch.
    assert reasons == {"new": 17, "http_4xx": 2, "invalid_url": 1}
    output = printed.getvalue()
    assert "ledger" in output
    assert "example analyst query:" in output
