"""The extraction benchmarks run on pages we wrote: they count what they extract."""

from __future__ import annotations

from pathlib import Path

from bench.extract_bench import Throughput, paired_single_process, pooled_pipeline
from bench.near_duplicate_threshold import report, shares_band, unrelated_distances

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"
FIXTURES = [
    (f"https://gazette.example/{path.stem}", path.read_bytes())
    for path in sorted(PAGES.glob("*.html"))
]


def test_throughput_is_pages_per_second() -> None:
    assert Throughput(pages=30, seconds=1.5).docs_per_second == 20.0
    assert Throughput(pages=0, seconds=0.0).docs_per_second == 0.0


def test_both_single_process_loops_see_every_page() -> None:
    plain, pipeline = paired_single_process(FIXTURES)

    assert plain.pages == pipeline.pages == len(FIXTURES)
    assert plain.seconds > 0 and pipeline.seconds > 0


def test_the_pool_extracts_every_page() -> None:
    pages = FIXTURES * 3

    result = pooled_pipeline(pages, processes=2)

    assert result.pages == len(pages)
    assert result.seconds > 0


def test_the_threshold_report_compares_copies_with_unrelated_texts() -> None:
    texts = [
        " ".join(f"{topic} word{i} story{i % 7} line{i % 5}" for i in range(150))
        for topic in ("harbour", "ferry", "library", "market")
    ]

    lines = list(report(texts, seed=1))

    assert lines[0] == "4 texts of 100+ words; 6 unrelated pairs"
    assert any(line.startswith("1 % of words edited") for line in lines)
    assert len(unrelated_distances([0, 1, 3])) == 3
    assert shares_band(0, 0xFFFF) and not shares_band(0, 0x0001_0001_0001_0001)
