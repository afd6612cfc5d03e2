"""`mediawatch server` (`make server`): a local Prefect server with the project's
deployments and a worker, so the UI at http://127.0.0.1:4200 shows and runs them.

It starts `prefect server start` on 127.0.0.1 (analytics off, its database in a folder of
its own), waits until the API answers, creates the `mediawatch` process work pool,
deploys every deployment of prefect.yaml, and runs a worker of the pool in the foreground.
Ctrl-C stops the worker, then the server.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import httpx

WORK_POOL = "mediawatch"
DEFAULT_PORT = 4200
DEFAULT_HOME = Path(".mediawatch/prefect-server")
STARTUP_TIMEOUT_SECONDS = 180.0
"""A fresh server database takes ~20 s to migrate on 2 cores; later starts 6-8 s."""
HOST = "127.0.0.1"


class ServerError(Exception):
    """Raised when the server, the deployment or the worker cannot be started."""


def server_environment(home: Path, port: int, base: Mapping[str, str]) -> dict[str, str]:
    """Return the environment of the server, the Prefect commands and the worker: an API
    on loopback, analytics off, the database under ``home``."""
    environment = dict(base)
    environment.update(
        {
            "PREFECT_HOME": str(home.resolve()),
            "PREFECT_API_URL": f"http://{HOST}:{port}/api",
            "PREFECT_UI_URL": f"http://{HOST}:{port}",
            "PREFECT_SERVER_API_HOST": HOST,
            "PREFECT_SERVER_API_PORT": str(port),
            # Offline, telemetry errors flood the log and can lock a fresh database.
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
        }
    )
    return environment


def prefect_command(*arguments: str) -> list[str]:
    """Return the command line of the `prefect` CLI installed beside this Python."""
    return [str(Path(sys.executable).parent / "prefect"), *arguments]


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def wait_until_healthy(
    api_url: str, process: subprocess.Popen[bytes], timeout: float, log_file: Path
) -> None:
    """Return once the API answers its health check; raise ServerError if the server
    process ends first or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(
                f"the Prefect server stopped while starting (exit {process.returncode}); "
                f"see {log_file}"
            )
        try:
            if httpx.get(f"{api_url}/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise ServerError(f"the Prefect server did not answer within {timeout:.0f} s; see {log_file}")


@contextmanager
def prefect_server(
    *, port: int, home: Path, environment: Mapping[str, str], scheduler: bool = True
) -> Iterator[str]:
    """Run `prefect server start` on 127.0.0.1 for the block; yield its API URL."""
    if not _port_is_free(port):
        raise ServerError(
            f"port {port} on {HOST} is in use (another Prefect server?): stop it or pass --port"
        )
    home.mkdir(parents=True, exist_ok=True)
    log_file = home / "server.log"
    command = prefect_command("server", "start", "--host", HOST, "--port", str(port))
    if not scheduler:
        command.append("--no-scheduler")
    with log_file.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 - our own prefect executable
            command,
            env=dict(environment),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        api_url = f"http://{HOST}:{port}/api"
        wait_until_healthy(api_url, process, STARTUP_TIMEOUT_SECONDS, log_file)
        yield api_url
    finally:
        _stop(process)


def deploy_all(project_root: Path, environment: Mapping[str, str]) -> None:
    """Create (or update) the process work pool and deploy every deployment of
    prefect.yaml; raise ServerError with Prefect's output if either fails."""
    # prefect.yaml's pull step names "{{ $PWD }}": the repository root, not our cwd.
    environment = {**environment, "PWD": str(project_root)}
    for arguments in (
        ("--no-prompt", "work-pool", "create", WORK_POOL, "--type", "process", "--overwrite"),
        ("--no-prompt", "deploy", "--all"),
    ):
        done = subprocess.run(  # noqa: S603 - our own prefect executable
            prefect_command(*arguments),
            cwd=project_root,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise ServerError(
                f"`prefect {' '.join(arguments)}` failed:\n{done.stdout}\n{done.stderr}"
            )


@contextmanager
def pool_worker(
    project_root: Path, environment: Mapping[str, str], log_file: Path | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a worker of the work pool for the block (its output to ``log_file``, or ours)."""
    command = prefect_command("worker", "start", "--pool", WORK_POOL)
    with log_file.open("ab") if log_file else _no_file() as log:
        process = subprocess.Popen(  # noqa: S603 - our own prefect executable
            command,
            cwd=project_root,
            env=dict(environment),
            stdout=log,
            stderr=subprocess.STDOUT if log else None,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        _stop(process)


@contextmanager
def _no_file() -> Iterator[None]:
    yield None


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_server(*, port: int, home: Path, project_root: Path) -> int:
    """Start the server, deploy, and run a worker until Ctrl-C; return the exit status."""
    environment = server_environment(home, port, os.environ)

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"starting a Prefect server on {HOST}:{port} (database in {home})", flush=True)
    try:
        with prefect_server(port=port, home=home, environment=environment):
            deploy_all(project_root, environment)
            print(
                f"deployed prefect.yaml to work pool {WORK_POOL!r}\n"
                f"Prefect UI: http://{HOST}:{port}  (Ctrl-C stops the worker and the server)\n"
                "starting a worker ...",
                flush=True,
            )
            with pool_worker(project_root, environment) as worker:
                worker.wait()
                raise ServerError(f"the worker stopped (exit {worker.returncode})")
    except KeyboardInterrupt:
        print("\nstopped the worker and the server", flush=True)
        return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `server` command to the `mediawatch` command line."""
    server = commands.add_parser(
        "server",
        help="start a local Prefect server on 127.0.0.1, deploy prefect.yaml and run a worker",
    )
    server.add_argument("--port", type=int, default=DEFAULT_PORT, help="default: %(default)s")
    server.add_argument(
        "--home",
        type=Path,
        default=DEFAULT_HOME,
        help="the server's Prefect home and database (default: %(default)s)",
    )
    server.set_defaults(
        run=lambda args: run_server(
            port=args.port, home=args.home, project_root=Path(__file__).resolve().parent.parent
        )
    )
