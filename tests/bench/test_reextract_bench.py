"""The re-extraction benchmark's parts: the stored captures it builds, the process-tree memory
it samples, and the BENCHMARKS.md table the suite writes from the figures."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from bench.process_tree import TreeMemory, descendants, tree_cpu_seconds
from bench.reextract_bench import main
from bench.stored_captures import build_folder, synthetic_pages
from bench.suite import document
from warehouse.backfill import pages_to_reextract
from warehouse.captures import read_capture
from warehouse.published import open_reader


def test_a_stored_folder_holds_every_page_for_a_reextract_backfill(tmp_path: Path) -> None:
    bodies = list(synthetic_pages()(30))

    built = build_folder(
        tmp_path / "stored",
        synthetic_pages(),
        articles=30,
        distinct_pages=30,
        batch_size=10,
        progress=lambda _: None,
    )

    assert built.config.read_text(encoding="utf-8").count("[[sources]]") == 20
    assert len(set(bodies)) == 30
    start = datetime.combine(built.day, time(0, 0), tzinfo=UTC)
    connection = open_reader(tmp_path / "stored" / "mediawatch.duckdb")
    try:
        stored = pages_to_reextract(
            connection,
            start=start,
            end=start + timedelta(days=1),
            sources=[f"outlet-{n:02d}" for n in range(20)],
        )
    finally:
        connection.close()
    assert len(stored) == 30
    by_url = {page.url: page for page in stored}
    first = by_url["https://outlet-00.example/news/0000000.html"]
    body = read_capture(
        tmp_path / "stored" / "captures", first.capture.warc_file, first.capture.offset
    )
    assert body.body == bodies[0]
    assert b"og:title" in bodies[0]


def test_tree_memory_counts_the_children_of_a_process() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "b = bytearray(150_000_000); import time; time.sleep(3)"]
    )
    try:
        memory = TreeMemory(os.getpid())
        deadline = datetime.now(UTC) + timedelta(seconds=20)
        while memory.peak.total_bytes < 150_000_000 and datetime.now(UTC) < deadline:
            memory.sample()
        peak = memory.stop()
        assert child.pid in descendants(os.getpid())
    finally:
        child.wait()
    assert peak.total_bytes >= 150_000_000
    assert peak.pss_bytes > 0
    assert tree_cpu_seconds(os.getpid()) > 0


def _extraction_figures() -> dict[str, Any]:
    peak = {"total_mb": 1500.0, "total_bytes": 1_500_000_000, "pss_bytes": 1_200_000_000}
    return {
        "command": "python -m bench.reextract_bench",
        "cores": 2,
        "articles": 10_000,
        "batch_size": 100,
        "plain": {"docs_per_second": 20.0},
        "functions": {"seconds": 300.0, "steady_docs_per_second": 37.0},
        "flow": {
            "seconds": 310.0,
            "task_runs": {"extract-pages": 100, "publish": 1},
            "peak": peak,
        },
    }


def test_the_suite_sets_each_figure_beside_its_target_and_command() -> None:
    memory = _extraction_figures() | {
        "command": "python -m bench.reextract_bench --articles 100000",
        "articles": 100_000,
        "batch_size": 250,
    }
    memory["flow"] = memory["flow"] | {
        "task_runs": {"extract-pages": 400},
        "peak": {"total_mb": 2100.0, "total_bytes": 2_100_000_000, "pss_bytes": 1_700_000_000},
    }
    warehouse = (
        "Command: `python -m bench.warehouse_bench`\n\n| figure | value | target | met? |\n"
        "|---|---|---|---|\n| query: daily counts | **30 ms** | < 1,000 ms | met |\n"
    )

    lines = document(
        "python -m bench.suite",
        {
            "reextract": {"figures": _extraction_figures(), "text": "### Re-extraction\n"},
            "memory": {"figures": memory, "text": "### Memory\n"},
            "warehouse": {"text": warehouse, "source": "wb.md"},
        },
    )

    text = "\n".join(lines)
    rows = [line for line in lines if line.startswith("| ")]
    # 37 docs/s against 0.9 × 20 × 2 = 36; (310 − 300) / 310 = 3.2 %; 2.1 GB against 2 GB.
    assert any("= **0.93**" in row and "| met |" in row for row in rows), rows
    assert any("**3.2%**" in row and "| met |" in row for row in rows), rows
    assert any("**2,100 MB**" in row and "**missed**" in row for row in rows), rows
    assert any(row.startswith("| warehouse | query: daily counts") for row in rows), rows
    assert "1. `python -m bench.reextract_bench` (reextract)" in text
    assert "3. `python -m bench.warehouse_bench` (warehouse)" in text
    assert "#### Re-extraction" in text
    assert "the report `wb.md`" in text


def test_corpus_pages_without_a_corpus_stop_with_what_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDIAWATCH_CORPUS", str(tmp_path / "nowhere"))

    with pytest.raises(SystemExit) as stopped:
        main(["--articles", "10", "--work-dir", str(tmp_path / "work")])

    assert str(stopped.value).startswith(f"no evaluation corpus at {tmp_path / 'nowhere'}")
    assert "MEDIAWATCH_CORPUS" in str(stopped.value)
    assert not (tmp_path / "work").exists()


def test_the_memory_row_gives_the_api_server_beside_the_backfill() -> None:
    memory = _extraction_figures() | {"articles": 100_000, "batch_size": 250}
    memory["flow"] = memory["flow"] | {
        "task_runs": {"extract-pages": 400},
        "peak": {"total_mb": 1800.0, "total_bytes": 1_800_000_000, "pss_bytes": 1_600_000_000},
        "api_server_peak": {"total_mb": 260.0, "total_bytes": 260_000_000},
    }

    lines = document(
        "python -m bench.suite", {"memory": {"figures": memory, "text": "### Memory\n"}}
    )

    row = next(line for line in lines if line.startswith("| memory | peak RSS"))
    # The target is the backfill's own tree; the server and the sum are given beside it.
    assert "**1,800 MB**" in row and "| met |" in row
    assert "260 MB (both peaks added: 2,060 MB)" in row
