"""Serve the demo newsroom until Ctrl-C: `python -m newsroom [--host 127.0.0.1]`."""

from __future__ import annotations

import argparse
import threading

from newsroom.catalogue import OUTLETS, SITEMAP_PATH
from newsroom.server import serve_newsroom


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted, print each outlet's URLs, and return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m newsroom", description=__doc__)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    with serve_newsroom(args.host) as newsroom:
        for outlet in OUTLETS:
            base = newsroom.base_urls[outlet.slug]
            print(f"{outlet.name:<20} {base}/")
            print(f"{'':<20} feed:    {base}{outlet.feed_path}")
            print(f"{'':<20} sitemap: {base}{SITEMAP_PATH}", flush=True)
        try:
            # Announced inside the try: Ctrl-C right after the line must still be caught.
            print("Serving; press Ctrl-C to stop.", flush=True)
            threading.Event().wait()
        except KeyboardInterrupt:
            print("Stopped.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
