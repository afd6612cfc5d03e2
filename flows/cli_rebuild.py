"""`mediawatch rebuild`: the warehouse rebuilt from the Parquet lake alone."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from flows.config import load_settings
from warehouse.published import PublishBlockedError, rebuild, rebuild_and_publish


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `rebuild` command to the CLI's subcommands."""
    parser = commands.add_parser(
        "rebuild",
        help="rebuild the warehouse from the lake's committed runs",
        description=(
            "Loads every committed lake run, oldest first, into a fresh DuckDB file. Without "
            "--out the file becomes a standby replica and is published (readers switch to it "
            "on their next open); with --out it is written there and nothing is published."
        ),
    )
    parser.add_argument("--config", type=Path, required=True, help="TOML config file")
    parser.add_argument("--out", type=Path, default=None, help="write a new file here instead")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Rebuild; return the exit status."""
    settings = load_settings(args.config)
    started = time.monotonic()
    if args.out is not None:
        try:
            loaded = rebuild(settings.lake, args.out)
        except FileExistsError as error:
            print(f"mediawatch: {error}", file=sys.stderr)
            return 2
        target = args.out
    else:
        try:
            result = rebuild_and_publish(settings.warehouse_path, settings.lake)
        except PublishBlockedError as error:
            print(f"mediawatch: {error}", file=sys.stderr)
            return 4
        loaded, target = result.loaded_runs, result.replica
    elapsed = time.monotonic() - started
    print(f"rebuilt {target} from {len(loaded)} committed runs in {elapsed:.1f} s")
    return 0
