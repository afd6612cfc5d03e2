"""`mediawatch extract`: pages through exactly the pipeline's extraction, one JSON per page."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` command to the CLI's subcommands."""
    parser = commands.add_parser("extract", help="extract pages with the pipeline's extraction")
    parser.add_argument("paths", nargs="*", help="HTML files or folders (.html, .html.gz)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit status."""
    raise NotImplementedError("mediawatch extract is not built yet")
