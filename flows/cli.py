"""The `mediawatch` command: the demo, and nightly ingests from a config file."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from flows.cli_eval import register as register_eval
from flows.cli_extract import register as register_extract
from flows.cli_rebuild import register as register_rebuild
from flows.cli_report import register as register_report
from flows.cli_sql import register as register_sql
from flows.config import ConfigError, load_settings
from flows.local_server import ServerError
from flows.local_server import register as register_server
from flows.prefect_env import configure_prefect
from flows.preflight import check_storage
from warehouse.disk import InsufficientDiskSpaceError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_CONFIG = PROJECT_ROOT / "config" / "demo.toml"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `mediawatch` command."""
    parser = argparse.ArgumentParser(
        prog="mediawatch", description="Media-monitoring pipeline: news into DuckDB."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo",
        help="serve the demo newsroom on 127.0.0.1 and run one nightly ingest against it "
        "(or one per simulated day with --days)",
    )
    demo.add_argument(
        "--data-dir",
        type=Path,
        default=Path(".mediawatch/demo"),
        help="where the demo keeps its lake, captures and warehouse (default: %(default)s)",
    )
    demo.add_argument(
        "--days",
        type=_positive_int,
        default=1,
        help="simulated days of news, one ingest each, the last one yesterday; the newsroom "
        "publishes new stories and updates earlier ones every day after the first "
        "(default: %(default)s, the fixed newsroom and one ingest)",
    )
    demo.set_defaults(run=lambda args: run_demo(args.data_dir, days=args.days))
    ingest = commands.add_parser("ingest", help="run one nightly ingest of a config's sources")
    ingest.add_argument("--config", type=Path, required=True, help="TOML config file")
    ingest.set_defaults(run=lambda args: run_ingest(args.config))
    # Commands with modules of their own: each adds its parser and sets `run`.
    for register in (
        register_extract,
        register_eval,
        register_rebuild,
        register_sql,
        register_server,
        register_report,
    ):
        register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
        return status
    except ConfigError as error:
        print(f"mediawatch: {error}", file=sys.stderr)
        return 2
    except InsufficientDiskSpaceError as error:
        print(f"mediawatch: {error}; nothing was fetched", file=sys.stderr)
        return 3
    except ServerError as error:
        print(f"mediawatch: {error}", file=sys.stderr)
        return 2


def run_ingest(config_path: Path) -> int:
    """Run the nightly flow for a config file and print what it did."""
    # A bad config or a full disk stops the run here, before Prefect starts.
    check_storage(load_settings(config_path))
    configure_prefect()
    from prefect.exceptions import FailedRun

    from flows.nightly import nightly_ingest  # Prefect reads its settings on import

    started = time.monotonic()
    try:
        result = nightly_ingest(str(config_path.resolve()))
    except FailedRun as error:
        print(f"mediawatch: the run failed: {error}", file=sys.stderr)
        return 1
    print_report(Path(result.warehouse_path), result.run_id, time.monotonic() - started)
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def run_demo(data_dir: Path, *, days: int = 1) -> int:
    """Serve the demo newsroom, ingest it once (or once per simulated day), and print the
    summary and an example query."""
    if days > 1:
        from flows.cli_demo import run_demo_days

        return run_demo_days(data_dir, days, demo_config=DEMO_CONFIG)
    from newsroom.server import serve_newsroom, stable_base_urls

    data_dir = data_dir.resolve()
    configure_prefect(home=data_dir.parent / "prefect")
    from flows.nightly import nightly_ingest

    with serve_newsroom(public_base_urls=stable_base_urls()) as newsroom:
        substitutions = {"data_dir": str(data_dir), **newsroom.addresses}
        rendered = render_config(DEMO_CONFIG, substitutions, data_dir / "demo.toml")
        check_storage(load_settings(rendered))
        print(f"demo newsroom: {len(newsroom.base_urls)} outlets on 127.0.0.1", flush=True)
        started = time.monotonic()
        result = nightly_ingest(str(rendered))
        elapsed = time.monotonic() - started
    print_report(Path(result.warehouse_path), result.run_id, elapsed)
    return 0


def render_config(template: Path, substitutions: dict[str, str], target: Path) -> Path:
    """Write the template with its {name} placeholders filled in; return the written path."""
    text = template.read_text(encoding="utf-8")
    for name, value in substitutions.items():
        text = text.replace("{" + name + "}", value)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def print_report(warehouse_path: Path, run_id: str, elapsed_seconds: float) -> None:
    """Print the run's per-source summary, outcomes by reason and the example query."""
    import pandas as pd

    from warehouse.published import open_reader
    from warehouse.queries import (
        EXAMPLE_QUERY,
        article_rows_checksum,
        example_analyst_query,
        outcomes_by_reason,
        run_summary,
    )

    connection = open_reader(warehouse_path)
    try:
        with pd.option_context("display.width", 120, "display.max_columns", 20):
            print(f"\nrun {run_id} finished in {elapsed_seconds:.1f} s")
            print(f"warehouse: {warehouse_path}\n")
            print("per source:")
            print(run_summary(connection, run_id).to_string(index=False))
            print("\noutcomes by reason:")
            print(outcomes_by_reason(connection, run_id).to_string(index=False))
            print("\nexample analyst query:" + EXAMPLE_QUERY)
            print(example_analyst_query(connection).to_string(index=False))
            print(f"\narticle rows checksum: {article_rows_checksum(connection)}")
    finally:
        connection.close()


if __name__ == "__main__":
    sys.exit(main())
