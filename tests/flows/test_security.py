"""Security: no secret in prefect.yaml or the configs, configs that would carry one are
refused, hostile source names never reach a path or a statement, and SQL is built from
parameters and quoted identifiers only (a scan of the source, and hostile values through
the analysts' API)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flows.config import ConfigError, settings_from_mapping
from tests.warehouse.analyst_warehouse import build_analyst_warehouse
from warehouse.api import open_warehouse_readonly

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("flows", "transforms", "warehouse")
# What a secret looks like in a file: a key-like name given a value, an AWS access key id,
# a private key, credentials in a URL.
_SECRET = re.compile(
    r"(?i)\b(password|passwd|secret|token|api[_-]?key|access[_-]?key)\b\s*[:=]\s*\S"
    r"|AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|://[^/\s:@]+:[^/\s@]+@"
)


def _storage(**extra: Any) -> dict[str, Any]:
    return {"lake": "lake", "captures": "captures", "warehouse": "w.duckdb", **extra}


def _settings(data: dict[str, Any]) -> None:
    settings_from_mapping(data, base_dir=Path("/srv/mw"), config_sha256="", where="t.toml")


@pytest.mark.parametrize(
    "path",
    [ROOT / "prefect.yaml", *sorted((ROOT / "config").glob("*.toml"))],
    ids=lambda p: p.name,
)
def test_no_secret_in_deployments_or_configs(path: Path) -> None:
    assert _SECRET.findall(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("option", ["secret", "key", "token", "client_kwargs_password"])
def test_a_config_with_storage_credentials_is_refused(option: str) -> None:
    data = {
        "storage": _storage(lake="s3://bucket/lake", lake_options={option: "s3cr3t"}),
        "sources": [{"name": "gazette", "feeds": ["https://gazette.test/rss"]}],
    }

    with pytest.raises(ConfigError, match="look like credentials: a config file holds no"):
        _settings(data)


def test_a_config_with_a_password_in_a_url_is_refused_without_echoing_it() -> None:
    data = {
        "storage": _storage(),
        "sources": [{"name": "gazette", "feeds": ["https://me:hunter2@gazette.test/rss"]}],
    }

    with pytest.raises(ConfigError, match="has a password in it") as raised:
        _settings(data)
    assert "hunter2" not in str(raised.value)


@pytest.mark.parametrize(
    "name",
    ["../escape", "/etc", "a/b", "nul\0byte", ".hidden", "x'; DROP TABLE articles; --", "Ünï"],
)
def test_a_hostile_source_name_is_refused(name: str) -> None:
    data = {"storage": _storage(), "sources": [{"name": name, "urls": ["https://g.test/1"]}]}

    with pytest.raises(ConfigError, match="name must match"):
        _settings(data)


# SQL text built by formatting may interpolate only what the code itself spells: quoted
# identifiers, placeholder lists ($1, $2, ...), constants. Each other expression below was
# reviewed: it is made from the declared schema or the module's own constants, never from
# a value a page, a config or a user gave (those go in as parameters).
_SAFE_CALLS = frozenset({"quote_identifier", "key_list", "quote_literal"})
# SQL fragments the code spells itself, safe when given literals only.
_FRAGMENT_CALLS = frozenset({"local_day_sql", "_qualified"})
REVIEWED = {
    "warehouse/clusters.py": {"name"},  # for name in _STAGED (temporary table names)
    "warehouse/queries.py": {"columns"},  # ARTICLES' column names, double-quoted
    # _STAGED and search table names; quantile fractions the code computes (floats)
    "warehouse/search/index.py": {"name", "table", "fractions"},
    "warehouse/local_days.py": {"only"},  # "" or a condition on the $sources parameter
    "warehouse/merge.py": {
        "columns",  # MERGED_COLUMNS, double-quoted and qualified
        "', '.join((f'\"{n}\"' for n in MERGED_COLUMNS))",
    },
    "warehouse/sources.py": {"settings", "newer"},  # _SETTINGS column names, double-quoted
    "warehouse/versions.py": {"bookkeeping"},  # _BOOKKEEPING column names
}
_STATEMENT_METHODS = frozenset({"execute", "executemany", "sql", "query"})


def _formatted_sql(tree: ast.AST) -> Iterator[tuple[int, ast.expr]]:
    # The interpolated expressions of SQL given to a connection as an f-string, a
    # .format() or a % expression, or glued together with +.
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _STATEMENT_METHODS
            and node.args
        ):
            continue
        statement = node.args[0]
        if isinstance(statement, ast.JoinedStr):
            for value in statement.values:
                if isinstance(value, ast.FormattedValue):
                    yield node.lineno, value.value
        elif isinstance(statement, ast.BinOp):
            yield node.lineno, statement
        elif (
            isinstance(statement, ast.Call)
            and isinstance(statement.func, ast.Attribute)
            and statement.func.attr == "format"
        ):
            for argument in [*statement.args, *(k.value for k in statement.keywords)]:
                yield node.lineno, argument


def _safe(expression: ast.expr) -> bool:
    if isinstance(expression, ast.Constant):
        return True
    if isinstance(expression, ast.Name):
        return expression.id.lstrip("_").isupper()
    if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Name):
        literal = all(isinstance(a, ast.Constant) for a in expression.args)
        name = expression.func.id
        return name in _SAFE_CALLS or (name in _FRAGMENT_CALLS and literal)
    return False


def test_sql_is_built_from_parameters_and_quoted_identifiers_only() -> None:
    unreviewed: list[str] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for line, expression in _formatted_sql(tree):
                text = ast.unparse(expression)
                if not _safe(expression) and text not in REVIEWED.get(relative, set()):
                    unreviewed.append(f"{relative}:{line}: {text}")

    assert unreviewed == [], (
        "SQL built from these: pass values as $parameters and identifiers through "
        "quote_identifier, or review them into REVIEWED"
    )


HOSTILE_VALUES = [
    "harbour-ledger' OR '1'='1",
    "x'); DROP TABLE articles; --",
    '" OR 1=1 --',
    "$source",
    "\0",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_values_reach_the_warehouse_as_values(tmp_path: Path, value: str) -> None:
    published = build_analyst_warehouse(tmp_path)
    with open_warehouse_readonly(published.path) as wh:
        everything = len(wh.articles())
        by_source = wh.articles(source=value)
        by_query = wh.sql("SELECT count(*) AS n FROM articles WHERE source = $s", {"s": value})
        history = wh.article_history(value)
        after = len(wh.articles())

    assert everything > 0
    assert by_source.empty and history.empty
    assert by_query["n"].tolist() == [0]
    assert after == everything  # nothing dropped or changed


def test_the_scan_catches_values_spliced_into_sql() -> None:
    code = (
        "c.execute(f\"SELECT * FROM a WHERE s = '{source}'\")\n"
        "c.execute('SELECT ' + column)\n"
        "c.sql(QUERY.format(where=user))\n"
        "c.execute(f'DROP TABLE {quote_identifier(name)}', {'v': value})\n"
    )

    found = [ast.unparse(e) for _, e in _formatted_sql(ast.parse(code)) if not _safe(e)]

    assert found == ["source", "'SELECT ' + column", "user"]
