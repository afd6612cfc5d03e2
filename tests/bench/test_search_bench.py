"""The search benchmark's corpus reads like text in each language, its queries like an
analyst's, and a tiny run of the whole benchmark reports real figures and cleans up."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from bench.search_bench import in_process, main, make_queries, percentile
from bench.search_corpus import LANGUAGES, CorpusShape, SyntheticCorpus


@pytest.fixture(scope="module")
def corpus() -> SyntheticCorpus:
    return SyntheticCorpus(CorpusShape())


def test_articles_are_written_in_their_language(corpus: SyntheticCorpus) -> None:
    table = corpus.chunk(0, 400)
    rows = table.to_pylist()

    assert table.num_rows == 400
    assert {str(row["language"]) for row in rows} >= {"en", "de", "ru", "ja", "zh"}
    assert corpus.chunk(0, 400).equals(table)
    sizes = [len(str(row["text"]).encode()) for row in rows if row["language"] == "en"]
    assert 3_000 < sum(sizes) / len(sizes) < 6_000
    for row in rows:
        language = str(row["language"])
        words = {w.rstrip(".") for w in str(row["text"]).split()}
        vocabulary = corpus.vocabularies[[lang.code for lang in LANGUAGES].index(language)]
        if language in ("ja", "zh"):
            assert " " not in str(row["text"])
        else:
            # Every word is the language's own (numbers and codes are in every vocabulary).
            assert words <= set(vocabulary.words)


def test_a_stem_comes_in_inflected_forms(corpus: SyntheticCorpus) -> None:
    english = corpus.vocabularies[0].words
    endings = ("s", "ed", "ing", "er", "ers", "ly", "ation", "ations")

    inflected = [w for w in english[100:2_000] if w.endswith(endings)]

    assert len(inflected) > 500
    assert "2024" in english and english[0] == "the"


def test_a_revised_article_keeps_its_language_and_most_of_its_text(
    corpus: SyntheticCorpus,
) -> None:
    originals = corpus.chunk(0, 60).select(["article_id", "language", "title", "text"])

    revised = corpus.revised(originals, seed=3)

    codes = [lang.code for lang in LANGUAGES]
    for before, after in zip(originals.to_pylist(), revised.to_pylist(), strict=True):
        assert after["article_id"] == before["article_id"]
        assert str(after["text"]).startswith(str(before["text"]) + "\n")
        assert after["title"] != before["title"]
        vocabulary = set(corpus.vocabularies[codes.index(str(before["language"]))].words)
        if before["language"] not in ("ja", "zh"):
            assert {w.rstrip(".") for w in str(after["title"]).split()} <= vocabulary


def test_queries_cover_every_kind_each_in_one_language(corpus: SyntheticCorpus) -> None:
    sample = corpus.chunk(0, 300)

    queries = make_queries(corpus, sample, 33, seed=5)

    assert {q.kind for q in queries} == {
        "common word",
        "mid word",
        "rare word",
        "number",
        "two words",
        "phrase of 2",
        "phrase of 3",
        "OR",
        "NOT",
        "AND, OR",
        "CJK word",
    }
    assert {q.filter for q in queries} == {"none", "dates", "sources"}
    assert all(
        q.from_date and q.to_date and q.from_date < q.to_date
        for q in queries
        if q.filter == "dates"
    )
    vocabularies = [set(v.words) for v in corpus.vocabularies]
    for query in queries:
        words = {w for w in query.query.strip('"').split() if w not in ("OR", "NOT")}
        # A phrase is cut from one text, so it too is in one language.
        assert any(words <= vocabulary for vocabulary in vocabularies), query
        if query.kind.startswith("phrase"):
            assert query.query.startswith('"') and query.query.endswith('"')
            assert len(words) >= 1


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in np.arange(1, 101)]

    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([3.0], 0.95) == 3.0


def _figure(text: str, pattern: str) -> float:
    found = re.search(pattern, text)
    assert found, pattern
    return float(found.group(1).replace(",", ""))


def test_a_tiny_benchmark_reports_build_refresh_queries_and_cleans_up(tmp_path: Path) -> None:
    work = tmp_path / "work"
    report = tmp_path / "report.md"

    status = main(
        [
            "--articles",
            "1000",
            "--refresh",
            "100",
            "--updates",
            "30",
            "--queries",
            "22",
            "--work-dir",
            str(work),
            "--out",
            str(report),
        ],
        run_phase=in_process,
    )

    text = report.read_text()
    assert status == 0
    assert "(130 versions indexed, 30 replaced)" in text
    assert "one refresh over 1,000 articles" in text
    assert _figure(text, r"\*\*([\d.]+) s\*\* \(CPU [\d,]+ s\) \| < 60 s \| met \|") > 0
    assert _figure(text, r"p95\*\* of 22 searches \(top 10\) \| [\d,]+ ms / \*\*([\d,]+) ms") > 0
    assert _figure(text, r"search_postings: ([\d,]+) rows") > 250_000
    assert _figure(text, r"search_docs: ([\d,]+) rows") == 1_000
    for phase in ("build", "nightly", "queries"):
        assert _figure(text, rf"peak RSS, {phase} process \| \*\*([\d,]+) MB") > 50
    assert _figure(text, r"\| common word \| 2 \| [\d,]+ \| [\d,]+ \| [\d,]+ \| ([\d.]+) \|") > 0
    assert "search.index._index: CREATE OR REPLACE TEMP TABLE search_chunk_tokens" in text
    assert "load average" in text and "**missed**" not in text
    assert list(work.iterdir()) == []
