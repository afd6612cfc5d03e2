"""The committed data dictionary is the one the live schema gives."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from warehouse.connection import open_warehouse
from warehouse.ddl import create_table_sql, ensure_schema
from warehouse.dictionary import DICTIONARY_PATH, dictionary_markdown, fresh_dictionary, main
from warehouse.schema import LAKE_TABLES, WAREHOUSE_TABLES
from warehouse.views import MACROS, VIEWS


def test_the_committed_dictionary_is_in_step_with_the_schema() -> None:
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == fresh_dictionary(), (
        "docs/data-dictionary.md is out of date: run python -m warehouse.dictionary"
    )


def test_a_warehouse_file_gives_the_same_dictionary(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "w.duckdb") as connection:
        ensure_schema(connection)
        assert dictionary_markdown(connection) == fresh_dictionary()


def test_an_upgraded_first_release_warehouse_gives_the_same_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    with duckdb.connect(str(path)) as connection:
        for table in WAREHOUSE_TABLES:
            if table.name not in ("article_versions", "sources"):
                connection.execute(create_table_sql(replace(table, indexed=())))

    with open_warehouse(path) as connection:
        ensure_schema(connection)
        assert dictionary_markdown(connection) == fresh_dictionary()


def test_the_dictionary_names_every_table_view_column_and_macro() -> None:
    text = fresh_dictionary()

    for table in (*WAREHOUSE_TABLES, *LAKE_TABLES):
        assert f"### {table.name}\n" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text
    for view in VIEWS:
        assert f"### {view.name}\n" in text
    for macro in MACROS:
        assert f"### {macro.name}({', '.join(macro.parameters)})\n" in text


def test_check_reports_a_stale_file_and_rewriting_fixes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "docs" / "dictionary.md"
    target.parent.mkdir()
    target.write_text("# stale\n", encoding="utf-8")

    assert main(["--check", "--output", str(target)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--output", str(target)]) == 0
    assert main(["--check", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == fresh_dictionary()
