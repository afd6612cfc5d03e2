"""Running the evaluation over the corpus on all cores, and the report it prints."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from evaluation.corpus import Split, metadata_cases, text_cases
from evaluation.metrics import BodyScores, Counts
from evaluation.systems import MetadataResult, TextResult, score_metadata_case, score_text_case

Case = TypeVar("Case")
Result = TypeVar("Result")
SYSTEMS = ("baseline", "pipeline")


def _map(function: Callable[[Case], Result], cases: Sequence[Case], jobs: int) -> list[Result]:
    if jobs <= 1:
        return [function(case) for case in cases]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(function, cases, chunksize=4))


@dataclass
class TextScores:
    """Main-text counts of both systems on one split."""

    pages: int = 0
    counts: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SYSTEMS})
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SYSTEMS, 0.0))


@dataclass
class MetadataScores:
    """Title, date, authors and body scores of both systems on one split."""

    pages: int = 0
    titles: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SYSTEMS, 0))
    dates: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SYSTEMS, 0))
    authors: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SYSTEMS})
    bodies: dict[str, BodyScores] = field(
        default_factory=lambda: {s: BodyScores() for s in SYSTEMS}
    )

    def rate(self, hits: dict[str, int], system: str) -> float:
        """Return the share of pages a system got right."""
        return hits[system] / self.pages if self.pages else 0.0


@dataclass(frozen=True, kw_only=True)
class EvalReport:
    """Scores per split ('dev', 'test', 'all')."""

    text: dict[str, TextScores]
    metadata: dict[str, MetadataScores]


def _splits(split: Split) -> tuple[str, ...]:
    return (split, "all")


def summarise_text(results: Iterable[TextResult]) -> dict[str, TextScores]:
    """Return main-text scores per split."""
    scores: dict[str, TextScores] = {"dev": TextScores(), "test": TextScores(), "all": TextScores()}
    for result in results:
        for name in _splits(result.split):
            entry = scores[name]
            entry.pages += 1
            entry.counts["baseline"].add(result.baseline)
            entry.counts["pipeline"].add(result.pipeline)
            entry.seconds["baseline"] += result.baseline_seconds
            entry.seconds["pipeline"] += result.pipeline_seconds
    return scores


def summarise_metadata(results: Iterable[MetadataResult]) -> dict[str, MetadataScores]:
    """Return metadata scores per split."""
    scores: dict[str, MetadataScores] = {
        "dev": MetadataScores(),
        "test": MetadataScores(),
        "all": MetadataScores(),
    }
    for result in results:
        for name in _splits(result.split):
            entry = scores[name]
            entry.pages += 1
            for system in SYSTEMS:
                outcome = getattr(result, system)
                entry.titles[system] += outcome.title_ok
                entry.dates[system] += outcome.date_ok
                entry.authors[system].add(outcome.authors)
                entry.bodies[system].add(outcome.body, result.gold_body)
    return scores


def evaluate(root: Path, *, jobs: int | None = None, limit: int | None = None) -> EvalReport:
    """Return both systems' scores on trafilatura-eval and fundus, per split."""
    workers = jobs or os.cpu_count() or 1
    texts = list(text_cases(root))[:limit]
    metadata = list(metadata_cases(root))[:limit]
    return EvalReport(
        text=summarise_text(_map(score_text_case, texts, workers)),
        metadata=summarise_metadata(_map(score_metadata_case, metadata, workers)),
    )


def render_report(report: EvalReport, *, command: str) -> str:
    """Return the report as markdown tables, baseline beside pipeline."""
    lines = [
        f"Command: `{command}`",
        "",
        "Main text on trafilatura-eval (F1, precision, recall; micro over snippets)",
        "",
        "| split | pages | baseline F1 (P / R) | pipeline F1 (P / R) |",
        "| --- | --- | --- | --- |",
    ]
    for name in ("dev", "test", "all"):
        entry = report.text[name]
        cells = [
            f"{c.f1:.3f} ({c.precision:.3f} / {c.recall:.3f})"
            for c in (entry.counts["baseline"], entry.counts["pipeline"])
        ]
        lines.append(f"| {name} | {entry.pages} | {cells[0]} | {cells[1]} |")
    lines += [
        "",
        "Metadata and body on fundus (baseline → pipeline)",
        "",
        "| split | pages | title exact | date (day) | authors F1 | body F1 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in ("dev", "test", "all"):
        meta = report.metadata[name]
        title = [meta.rate(meta.titles, s) for s in SYSTEMS]
        date = [meta.rate(meta.dates, s) for s in SYSTEMS]
        authors = [meta.authors[s].f1 for s in SYSTEMS]
        body = [meta.bodies[s].f1 for s in SYSTEMS]
        lines.append(
            f"| {name} | {meta.pages} | {title[0]:.3f} → {title[1]:.3f} | "
            f"{date[0]:.3f} → {date[1]:.3f} | {authors[0]:.3f} → {authors[1]:.3f} | "
            f"{body[0]:.3f} → {body[1]:.3f} |"
        )
    return "\n".join(lines)
