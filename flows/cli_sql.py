"""`mediawatch sql`: read-only SQL on the warehouse, printed as a table, CSV or JSON lines."""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import duckdb

from flows.config import load_settings
from warehouse.cookbook import CookbookError, cookbook_query
from warehouse.published import WarehouseMissingError, open_reader

DEMO_DATA_DIR = Path(".mediawatch/demo")
"""Where `mediawatch demo` keeps its data by default; it renders its config there."""
DEMO_RENDERED_CONFIG = DEMO_DATA_DIR / "demo.toml"
MAX_CELL_WIDTH = 60
"""Table cells longer than this are cut; --csv and --json print whole values."""
_FETCH_ROWS = 2048
_PARAMETER = re.compile(r"^(?P<name>[A-Za-z_]\w*)=(?P<value>.*)$", re.DOTALL)

DESCRIPTION = """\
Runs SQL on the warehouse, opened read-only (statements that would change it fail), and
prints the result of the last statement: an aligned table (cells cut at 60 characters),
CSV with a header row, or JSON lines (one object a row; dates and times in ISO 8601,
decimals as numbers). The warehouse is the demo's unless --config or --warehouse says
otherwise. `$name` in the query takes the value of --param name=VALUE, as text: cast it
in the SQL where the type matters ($since::DATE). --cookbook NAME runs a query of the
analyst cookbook (warehouse/queries/NAME.sql). Errors exit with status 2.
"""


class SqlCommandError(Exception):
    """Raised for a `mediawatch sql` invocation that cannot run; the message says why."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `sql` command to the CLI's subcommands."""
    parser = commands.add_parser(
        "sql",
        help="run read-only SQL on the warehouse",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query = parser.add_mutually_exclusive_group(required=True)
    query.add_argument("query", nargs="?", default=None, help="the SQL to run")
    query.add_argument("--file", type=Path, help="read the SQL from a file ('-': standard input)")
    query.add_argument("--cookbook", metavar="NAME", help="run a cookbook query by name")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--config", type=Path, help="the warehouse of this config file")
    where.add_argument("--warehouse", type=Path, help="the warehouse file (DuckDB)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--csv", action="store_true", help="print CSV")
    output.add_argument("--json", action="store_true", help="print one JSON object a row")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a value for $NAME in the query (repeatable)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit status."""
    try:
        _print_result(args)
    except (SqlCommandError, CookbookError, WarehouseMissingError) as error:
        return _fail(str(error))
    except duckdb.Error as error:
        if "read-only mode" in str(error):
            return _fail(f"the warehouse is opened read-only, nothing was changed: {error}")
        return _fail(str(error))
    except BrokenPipeError:
        # The reading end of a pipe (`| head`) closed: stop quietly, as Python's docs advise,
        # so that flushing at exit does not fail a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def _print_result(args: argparse.Namespace) -> None:
    params = _parameters(args.param)
    sql = _query_text(args, params)
    connection = open_reader(_warehouse_path(args))
    try:
        if not connection.extract_statements(sql):
            raise SqlCommandError("the query is empty")
        connection.execute(sql, params or None)
        if connection.description is None:
            return
        names = [column[0] for column in connection.description]
        rows = _fetch(connection)
        if args.csv:
            write_csv(sys.stdout, names, rows)
        elif args.json:
            write_json_lines(sys.stdout, names, rows)
        else:
            write_table(sys.stdout, names, list(rows))
        sys.stdout.flush()
    finally:
        connection.close()


def _fail(message: str) -> int:
    print(f"mediawatch: {message}", file=sys.stderr)
    return 2


def _query_text(args: argparse.Namespace, params: dict[str, str]) -> str:
    if args.cookbook is not None:
        cookbook = cookbook_query(args.cookbook)
        expected = cookbook.parameters
        missing = [f"--param {p}=VALUE ({p}: {expected[p]})" for p in expected if p not in params]
        if missing:
            raise SqlCommandError(f"{cookbook.name} needs " + " and ".join(missing))
        return cookbook.sql
    if args.file is None:
        query: str = args.query
        return query
    path: Path = args.file
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise SqlCommandError(f"cannot read {path}: {error.strerror}") from error


def _parameters(pairs: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        match = _PARAMETER.match(pair)
        if match is None:
            raise SqlCommandError(f"--param takes NAME=VALUE, got {pair!r}")
        if match["name"] in params:
            raise SqlCommandError(f"--param {match['name']} given twice")
        params[match["name"]] = match["value"]
    return params


def _warehouse_path(args: argparse.Namespace) -> Path:
    if args.warehouse is not None:
        path: Path = args.warehouse
        return path
    if args.config is not None:
        return load_settings(args.config).warehouse_path
    if not DEMO_RENDERED_CONFIG.is_file():
        raise SqlCommandError(
            f"no demo warehouse ({DEMO_RENDERED_CONFIG} not found): run `mediawatch demo` "
            "first, or give --config or --warehouse"
        )
    return load_settings(DEMO_RENDERED_CONFIG).warehouse_path


def _fetch(connection: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    while rows := connection.fetchmany(_FETCH_ROWS):
        yield from rows


def write_table(out: TextIO, names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Write rows as a table: a header, a rule, numbers right-aligned, then the row count."""
    cells = [[_table_cell(value) for value in row] for row in rows]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(names)]
    numeric = [
        any(_is_number(row[i]) for row in rows)
        and all(_is_number(row[i]) or row[i] is None for row in rows)
        for i in range(len(names))
    ]

    def line(values: Sequence[str]) -> str:
        padded = (
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        )
        return "  ".join(padded).rstrip()

    out.write(line(names) + "\n")
    out.write(line(["-" * width for width in widths]) + "\n")
    for row in cells:
        out.write(line(row) + "\n")
    out.write(f"({len(rows)} row{'' if len(rows) == 1 else 's'})\n")


def write_csv(out: TextIO, names: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> None:
    """Write rows as CSV with a header row; NULL is an empty field."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])


def write_json_lines(out: TextIO, names: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> None:
    """Write one JSON object per row, keyed by column name."""
    keys = [json.dumps(name, ensure_ascii=False) for name in names]
    for row in rows:
        fields = (f"{key}: {_json_value(value)}" for key, value in zip(keys, row, strict=True))
        out.write("{" + ", ".join(fields) + "}\n")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _table_cell(value: object) -> str:
    text = _display(value)
    for char, escaped in (("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        text = text.replace(char, escaped)
    # A page's ESC or bidi override would act on the terminal: shown as escapes instead.
    text = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text if len(text) <= MAX_CELL_WIDTH else text[: MAX_CELL_WIDTH - 1] + "…"


def _display(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_display(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_display(v)}" for k, v in value.items()) + "}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return _scalar_text(value)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return _json_value(value)
    return _scalar_text(value)


def _scalar_text(value: object) -> str:
    """Return a non-null scalar as text: ISO 8601 for times, plain digits for decimals."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return _iso_duration(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _json_value(value: object) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "null"
    if isinstance(value, bool | int | float | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else "null"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_json_value(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (
            f"{json.dumps(str(k), ensure_ascii=False)}: {_json_value(v)}" for k, v in value.items()
        )
        return "{" + ", ".join(items) + "}"
    return json.dumps(_scalar_text(value), ensure_ascii=False)


def _iso_duration(value: timedelta) -> str:
    """Return an interval as an ISO 8601 duration in full, e.g. P1DT2H30M0S or -P0DT0H0M0.5S."""
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    second_text = f"{seconds}.{value.microseconds:06d}".rstrip("0").rstrip(".")
    return f"{sign}P{value.days}DT{hours}H{minutes}M{second_text}S"
