"""`mediawatch report` (the coverage report page) and `mediawatch serve` (the reports folder
on loopback)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows.cli_sql import DEMO_RENDERED_CONFIG
from flows.config import load_settings
from reports.defaults import DEFAULT_DAYS, DEFAULT_PORT, DEFAULT_REPORT_NAME, reports_dir
from reports.serve import base_url, make_server, report_url

REPORT_DESCRIPTION = f"""\
Writes one self-contained HTML page (charts and tables, nothing fetched from the network)
from the warehouse, opened read-only: articles per outlet per day over the last N complete
days, source health (expected against actual volume, silent sources highlighted), outcomes
by reason per source, the language mix, the largest syndication clusters and, with --query,
the coverage of a full-text search per outlet per day. The warehouse is the demo's unless
--config or --warehouse says otherwise; the page goes to reports/{DEFAULT_REPORT_NAME} beside
it unless --out says otherwise. A warehouse with no run yet gives a "no data yet" page.
"""
SERVE_DESCRIPTION = """\
Serves the reports folder (reports/ beside the warehouse, or --dir) over HTTP on 127.0.0.1
only, so pages open in a browser and from the links on Prefect run pages. Ctrl-C stops it.
"""


class ReportCommandError(Exception):
    """Raised for a `report` or `serve` invocation that cannot run; the message says why."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `report` and `serve` commands to the CLI's subcommands."""
    report = commands.add_parser(
        "report",
        help="write the coverage report: one self-contained HTML page",
        description=REPORT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_warehouse_options(report)
    report.add_argument("--out", type=Path, help="the HTML file to write")
    report.add_argument(
        "--days",
        type=_days,
        default=DEFAULT_DAYS,
        help="complete days the report covers (default: %(default)s)",
    )
    report.add_argument(
        "--query",
        metavar="TERMS",
        help='a full-text search ("phrases", OR, NOT or -) whose coverage to chart',
    )
    report.set_defaults(run=run_report)
    serve = commands.add_parser(
        "serve",
        help="serve the reports folder on 127.0.0.1",
        description=SERVE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    where = _add_warehouse_options(serve)
    where.add_argument("--dir", type=Path, help="the folder to serve")
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help="port on 127.0.0.1 (default: %(default)s)",
    )
    serve.set_defaults(run=run_serve)


def run_report(args: argparse.Namespace) -> int:
    """Write the report; return the exit status."""
    try:
        warehouse = _warehouse_path(args)
    except ReportCommandError as error:
        return _fail(str(error))
    from reports.write import write_report  # pandas and plotly: only for this command

    folder = reports_dir(warehouse)
    out: Path = args.out if args.out is not None else folder / DEFAULT_REPORT_NAME
    written = write_report(warehouse, out, days=args.days, query=args.query)
    size = written.stat().st_size
    print(f"wrote {written} ({size / 1_000_000:.1f} MB)")
    try:
        url = report_url(written, folder, DEFAULT_PORT)
    except ValueError:
        return 0
    print(f"with `mediawatch serve` running, open {url}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """Serve the reports folder until interrupted; return the exit status."""
    try:
        folder: Path = args.dir if args.dir is not None else reports_dir(_warehouse_path(args))
    except ReportCommandError as error:
        return _fail(str(error))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        server = make_server(folder, args.port)
    except OSError as error:
        return _fail(f"cannot listen on 127.0.0.1:{args.port}: {error.strerror}")
    url = base_url(server.server_address[1])
    print(f"serving {folder} at {url} (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.server_close()
    return 0


def _add_warehouse_options(
    parser: argparse.ArgumentParser,
) -> argparse._MutuallyExclusiveGroup:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--config", type=Path, help="the warehouse of this config file")
    where.add_argument("--warehouse", type=Path, help="the warehouse file (DuckDB)")
    return where


def _warehouse_path(args: argparse.Namespace) -> Path:
    if args.warehouse is not None:
        path: Path = args.warehouse
        return path
    if args.config is not None:
        return load_settings(args.config).warehouse_path
    if not DEMO_RENDERED_CONFIG.is_file():
        raise ReportCommandError(
            f"no demo warehouse ({DEMO_RENDERED_CONFIG} not found): run `mediawatch demo` "
            "first, or give --config or --warehouse"
        )
    return load_settings(DEMO_RENDERED_CONFIG).warehouse_path


def _days(text: str) -> int:
    days = int(text)
    if days < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return days


def _fail(message: str) -> int:
    print(f"mediawatch: {message}", file=sys.stderr)
    return 2
