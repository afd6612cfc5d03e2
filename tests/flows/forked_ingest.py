"""Runs `mediawatch ingest` many times quickly: a process that imports the pipeline once,
then forks one child per ingest, so a killed run costs its own work, not the imports.

Started by `ForkedIngests` with the environment the runs need (the Prefect API's URL among
it); one JSON request a line on stdin, one JSON answer a line on stdout:

    {"config": "...", "fault": "load:1" | null, "kill_after": 3.5 | null, "log": "..."}
    {"status": 0 | null, "signal": 9 | null, "seconds": 4.2, "timed_out": false}

A child arms ``MEDIAWATCH_FAULT_POINT`` with ``fault`` (the point kills it), or is killed
with SIGKILL by this process ``kill_after`` seconds after it started, whichever comes first;
one still running after RUN_LIMIT_SECONDS is killed too, and the answer says it timed out.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warehouse.faults import FAULT_POINT_VARIABLE

_POLL_SECONDS = 0.02
RUN_LIMIT_SECONDS = 300.0


@dataclass(frozen=True, kw_only=True)
class IngestExit:
    """How one forked ingest ended."""

    status: int | None
    """Its exit status, when it exited."""
    signal: int | None
    """The signal that ended it, when one did."""
    seconds: float
    timed_out: bool = False

    @property
    def killed(self) -> bool:
        """Return whether SIGKILL ended the run."""
        return self.signal == signal.SIGKILL


class ForkedIngests:
    """A running fork server of ingests (see the module docstring); close it when done."""

    def __init__(self, env: dict[str, str]) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.flows.forked_ingest"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=Path(__file__).resolve().parents[2],
        )
        ready = self._read()
        assert ready == {"ready": True}, ready

    def run(
        self, config: Path, log: Path, *, fault: str | None = None, kill_after: float | None = None
    ) -> IngestExit:
        """Run one ingest of ``config`` to its end (or its kill); its output goes to ``log``."""
        request = {"config": str(config), "fault": fault, "kill_after": kill_after, "log": str(log)}
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        answer = self._read()
        return IngestExit(
            status=answer["status"],
            signal=answer["signal"],
            seconds=answer["seconds"],
            timed_out=answer["timed_out"],
        )

    def close(self) -> None:
        """Stop the fork server."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)

    def _read(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"the fork server ended (status {self._process.poll()})")
        answer: dict[str, Any] = json.loads(line)
        return answer


def _child(request: dict[str, Any]) -> None:
    # In the forked child: never returns into the server's loop.
    status = 70
    try:
        descriptor = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(descriptor, 1)
        os.dup2(descriptor, 2)
        if request["fault"]:
            os.environ[FAULT_POINT_VARIABLE] = request["fault"]
        from flows.cli import main

        status = main(["ingest", "--config", request["config"]])
    except BaseException as error:  # reported in the log; the status says it failed
        print(f"forked ingest: {type(error).__name__}: {error}", file=sys.stderr)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _serve() -> None:
    # Everything a run imports, once, before the first fork.
    for module in ("flows.cli", "flows.nightly", "transforms.extract"):
        importlib.import_module(module)

    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(request)
        deadline = None if request["kill_after"] is None else started + request["kill_after"]
        timed_out = False
        while True:
            done, wait_status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                os.kill(pid, signal.SIGKILL)
                deadline = None
            elif not timed_out and now - started >= RUN_LIMIT_SECONDS:
                os.kill(pid, signal.SIGKILL)
                timed_out = True
            time.sleep(_POLL_SECONDS)
        answer = {
            "status": os.WEXITSTATUS(wait_status) if os.WIFEXITED(wait_status) else None,
            "signal": os.WTERMSIG(wait_status) if os.WIFSIGNALED(wait_status) else None,
            "seconds": time.monotonic() - started,
            "timed_out": timed_out,
        }
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    _serve()
