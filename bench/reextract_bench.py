"""Re-extraction from stored WARC captures, side by side in one run: the plain trafilatura
loop, the pipeline's re-extraction without Prefect and the backfill flow itself.

    python -m bench.reextract_bench                          # 10,000 corpus pages
    python -m bench.reextract_bench --articles 100000 --pages synthetic --batch 250 --flow-only

Phases, each in a spawned child process; a phase's peak memory is that of its whole process
tree (its extraction pool's workers), sampled from /proc. The flows talk to a Prefect API
server the benchmark starts outside their trees, as a deployment's server is a service of
its own; its peak memory is given beside theirs:

1. build: a data folder of N stored captures (`bench.stored_captures`): corpus pages (the
   trafilatura-eval and fundus pages, cycled under distinct URLs) or distinct synthetic ones;
2. plain: ``trafilatura.extract(html, output_format="json", with_metadata=True)`` over each
   distinct page once, in one process, the pages read into memory first: the limit;
3. functions: the backfill's reextract path with Prefect left out, on a copy of the folder:
   the selection, chunks of ``--batch`` pages extracted from WARC by the tasks' own functions
   (``.fn``) in the local process pool with the flow's window of chunks in flight, the
   commit and the publish;
4. flow: the ``backfill`` flow (mode reextract over the capture day) on another copy, on a
   Prefect API started, and warmed up by an empty flow run, before the clock starts; its
   task runs are then read back from the API.

Figures: docs/s and docs/s per core; Prefect's share of the flow's wall time (flow minus
functions, over flow); task runs by task; peak RSS. Targets on a 2-core machine: the
pipeline's re-extraction ≥ 0.9 × (plain × cores); Prefect < 5 % of the run; peak RSS of a
100,000-article backfill < 2 GB. ``--json`` writes every figure for `bench.suite`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shlex
import shutil
import socket
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench.machine import load_average, load_line, this_machine
from bench.process_tree import TreeMemory, descendants, tree_cpu_seconds
from evaluation.corpus import CORPUS_VARIABLE, corpus_dir

EXTRACTION_TARGET = 0.9
"""The pipeline's re-extraction docs/s over (plain docs/s × cores) must reach this."""
PREFECT_SHARE_TARGET = 0.05
RSS_TARGET_BYTES = 2_000_000_000
WARM_UP_PAGES = 5
PLAIN_PAGES = 1_200
PLAIN_CHUNK = 4
"""Distinct pages the plain loop extracts (all of the corpus's, about 1,170)."""


def main(argv: list[str] | None = None) -> int:
    """Run the phases; print or append the markdown section, write the JSON figures."""
    args = _parser().parse_args(argv)
    if args.pages == "corpus" and not (corpus_dir() / "trafilatura-eval").is_dir():
        raise SystemExit(
            f"no evaluation corpus at {corpus_dir()}: --pages corpus reads its pages; set "
            f"{CORPUS_VARIABLE} to the corpus folder, or use --pages synthetic"
        )
    command = shlex.join(["python", "-m", "bench.reextract_bench", *(argv or sys.argv[1:])])
    work = Path(args.work_dir or tempfile.mkdtemp(prefix="reextract-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {
        "command": command,
        "machine": this_machine().as_dict(),
        "articles": args.articles,
        "batch_size": args.batch,
        "pages": args.pages,
        "cores": len(os.sched_getaffinity(0)),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_before": load_average(),
    }
    try:
        with ExitStack() as stack:
            server_pid = None if args.ephemeral_api else stack.enter_context(_prefect_api(work))
            _run_phases(args, work, figures, server_pid)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    figures["load_after"] = load_average()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    text = "\n".join(markdown(figures)) + "\n"
    if args.out:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _run_phases(
    args: argparse.Namespace, work: Path, figures: dict[str, Any], server_pid: int | None
) -> None:
    parameters = {**vars(args), "work": str(work)}
    figures["build"] = _phase(work, "build", parameters)
    _progress(f"build: {figures['build']['seconds']:.0f} s")
    if args.flow_only:
        figures["flow"] = _phase(work, "flow", parameters, server_pid=server_pid)
        _progress(f"flow: {figures['flow']['seconds']:.0f} s")
        return
    figures["plain"] = _phase(work, "plain", parameters)
    _progress(f"plain: {figures['plain']['docs_per_second']:.1f} docs/s")
    # functions, flow, flow, functions...: a neighbour's load that drifts through the runs
    # weighs on both alike.
    runs: dict[str, list[dict[str, Any]]] = {"functions": [], "flow": []}
    for repeat in range(args.repeats):
        order = ("functions", "flow") if repeat % 2 == 0 else ("flow", "functions")
        for name in order:
            label = f"{name}-{repeat + 1}"
            runs[name].append(_phase(work, name, parameters, label, server_pid))
            _progress(f"{name} {repeat + 1}: {runs[name][-1]['seconds']:.0f} s")
    figures["functions"] = _mean_of(runs["functions"])
    figures["flow"] = _mean_of(runs["flow"])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.reextract_bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--pages", choices=("corpus", "synthetic"), default="corpus")
    parser.add_argument("--batch", type=int, default=100, help="pages per extraction task")
    parser.add_argument(
        "--flow-only", action="store_true", help="build and run the flow only (memory)"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=2,
        help="runs of each of functions and flow, in the order AB BA ... (default 2)",
    )
    parser.add_argument(
        "--ephemeral-api",
        action="store_true",
        help="let the flow start Prefect's temporary API itself, inside its process tree "
        "(default: an API server started by the benchmark, outside it, as under a deployment)",
    )
    parser.add_argument("--work-dir", type=Path, help="folder for the data (default: temporary)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--out", type=Path, help="append the markdown section to this file")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    return parser


# Phases ---------------------------------------------------------------------------------


def _phase(
    work: Path,
    name: str,
    parameters: dict[str, Any],
    label: str | None = None,
    server_pid: int | None = None,
) -> dict[str, Any]:
    """Run one phase in a spawned child; return its figures with its tree's peak memory
    (and the peak of the API server it used, when one runs outside its tree)."""
    result = work / f"{label or name}.json"
    context = multiprocessing.get_context("spawn")
    parameters = {**parameters, "api_server_pid": server_pid}
    child = context.Process(
        target=_run_phase, args=(name, json.dumps(parameters, default=str), str(result))
    )
    started = time.perf_counter()
    child.start()
    assert child.pid is not None
    memory = TreeMemory(child.pid)
    server_memory = TreeMemory(server_pid) if server_pid is not None else None
    child.join()
    peak = memory.stop()
    if child.exitcode != 0:
        raise RuntimeError(f"phase {name} ended with status {child.exitcode}")
    figures: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    figures["peak"] = asdict(peak) | {"total_mb": peak.total_mb}
    if server_memory is not None:
        server_peak = server_memory.stop()
        figures["api_server_peak"] = asdict(server_peak) | {"total_mb": server_peak.total_mb}
    figures["phase_seconds"] = time.perf_counter() - started
    figures["load"] = load_average()
    return figures


@contextmanager
def _prefect_api(work: Path) -> Iterator[int]:
    """Run a Prefect API server from this process, outside every measured tree, for the
    flow phases; yield its process id.

    Under a deployment (`mediawatch server`) the API is a service of its own that every flow
    run talks to, not a part of a backfill; without one, Prefect would start a temporary
    API inside the flow's process tree. Its memory and CPU are reported beside the flow's.
    """
    from flows.local_server import prefect_server, server_environment

    home = work / "prefect-server"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = server_environment(home, port, os.environ)
    before = set(descendants(os.getpid()))
    with prefect_server(port=port, home=home, environment=environment, scheduler=False) as url:
        started = [pid for pid in descendants(os.getpid()) if pid not in before]
        saved = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = url
        try:
            yield min(started)  # the server's own process, started first
        finally:
            if saved is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = saved


_AVERAGED = (
    "seconds",
    "tree_cpu_seconds",
    "steady_docs_per_second",
    "extract_docs_per_second",
    "extract_cpu_seconds",
)


def _mean_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Return repeated runs of a phase as one: the mean of each timing, the largest peak
    memory, the last load average, and each run's own figures."""
    merged = dict(runs[0])
    for key in _AVERAGED:
        if key in merged:
            merged[key] = sum(run[key] for run in runs) / len(runs)
    for key in ("peak", "api_server_peak"):
        if key in merged:
            merged[key] = max((run[key] for run in runs), key=lambda peak: peak["total_bytes"])
    merged["load"] = runs[-1]["load"]
    merged["runs"] = [{key: run[key] for key in (*_AVERAGED, "load") if key in run} for run in runs]
    return merged


def _run_phase(name: str, parameters_json: str, result_path: str) -> None:
    parameters = json.loads(parameters_json)
    phases: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "build": _build,
        "plain": _plain,
        "functions": _functions,
        "flow": _flow,
    }
    figures = phases[name](parameters)
    Path(result_path).write_text(json.dumps(figures, default=str), encoding="utf-8")


def _build(parameters: dict[str, Any]) -> dict[str, Any]:
    from bench.stored_captures import build_folder, corpus_pages, cycled, synthetic_pages

    started = time.perf_counter()
    if parameters["pages"] == "corpus":
        pages = corpus_pages()
        source, distinct = cycled(pages), len(pages)
    else:
        source, distinct = synthetic_pages(), parameters["articles"]
    built = build_folder(
        Path(parameters["work"]) / "stored",
        source,
        articles=parameters["articles"],
        distinct_pages=distinct,
        batch_size=parameters["batch"],
        progress=_progress,
    )
    return {
        "seconds": time.perf_counter() - started,
        "day": built.day.isoformat(),
        "distinct_pages": built.distinct_pages,
        "warc_mb": built.warc_bytes / 1e6,
    }


def _plain(parameters: dict[str, Any]) -> dict[str, Any]:
    import trafilatura

    from bench.stored_captures import corpus_pages, synthetic_pages

    if parameters["pages"] == "corpus":
        pages = corpus_pages()[:PLAIN_PAGES]
    else:
        pages = list(synthetic_pages()(PLAIN_PAGES))
    for page in pages[:WARM_UP_PAGES]:
        trafilatura.extract(page, output_format="json", with_metadata=True)
    started = time.perf_counter()
    cpu = time.process_time()
    for page in pages:
        trafilatura.extract(page, output_format="json", with_metadata=True)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    # The same loop on every core at once, as a neighbour's load would slow the pipeline.
    cores = len(os.sched_getaffinity(0))
    chunks = [pages[i : i + PLAIN_CHUNK] for i in range(0, len(pages), PLAIN_CHUNK)]
    with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_plain_chunk, [pages[:WARM_UP_PAGES]] * cores))
        pooled_started = time.perf_counter()
        done = sum(pool.map(_plain_chunk, chunks))
        pooled_seconds = time.perf_counter() - pooled_started
    return {
        "pages": len(pages),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "docs_per_second": len(pages) / seconds,
        "pooled_docs_per_second": done / pooled_seconds,
    }


def _plain_chunk(pages: list[bytes]) -> int:
    import trafilatura

    for page in pages:
        trafilatura.extract(page, output_format="json", with_metadata=True)
    return len(pages)


def _copy_folder(parameters: dict[str, Any], name: str) -> Path:
    """Return a copy of the built folder in which a run can commit and publish: its own
    lake and warehouse, the captures shared (a re-extraction only reads them).

    The warehouse the build published is copied, not loaded again here: this runs in the
    measured phase's process, whose peak memory must be the run's own."""
    from warehouse.published import replica_folder

    work = Path(parameters["work"])
    stored, copy = work / "stored", work / name
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    shutil.copy2(stored / "bench.toml", copy / "bench.toml")
    shutil.copytree(stored / "lake", copy / "lake")
    warehouse = stored / "mediawatch.duckdb"
    # The replicas and the relative symlink that publishes one of them.
    shutil.copytree(replica_folder(warehouse), replica_folder(copy / warehouse.name))
    (copy / warehouse.name).symlink_to(warehouse.readlink())
    (copy / "captures").symlink_to(stored / "captures", target_is_directory=True)
    return copy / "bench.toml"


def _day(parameters: dict[str, Any]) -> date:
    built = json.loads((Path(parameters["work"]) / "build.json").read_text(encoding="utf-8"))
    return date.fromisoformat(built["day"])


def _functions(parameters: dict[str, Any]) -> dict[str, Any]:
    """The flow's reextract path with every function called directly, no Prefect."""
    from flows.backfill import select_captures_task
    from flows.backfill_request import backfill_request
    from flows.config import load_settings
    from flows.executors import IN_FLIGHT_PER_SLOT, local_slots, warm_up
    from flows.locks import CAPTURES_LOCK, WAREHOUSE_LOCK, file_lock
    from flows.pipeline import (
        ExtractedChunk,
        Parts,
        commit_run_task,
        extract_pages_task,
        lookup_known,
        new_run,
        release_run,
    )
    from flows.preflight import check_storage
    from flows.report import INGEST_COLUMNS, RunReport
    from flows.steps.stored_pages import fetched_from_store, with_capture_file
    from warehouse.published import publish_runs

    config = _copy_folder(parameters, "functions")
    settings = load_settings(config)
    day = _day(parameters)
    request = backfill_request(
        start=day,
        end=day,
        mode="reextract",
        sources=None,
        dry_run=False,
        warc_files=None,
        configured=[s.name for s in settings.sources],
        today=datetime.now(UTC).date(),
        base_dir=Path.cwd(),
    )
    names = [s.name for s in settings.sources]
    report = RunReport(title="bench", sources=names, columns=INGEST_COLUMNS)
    times: dict[str, float] = {}
    cpu = tree_cpu_seconds(os.getpid())
    started = time.perf_counter()
    run = new_run(datetime.now(UTC), label="bench")
    check_storage(settings)
    window = IN_FLIGHT_PER_SLOT * local_slots()
    parts: list[Parts] = []
    with file_lock(
        settings.coordination_dir / CAPTURES_LOCK, holder=run.holder, purpose="read", shared=True
    ):
        stored = select_captures_task.fn(settings, request)
        present, _ = with_capture_file(stored, settings.captures_dir)
        times["select"] = time.perf_counter() - started
        warm_up()
        extract_started = time.perf_counter()
        extract_cpu = tree_cpu_seconds(os.getpid())
        in_flight: deque[Future[ExtractedChunk]] = deque()
        settled: list[tuple[float, int]] = []

        def settle_oldest() -> None:
            extracted = in_flight.popleft().result()
            parts.append(extracted.parts)
            report.count_outcomes(extracted.outcomes)
            settled.append((time.perf_counter(), len(extracted.outcomes)))

        with ThreadPoolExecutor(max_workers=window) as threads:
            for number, offset in enumerate(range(0, len(present), settings.batch_size)):
                chunk = tuple(
                    fetched_from_store(c) for c in present[offset : offset + settings.batch_size]
                )
                while len(in_flight) >= window:
                    settle_oldest()
                known = lookup_known(settings, [page.final_url for page in chunk])
                name = f"{run.run_id}-x{number:05d}"
                in_flight.append(
                    threads.submit(extract_pages_task.fn, settings, chunk, known, run, name)
                )
            while in_flight:
                settle_oldest()
        times["extract"] = time.perf_counter() - extract_started
        extract_cpu = tree_cpu_seconds(os.getpid()) - extract_cpu
    # Steady state: from the end of the first round of chunks (one per slot: each process
    # imported, warmed its caches) to the last chunk.
    first_round = settled[min(local_slots(), len(settled)) - 1]
    steady_pages = sum(pages for _, pages in settled[local_slots() :])
    steady_seconds = settled[-1][0] - first_round[0]
    commit_started = time.perf_counter()
    commit_run_task.fn(settings, run, parts, "backfill-reextract")
    times["commit"] = time.perf_counter() - commit_started
    publish_started = time.perf_counter()
    with file_lock(settings.coordination_dir / WAREHOUSE_LOCK, holder=run.holder, purpose="load"):
        published = publish_runs(settings.warehouse_path, settings.lake)
    times["publish"] = time.perf_counter() - publish_started
    release_run(run)
    seconds = time.perf_counter() - started
    cpu = tree_cpu_seconds(os.getpid()) - cpu
    articles = Counter[str]()
    for counts in report.sources.values():
        articles.update({str(reason): n for reason, n in counts.articles.items()})
    return {
        "seconds": seconds,
        "tree_cpu_seconds": cpu,
        "phases": times,
        "pages": len(present),
        "extract_docs_per_second": len(present) / times["extract"],
        "steady_docs_per_second": steady_pages / steady_seconds if steady_seconds else 0.0,
        "steady_pages": steady_pages,
        "extract_cpu_seconds": extract_cpu,
        "outcomes": dict(articles),
        "loaded": run.run_id in published.loaded_runs,
        "window": window,
    }


def _flow(parameters: dict[str, Any]) -> dict[str, Any]:
    """The backfill flow through Prefect, on an API started before the clock starts."""
    from flows.prefect_env import configure_prefect

    config = _copy_folder(parameters, "flow")
    configure_prefect(home=Path(parameters["work"]) / "prefect-home")
    from prefect import flow

    from flows.backfill import backfill

    @flow(name="warm-up")
    def warm_up_api() -> None:
        """Start Prefect's API (and migrate its database) before timing."""

    warm_up_api()
    day = _day(parameters)
    server_pid = parameters.get("api_server_pid")

    def cpu_seconds() -> float:
        # The API server's work for the run counts as Prefect's, wherever it runs.
        server = tree_cpu_seconds(server_pid) if server_pid is not None else 0.0
        return tree_cpu_seconds(os.getpid()) + server

    cpu = cpu_seconds()
    started = time.perf_counter()
    state = backfill(
        start=day, end=day, mode="reextract", config_path=str(config), return_state=True
    )
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    flow_run_id = state.state_details.flow_run_id
    assert flow_run_id is not None
    result = state.result(raise_on_failure=False)
    return {
        "seconds": seconds,
        "tree_cpu_seconds": cpu,
        "state": state.type.value,
        "message": state.message,
        "selected": getattr(result, "selected", None),
        "task_runs": _task_runs(flow_run_id),
    }


def _task_runs(flow_run_id: Any) -> dict[str, int]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    counts: Counter[str] = Counter()
    with get_client(sync_client=True) as client:
        offset = 0
        while True:
            runs = client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
                limit=200,
                offset=offset,
            )
            counts.update(run.name.rsplit("-", 1)[0] for run in runs)
            if len(runs) < 200:
                return dict(counts)
            offset += len(runs)


# Report ---------------------------------------------------------------------------------


def markdown(figures: dict[str, Any]) -> list[str]:
    """Return the markdown section of a run's figures."""
    cores = figures["cores"]
    flow = figures["flow"]
    lines = [
        f"### Re-extraction of {figures['articles']:,} stored articles ({figures['pages']} pages)",
        "",
        f"- Command: `{figures['command']}` (started {figures['started']} UTC)",
        f"- Machine: {_machine_line(figures)}; load average before "
        f"{load_line(figures['load_before'])}, after {load_line(figures['load_after'])}",
        f"- Pages: {figures['build']['distinct_pages']:,} distinct, "
        f"{figures['build']['warc_mb']:.0f} MB of WARC; {figures['batch_size']} pages per "
        "extraction task",
        "",
        "| figure | value | target | load after |",
        "|---|---|---|---|",
    ]
    if "plain" in figures:
        plain, functions = figures["plain"], figures["functions"]
        limit = plain["docs_per_second"] * cores
        steady = functions["steady_docs_per_second"]
        whole = functions["extract_docs_per_second"]
        share = (flow["seconds"] - functions["seconds"]) / flow["seconds"]
        cpu_share = (flow["tree_cpu_seconds"] - functions["tree_cpu_seconds"]) / flow[
            "tree_cpu_seconds"
        ]
        lines += [
            f"| plain trafilatura loop, 1 process ({plain['pages']:,} distinct pages from "
            f"memory, after {WARM_UP_PAGES} to warm up) | **{plain['docs_per_second']:.1f} "
            f"docs/s** (per core) | the limit: × {cores} cores = {limit:.1f} docs/s | "
            f"{load_line(plain['load'])} |",
            f"| pipeline re-extraction from WARC, {cores} processes, steady state "
            f"({functions['steady_pages']:,} pages after each process's first chunk) | "
            f"**{steady:.1f} docs/s**, {steady / cores:.1f} per core = "
            f"**{steady / limit:.2f}** × (plain × {cores}) | ≥ {EXTRACTION_TARGET} × "
            f"(plain × cores) = {EXTRACTION_TARGET * limit:.1f} docs/s "
            f"({_mark(steady >= EXTRACTION_TARGET * limit)}) | {load_line(functions['load'])} |",
            f"| … the whole extract phase (process start-up and first chunks included) | "
            f"{whole:.1f} docs/s, {whole / limit:.2f} × (plain × {cores}) | | |",
            f"| … beside the plain loop measured on {cores} processes at once (the same "
            f"neighbours) | plain {plain['pooled_docs_per_second']:.1f} docs/s: pipeline "
            f"steady state = {steady / plain['pooled_docs_per_second']:.2f} × that | | |",
            f"| CPU per page: plain loop / pipeline extract phase (all its processes) | "
            f"{plain['cpu_seconds'] / plain['pages'] * 1000:.0f} ms / "
            f"{functions['extract_cpu_seconds'] / functions['pages'] * 1000:.0f} ms | | |",
            f"| the re-extraction's functions without Prefect (`functions`): whole run | "
            f"{functions['seconds']:.1f} s ({_phases(functions['phases'])}); "
            f"{functions['tree_cpu_seconds']:.0f} CPU s | | |",
            f"| the backfill flow through Prefect (`flow`): whole run | {flow['seconds']:.1f} s, "
            f"{figures['articles'] / flow['seconds']:.1f} docs/s, {flow['state']}; "
            f"{flow['tree_cpu_seconds']:.0f} CPU s (its API server's included) | | "
            f"{load_line(flow['load'])} |",
            f"| each run, in order | {_each_run(functions, flow)} | | |",
            f"| Prefect's share of the run: (flow − functions) / flow, wall time | "
            f"**{share:.1%}** ({flow['seconds'] - functions['seconds']:.1f} s) | "
            f"< {PREFECT_SHARE_TARGET:.0%} ({_mark(share < PREFECT_SHARE_TARGET)}) | |",
            f"| … the same in CPU time (process trees, less sensitive to a busy neighbour) | "
            f"{cpu_share:.1%} ({flow['tree_cpu_seconds'] - functions['tree_cpu_seconds']:.0f}"
            " CPU s) | | |",
        ]
    task_runs = flow["task_runs"]
    batches = -(-figures["articles"] // figures["batch_size"])
    lines.append(
        f"| task runs of the flow | **{sum(task_runs.values())}**: "
        + ", ".join(f"{name} {count}" for name, count in sorted(task_runs.items()))
        + f" | grow with batches ({batches} of {figures['batch_size']}), not articles | |"
    )
    for phase in ("build", "plain", "functions", "flow"):
        if phase not in figures:
            continue
        peak = figures[phase]["peak"]
        target = (
            f"< {RSS_TARGET_BYTES / 1e9:.0f} GB ({_mark(peak['total_bytes'] < RSS_TARGET_BYTES)})"
            if phase == "flow"
            else ""
        )
        lines.append(
            f"| peak RSS, `{phase}` process tree | **{peak['total_mb']:,.0f} MB** summed over "
            f"{peak['processes_at_peak']} processes (PSS {peak['pss_bytes'] / 1e6:,.0f} MB); "
            f"largest each: {_kinds(peak)} | {target} | |"
        )
        server = figures[phase].get("api_server_peak")
        if server is not None:
            lines.append(
                f"| peak RSS, the Prefect API server that `{phase}` used (a service of its "
                f"own, as under `mediawatch server`: started by the benchmark outside the "
                f"flow's tree) | {server['total_mb']:,.0f} MB; with the flow's tree (both "
                f"peaks added) {peak['total_mb'] + server['total_mb']:,.0f} MB | | |"
            )
    lines.append("")
    return lines


def _each_run(functions: dict[str, Any], flow: dict[str, Any]) -> str:
    runs = [("functions", run) for run in functions["runs"]] + [("flow", r) for r in flow["runs"]]
    cells = [
        f"{name} {run['seconds']:.1f} s ({run['tree_cpu_seconds']:.0f} CPU s, load "
        f"{run['load'][0]:.1f})"
        for name, run in runs
    ]
    return "; ".join(cells) + " (run as functions, flow, flow, functions, ...; means above)"


def _machine_line(figures: dict[str, Any]) -> str:
    machine = figures["machine"]
    return (
        f"{machine['cpu']}, {machine['cores']} cores ({machine['usable_cores']} usable), "
        f"{machine['memory_gb']:.1f} GB RAM"
    )


def _phases(times: dict[str, float]) -> str:
    return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in times.items())


def _kinds(peak: dict[str, Any]) -> str:
    kinds = sorted(peak["by_kind"].items(), key=lambda item: -item[1])
    return ", ".join(f"{name} {size / 1e6:,.0f} MB" for name, size in kinds[:4])


def _mark(met: bool) -> str:
    return "met" if met else "**missed**"


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
