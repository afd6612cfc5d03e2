"""Extraction throughput: the pipeline's extraction beside plain trafilatura, in one run.

    python -m bench.extract_bench [--pages N] [--profile]

On the same corpus pages (trafilatura-eval and fundus, from ``evaluation.corpus``), held in
memory so that disk reads count for nobody, it measures:

- plain trafilatura, one process: ``trafilatura.extract(html, output_format="json",
  with_metadata=True)``;
- the pipeline, one process: ``transforms.extract.extract_page`` (decoding, metadata,
  main text, cleaning, language, classification, the Article record);
- the pipeline on a pool of two processes, chunks of four pages, as `mediawatch extract`
  runs it.

The two single-process loops alternate page by page (and which goes first), so a busy
neighbour on the machine slows both alike. The target: the pipeline on two cores makes at
least 0.9 times what plain trafilatura would make on two (twice its one-process rate).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import trafilatura

from bench.profiling import profiled, top_functions
from evaluation.corpus import corpus_dir, metadata_cases, read_html, text_cases
from transforms.extract import PageInput, extract_page

TARGET = 0.9
"""Pipeline on two processes / (plain trafilatura on one process x 2) must reach this."""
POOL_PROCESSES = 2
CHUNK_SIZE = 4
WARM_UP_PAGES = 5
_FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)

Page = tuple[str, bytes]
"""A corpus page: its URL and its HTML bytes."""


@dataclass(frozen=True, kw_only=True)
class Throughput:
    """Pages extracted and the wall-clock seconds it took."""

    pages: int
    seconds: float

    @property
    def docs_per_second(self) -> float:
        """Return pages per second."""
        return self.pages / self.seconds if self.seconds else 0.0


def load_pages(root: Path, limit: int | None) -> list[Page]:
    """Return the corpus pages, or ``limit`` of them spread evenly over both sets."""
    paths = [(case.url, case.path) for case in text_cases(root)]
    paths += [(case.url, case.path) for case in metadata_cases(root)]
    if limit is not None and limit < len(paths):
        step = len(paths) / limit
        paths = [paths[int(i * step)] for i in range(limit)]
    return [(url, read_html(path)) for url, path in paths]


def plain_trafilatura(page: Page) -> None:
    """Extract a page the plain way: JSON output with metadata."""
    trafilatura.extract(page[1], output_format="json", with_metadata=True)


def pipeline(page: Page) -> None:
    """Extract a page exactly as the nightly flow does."""
    url, html = page
    extract_page(PageInput(url=url, source="bench", html=html, fetched_at=_FETCHED_AT))


def pipeline_chunk(pages: list[Page]) -> int:
    """Extract a chunk of pages in a worker process; return how many."""
    for page in pages:
        pipeline(page)
    return len(pages)


def paired_single_process(pages: Sequence[Page]) -> tuple[Throughput, Throughput]:
    """Return plain trafilatura's and the pipeline's one-process throughput, timed page by
    page in alternating order."""
    systems: tuple[Callable[[Page], None], Callable[[Page], None]] = (plain_trafilatura, pipeline)
    seconds = [0.0, 0.0]
    for position, page in enumerate(pages):
        order = (0, 1) if position % 2 == 0 else (1, 0)
        for which in order:
            started = time.perf_counter()
            systems[which](page)
            seconds[which] += time.perf_counter() - started
    return (
        Throughput(pages=len(pages), seconds=seconds[0]),
        Throughput(pages=len(pages), seconds=seconds[1]),
    )


def pooled_pipeline(pages: Sequence[Page], processes: int) -> Throughput:
    """Return the pipeline's throughput on a pool of processes, chunks of CHUNK_SIZE."""
    chunks = [list(islice(pages, i, i + CHUNK_SIZE)) for i in range(0, len(pages), CHUNK_SIZE)]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        # Each worker imports and warms up before the clock starts, as a long run would.
        warm = [list(pages[:WARM_UP_PAGES])] * processes
        list(pool.map(pipeline_chunk, warm))
        started = time.perf_counter()
        done = sum(pool.map(pipeline_chunk, chunks))
        seconds = time.perf_counter() - started
    return Throughput(pages=done, seconds=seconds)


def main() -> None:
    """Measure and print the three throughputs and the ratio to the target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=None, help="pages to use (default: all)")
    parser.add_argument(
        "--profile", action="store_true", help="also print the pipeline's cProfile top 30"
    )
    args = parser.parse_args()
    pages = load_pages(corpus_dir(), args.pages)
    version = trafilatura.__version__
    print(f"{len(pages)} corpus pages, {os.cpu_count()} cores, trafilatura {version}")
    for page in pages[:WARM_UP_PAGES]:
        plain_trafilatura(page)
        pipeline(page)
    plain, single = paired_single_process(pages)
    pooled = pooled_pipeline(pages, POOL_PROCESSES)
    ratio = pooled.docs_per_second / (POOL_PROCESSES * plain.docs_per_second)
    print(f"plain trafilatura, 1 process:   {plain.docs_per_second:6.1f} docs/s")
    print(f"pipeline, 1 process:            {single.docs_per_second:6.1f} docs/s")
    print(f"pipeline, {POOL_PROCESSES}-process pool:       {pooled.docs_per_second:6.1f} docs/s")
    print(f"pipeline 1 process / plain:     {single.docs_per_second / plain.docs_per_second:6.2f}")
    print(
        f"pipeline {POOL_PROCESSES} processes / (plain x {POOL_PROCESSES}): {ratio:.2f} "
        f"(target {TARGET:.2f}: {'met' if ratio >= TARGET else 'NOT met'})"
    )
    if args.profile:
        stats = profiled(lambda: _each(pipeline, pages))
        print("\n".join(top_functions(stats, sort="cumulative", limit=30)))


def _each(extract: Callable[[Page], None], pages: Sequence[Page]) -> None:
    for page in pages:
        extract(page)


if __name__ == "__main__":
    main()
