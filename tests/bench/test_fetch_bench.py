"""The fetch benchmark's headline figures, as the suite reads them."""

from __future__ import annotations

from bench.fetch_bench import RunResult, polite_bounds, run_figures
from bench.simweb import HostSpec, WebStats, fast_hosts, polite_hosts


def _result(hosts: tuple[HostSpec, ...]) -> RunResult:
    pages = sum(h.pages for h in hosts)
    return RunResult(
        label="run",
        hosts=hosts,
        in_flight=4,
        pages=pages,
        ok=pages,
        failed={},
        seconds=10.0,
        cpu_seconds=5.0,
        warc_bytes=0,
        warc_files=0,
        web=WebStats(hosts=(), cpu_seconds=0.0, peak_in_flight=0),
        page_starts={},
        max_rss_mb=100.0,
    )


def test_a_polite_run_carries_its_bounds() -> None:
    hosts = polite_hosts(3, 4)

    figures = run_figures(_result(hosts))

    assert figures["pages_per_second"] == 1.2
    assert figures["makespan_bound"] == polite_bounds(hosts).makespan
    assert figures["rate_bound"] == polite_bounds(hosts).rate


def test_a_ceiling_run_has_no_rate_limit_so_no_bounds() -> None:
    figures = run_figures(_result(fast_hosts(3, 4)))

    assert figures["pages_per_second"] == 1.2
    assert "makespan_bound" not in figures
    assert "rate_bound" not in figures
