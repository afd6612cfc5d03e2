"""Giving freed memory back to the system, so that a loading process's resident set
follows what it holds now, not the most it ever held.

Two allocators keep what a load frees unless told otherwise (measured loading a
100,000-article run, DuckDB held to 1 GB, in a process of 110 MB before it):
- pyarrow's default pool (mimalloc) keeps the pages of the Parquet batches a load streams
  in and of the search index's Arrow exchanges;
- glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MB),
  so DuckDB's 256 KB buffers come to live in its heaps, which keep what is freed.
The process peaked near 1.9 GB with both as they come, 1.3-1.6 GB with both changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any

import duckdb
import pyarrow as pa

_M_MMAP_THRESHOLD = -3
"""mallopt's parameter number for the mmap threshold (glibc's malloc.h)."""
MMAP_THRESHOLD_BYTES = 128 * 1024
"""Blocks of this size or more get a mapping of their own, unmapped when freed."""


def return_freed_memory_promptly() -> None:
    """From now on, in this process: pyarrow allocates with the C allocator, and glibc
    maps large blocks on their own (its threshold fixed at `MMAP_THRESHOLD_BYTES`)."""
    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)


def release_freed_memory() -> None:
    """Return the C allocator's free pages to the system (glibc's ``malloc_trim``; a
    no-op with another C library)."""
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


@cache
def _libc() -> Any:
    # Looked up once: find_library asks ldconfig, and every load calls this three times.
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name is not None else None


_HELD = """
SELECT tag, memory_usage_bytes // 1048576, temporary_storage_bytes // 1048576
FROM duckdb_memory() WHERE memory_usage_bytes >= 1048576 OR temporary_storage_bytes >= 1048576
ORDER BY memory_usage_bytes DESC
"""


def describe_held_memory(connection: duckdb.DuckDBPyConnection) -> str:
    """Return what DuckDB holds, by kind (``ART_INDEX 120 MB, ...``), for an out-of-memory
    message: asked through a cursor, which works while the connection's transaction has
    failed. Empty if DuckDB cannot say."""
    try:
        with connection.cursor() as cursor:
            rows = cursor.execute(_HELD).fetchall()
    except duckdb.Error:
        return ""
    return ", ".join(
        f"{tag} {held} MB" + (f" (+{spilled} MB on disk)" if spilled else "")
        for tag, held, spilled in rows
    )
