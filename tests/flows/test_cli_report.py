"""`mediawatch report` and `mediawatch serve` from the command line."""

from __future__ import annotations

import re
import shlex
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from flows.cli import main
from tests.interrupts import interruptible
from tests.reports.history_warehouse import HistoryWarehouse, build_history_warehouse

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> HistoryWarehouse:
    return build_history_warehouse(tmp_path_factory.mktemp("history"))


def test_report_to_a_file(
    capsys: pytest.CaptureFixture[str], history: HistoryWarehouse, tmp_path: Path
) -> None:
    out = tmp_path / "harbour.html"

    where = ["--warehouse", str(history.path), "--out", str(out)]
    status = main(["report", *where, "--days", "7", "--query", "harbour"])

    assert status == 0
    assert capsys.readouterr().out == f"wrote {out} (4.9 MB)\n"
    html = out.read_text(encoding="utf-8")
    assert "7 days, 2025-02-26 to 2025-03-04" in html
    assert '<section id="query">' in html


def test_report_goes_to_the_reports_folder_by_default(
    capsys: pytest.CaptureFixture[str], history: HistoryWarehouse
) -> None:
    status = main(["report", "--warehouse", str(history.path)])

    out = history.path.parent / "reports" / "coverage.html"
    assert status == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {out} (4.9 MB)",
        "with `mediawatch serve` running, open http://127.0.0.1:8470/coverage.html",
    ]
    assert "14 days, 2025-02-19 to 2025-03-04" in out.read_text(encoding="utf-8")


def test_report_of_a_missing_warehouse_says_no_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r.html"

    assert main(["report", "--warehouse", str(tmp_path / "none.duckdb"), "--out", str(out)]) == 0
    assert "No data yet" in out.read_text(encoding="utf-8")


def test_days_must_be_positive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--warehouse", str(tmp_path / "w.duckdb"), "--days", "0"])

    assert exit_.value.code == 2
    assert "--days: must be at least 1" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_until_interrupted(tmp_path: Path) -> None:
    (tmp_path / "coverage.html").write_text("<h1>report</h1>", encoding="utf-8")
    port = _free_port()
    command = [sys.executable, "-m", "flows.cli", "serve", "--dir", str(tmp_path)]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        preexec_fn=interruptible,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        page = httpx.get(f"http://127.0.0.1:{port}/coverage.html", timeout=10)
    finally:
        server.send_signal(signal.SIGINT)
        rest, _ = server.communicate(timeout=20)

    assert first == f"serving {tmp_path} at http://127.0.0.1:{port}/ (Ctrl-C stops)\n"
    assert page.text == "<h1>report</h1>"
    assert (server.returncode, rest) == (0, "stopped\n")


def test_serve_on_a_taken_port(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        status = main(["serve", "--dir", str(tmp_path), "--port", str(port)])

    assert status == 2
    assert capsys.readouterr().err.startswith(f"mediawatch: cannot listen on 127.0.0.1:{port}: ")


def test_the_readme_report_commands_run(
    capsys: pytest.CaptureFixture[str], history: HistoryWarehouse, tmp_path: Path
) -> None:
    section = README.read_text(encoding="utf-8").split("## Coverage report", 1)[1]
    commands = re.findall(r"^\.venv/bin/mediawatch (report.*)$", section.split("\n## ")[0], re.M)

    assert len(commands) == 2
    for n, command in enumerate(commands):
        out = tmp_path / f"{n}.html"
        args = [*shlex.split(command), "--warehouse", str(history.path), "--out", str(out)]
        assert main(args) == 0, command
        assert "Coverage report" in out.read_text(encoding="utf-8")
    assert capsys.readouterr().out.count("wrote ") == 2
