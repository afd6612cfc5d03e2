"""`mediawatch extract`: pages through exactly the pipeline's extraction, one JSON per page."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from transforms.batch_extract import (
    PageListError,
    extract_files,
    list_pages,
    to_json_line,
)

DESCRIPTION = """\
Runs the pipeline's extraction and cleaning (the nightly flow's own functions) on saved
pages and prints one JSON object a line, in input order: path, url, status, reason,
page_class (article, not_article, paywall, consent_wall, too_short, non_html, empty),
detail, article_id, title, authors, published_at (ISO 8601 with the page's offset),
date_source, the other metadata fields, language, word_count, content_hash, simhash and
text. A file that cannot be read gets status "failed" with the error; the exit status is
then 1, after every page was tried. A count by class goes to standard error.
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` command to the CLI's subcommands."""
    parser = commands.add_parser(
        "extract",
        help="extract pages with the pipeline's extraction",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="HTML files (.html, .html.gz) or folders, searched recursively",
    )
    parser.add_argument("--url", default=None, help="the URL of the page, when given one file")
    parser.add_argument(
        "--manifest",
        type=Path,
        default=None,
        help="CSV with columns path,url; relative paths are read from the CSV's folder",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="worker processes (default: every core)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit status."""
    if not args.paths and args.manifest is None:
        print("mediawatch extract: give pages, folders or --manifest", file=sys.stderr)
        return 2
    jobs = args.jobs if args.jobs is not None else os.cpu_count() or 1
    if jobs < 1:
        print("mediawatch extract: --jobs must be at least 1", file=sys.stderr)
        return 2
    counts: Counter[str] = Counter()
    try:
        pages = list_pages(args.paths, manifest=args.manifest, url=args.url)
        for record in extract_files(pages, jobs=jobs):
            counts[record["page_class"] or record["status"]] += 1
            sys.stdout.write(to_json_line(record) + "\n")
    except PageListError as error:
        sys.stdout.flush()
        print(f"mediawatch extract: {error}", file=sys.stderr)
        return 2
    sys.stdout.flush()
    summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    print(f"{sum(counts.values())} pages: {summary or 'none'}", file=sys.stderr)
    return 1 if counts["failed"] else 0
