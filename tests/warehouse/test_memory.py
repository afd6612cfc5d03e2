"""Freed memory goes back to the system: pyarrow on the C allocator, large blocks mapped
on their own, glibc trimmed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]

# Each in a process of its own: the allocator choice holds for the whole process.
ARROW_POOL = """
import pyarrow as pa
from warehouse.memory import return_freed_memory_promptly
before = pa.default_memory_pool().backend_name
return_freed_memory_promptly()
table = pa.table({"text": ["x" * 1000] * 1000})
print(before, pa.default_memory_pool().backend_name, pa.system_memory_pool().bytes_allocated() > 0)
"""

TRIM = """
from warehouse.memory import release_freed_memory

def resident_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024

# 200 MB in blocks below glibc's mmap threshold, every other one freed: the freed half
# stays in the heap (its top is still in use) until trimmed.
blocks = [bytearray(100_000) for _ in range(2_000)]
del blocks[::2]
before = resident_mb()
release_freed_memory()
print(before - resident_mb())
"""


def _run(code: str) -> str:
    # glibc's tunables from the environment would change what is measured.
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MALLOC_", "GLIBC_"))}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.strip()


def test_arrow_buffers_come_from_the_c_allocator_once_asked() -> None:
    before, after, used = _run(ARROW_POOL).split()
    assert before != "system"  # pyarrow's own default (mimalloc or jemalloc)
    assert (after, used) == ("system", "True")


def test_trimming_gives_the_freed_half_of_the_heap_back() -> None:
    released_mb = int(_run(TRIM))
    assert released_mb >= 50


LARGE_BLOCKS = """
from warehouse.memory import return_freed_memory_promptly

def resident_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024

# A freed 1 MB mapping raises glibc's own threshold past 256 KB, as a load's first freed
# buffers do: DuckDB-sized blocks then come from the heap, and freeing every other one
# leaves the heap as large as before.
import ctypes, ctypes.util
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
libc.free(libc.malloc(1_000_000))
{setup}
blocks = [bytearray(256 * 1024) for _ in range(800)]
before = resident_mb()
del blocks[::2]
print(before - resident_mb())
"""


def test_large_blocks_go_back_to_the_system_as_soon_as_freed() -> None:
    unchanged = int(_run(LARGE_BLOCKS.format(setup="")))
    changed = int(_run(LARGE_BLOCKS.format(setup="return_freed_memory_promptly()")))
    # 400 blocks of 256 KB freed: 100 MB.
    assert changed >= 90
    assert unchanged < 20
