"""Named crash points for fault-injection tests: `checkpoint` kills its own process when
``MEDIAWATCH_FAULT_POINT`` arms it, and returns at once otherwise.

``MEDIAWATCH_FAULT_POINT=name[:count]`` arms the point ``name``: the ``count``-th time this
process reaches it (the first, when no count is given), the process sends itself SIGKILL,
as a power cut or an out-of-memory kill would end it: no ``finally`` block, no ``atexit``
handler, no buffered write gets to run. Tests arm one point per run and check that the
next run leaves the warehouse as an uninterrupted run would
(``tests/flows/test_crash_safety.py``).

The points, in the order a nightly run reaches them:

- ``fetch``: a fetch batch got a response, before it is captured;
- ``warc``: between a capture's request and response records in a WARC file;
- ``extract``: a page was extracted, before its chunk's lake parts are written;
- ``parquet``: a lake part is written under its temporary name, not yet renamed;
- ``compact``: a run's merged parts are written, its small parts not yet removed;
- ``commit``: the commit record is written under its temporary name, not yet renamed;
- ``load``: a run's rows are merged into the warehouse, its transaction not committed;
- ``index``: the search index refresh has indexed a load's articles, uncommitted;
- ``publish``: a standby is loaded and checkpointed, the symlink not yet switched.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections import Counter

FAULT_POINT_VARIABLE = "MEDIAWATCH_FAULT_POINT"
POINTS = (
    "fetch",
    "warc",
    "extract",
    "parquet",
    "compact",
    "commit",
    "load",
    "index",
    "publish",
)

_reached: Counter[str] = Counter()
_lock = threading.Lock()


def parse_fault_point(value: str) -> tuple[str, int]:
    """Return the (point, count) a ``name[:count]`` setting arms; raises ValueError for an
    unknown point or a count that is not a positive integer."""
    name, _, count_text = value.strip().partition(":")
    if name not in POINTS:
        raise ValueError(f"{FAULT_POINT_VARIABLE}: unknown point {name!r}; known: {POINTS}")
    if not count_text:
        return name, 1
    if not count_text.isdigit() or int(count_text) < 1:
        raise ValueError(f"{FAULT_POINT_VARIABLE}: count must be a positive integer: {value!r}")
    return name, int(count_text)


def checkpoint(name: str) -> None:
    """Return at once, unless this is the armed point reached for the armed time: then
    kill this process with SIGKILL (Tasks on threads share one count per process)."""
    armed = os.environ.get(FAULT_POINT_VARIABLE)
    if not armed:
        return
    point, count = parse_fault_point(armed)
    if point != name:
        return
    with _lock:
        _reached[name] += 1
        if _reached[name] < count:
            return
        # Said on stderr first, so that a test can tell this kill from any other death.
        sys.stderr.write(f"fault point {name} reached {count} times: SIGKILL\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGKILL)
