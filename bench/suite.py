"""`make bench`: every benchmark, one after another on this machine, and BENCHMARKS.md.

    python -m bench.suite                                   # everything: ~2.5 hours, ~45 GB
    python -m bench.suite --warehouse-report FILE           # the warehouse from a report

Runs, each as its own command (the command is written beside its figures):

1. ``bench.reextract_bench``: 10,000 stored corpus pages: the plain trafilatura loop, the
   pipeline's re-extraction from WARC, the same functions without Prefect and the backfill
   flow (Prefect's share, task runs, peak RSS);
2. ``bench.reextract_bench --articles 100000 --pages synthetic --batch 250 --flow-only``:
   the peak RSS of a 100,000-article backfill's process tree (and its task runs);
3. ``bench.fetch_bench --profile``: pages/s against the politeness bound on a simulated web,
   the fetcher's ceiling;
4. ``bench.warehouse_bench``: load and query latencies at 1,000,000 articles (most of an
   hour, ~40 GB of temporary disk). With ``--warehouse-report FILE`` it is not run: the
   section is that report, as an earlier run of the same command wrote it.

BENCHMARKS.md gets a table of every figure against its target, then each run's own section
(command, machine, load average, the figures with their peak RSS).
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.machine import load_average, load_line, this_machine
from bench.reextract_bench import EXTRACTION_TARGET, PREFECT_SHARE_TARGET, RSS_TARGET_BYTES

FETCH_SHARE_TARGET = 0.90
FETCH_CEILING_TARGET = 300.0
FETCH_RSS_TARGET_MB = 500.0
WAREHOUSE_ROWS = (
    "nightly run",
    "single `load_run`",
    "search index refresh",
    "query:",
    "peak RSS",
)
"""The warehouse report's summary rows carried into the table of targets."""


@dataclass(frozen=True, kw_only=True)
class Step:
    """One benchmark command of the suite and the files it leaves."""

    name: str
    title: str
    arguments: tuple[str, ...]
    json: bool = True

    def command(self, results: Path) -> list[str]:
        """Return the command line, writing into the results folder."""
        command = [sys.executable, "-m", *self.arguments, "--out", str(self.markdown(results))]
        if self.json:
            command += ["--json", str(self.figures(results))]
        return command

    def markdown(self, results: Path) -> Path:
        """Return where the step's markdown section goes."""
        return results / f"{self.name}.md"

    def figures(self, results: Path) -> Path:
        """Return where the step's JSON figures go."""
        return results / f"{self.name}.json"


STEPS = (
    Step(
        name="reextract",
        title="Extraction and Prefect's share: re-extracting 10,000 stored articles",
        arguments=("bench.reextract_bench", "--articles", "10000"),
    ),
    Step(
        name="memory",
        title="Memory: a 100,000-article backfill",
        arguments=(
            "bench.reextract_bench",
            "--articles",
            "100000",
            "--pages",
            "synthetic",
            "--batch",
            "250",
            "--flow-only",
        ),
    ),
    Step(
        name="fetch",
        title="Fetching against the politeness bound",
        arguments=("bench.fetch_bench", "--profile"),
    ),
    Step(
        name="warehouse",
        title="The warehouse at 1,000,000 articles",
        arguments=("bench.warehouse_bench",),
        json=False,
    ),
)


def main(argv: list[str] | None = None) -> int:
    """Run the steps, then write BENCHMARKS.md."""
    args = _parser().parse_args(argv)
    results = args.results or Path(tempfile.mkdtemp(prefix="bench-suite-"))
    results.mkdir(parents=True, exist_ok=True)
    chosen = [s for s in STEPS if args.only is None or s.name in args.only.split(",")]
    runs: dict[str, dict[str, Any]] = {}
    for step in chosen:
        if step.name == "warehouse" and args.warehouse_report is not None:
            runs[step.name] = {
                "source": str(args.warehouse_report),
                "text": args.warehouse_report.read_text(encoding="utf-8"),
            }
            continue
        if args.reuse and step.markdown(results).exists():
            runs[step.name] = _recorded(step, results)
            continue
        step.markdown(results).unlink(missing_ok=True)
        before = load_average()
        started = time.perf_counter()
        print(f"== {step.name}: {shlex.join(step.command(results))}", file=sys.stderr, flush=True)
        subprocess.run(step.command(results), check=True)  # noqa: S603 - our own modules
        runs[step.name] = _recorded(step, results) | {
            "seconds": time.perf_counter() - started,
            "load_before": before,
            "load_after": load_average(),
        }
        (results / f"{step.name}.run.json").write_text(
            json.dumps({k: v for k, v in runs[step.name].items() if k != "text"}),
            encoding="utf-8",
        )
    command = shlex.join(["python", "-m", "bench.suite", *(argv or sys.argv[1:])])
    args.out.write_text("\n".join(document(command, runs)) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.suite", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--results", type=Path, help="folder of each run's files (default: temp)")
    parser.add_argument(
        "--warehouse-report",
        type=Path,
        help="take the warehouse section from this report of bench.warehouse_bench instead "
        "of running it",
    )
    parser.add_argument("--only", help="comma-separated steps: reextract,memory,fetch,warehouse")
    parser.add_argument(
        "--reuse", action="store_true", help="take steps already in --results from there"
    )
    return parser


def _recorded(step: Step, results: Path) -> dict[str, Any]:
    recorded: dict[str, Any] = {"text": step.markdown(results).read_text(encoding="utf-8")}
    if step.json:
        recorded["figures"] = json.loads(step.figures(results).read_text(encoding="utf-8"))
    extra = results / f"{step.name}.run.json"
    if extra.exists():
        recorded |= json.loads(extra.read_text(encoding="utf-8"))
    return recorded


# The document ---------------------------------------------------------------------------


def document(command: str, runs: dict[str, dict[str, Any]]) -> list[str]:
    """Return BENCHMARKS.md's lines."""
    machine = this_machine()
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`{command}`) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. The "
        "benchmarks ran one after another on the machine below; each section names the "
        "command that produced its figures and the load average it saw (the machine is "
        "shared: a busy neighbour slows every figure). `bench/README.md` says what each "
        "benchmark does.",
        "",
        f"Machine: {machine.line()}.",
        "",
        "## Against the targets",
        "",
        "| stage | figure | measured | target | met? | command |",
        "|---|---|---|---|---|---|",
    ]
    lines += _target_rows(runs)
    lines += ["", "Commands:", ""]
    for number, (name, command) in enumerate(_commands(runs), start=1):
        lines.append(f"{number}. `{command}` ({name})")
    lines.append("")
    for step in STEPS:
        run = runs.get(step.name)
        if run is None:
            continue
        lines += [f"## {step.title}", ""]
        if "seconds" in run:
            lines += [
                f"Ran {run['seconds'] / 60:.1f} min; load average "
                f"{load_line(run['load_before'])} before, {load_line(run['load_after'])} after.",
                "",
            ]
        if "source" in run:
            lines += [
                f"Not run by this suite: the report `{run['source']}` of an earlier run of "
                "`python -m bench.warehouse_bench` (its command and machine are in it).",
                "",
            ]
        lines += _demoted(run["text"])
    return lines


def _commands(runs: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """Return (step, command) of each run, in the order of the table's references."""
    commands: list[tuple[str, str]] = []
    for step in STEPS:
        run = runs.get(step.name)
        if run is None:
            continue
        if "figures" in run:
            commands.append((step.name, run["figures"]["command"]))
        else:
            found = re.search(r"Command: `([^`]+)`", run["text"])
            commands.append((step.name, found.group(1) if found else "see its section"))
    return commands


def _target_rows(runs: dict[str, dict[str, Any]]) -> list[str]:
    references = {name: f"({n})" for n, (name, _) in enumerate(_commands(runs), start=1)}
    rows: list[str] = []
    if "reextract" in runs:
        rows += _extraction_rows(runs["reextract"]["figures"], references["reextract"])
    if "memory" in runs:
        rows += _memory_rows(runs["memory"]["figures"], references["memory"])
    if "fetch" in runs:
        rows += _fetch_rows(runs["fetch"]["figures"], references["fetch"])
    if "warehouse" in runs:
        rows += _warehouse_rows(runs["warehouse"]["text"], references["warehouse"])
    return rows


def _extraction_rows(figures: dict[str, Any], command: str) -> list[str]:
    cores = figures["cores"]
    plain, functions, flow = figures["plain"], figures["functions"], figures["flow"]
    limit = plain["docs_per_second"] * cores
    steady = functions["steady_docs_per_second"]
    share = (flow["seconds"] - functions["seconds"]) / flow["seconds"]
    task_runs = flow["task_runs"]
    return [
        f"| extraction | pipeline re-extraction from WARC ({cores} processes, steady state) "
        f"/ (plain trafilatura loop × {cores} cores) | {steady:.1f} / "
        f"({plain['docs_per_second']:.1f} × {cores}) docs/s = **{steady / limit:.2f}**; per "
        f"core {steady / cores:.1f} vs "
        f"{plain['docs_per_second']:.1f} docs/s | ≥ {EXTRACTION_TARGET} | "
        f"{_mark(steady >= EXTRACTION_TARGET * limit)} | {command} |",
        f"| Prefect | share of a {figures['articles']:,}-article re-extraction run: (flow − "
        f"functions) / flow | ({flow['seconds']:.1f} − {functions['seconds']:.1f}) / "
        f"{flow['seconds']:.1f} s = **{share:.1%}** | < {PREFECT_SHARE_TARGET:.0%} | "
        f"{_mark(share < PREFECT_SHARE_TARGET)} | {command} |",
        _task_runs_row(
            figures,
            "that run",
            f" ({task_runs.get('extract-pages', 0)} extraction tasks)",
            command,
        ),
        f"| extraction | peak RSS of that run's flow (process tree, summed) | "
        f"{flow['peak']['total_mb']:,.0f} MB | | | {command} |",
    ]


def _task_runs_row(figures: dict[str, Any], subject: str, detail: str, command: str) -> str:
    """Return the row of a flow's task runs: they must grow with batches, not articles."""
    task_runs = figures["flow"]["task_runs"]
    batches = -(-figures["articles"] // figures["batch_size"])
    return (
        f"| Prefect | task runs of {subject} | **{sum(task_runs.values())}** for {batches} "
        f"batches of {figures['batch_size']}{detail} | grow with batches | "
        f"{_mark(task_runs.get('extract-pages', 0) == batches)} | {command} |"
    )


def _memory_rows(figures: dict[str, Any], command: str) -> list[str]:
    flow = figures["flow"]
    peak = flow["peak"]
    server = flow.get("api_server_peak")
    beside = (
        ""
        if server is None
        else f"; the Prefect API server it used, a service of its own: {server['total_mb']:,.0f}"
        f" MB (both peaks added: {peak['total_mb'] + server['total_mb']:,.0f} MB)"
    )
    return [
        f"| memory | peak RSS of a {figures['articles']:,}-article backfill (reextract), its "
        f"whole process tree summed | **{peak['total_mb']:,.0f} MB** (PSS "
        f"{peak['pss_bytes'] / 1e6:,.0f} MB) in {flow['seconds'] / 60:.1f} min{beside} | < "
        f"{RSS_TARGET_BYTES / 1e9:.0f} GB | {_mark(peak['total_bytes'] < RSS_TARGET_BYTES)} | "
        f"{command} |",
        _task_runs_row(figures, "that backfill", "", command),
    ]


def _fetch_rows(figures: dict[str, Any], command: str) -> list[str]:
    rows: list[str] = []
    polite = figures.get("polite")
    if polite is not None:
        share = polite["pages_per_second"] / polite["makespan_bound"]
        rows += [
            f"| fetch | polite pages/s / politeness (makespan) bound | "
            f"{polite['pages_per_second']:.1f} / {polite['makespan_bound']:.1f} = "
            f"**{share:.1%}** | ≥ {FETCH_SHARE_TARGET:.0%} | {_mark(share >= FETCH_SHARE_TARGET)}"
            f" | {command} |",
            f"| fetch | politeness violations (429s) | **{polite['too_early']}** | 0 | "
            f"{_mark(polite['too_early'] == 0)} | {command} |",
            f"| fetch | peak RSS of the fetching process | **{polite['max_rss_mb']:.0f} MB** | < "
            f"{FETCH_RSS_TARGET_MB:.0f} MB | {_mark(polite['max_rss_mb'] < FETCH_RSS_TARGET_MB)}"
            f" | {command} |",
        ]
    ceiling = figures.get("ceiling")
    if ceiling is not None:
        rate = ceiling["pages_per_second"]
        rows.append(
            f"| fetch | ceiling, politeness off, one core | **{rate:.0f} pages/s** | ≥ "
            f"{FETCH_CEILING_TARGET:.0f} | {_mark(rate >= FETCH_CEILING_TARGET)} | {command} |"
        )
    return rows


def _warehouse_rows(report: str, command: str) -> list[str]:
    rows: list[str] = []
    for line in report.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith(WAREHOUSE_ROWS):
            figure, value, target, met = cells
            rows.append(f"| warehouse | {figure} | {value} | {target} | {met} | {command} |")
    return rows


def _demoted(text: str) -> list[str]:
    # Sections open with "##" or "###": one level below this document's "##".
    lines: list[str] = []
    for line in text.strip().splitlines():
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            line = "#" * max(level, 2) + "#" + line[level:]
        lines.append(line)
    return [*lines, ""]


def _mark(met: bool) -> str:
    return "met" if met else "**missed**"


if __name__ == "__main__":
    raise SystemExit(main())
