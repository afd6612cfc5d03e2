"""The warehouse benchmark's synthetic lake holds what the loader must handle, and a tiny
run of the whole benchmark reports every figure."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bench.synthetic_lake import LakeGenerator, LakeShape, build_vocabulary, make_texts
from bench.warehouse_bench import main, statement_label
from transforms.text import content_hash, word_count

TINY = LakeShape(articles=600, batch=200, sources=8, days=30, part_rows=100)


def test_texts_have_the_words_asked_for_in_sentences_and_paragraphs() -> None:
    rng = np.random.default_rng(7)
    vocabulary = build_vocabulary(rng, size=2_000)
    wanted = np.array([700, 650, 30, 1])

    texts = [str(t) for t in make_texts(rng, vocabulary, wanted).to_pylist()]

    assert [word_count(t) for t in texts] == wanted.tolist()
    assert all(t[0].isupper() and t.endswith(".") for t in texts)
    assert "\n" in texts[0] and ". " in texts[0]
    assert 3_000 < len(texts[0].encode()) < 5_000


@pytest.fixture(scope="module")
def tiny_lake(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pa.Table]:
    lake = tmp_path_factory.mktemp("lake")
    generated = LakeGenerator(lake, TINY, progress=lambda _: None).generate()
    assert [commit.run_id for commit in generated.commits] == sorted(
        commit.run_id for commit in generated.commits
    )
    rows = pa.concat_tables(
        pq.read_table(lake / path)
        for commit in generated.commits
        for path in commit.parts["extractions"]
    )
    return lake, rows


def test_every_run_brings_a_batch_of_new_articles_and_versions_of_earlier_ones(
    tiny_lake: tuple[Path, pa.Table],
) -> None:
    _, rows = tiny_lake
    per_article: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows.select(["article_id", "run_id", "version_hash", "text"]).to_pylist():
        per_article[str(row["article_id"])].append(row)

    updates = round(TINY.update_share * TINY.batch)
    assert len(per_article) == TINY.articles
    assert rows.num_rows == TINY.articles + updates * (TINY.runs - 1)
    versions = [v for v in per_article.values() if len(v) > 1]
    assert len(versions) >= updates
    assert all(len({str(v["version_hash"]) for v in vs}) == len(vs) for vs in versions)
    assert all(len({str(v["run_id"]) for v in vs}) == len(vs) for vs in versions)


def test_syndicated_copies_share_a_text_at_other_outlets(tiny_lake: tuple[Path, pa.Table]) -> None:
    _, rows = tiny_lake
    sources_of: dict[str, set[str]] = defaultdict(set)
    for text, source, stored_hash in zip(
        rows["text"].to_pylist(),
        rows["source"].to_pylist(),
        rows["content_hash"].to_pylist(),
        strict=True,
    ):
        assert stored_hash == content_hash(text)
        sources_of[stored_hash].add(source)

    shared = [s for s in sources_of.values() if len(s) > 1]
    assert len(shared) >= 5
    assert all(len(s) <= 4 for s in sources_of.values())


def test_statements_are_labelled_by_caller_without_their_parameter_lists() -> None:
    sql = "INSERT INTO same_texts SELECT * FROM articles\n  WHERE content_hash IN ($1, $2, $3)"

    label = statement_label(sql, "merge.mark_duplicates")

    assert label.startswith("merge.mark_duplicates: INSERT INTO same_texts")
    assert "$1" not in label
    assert statement_label("COMMENT ON TABLE x IS 'y'", "ddl.ensure_schema").startswith(
        "ddl.ensure_schema"
    )


def test_a_tiny_benchmark_reports_loads_queries_and_sizes_and_cleans_up(tmp_path: Path) -> None:
    work = tmp_path / "work"
    report = tmp_path / "report.md"

    status = main(
        [
            "--articles",
            "600",
            "--batch",
            "200",
            "--sources",
            "8",
            "--days",
            "30",
            "--work-dir",
            str(work),
            "--out",
            str(report),
        ]
    )

    text = report.read_text()
    assert status == 0
    assert "1 run(s) loaded into the standby" in text
    assert "(then 1 other standby(s) caught up, after readers have the run)" in text
    assert "| single `load_run` of the nightly run without the search index refresh" in text
    assert "| single `load_run` of the nightly run as shipped" in text
    assert "| search index refresh's extra work" in text
    without_search = text.split("spends its time, without the search index")[1]
    assert "search.index.refresh_search_index" not in without_search
    assert "search.index._index" not in without_search
    for query in ("daily counts by source", "version history", "top syndication clusters"):
        assert f"| query: {query}" in text
    assert "| lake on disk |" in text
    assert "Warehouse: 600 articles" in text
    assert list(work.iterdir()) == []
