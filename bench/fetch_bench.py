"""The fetch benchmark: polite throughput against a simulated web, and the fetcher's ceiling.

    python -m bench.fetch_bench [--hosts 50 --pages-per-host 100 --out FILE]

1. Polite run: every host's policy is its own allowed rate (min_delay = its interval, one
   request at a time); ``flows.steps.fetch.fetch_batch`` fetches every page with a real
   HttpFetcher and writes WARC captures to a temporary folder. Pages/s is set beside the
   politeness bound, with the 429s the hosts answered and the peak RSS of this process.
2. Ceiling run: politeness off against hosts with no latency and no rate limit, this process
   pinned to one core and the web to another, WARC writing included.

The web runs in a child process; the fetch runs here, so ``ru_maxrss`` is the fetcher's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import resource
import shlex
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from bench.profiling import ThreadProfiles, own_time_by_group, top_functions
from bench.simweb import (
    DEFAULT_SLACK,
    HostSpec,
    SimWeb,
    WebStats,
    fast_hosts,
    page_html,
    polite_hosts,
)
from flows.config import Settings
from flows.steps.fetch import FetchedBatch, SourceCaptureWriters, fetch_batch
from flows.steps.plan import HostBatch
from transforms.address_guard import parse_networks
from transforms.fetch import FetchSettings, HttpFetcher
from transforms.records import DiscoveredUrl, DiscoveryVia
from transforms.urls import host_of

POLITE_TARGET = 0.90
"""Share of the politeness bound the polite run must reach."""
CEILING_TARGET = 300.0
"""Pages per second the ceiling run must reach on one core."""
RSS_LIMIT_MB = 500.0
CEILING_MIN_PAGES = 5_000
PACKAGES = ("httpx", "httpcore", "h11", "warcio", "brotli")


@dataclass(frozen=True, kw_only=True)
class RunResult:
    """What one fetch run gave, and what the web saw of it."""

    label: str
    hosts: tuple[HostSpec, ...]
    in_flight: int
    pages: int
    ok: int
    failed: dict[str, int]
    """Failed pages by reason (``http_4xx 429`` style when a status explains it)."""
    seconds: float
    cpu_seconds: float
    """CPU seconds of this (the fetching) process during the run."""
    warc_bytes: int
    warc_files: int
    web: WebStats
    page_starts: dict[str, dict[str, float]]
    """When the last attempt at each successful page started (time.time()), by host
    and path."""
    max_rss_mb: float
    """ru_maxrss of this process after the run: its peak so far."""

    @property
    def pages_per_second(self) -> float:
        """Return successful pages per wall-clock second."""
        return self.ok / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, kw_only=True)
class PoliteBounds:
    """The most pages/s that politeness allows against a set of hosts."""

    rate: float
    """Σ 1/interval: every host asked at its allowed rate at once."""
    makespan: float
    """Total pages / the slowest host's ideal time ((pages-1) × interval + latency)."""
    makespan_with_robots: float
    """The same with robots.txt counted as one more request under the host's limit."""
    slowest_host: HostSpec


def polite_bounds(hosts: Sequence[HostSpec]) -> PoliteBounds:
    """Return the politeness bounds of a polite run over the hosts."""
    total = sum(h.pages for h in hosts)
    slowest = max(hosts, key=lambda h: (h.pages - 1) * h.interval + h.latency)
    ideal = max((h.pages - 1) * h.interval + h.latency for h in hosts)
    ideal_with_robots = max(h.pages * h.interval + h.latency for h in hosts)
    return PoliteBounds(
        rate=sum(1 / h.interval for h in hosts),
        makespan=total / ideal,
        makespan_with_robots=total / ideal_with_robots,
        slowest_host=slowest,
    )


def max_rss_mb() -> float:
    """Return this process's peak resident set size so far, in MB (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Return this process's resident set size now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _batch(web: SimWeb, *, delay_of: dict[str, float], concurrency: int) -> HostBatch:
    items = tuple(
        DiscoveredUrl(url=url, source=spec.name, via=DiscoveryVia.URL_LIST, listed_in="bench")
        for spec, url in web.page_urls()
    )
    policies = tuple(
        (host_of(web.origin(index)), delay_of[spec.name], concurrency)
        for index, spec in enumerate(web.hosts)
    )
    return HostBatch(items=items, host_policies=policies)


def run_fetch(
    label: str,
    web: SimWeb,
    *,
    settings: FetchSettings,
    delay_of: dict[str, float],
    concurrency: int,
    in_flight: int,
    captures_root: Path | None,
    profiles: ThreadProfiles | None = None,
) -> RunResult:
    """Fetch every page of the web with fetch_batch, writing WARC captures; stop the web."""
    batch = _batch(web, delay_of=delay_of, concurrency=concurrency)
    with tempfile.TemporaryDirectory(prefix="fetch-bench-", dir=captures_root) as folder:
        captures_dir = Path(folder)
        started, started_cpu = time.perf_counter(), time.process_time()
        with profiles or contextlib.nullcontext():
            fetched = _fetch(batch, settings, captures_dir, in_flight)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - started_cpu
        warcs = list(captures_dir.rglob("*.warc.gz"))
        warc_bytes = sum(path.stat().st_size for path in warcs)
    web_stats = web.stop()
    return RunResult(
        label=label,
        hosts=web.hosts,
        in_flight=in_flight,
        pages=len(batch.items),
        ok=len(fetched.pages),
        failed=_failures(fetched),
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        warc_bytes=warc_bytes,
        warc_files=len(warcs),
        web=web_stats,
        page_starts=_page_starts(fetched),
        max_rss_mb=max_rss_mb(),
    )


def _fetch(
    batch: HostBatch,
    settings: FetchSettings,
    captures_dir: Path,
    in_flight: int,
) -> FetchedBatch:
    with (
        HttpFetcher(settings) as fetcher,
        SourceCaptureWriters(
            captures_dir, run_date=date.today(), prefix="bench", max_file_bytes=1_000_000_000
        ) as captures,
    ):
        return fetch_batch(batch, fetcher, captures, max_in_flight=in_flight)


def _failures(fetched: FetchedBatch) -> dict[str, int]:
    reasons = Counter(
        f"{o.reason} {o.http_status}" if o.http_status is not None else str(o.reason)
        for o in fetched.outcomes
    )
    return dict(sorted(reasons.items()))


def _page_starts(fetched: FetchedBatch) -> dict[str, dict[str, float]]:
    starts: dict[str, dict[str, float]] = {}
    for page in fetched.pages:
        path = urlsplit(page.discovered.url).path
        starts.setdefault(page.discovered.source, {})[path] = page.fetched_at.timestamp()
    return starts


def host_span(result: RunResult, host: str) -> float:
    """Return the seconds between a host's first and last successful page start."""
    moments = result.page_starts.get(host, {}).values()
    return max(moments) - min(moments) if moments else 0.0


def send_delays(result: RunResult) -> list[float]:
    """Return, for every successful page, the seconds from its attempt's start in the fetcher
    to the host reading the request (same clock: both processes run here)."""
    delays = []
    for host in result.web.hosts:
        starts = result.page_starts.get(host.name, {})
        for arrival in host.arrivals:
            started = starts.get(arrival.path)
            if arrival.admitted and started is not None:
                delays.append(arrival.at - started)
    return sorted(delays)


def first_refusals(result: RunResult) -> tuple[int, list[float], int]:
    """Return how the first 429 of each host came about: (hosts whose first 429 was the
    request right after robots.txt, how early in seconds the others came, hosts with more
    than five 429s)."""
    after_robots, early = 0, []
    intervals = {spec.name: spec.interval for spec in result.hosts}
    for host in result.web.hosts:
        previous: str | None = None
        for arrival in host.arrivals:
            if not arrival.admitted:
                if previous == "/robots.txt":
                    after_robots += 1
                else:
                    early.append(intervals[host.name] - (arrival.gap or 0.0))
                break
            previous = arrival.path
    cascades = sum(1 for host in result.web.hosts if host.too_early > 5)
    return after_robots, sorted(early), cascades


def polite_run(
    hosts: int,
    pages_per_host: int,
    *,
    in_flight: int,
    slack: float,
    captures_root: Path | None,
) -> RunResult:
    """Fetch every page of a polite web at each host's allowed rate."""
    specs = polite_hosts(hosts, pages_per_host)
    settings = FetchSettings(allowed_networks=parse_networks(["127.0.0.0/8"]))
    with SimWeb(specs, slack=slack) as web:
        return run_fetch(
            "polite",
            web,
            settings=settings,
            delay_of={spec.name: spec.interval for spec in specs},
            concurrency=1,
            in_flight=in_flight,
            captures_root=captures_root,
        )


def ceiling_run(
    hosts: int,
    pages_per_host: int,
    *,
    in_flight: int,
    captures_root: Path | None,
    profiles: ThreadProfiles | None = None,
) -> tuple[RunResult, str]:
    """Fetch a fast web with politeness off, this process on one core, the web on another.

    Returns the result and a note on the pinning that was possible.
    """
    specs = fast_hosts(hosts, pages_per_host)
    settings = FetchSettings(allowed_networks=parse_networks(["127.0.0.0/8"]))
    cores = sorted(os.sched_getaffinity(0))
    fetch_core, web_core = cores[0], (cores[1] if len(cores) > 1 else None)
    note = (
        f"fetcher pinned to core {fetch_core}, web to core {web_core}"
        if web_core is not None
        else f"one core only: fetcher and web share core {fetch_core}"
    )
    previous = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {fetch_core})  # before the fetch threads start: they inherit it
    try:
        with SimWeb(specs, cpu=web_core) as web:
            result = run_fetch(
                "ceiling",
                web,
                settings=settings,
                delay_of={spec.name: 0.0 for spec in specs},
                concurrency=in_flight,
                in_flight=in_flight,
                captures_root=captures_root,
                profiles=profiles,
            )
    finally:
        os.sched_setaffinity(0, previous)
    return result, note


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _versions() -> str:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def _percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))]


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _outcome_line(result: RunResult) -> str:
    failed = ", ".join(f"{reason} × {count}" for reason, count in result.failed.items())
    return f"ok {result.ok} of {result.pages}; failed: {failed or 'none'}"


def _web_line(result: RunResult) -> str:
    web = result.web
    robots = sum(h.robots_served for h in web.hosts)
    early = sum(h.admitted_early for h in web.hosts)
    peak = max(h.peak_concurrency for h in web.hosts)
    return (
        f"{web.requests} requests ({robots} robots.txt), {web.too_early} answered 429, "
        f"{early} admitted within the slack; peak requests in flight: {peak} on one host, "
        f"{web.peak_in_flight} on the whole web; "
        f"{sum(h.connections for h in web.hosts)} TCP connections opened; "
        f"{sum(h.errors for h in web.hosts)} server errors; web CPU {web.cpu_seconds:.1f} s"
    )


def polite_section(result: RunResult, slack: float) -> list[str]:
    """Return the markdown lines of the polite run."""
    bounds = polite_bounds(result.hosts)
    rate = result.pages_per_second
    share = rate / bounds.makespan
    gaps = [
        h.min_gap / spec.interval
        for h, spec in zip(result.web.hosts, result.hosts, strict=True)
        if h.min_gap is not None
    ]
    efficiency = sorted(
        (spec.pages - 1) * spec.interval / host_span(result, spec.name)
        for spec in result.hosts
        if host_span(result, spec.name) > 0
    )
    delays = send_delays(result)
    after_robots, early, cascades = first_refusals(result)
    slowest = bounds.slowest_host
    intervals = [h.interval for h in result.hosts]
    latencies = [h.latency for h in result.hosts]
    crawl_delays = sum(h.crawl_delay for h in result.hosts)
    title = (
        "### Polite run"
        if result.label == "polite"
        else "### What-if: polite run with every robots.txt read first, then one interval's "
        "wait (not the pipeline as it is)"
    )
    return [
        title,
        "",
        f"{len(result.hosts)} hosts × {result.hosts[0].pages} pages; latency "
        f"{min(latencies) * 1000:.0f}-{max(latencies) * 1000:.0f} ms, interval "
        f"{min(intervals):.3f}-{max(intervals):.3f} s, {crawl_delays} hosts with Crawl-delay = "
        "interval; policy per host: min_delay = interval, max_concurrent = 1; max_in_flight "
        f"{result.in_flight}; server slack {slack * 1000:.0f} ms.",
        "",
        "| figure | value | target / bound |",
        "|---|---|---|",
        f"| pages/s | **{rate:.1f}** ({result.ok} pages in {result.seconds:.1f} s) | "
        f"makespan bound {bounds.makespan:.1f}: **{share:.1%}**, target ≥ "
        f"{POLITE_TARGET:.0%} ({_mark(share >= POLITE_TARGET)}) |",
        f"| … vs makespan bound with robots.txt | {rate / bounds.makespan_with_robots:.1%} | "
        f"{bounds.makespan_with_robots:.1f} pages/s |",
        f"| … vs rate bound Σ 1/interval | {rate / bounds.rate:.1%} | "
        f"{bounds.rate:.1f} pages/s (not reachable, see below) |",
        f"| 429s (politeness violations) | **{result.web.too_early}** | 0 "
        f"({_mark(result.web.too_early == 0)}) |",
        f"| peak RSS of the fetching process | **{result.max_rss_mb:.0f} MB** | "
        f"< {RSS_LIMIT_MB:.0f} MB ({_mark(result.max_rss_mb < RSS_LIMIT_MB)}) |",
        f"| fetcher CPU | {result.cpu_seconds:.1f} s "
        f"({result.cpu_seconds / result.seconds:.0%} of one core) | |",
        f"| smallest gap between admitted starts / interval | {_percentile(gaps, 0.0):.3f} | ≥ 1 "
        f"(≥ {1 - slack / max(intervals):.3f} tolerated) |",
        f"| per-host pacing: ideal span / actual span | min "
        f"{_percentile(efficiency, 0.0):.3f}, median {_percentile(efficiency, 0.5):.3f} | 1.0 |",
        f"| attempt start in the fetcher → host reads the request | p50 "
        f"{_percentile(delays, 0.5) * 1000:.1f} ms, p99 {_percentile(delays, 0.99) * 1000:.1f} ms,"
        f" max {_percentile(delays, 1.0) * 1000:.1f} ms | < slack {slack * 1000:.0f} ms |",
        f"| how each host's first 429 came | {after_robots} right after robots.txt; "
        f"{len(early)} a page too early (by "
        f"{', '.join(f'{e * 1000:.0f}' for e in early[:10]) or '-'} ms) | none |",
        f"| hosts with more than five 429s | {cascades} | 0 |",
        f"| WARC written | {result.warc_bytes / 1e6:.1f} MB in {result.warc_files} files | |",
        "",
        f"Outcomes: {_outcome_line(result)}.",
        "",
        f"Web: {_web_line(result)}.",
        "",
        "The target is the makespan bound: every host has the same number of pages, so the run "
        "cannot end before the slowest host has had its pages spaced by its interval "
        f"({slowest.name}: ({slowest.pages} − 1) × {slowest.interval:.3f} s + "
        f"{slowest.latency * 1000:.0f} ms = "
        f"{(slowest.pages - 1) * slowest.interval + slowest.latency:.1f} s). The rate bound "
        "Σ 1/interval would need every host busy until the very end, i.e. pages in "
        "proportion to each host's rate; faster hosts simply finish early. robots.txt is one "
        "more request under each host's limit, which the second line counts.",
        "",
    ]


def ceiling_section(result: RunResult, note: str) -> list[str]:
    """Return the markdown lines of the ceiling run."""
    rate = result.pages_per_second
    return [
        "### Ceiling run",
        "",
        f"{len(result.hosts)} fast hosts × {result.hosts[0].pages} pages (no latency, no rate "
        f"limit, gzip level 1); politeness off (min_delay 0, max_concurrent "
        f"{result.in_flight}), max_in_flight {result.in_flight}; {note}; WARC writing included.",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| pages/s | **{rate:.0f}** ({result.ok} pages in {result.seconds:.1f} s) | "
        f"≥ {CEILING_TARGET:.0f} ({_mark(rate >= CEILING_TARGET)}) |",
        f"| fetcher CPU | {result.cpu_seconds:.1f} s "
        f"({result.cpu_seconds / result.seconds:.0%} of its core), "
        f"{result.cpu_seconds / max(result.ok, 1) * 1000:.2f} ms per page | |",
        f"| web CPU | {result.web.cpu_seconds:.1f} s "
        f"({result.web.cpu_seconds / result.seconds:.0%} of its core) | |",
        f"| 429s | {result.web.too_early} | 0 |",
        f"| peak RSS of the fetching process | {result.max_rss_mb:.0f} MB | "
        f"< {RSS_LIMIT_MB:.0f} MB |",
        f"| WARC written | {result.warc_bytes / 1e6:.1f} MB in {result.warc_files} files | |",
        "",
        f"Outcomes: {_outcome_line(result)}.",
        "",
        f"Web: {_web_line(result)}.",
        "",
    ]


def profile_section(profiles: ThreadProfiles, result: RunResult) -> list[str]:
    """Return the markdown lines of a profiled ceiling run: CPU by area, top functions."""
    stats = profiles.stats()
    groups = own_time_by_group(stats)
    total = sum(seconds for _, seconds in groups) or 1.0
    lines = [
        "### Where the ceiling run's CPU goes (cProfile, thread CPU clock, every thread)",
        "",
        f"Profiled pass: {result.pages_per_second:.0f} pages/s under the profiler "
        f"({result.ok} pages, {result.cpu_seconds:.1f} CPU s); profiled CPU {total:.1f} s, "
        f"{total / max(result.ok, 1) * 1000:.2f} ms per page. The profiler's cost per call "
        "inflates code made of many small calls (the connection pool's scans) more than C "
        "code (zlib): read shares as rough, and the unprofiled ms per page above as the truth.",
        "",
        "| area (own time) | CPU s | share | ms per page |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {group} | {seconds:.2f} | {seconds / total:.0%} | "
        f"{seconds / max(result.ok, 1) * 1000:.3f} |"
        for group, seconds in groups
        if seconds / total >= 0.005
    ]
    lines += ["", "Top functions by own time:", "", "```"]
    lines += top_functions(stats, sort="tottime", limit=25)
    lines += ["```", "", "Top functions by cumulative time:", "", "```"]
    lines += top_functions(stats, sort="cumulative", limit=30)
    lines += ["```", ""]
    return lines


def header_section(command: str, hosts: int, pages_per_host: int) -> list[str]:
    """Return the markdown lines that say where and how the benchmark ran."""
    sizes = [len(page_html(spec, page)) for spec in polite_hosts(hosts, 1) for page in range(20)]
    return [
        f"## Fetch benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- Command: `{command}`",
        f"- Machine: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), "
        f"{_cpu_model()}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {_versions()}",
        f"- Simulated web: {hosts} hosts × {pages_per_host} pages, each host its own "
        f"ThreadingHTTPServer on 127.0.0.1 in a child process; pages "
        f"{min(sizes) / 1000:.1f}-{max(sizes) / 1000:.1f} KB of HTML (sample mean "
        f"{statistics.mean(sizes) / 1000:.1f} KB), gzip level 1 on the wire",
        "",
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.fetch_bench", description=__doc__)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pages-per-host", type=int, default=100)
    parser.add_argument(
        "--out", type=Path, help="append the markdown section to this file (default: stdout)"
    )
    parser.add_argument(
        "--polite-in-flight",
        type=int,
        default=Settings.max_in_flight,
        help="max_in_flight of the polite run (default: the pipeline's default)",
    )
    parser.add_argument("--ceiling-in-flight", type=int, default=32)
    parser.add_argument(
        "--slack", type=float, default=DEFAULT_SLACK, help="seconds early the web tolerates"
    )
    parser.add_argument(
        "--captures-dir", type=Path, help="folder for the temporary WARC files (default: /tmp)"
    )
    parser.add_argument("--json", type=Path, help="also write the headline figures as JSON")
    parser.add_argument("--skip-polite", action="store_true")
    parser.add_argument("--skip-ceiling", action="store_true")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile a second ceiling pass (done anyway when the ceiling misses)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write its markdown section; return the exit status."""
    args = _parser().parse_args(argv)
    command = shlex.join(["python", "-m", "bench.fetch_bench", *(argv or sys.argv[1:])])
    lines = header_section(command, args.hosts, args.pages_per_host)
    figures: dict[str, object] = {"command": command}
    rss_before = current_rss_mb()
    lines += [f"RSS of the fetching process before fetching (imports): {rss_before:.0f} MB.", ""]
    if not args.skip_polite:
        polite = polite_run(
            args.hosts,
            args.pages_per_host,
            in_flight=args.polite_in_flight,
            slack=args.slack,
            captures_root=args.captures_dir,
        )
        lines += polite_section(polite, args.slack)
        figures["polite"] = run_figures(polite)
        _progress(f"polite: {polite.pages_per_second:.1f} pages/s, {polite.web.too_early} 429s")
    if not args.skip_ceiling:
        per_host = max(args.pages_per_host, math.ceil(CEILING_MIN_PAGES / args.hosts))
        ceiling, note = ceiling_run(
            args.hosts, per_host, in_flight=args.ceiling_in_flight, captures_root=args.captures_dir
        )
        lines += ceiling_section(ceiling, note)
        figures["ceiling"] = run_figures(ceiling)
        _progress(f"ceiling: {ceiling.pages_per_second:.0f} pages/s")
        if args.profile or ceiling.pages_per_second < CEILING_TARGET:
            profiles = ThreadProfiles()
            profiled_result, _ = ceiling_run(
                args.hosts,
                per_host,
                in_flight=args.ceiling_in_flight,
                captures_root=args.captures_dir,
                profiles=profiles,
            )
            lines += profile_section(profiles, profiled_result)
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    text = "\n".join(lines) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 0


def run_figures(result: RunResult) -> dict[str, float]:
    """Return a run's headline figures: pages/s, 429s, peak RSS, and the politeness bounds
    when its hosts have a rate limit (a ceiling run's hosts have none)."""
    figures = {
        "pages_per_second": result.pages_per_second,
        "pages": result.ok,
        "seconds": result.seconds,
        "too_early": result.web.too_early,
        "max_rss_mb": result.max_rss_mb,
        "cpu_seconds": result.cpu_seconds,
    }
    if all(host.interval > 0 for host in result.hosts):
        bounds = polite_bounds(result.hosts)
        figures |= {"makespan_bound": bounds.makespan, "rate_bound": bounds.rate}
    return figures


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
