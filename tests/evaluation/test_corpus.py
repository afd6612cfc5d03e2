"""The corpus folder, its fixed split, and the gold body as the metric defines it."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.corpus import corpus_dir, gold_body, metadata_cases, split_of, text_cases


def test_split_is_fixed_by_the_file_name_and_roughly_even() -> None:
    names = [f"page-{i}.html" for i in range(2000)]
    halves = [split_of(name) for name in names]
    assert halves == [split_of(name) for name in names]
    assert 900 < halves.count("dev") < 1100


def test_corpus_folder_comes_from_the_argument_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MEDIAWATCH_CORPUS", str(tmp_path / "env"))
    assert corpus_dir(tmp_path / "arg") == tmp_path / "arg"
    assert corpus_dir() == tmp_path / "env"
    monkeypatch.delenv("MEDIAWATCH_CORPUS")
    assert corpus_dir().parts[-2:] == ("shared", "corpus")


def test_gold_body_joins_summary_headlines_and_paragraphs() -> None:
    body = {
        "summary": ["Lead."],
        "sections": [
            {"headline": [], "paragraphs": ["First.", "Second."]},
            {"headline": ["Sub"], "paragraphs": ["Third."]},
        ],
    }
    assert gold_body(body) == "Lead. First. Second. Sub Third."


@pytest.mark.corpus
def test_the_shared_corpus_has_the_pages_the_readme_counts() -> None:
    root = corpus_dir()
    if not (root / "trafilatura-eval").is_dir():
        pytest.skip(f"no evaluation corpus at {root}")
    texts = list(text_cases(root))
    metadata = list(metadata_cases(root))
    assert len(texts) == 990
    assert all(case.path.is_file() for case in texts)
    assert sum(len(case.must_contain) for case in texts) == 2951
    assert len(metadata) == 181
    assert all(case.path.is_file() and case.body for case in metadata)
