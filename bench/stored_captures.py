"""A data folder of stored captures to extract again, as an earlier run left it.

`build_folder` writes N article pages as WARC captures (``SourceCaptureWriters``, as the
fetch step writes them), indexes them in the lake (capture rows and one outcome per URL,
``skipped / no_content``: an older extractor found no main text in them), commits that run
and publishes it, and writes a config naming the outlets. A ``reextract`` backfill of the
capture day then selects every page.

Pages come from the evaluation corpus (real pages, cycled under distinct URLs when N is
larger than the corpus) or are synthetic: an article template around texts made by
`bench.synthetic_lake.make_texts` (Zipf-Mandelbrot words, 3-5 KB), every one distinct.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import numpy as np

from bench.synthetic_lake import build_vocabulary, make_texts, make_titles
from evaluation.corpus import corpus_dir, metadata_cases, read_html, text_cases
from flows.pipeline import new_run
from flows.steps.fetch import SourceCaptureWriters
from flows.steps.parts import write_captures_part
from transforms.records import DiscoveryVia, Reason, Status, UrlKind, UrlOutcome
from warehouse.captures import CaptureInput, CaptureRecord
from warehouse.lake import RunCommit, commit_run, compact_parts
from warehouse.published import publish_runs
from warehouse.schema import LAKE_TABLES

SOURCES = 20
INDEX_ROWS = 10_000
"""Capture and outcome rows per lake part while the folder is built."""
WARC_MAX_BYTES = 256 * 1024 * 1024
SYNTHETIC_BATCH = 1_000
_SECTIONS = ("politics", "business", "culture", "sport", "science", "opinion")
_TABLES = {table.name: table for table in LAKE_TABLES}
CONFIG = """\
[storage]
lake = "lake"
captures = "captures"
warehouse = "mediawatch.duckdb"
min_free_gb = 0

[run]
batch_size = {batch_size}
"""
SOURCE = """
[[sources]]
name = "{name}"
urls = ["https://{name}.example/"]
"""


@dataclass(frozen=True, kw_only=True)
class StoredFolder:
    """A built data folder: its config, the day its captures were fetched, its size."""

    folder: Path
    config: Path
    day: date
    articles: int
    distinct_pages: int
    warc_bytes: int


PageSource = Callable[[int], Iterator[bytes]]
"""Yields ``count`` page bodies."""


def corpus_pages() -> list[bytes]:
    """Return the evaluation corpus's pages (trafilatura-eval and fundus), in a fixed order."""
    root = corpus_dir()
    paths = [case.path for case in text_cases(root)] + [case.path for case in metadata_cases(root)]
    return [read_html(path) for path in paths]


def cycled(pages: list[bytes]) -> PageSource:
    """Return a page source that repeats ``pages`` in order."""

    def source(count: int) -> Iterator[bytes]:
        for number in range(count):
            yield pages[number % len(pages)]

    return source


def synthetic_pages(seed: int = 8) -> PageSource:
    """Return a page source of distinct synthetic article pages, 3-5 KB of text each."""

    def source(count: int) -> Iterator[bytes]:
        rng = np.random.default_rng(seed)
        vocabulary = build_vocabulary(rng)
        for start in range(0, count, SYNTHETIC_BATCH):
            size = min(SYNTHETIC_BATCH, count - start)
            words = rng.integers(500, 800, size)
            texts = make_texts(rng, vocabulary, words).to_pylist()
            titles = make_titles(rng, vocabulary, size)
            for number, (title, text) in enumerate(zip(titles, texts, strict=True)):
                yield article_page(start + number, title, str(text))

    return source


def article_page(number: int, title: str, text: str) -> bytes:
    """Return an article page as news sites write them: metadata, navigation, the story."""
    published = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=7 * number)
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
    navigation = "".join(f'<li><a href="/section/{s}">{s.title()}</a></li>' for s in _SECTIONS)
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} | The Example</title>"
        f'<meta property="og:title" content="{html.escape(title)}">'
        '<meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{published.isoformat()}">'
        '<meta name="author" content="Staff Reporter"></head><body>'
        f'<header><a href="/">The Example</a><nav><ul>{navigation}</ul></nav></header>'
        f"<main><article><h1>{html.escape(title)}</h1>"
        f'<p class="byline">By Staff Reporter, <time datetime="{published.isoformat()}">'
        f"{published:%d %B %Y}</time></p>{paragraphs}</article>"
        '<aside><h2>Most read</h2><ul><li><a href="/a">Yesterday</a></li></ul></aside></main>'
        f"<footer><ul>{navigation}</ul><p>&copy; 2026 The Example</p></footer></body></html>"
    )
    return page.encode("utf-8")


def build_folder(
    folder: Path,
    pages: PageSource,
    *,
    articles: int,
    distinct_pages: int,
    batch_size: int = 100,
    progress: Callable[[str], None] = print,
) -> StoredFolder:
    """Write ``articles`` stored captures and the lake and warehouse rows that index them
    into ``folder`` (empty or new), with a config; return what was built."""
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"outlet-{number:02d}" for number in range(SOURCES)]
    config = folder / "bench.toml"
    config.write_text(
        CONFIG.format(batch_size=batch_size) + "".join(SOURCE.format(name=name) for name in names),
        encoding="utf-8",
    )
    day = datetime.now(UTC).date() - timedelta(days=1)
    fetched_at = datetime.combine(day, time(12, 0), tzinfo=UTC)
    run = new_run(fetched_at, label="stored captures for a re-extraction benchmark")
    lake = folder / "lake"
    parts: dict[str, tuple[str, ...]] = {}
    records: list[CaptureRecord] = []
    outcomes: list[UrlOutcome] = []
    sources: dict[str, str] = {}
    with SourceCaptureWriters(
        folder / "captures", run_date=day, prefix=run.run_id, max_file_bytes=WARC_MAX_BYTES
    ) as writers:
        for number, body in enumerate(pages(articles)):
            source = names[number % SOURCES]
            url = f"https://{source}.example/news/{number:07d}.html"
            moment = fetched_at + timedelta(milliseconds=number)
            record = writers.write(
                source,
                CaptureInput(
                    url=url,
                    status=200,
                    headers=(("Content-Type", "text/html; charset=utf-8"),),
                    body=body,
                    fetched_at=moment,
                ),
            )
            records.append(record)
            sources[url] = source
            outcomes.append(_outcome(url, source, record, moment))
            if len(records) >= INDEX_ROWS:
                _index(lake, run.run_id, run.partition, records, outcomes, sources, parts)
                progress(f"{number + 1} captures stored")
    if records:
        _index(lake, run.run_id, run.partition, records, outcomes, sources, parts)
    merged = {
        table: compact_parts(lake, _TABLES[table], paths, name=f"{run.run_id}-{table}")
        for table, paths in parts.items()
    }
    commit_run(
        lake, RunCommit(run_id=run.run_id, parts=merged, flow="bench", started_at=run.started_at)
    )
    publish_runs(folder / "mediawatch.duckdb", lake)
    warc_bytes = sum(p.stat().st_size for p in (folder / "captures").rglob("*.warc.gz"))
    progress(f"{articles} captures indexed and published ({warc_bytes / 1e6:.0f} MB of WARC)")
    return StoredFolder(
        folder=folder,
        config=config,
        day=day,
        articles=articles,
        distinct_pages=min(distinct_pages, articles),
        warc_bytes=warc_bytes,
    )


def _outcome(url: str, source: str, record: CaptureRecord, moment: datetime) -> UrlOutcome:
    return UrlOutcome(
        url=url,
        source=source,
        kind=UrlKind.ARTICLE,
        status=Status.SKIPPED,
        reason=Reason.NO_CONTENT,
        http_status=200,
        final_url=url,
        via=DiscoveryVia.URL_LIST,
        listed_in="config",
        fetched_at=moment,
        capture_id=record.capture_id,
    )


def _index(
    lake: Path,
    run_id: str,
    partition: str,
    records: list[CaptureRecord],
    outcomes: list[UrlOutcome],
    sources: dict[str, str],
    parts: dict[str, tuple[str, ...]],
) -> None:
    written = write_captures_part(
        lake,
        run_id=run_id,
        part_name=f"{run_id}-{len(parts.get('captures', ())):05d}",
        partition=partition,
        captures=records,
        sources=sources,
        outcomes=tuple(outcomes),
    )
    for table, paths in written.items():
        parts[table] = parts.get(table, ()) + paths
    records.clear()
    outcomes.clear()
    sources.clear()
