"""Analysts' own clients search the warehouse: the DuckDB 1.5.5 CLI and a Python process
that imports nothing but duckdb, on a machine whose user has no DuckDB extension yet (a
fresh HOME) and no internet: fts comes from the PyPI wheel, as the README says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.warehouse.analyst_warehouse import AnalystWarehouse, build_analyst_warehouse

BIN = Path(sys.executable).parent
SEARCH = "SELECT rank, source, title FROM search_articles('harbour wall') ORDER BY rank"
INSTALL_FROM_WHEEL = (
    "import duckdb, duckdb_extensions; "
    "duckdb_extensions.import_extension('fts', con=duckdb.connect())"
)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> AnalystWarehouse:
    """Return the analyst test warehouse, built once for the module."""
    return build_analyst_warehouse(tmp_path_factory.mktemp("analyst"))


def _run(arguments: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "HOME": str(home)}
    return subprocess.run(
        arguments, capture_output=True, text=True, env=environment, timeout=120, check=False
    )


def test_the_duckdb_cli_searches_once_fts_is_installed_from_the_wheel(
    published: AnalystWarehouse, tmp_path: Path
) -> None:
    # Never from the internet, even where it is reachable: the wheel is what is tested.
    offline = "SET autoinstall_known_extensions = false"
    cli = [str(BIN / "duckdb"), "-readonly", "-csv", "-cmd", offline, str(published.path), SEARCH]

    before = _run(cli, tmp_path)
    installed = _run([sys.executable, "-c", INSTALL_FROM_WHEEL], tmp_path)
    after = _run(cli, tmp_path)

    assert before.returncode != 0
    assert "fts" in before.stderr
    assert installed.returncode == 0, installed.stderr
    assert (after.returncode, after.stderr) == (0, "")
    assert after.stdout.splitlines() == [
        "rank,source,title",
        "1,harbour-ledger,Harbour wall approved",
        "2,valley-courier,Harbour wall gets the go-ahead",
    ]


def test_a_plain_python_client_searches(published: AnalystWarehouse, tmp_path: Path) -> None:
    client = (
        "import duckdb; "
        f"connection = duckdb.connect({str(published.path)!r}, read_only=True); "
        f"print(connection.execute({SEARCH!r}).fetchall())"
    )

    assert _run([sys.executable, "-c", INSTALL_FROM_WHEEL], tmp_path).returncode == 0
    searched = _run([sys.executable, "-c", client], tmp_path)

    assert (searched.returncode, searched.stderr) == (0, "")
    assert searched.stdout.strip() == (
        "[(1, 'harbour-ledger', 'Harbour wall approved'), "
        "(2, 'valley-courier', 'Harbour wall gets the go-ahead')]"
    )


def test_mediawatch_sql_installs_fts_itself(published: AnalystWarehouse, tmp_path: Path) -> None:
    searched = _run(
        [str(BIN / "mediawatch"), "sql", "--csv", "--warehouse", str(published.path), SEARCH],
        tmp_path,
    )

    assert (searched.returncode, searched.stderr) == (0, "")
    assert searched.stdout.splitlines()[1] == "1,harbour-ledger,Harbour wall approved"
