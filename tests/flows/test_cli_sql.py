"""`mediawatch sql` on a published warehouse with known rows: outputs, parameters, refusals."""

from __future__ import annotations

import io
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import build_parser, main
from flows.cli_sql import DEMO_DATA_DIR, DEMO_RENDERED_CONFIG
from tests.warehouse.analyst_warehouse import AnalystWarehouse, build_analyst_warehouse
from tests.warehouse.builders import snapshot
from warehouse.connection import open_warehouse

README = Path(__file__).resolve().parents[2] / "README.md"
RHEINBLICK = (
    "SELECT source, title, authors, published_at, published_offset, word_count, "
    "language_confidence FROM articles WHERE source = 'rheinblick' ORDER BY title"
)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> AnalystWarehouse:
    """Return the analyst test warehouse, built once for the module."""
    return build_analyst_warehouse(tmp_path_factory.mktemp("analyst"))


def _sql(
    capsys: pytest.CaptureFixture[str], warehouse: AnalystWarehouse | None, *args: str
) -> tuple[int, str, str]:
    where = ["--warehouse", str(warehouse.path)] if warehouse is not None else []
    status = main(["sql", *args, *where])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_table(capsys: pytest.CaptureFixture[str], published: AnalystWarehouse) -> None:
    status, out, err = _sql(capsys, published, RHEINBLICK)

    assert (status, err) == (0, "")
    assert out == (
        "source      title                         authors      published_at               "
        "published_offset  word_count  language_confidence\n"
        "----------  ----------------------------  -----------  -------------------------  "
        "----------------  ----------  -------------------\n"
        "rheinblick  Leserbriefe                   []           NULL                       "
        "            NULL          21                 0.98\n"
        "rheinblick  Markthalle öffnet am Samstag  [Lena Vogt]  2025-03-03 23:30:00+00:00  "
        "              60          25                 0.98\n"
        "(2 rows)\n"
    )


def test_table_escapes_line_breaks_and_cuts_long_cells(
    capsys: pytest.CaptureFixture[str], published: AnalystWarehouse
) -> None:
    status, out, _ = _sql(
        capsys,
        published,
        "SELECT text FROM articles WHERE url = 'https://rheinblick.example/stadt/markthalle'",
    )

    assert status == 0
    assert out.splitlines()[2] == ("Die Stadt eröffnet am Samstag die neue Markthalle am Rheinu…")
    assert out.splitlines()[3] == "(1 row)"


def test_csv(capsys: pytest.CaptureFixture[str], published: AnalystWarehouse) -> None:
    status, out, err = _sql(capsys, published, RHEINBLICK, "--csv")

    assert (status, err) == (0, "")
    assert out == (
        "source,title,authors,published_at,published_offset,word_count,language_confidence\n"
        "rheinblick,Leserbriefe,[],,,21,0.98\n"
        'rheinblick,Markthalle öffnet am Samstag,"[""Lena Vogt""]",'
        "2025-03-03T23:30:00+00:00,60,25,0.98\n"
    )


def test_json_lines(capsys: pytest.CaptureFixture[str], published: AnalystWarehouse) -> None:
    status, out, err = _sql(capsys, published, RHEINBLICK, "--json")

    assert (status, err) == (0, "")
    assert out == (
        '{"source": "rheinblick", "title": "Leserbriefe", "authors": [], '
        '"published_at": null, "published_offset": null, "word_count": 21, '
        '"language_confidence": 0.98}\n'
        '{"source": "rheinblick", "title": "Markthalle öffnet am Samstag", '
        '"authors": ["Lena Vogt"], "published_at": "2025-03-03T23:30:00+00:00", '
        '"published_offset": 60, "word_count": 25, "language_confidence": 0.98}\n'
    )


TYPES = (
    "SELECT DATE '2025-03-04' AS day, TIMESTAMPTZ '2025-03-04 06:30:00.25+00' AS at, "
    "12.50::DECIMAL(6, 2) AS price, 170141183460469231731687303715884105727::HUGEINT AS big, "
    "'nan'::DOUBLE AS not_a_number, INTERVAL 90 MINUTE AS took, true AS flag, "
    "['a', NULL] AS tags, {'k': 1.5} AS pair, 'one' || chr(10) || 'two' AS text"
)


def test_json_types(capsys: pytest.CaptureFixture[str], published: AnalystWarehouse) -> None:
    status, out, _ = _sql(capsys, published, TYPES, "--json")

    assert status == 0
    # Decimals are numbers with their scale, never strings or rounded floats.
    assert out == (
        '{"day": "2025-03-04", "at": "2025-03-04T06:30:00.250000+00:00", "price": 12.50, '
        '"big": 170141183460469231731687303715884105727, "not_a_number": null, '
        '"took": "P0DT1H30M0S", "flag": true, "tags": ["a", null], "pair": {"k": 1.5}, '
        '"text": "one\\ntwo"}\n'
    )
    assert json.loads(out)["price"] == 12.5


def test_csv_types(capsys: pytest.CaptureFixture[str], published: AnalystWarehouse) -> None:
    status, out, _ = _sql(capsys, published, TYPES, "--csv")

    assert status == 0
    assert out == (
        "day,at,price,big,not_a_number,took,flag,tags,pair,text\n"
        "2025-03-04,2025-03-04T06:30:00.250000+00:00,12.50,"
        '170141183460469231731687303715884105727,nan,P0DT1H30M0S,true,"[""a"", null]",'
        '"{""k"": 1.5}","one\ntwo"\n'
    )


def test_table_types(capsys: pytest.CaptureFixture[str], published: AnalystWarehouse) -> None:
    status, out, _ = _sql(capsys, published, "SELECT 1 AS n, 'x' AS s, NULL AS nothing")

    assert status == 0
    assert out == "n  s  nothing\n-  -  -------\n1  x  NULL\n(1 row)\n"


def test_an_empty_result_prints_the_header(
    capsys: pytest.CaptureFixture[str], published: AnalystWarehouse
) -> None:
    query = "SELECT source, title FROM articles WHERE false"

    assert _sql(capsys, published, query) == (0, "source  title\n------  -----\n(0 rows)\n", "")
    assert _sql(capsys, published, query, "--csv") == (0, "source,title\n", "")
    assert _sql(capsys, published, query, "--json") == (0, "", "")


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO runs SELECT * FROM runs",
        "UPDATE articles SET title = 'changed'",
        "DELETE FROM url_outcomes",
        "DROP TABLE articles",
        "CREATE TABLE notes (note VARCHAR)",
        "CREATE VIEW recent AS SELECT * FROM articles",
        "ALTER TABLE articles ADD COLUMN note VARCHAR",
        "SELECT 1; DELETE FROM runs",
    ],
)
def test_write_statements_are_refused(
    capsys: pytest.CaptureFixture[str], published: AnalystWarehouse, statement: str
) -> None:
    with open_warehouse(published.replica, read_only=True) as connection:
        before = snapshot(connection)

    status, out, err = _sql(capsys, published, statement)

    assert (status, out) == (2, "")
    assert err.startswith("mediawatch: the warehouse is opened read-only, nothing was changed: ")
    assert "read-only mode" in err
    with open_warehouse(published.replica, read_only=True) as connection:
        assert snapshot(connection) == before


def test_a_sql_error(capsys: pytest.CaptureFixture[str], published: AnalystWarehouse) -> None:
    status, out, err = _sql(capsys, published, "SELECT headline FROM articles")

    assert (status, out) == (2, "")
    assert err.startswith('mediawatch: Binder Error: Referenced column "headline" not found')


def test_an_empty_query(capsys: pytest.CaptureFixture[str], published: AnalystWarehouse) -> None:
    assert _sql(capsys, published, "  -- nothing to run\n") == (
        2,
        "",
        "mediawatch: the query is empty\n",
    )


def test_a_missing_warehouse(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status = main(["sql", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb")])

    assert status == 2
    assert capsys.readouterr().err == (
        f"mediawatch: no warehouse at {tmp_path / 'none.duckdb'}: run an ingest first\n"
    )


def _config(path: Path, warehouse: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    config = path
    config.write_text(
        f'[storage]\nlake = "lake"\ncaptures = "captures"\nwarehouse = "{warehouse}"\n\n'
        '[fetch]\nuser_agent = "mediawatch-test/0.1 (+https://example.org)"\n\n'
        '[[sources]]\nname = "harbour-ledger"\nurls = ["https://harbour-ledger.example/"]\n',
        encoding="utf-8",
    )
    return config


def test_the_warehouse_of_a_config(
    capsys: pytest.CaptureFixture[str], published: AnalystWarehouse
) -> None:
    # Relative to the config's folder, as every [storage] path is.
    config = _config(published.path.parent / "config" / "analyst.toml", "../mediawatch.duckdb")

    status = main(["sql", "SELECT count(*) AS runs FROM runs", "--config", str(config), "--csv"])

    assert (status, capsys.readouterr().out) == (0, "runs\n2\n")


def test_a_bad_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "broken.toml"
    config.write_text("[storage\n", encoding="utf-8")

    status = main(["sql", "SELECT 1", "--config", str(config)])

    assert status == 2
    assert capsys.readouterr().err.startswith(f"mediawatch: {config} is not valid TOML")


def test_the_demo_warehouse_by_default(
    capsys: pytest.CaptureFixture[str],
    published: AnalystWarehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _sql(capsys, None, "SELECT 1") == (
        2,
        "",
        "mediawatch: no demo warehouse (.mediawatch/demo/demo.toml not found): run "
        "`mediawatch demo` first, or give --config or --warehouse\n",
    )
    # The config `mediawatch demo` renders into its data folder names the warehouse.
    _config(tmp_path / DEMO_RENDERED_CONFIG, str(published.path))

    assert _sql(capsys, None, "SELECT count(*) AS n FROM articles", "--csv") == (0, "n\n6\n", "")


def test_the_demo_folder_is_the_demo_commands_default() -> None:
    assert build_parser().parse_args(["demo"]).data_dir == DEMO_DATA_DIR
    assert DEMO_RENDERED_CONFIG == DEMO_DATA_DIR / "demo.toml"


def test_query_from_a_file_and_from_standard_input(
    capsys: pytest.CaptureFixture[str],
    published: AnalystWarehouse,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    query = tmp_path / "count.sql"
    query.write_text(
        "-- articles per outlet\nSELECT source, count(*) AS n FROM articles\n"
        "GROUP BY source ORDER BY source;\n",
        encoding="utf-8",
    )
    expected = "source,n\nharbour-ledger,2\nrheinblick,2\nvalley-courier,2\n"

    assert _sql(capsys, published, "--file", str(query), "--csv") == (0, expected, "")
    monkeypatch.setattr(sys, "stdin", io.StringIO(query.read_text(encoding="utf-8")))
    assert _sql(capsys, published, "--file", "-", "--csv") == (0, expected, "")
    assert _sql(capsys, published, "--file", str(tmp_path / "none.sql")) == (
        2,
        "",
        f"mediawatch: cannot read {tmp_path / 'none.sql'}: No such file or directory\n",
    )


def test_parameters(capsys: pytest.CaptureFixture[str], published: AnalystWarehouse) -> None:
    query = (
        "SELECT title FROM articles WHERE source = $outlet AND published_at >= $since::DATE "
        "ORDER BY title"
    )
    args = ("--param", "outlet=harbour-ledger", "--param", "since=2025-03-05", "--csv")

    assert _sql(capsys, published, query, *args) == (0, "title\nStorm warning for the coast\n", "")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (["--param", "outlet"], "mediawatch: --param takes NAME=VALUE, got 'outlet'\n"),
        (
            ["--param", "outlet=a", "--param", "outlet=b"],
            "mediawatch: --param outlet given twice\n",
        ),
        (
            [],
            "mediawatch: Invalid Input Error: Values were not provided for the following "
            "prepared statement parameters: outlet\n",
        ),
    ],
)
def test_bad_parameters(
    capsys: pytest.CaptureFixture[str],
    published: AnalystWarehouse,
    params: list[str],
    message: str,
) -> None:
    query = "SELECT count(*) FROM articles WHERE source = $outlet"

    assert _sql(capsys, published, query, *params) == (2, "", message)


def test_a_cookbook_query_with_parameters_as_text(
    capsys: pytest.CaptureFixture[str], published: AnalystWarehouse
) -> None:
    status, out, err = _sql(
        capsys,
        published,
        "--cookbook",
        "daily_counts_by_outlet",
        "--param",
        "since=2025-03-04",
        "--param",
        "until=2025-03-04",
        "--csv",
    )

    assert (status, err) == (0, "")
    assert out == (
        "source,local_day,timezone,articles,syndicated_copies\n"
        "harbour-ledger,2025-03-04,Europe/London,1,0\n"
        "rheinblick,2025-03-04,Europe/Berlin,1,0\n"
        "valley-courier,2025-03-04,America/Los_Angeles,1,1\n"
    )


def test_a_cookbook_query_names_what_it_needs(
    capsys: pytest.CaptureFixture[str], published: AnalystWarehouse
) -> None:
    assert _sql(capsys, published, "--cookbook", "latest_articles_per_outlet") == (
        2,
        "",
        "mediawatch: latest_articles_per_outlet needs --param n=VALUE "
        "(n: how many articles per outlet, an INTEGER such as 5)\n",
    )
    status, _, err = _sql(capsys, published, "--cookbook", "headlines")
    assert status == 2
    assert err.startswith("mediawatch: no cookbook query 'headlines'; there are: article_changes, ")


def test_the_readme_commands_run(
    capsys: pytest.CaptureFixture[str], published: AnalystWarehouse
) -> None:
    section = README.read_text(encoding="utf-8").split("## For analysts", 1)[1].split("\n## ")[0]
    commands = re.findall(r"^\.venv/bin/mediawatch (sql .*)$", section, flags=re.MULTILINE)

    assert len(commands) >= 3
    for command in commands:
        args = shlex.split(command)
        assert main([*args, "--warehouse", str(published.path)]) == 0, command
        assert capsys.readouterr().out


def test_a_closed_pipe_ends_quietly(published: AnalystWarehouse) -> None:
    command = Path(sys.executable).parent / "mediawatch"
    # More rows than a pipe buffers, read by a reader that stops after the first line.
    producer = subprocess.Popen(
        [command, "sql", "SELECT * FROM range(200000)", "--csv", "--warehouse", published.path],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert producer.stdout is not None and producer.stderr is not None
    assert producer.stdout.readline() == b"range\n"
    producer.stdout.close()
    assert producer.wait(timeout=60) == 1
    assert producer.stderr.read() == b""
