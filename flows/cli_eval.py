"""`mediawatch eval`: the pipeline's extraction scored on the shared corpus, beside trafilatura."""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

from evaluation.corpus import corpus_dir
from evaluation.run import evaluate, render_report


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `eval` command to the CLI's subcommands."""
    parser = commands.add_parser(
        "eval",
        help="score extraction on the evaluation corpus, beside plain trafilatura",
        description=(
            "Scores main text on trafilatura-eval and title, date, authors and body on "
            "metadata-gold/fundus, for the pipeline's extraction and for plain trafilatura, "
            "on the development half, the test half and both."
        ),
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="corpus folder (default: $MEDIAWATCH_CORPUS, else ../shared/corpus)",
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print its report; return the exit status."""
    root = corpus_dir(args.corpus)
    if not (root / "trafilatura-eval").is_dir() or not (root / "metadata-gold").is_dir():
        print(f"mediawatch: no evaluation corpus in {root}", file=sys.stderr)
        return 2
    started = time.monotonic()
    report = evaluate(root, jobs=args.jobs, limit=args.limit)
    command = "mediawatch " + shlex.join(sys.argv[1:]) if sys.argv[1:] else "mediawatch eval"
    print(render_report(report, command=command))
    print(f"\n{time.monotonic() - started:.0f} s")
    return 0
