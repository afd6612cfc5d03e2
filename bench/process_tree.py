"""Peak memory of a process tree: a process and every process it started, summed.

`ru_maxrss` gives one process's peak; a run's pool workers, Prefect's API server and Dask
workers are processes of their own. `TreeMemory` samples the resident set of the whole tree
(from /proc) every quarter second while the process runs and keeps the largest sum, and the
largest single process by command line.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_SECONDS = 0.25
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class TreePeak:
    """The largest summed RSS seen, and each process kind's largest RSS, in bytes; and
    the largest summed PSS (shared pages split between the processes sharing them)."""

    total_bytes: int = 0
    processes_at_peak: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    pss_bytes: int = 0
    samples: int = 0

    @property
    def total_mb(self) -> float:
        """Return the peak in MB (10^6 bytes)."""
        return self.total_bytes / 1e6


def descendants(root: int) -> list[int]:
    """Return ``root`` and every living process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields follow the last ")".
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found = [root]
    for pid in found:
        found += children.get(pid, [])
    return found


def tree_cpu_seconds(root: int) -> float:
    """Return the CPU seconds (user and system) the living tree under ``root`` has used,
    the children its processes have already reaped included."""
    ticks = 0
    for pid in descendants(root):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        # utime, stime, cutime, cstime: fields 14-17 of stat(5), 12-15 after the name.
        ticks += sum(int(value) for value in fields[11:15])
    return ticks / _TICKS


def rss_bytes(pid: int) -> int:
    """Return a process's resident set in bytes (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/statm").read_text(encoding="utf-8").split()
    except OSError:
        return 0
    return int(fields[1]) * _PAGE_BYTES


def pss_bytes(pid: int) -> int:
    """Return a process's proportional set size in bytes (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="utf-8").splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def process_kind(pid: int) -> str:
    """Return a short name of what a process runs: the module or script of its command."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "gone"
    arguments = [a.decode(errors="replace") for a in raw.split(b"\0") if a]
    if "-m" in arguments[:-1]:
        return arguments[arguments.index("-m") + 1]
    for argument in arguments:
        if "forkserver" in argument:
            return "fork server and its workers"
        if "spawn_main" in argument:
            return "spawned process"
        if "uvicorn" in argument or "prefect" in argument.rsplit("/", 1)[-1]:
            return "prefect server"
    return Path(arguments[0]).name if arguments else "?"


class TreeMemory:
    """Samples a process tree's summed RSS from a thread until stopped."""

    def __init__(self, root: int) -> None:
        self._root = root
        self.peak = TreePeak()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="tree-memory", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(SAMPLE_SECONDS)

    def sample(self) -> None:
        """Take one sample now."""
        tree = descendants(self._root)
        sizes = {pid: rss_bytes(pid) for pid in tree}
        total = sum(sizes.values())
        self.peak.samples += 1
        if total > self.peak.total_bytes:
            self.peak.total_bytes = total
            self.peak.processes_at_peak = sum(1 for size in sizes.values() if size)
        self.peak.pss_bytes = max(self.peak.pss_bytes, sum(pss_bytes(pid) for pid in tree))
        for pid, size in sizes.items():
            kind = "the phase's own process" if pid == self._root else process_kind(pid)
            if size:
                self.peak.by_kind[kind] = max(self.peak.by_kind.get(kind, 0), size)

    def stop(self) -> TreePeak:
        """Stop sampling; return the peak."""
        self._stop.set()
        self._thread.join()
        return self.peak
