"""Hostile inputs: one real nightly ingest over the whole catalogue of
tests/flows/hostile_inputs.py, beside a well-behaved demo outlet (the two flood listings
only with MEDIAWATCH_SLOW_TESTS=1).

The run completes; every input ends with the status and reason the catalogue gives it; the
well-behaved outlet's articles and outcomes are exactly those of a run without the hostile
source, although the hostile one is configured first and claims its stories; nothing a
hostile input carried (a local file through an external entity) reaches the warehouse.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flows.nightly import nightly_ingest
from newsroom.server import serve_newsroom, stable_base_urls
from tests.flows.hostile_inputs import (
    BASE,
    CATALOGUE,
    HOST,
    MAX_BODY_BYTES,
    OTHER_OUTLET,
    OTHER_OUTLET_STORIES,
    HostileInput,
    markdown_table,
    serve_catalogue,
)
from transforms.cleaning import CONTROL_CHARACTERS
from transforms.discover import MAX_FEED_ITEMS, MAX_SITEMAP_ENTRIES
from transforms.records import UrlKind
from warehouse.published import open_reader

DOCS = Path(__file__).resolve().parents[2] / "docs" / "hostile-inputs.md"
FLOODS = bool(os.environ.get("MEDIAWATCH_SLOW_TESTS"))
"""Serve the flood listings too (see HostileInput.flood)."""
SERVED = tuple(entry for entry in CATALOGUE if FLOODS or not entry.flood)
floods_only = pytest.mark.skipif(
    not FLOODS, reason="flood listings take ~40 s: set MEDIAWATCH_SLOW_TESTS=1"
)

CONFIG = """\
[storage]
lake = "lake"
captures = "captures"
warehouse = "mediawatch.duckdb"
min_free_gb = 0

[fetch]
resolve = {{ {resolve} }}
per_host_delay = 0
connect_timeout = 1
read_timeout = 1
total_timeout = 2
max_attempts = 1
max_body_bytes = {max_body_bytes}

[run]
batch_size = 50
"""
HOSTILE_SOURCE = """
[[sources]]
name = "hostile"
feeds = {feeds}
sitemaps = {sitemaps}
urls = {urls}
"""
OUTLET_SOURCE = f"""
[[sources]]
name = "{OTHER_OUTLET}"
feeds = ["http://{OTHER_OUTLET}.test/feed.xml"]
"""
# The outlet's own rows, compared with a run without the hostile source.
_OUTLET_ARTICLES = """
SELECT * EXCLUDE (run_id, first_seen_at, updated_at, capture_id, cluster_id, duplicate_of)
FROM articles WHERE source = $source ORDER BY article_id
"""
_OUTLET_OUTCOMES = """
SELECT url, kind, status, reason, http_status, final_url, article_id FROM url_outcomes
WHERE source = $source ORDER BY url, kind
"""


@dataclass(frozen=True, kw_only=True)
class HostileRun:
    """What the run over the catalogue left, and what a run of the outlet alone left."""

    outcomes: dict[tuple[str, str], dict[str, Any]]
    """(url, kind) of the hostile source to its outcome row."""
    other_outcomes: list[dict[str, Any]]
    """Every outcome row of the hostile source that names no catalogue input."""
    titles: dict[str, str | None]
    """URL of each stored hostile article to its title."""
    outlet: tuple[list[Any], list[Any]]
    alone: tuple[list[Any], list[Any]]
    texts: list[str]
    """Every stored title and text."""


def _toml_list(urls: list[str]) -> str:
    return "[" + ", ".join(f'"{url}"' for url in urls) + "]"


def _config(folder: Path, resolve: dict[str, str], *, hostile: bool) -> Path:
    text = CONFIG.format(
        resolve=", ".join(f'"{host}" = "{address}"' for host, address in resolve.items()),
        max_body_bytes=MAX_BODY_BYTES,
    )
    if hostile:
        by_kind = {kind: [e.url for e in SERVED if e.kind is kind] for kind in UrlKind}
        text += HOSTILE_SOURCE.format(
            feeds=_toml_list(by_kind[UrlKind.FEED]),
            sitemaps=_toml_list(by_kind[UrlKind.SITEMAP]),
            urls=_toml_list(by_kind[UrlKind.ARTICLE]),
        )
    text += OUTLET_SOURCE
    folder.mkdir(parents=True)
    config = folder / "hostile.toml"
    config.write_text(text, encoding="utf-8")
    return config


def _dicts(connection: Any, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    cursor = connection.execute(sql, params or {})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _outlet_rows(warehouse: Path) -> tuple[list[Any], list[Any]]:
    connection = open_reader(warehouse)
    try:
        source = {"source": OTHER_OUTLET}
        articles = connection.execute(_OUTLET_ARTICLES, source).fetchall()
        outcomes = connection.execute(_OUTLET_OUTCOMES, source).fetchall()
        return articles, outcomes
    finally:
        connection.close()


@pytest.fixture(scope="module")
def hostile_run(
    prefect_api: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HostileRun]:
    folder = tmp_path_factory.mktemp("hostile")
    with (
        serve_catalogue() as address,
        serve_newsroom(public_base_urls=stable_base_urls()) as newsroom,
    ):
        resolve = {HOST: address, f"{OTHER_OUTLET}.test": newsroom.addresses[OTHER_OUTLET]}
        result = nightly_ingest(str(_config(folder / "both", resolve, hostile=True)))
        alone = nightly_ingest(str(_config(folder / "alone", resolve, hostile=False)))
    assert result.loaded and alone.loaded
    warehouse = Path(result.warehouse_path)
    connection = open_reader(warehouse)
    try:
        rows = _dicts(connection, "SELECT * FROM url_outcomes WHERE source = 'hostile'")
        titles = dict(
            connection.execute(
                "SELECT url, title FROM articles WHERE source = 'hostile'"
            ).fetchall()
        )
        texts = [
            value
            for row in connection.execute("SELECT title, text FROM articles").fetchall()
            for value in row
            if value
        ]
    finally:
        connection.close()
    catalogued = {(e.url, e.kind.value) for e in SERVED}
    yield HostileRun(
        outcomes={(r["url"], r["kind"]): r for r in rows if (r["url"], r["kind"]) in catalogued},
        other_outcomes=[r for r in rows if (r["url"], r["kind"]) not in catalogued],
        titles=titles,
        outlet=_outlet_rows(warehouse),
        alone=_outlet_rows(Path(alone.warehouse_path)),
        texts=texts,
    )


def test_the_catalogue_holds_at_least_40_inputs_of_every_kind() -> None:
    kinds = {entry.kind for entry in CATALOGUE}

    assert len(CATALOGUE) >= 40
    assert kinds == set(UrlKind)
    assert len({entry.path for entry in CATALOGUE}) == len(CATALOGUE)


def test_docs_list_the_catalogue() -> None:
    # Regenerate with: python -m tests.flows.hostile_inputs > table, pasted into the page.
    assert markdown_table() in DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda entry: entry.path)
def test_each_input_ends_with_its_recorded_status(
    hostile_run: HostileRun, entry: HostileInput
) -> None:
    if entry not in SERVED:
        pytest.skip("flood listings take ~40 s: set MEDIAWATCH_SLOW_TESTS=1")
    row = hostile_run.outcomes.get((entry.url, entry.kind.value))

    assert row is not None, f"no outcome row for {entry.url}"
    assert (row["status"], row["reason"]) == (entry.status.value, entry.reason.value), row
    if entry.title is not None:
        assert hostile_run.titles[entry.url] == entry.title


def test_the_other_outlet_is_untouched(hostile_run: HostileRun) -> None:
    # Its stories, named first by a hostile feed, a canonical link and a redirect, stay its
    # own: the same articles and outcomes as a run without the hostile source.
    articles, outcomes = hostile_run.outlet

    assert len(articles) > 10
    assert (articles, outcomes) == hostile_run.alone
    for story in OTHER_OUTLET_STORIES:
        assert story not in hostile_run.titles


@floods_only
def test_listings_beyond_the_limits_are_cut_and_say_so(hostile_run: HostileRun) -> None:
    feed = hostile_run.outcomes[(f"{BASE}/f/items-100000", "feed")]
    sitemap = hostile_run.outcomes[(f"{BASE}/s/urls-60000", "sitemap")]
    flood = [r for r in hostile_run.other_outcomes if "/flood/" in r["url"]]
    robots = {r["reason"] for r in flood}

    assert feed["item_count"] == MAX_FEED_ITEMS
    assert feed["detail"] == f"{100_000 - MAX_FEED_ITEMS} entries past the first 1000 left out"
    assert sitemap["item_count"] == MAX_SITEMAP_ENTRIES
    assert sitemap["detail"] == "10000 entries past the first 50000 left out"
    # Flooded URLs cost an outcome row each: robots.txt forbids them.
    assert sum("/flood/feed/" in r["url"] for r in flood) == MAX_FEED_ITEMS
    assert sum("/flood/sitemap/" in r["url"] for r in flood) == MAX_SITEMAP_ENTRIES
    assert robots == {"robots_disallowed"}


def test_hostile_links_get_their_own_outcomes(hostile_run: HostileRun) -> None:
    reasons = {r["url"]: r["reason"] for r in hostile_run.other_outcomes}

    assert reasons["javascript:alert(1)"] == "invalid_url"
    assert reasons["data:text/html,x"] == "invalid_url"
    assert reasons["(no link: item 2)"] == "invalid_url"  # feedparser drops file: links
    assert reasons["http://169.254.169.254/latest/meta-data/"] == "blocked_address"
    assert reasons["../../etc/passwd"] == "invalid_url"
    # The other outlet's stories, listed by both, have one row each: the outlet's.
    assert not set(OTHER_OUTLET_STORIES) & set(reasons)


def test_no_entity_expands_into_the_warehouse(hostile_run: HostileRun) -> None:
    rows = [*hostile_run.outcomes.values(), *hostile_run.other_outcomes]
    stored = "\n".join(hostile_run.texts + [str(row) for row in rows])

    assert "root:" not in stored  # /etc/passwd's first line
    assert "lollol" not in stored
    # NUL, ESC and other controls the pages sent stay out of stored titles and texts.
    assert not any(CONTROL_CHARACTERS.search(text) for text in hostile_run.texts)
