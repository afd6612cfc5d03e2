"""The machine a benchmark ran on: CPU, cores, memory, load, versions."""

from __future__ import annotations

import os
import platform
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

PACKAGES = ("prefect", "prefect-dask", "trafilatura", "lxml", "duckdb", "pyarrow")


@dataclass(frozen=True, kw_only=True)
class Machine:
    """Where and with what a figure was measured."""

    cpu: str
    cores: int
    usable_cores: int
    memory_gb: float
    system: str
    python: str
    packages: dict[str, str]

    def line(self) -> str:
        """Return the machine as one markdown line."""
        versions = ", ".join(f"{name} {version}" for name, version in self.packages.items())
        return (
            f"{self.cpu}, {self.cores} cores ({self.usable_cores} usable), "
            f"{self.memory_gb:.1f} GB RAM, {self.system}, Python {self.python}; {versions}"
        )

    def as_dict(self) -> dict[str, object]:
        """Return the machine as JSON-ready data."""
        return asdict(self)


def this_machine() -> Machine:
    """Return this machine's description."""
    return Machine(
        cpu=cpu_model(),
        cores=os.cpu_count() or 1,
        usable_cores=len(os.sched_getaffinity(0)),
        memory_gb=_memory_bytes() / 1e9,
        system=f"{platform.system()} {platform.release()}",
        python=platform.python_version(),
        packages={name: _version(name) for name in PACKAGES},
    )


def load_average() -> tuple[float, float, float]:
    """Return the 1, 5 and 15 minute load averages."""
    return os.getloadavg()


def load_line(load: tuple[float, float, float] | list[float]) -> str:
    """Return a load average as ``1.02 / 0.87 / 0.55``."""
    return " / ".join(f"{value:.2f}" for value in load)


def cpu_model() -> str:
    """Return the CPU's model name (from /proc/cpuinfo), or the platform's guess."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_bytes() -> int:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"
