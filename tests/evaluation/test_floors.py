"""Quality floors of the pipeline's extraction on the shared corpus, per split.

Each floor is the value `mediawatch eval --jobs 2` measured (truncated to three decimals)
when the code it guards landed; a floor only ever goes up. The development half is what
the rules were tuned on, the test half what they are judged on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.corpus import corpus_dir
from evaluation.run import EvalReport, evaluate

pytestmark = pytest.mark.corpus

# Measured 2026-11-26 (trafilatura 2.3.1): split -> figure -> floor.
FLOORS: dict[str, dict[str, float]] = {
    "dev": {"text": 0.945, "title": 0.845, "date": 1.000, "authors": 0.875, "body": 0.964},
    "test": {"text": 0.925, "title": 0.855, "date": 0.989, "authors": 0.916, "body": 0.941},
    "all": {"text": 0.936, "title": 0.850, "date": 0.994, "authors": 0.896, "body": 0.952},
}


@pytest.fixture(scope="module")
def report() -> EvalReport:
    root = corpus_dir()
    if not (root / "trafilatura-eval").is_dir() or not (root / "metadata-gold").is_dir():
        pytest.skip(f"evaluation corpus not found at {root}")
    return evaluate(Path(root), jobs=2)


def _figures(report: EvalReport, split: str) -> dict[str, float]:
    text, metadata = report.text[split], report.metadata[split]
    return {
        "text": text.counts["pipeline"].f1,
        "title": metadata.rate(metadata.titles, "pipeline"),
        "date": metadata.rate(metadata.dates, "pipeline"),
        "authors": metadata.authors["pipeline"].f1,
        "body": metadata.bodies["pipeline"].f1,
    }


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_pipeline_extraction_holds_its_floors(report: EvalReport, split: str) -> None:
    figures = _figures(report, split)
    below = {
        name: f"{figures[name]:.4f} < {floor}"
        for name, floor in FLOORS[split].items()
        if figures[name] < floor
    }
    assert not below, f"{split}: {below}"


def test_the_pipeline_beats_plain_trafilatura_where_the_issue_measures_it(
    report: EvalReport,
) -> None:
    text, metadata = report.text["all"], report.metadata["all"]
    assert text.counts["pipeline"].f1 > text.counts["baseline"].f1
    assert metadata.titles["pipeline"] > metadata.titles["baseline"]
    assert metadata.authors["pipeline"].f1 > metadata.authors["baseline"].f1
    assert metadata.bodies["pipeline"].f1 > metadata.bodies["baseline"].f1
