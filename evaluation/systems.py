"""The two systems compared on every page: plain trafilatura, and the pipeline's extraction."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import trafilatura

from evaluation.corpus import MetadataCase, Split, TextCase, read_html, split_of
from evaluation.metrics import Counts, author_counts, date_matches, snippet_counts, title_matches
from transforms.document import extract_document

# How the corpus README splits plain trafilatura's author string.
_BASELINE_AUTHOR_SPLIT = re.compile(r";|,| and ")


@dataclass(frozen=True, kw_only=True)
class TextResult:
    """One trafilatura-eval page scored for both systems."""

    name: str
    split: Split
    baseline: Counts
    pipeline: Counts
    baseline_seconds: float
    pipeline_seconds: float


@dataclass(frozen=True, kw_only=True)
class SystemMetadata:
    """What one system got right on one fundus page."""

    title_ok: bool
    date_ok: bool
    authors: Counts
    body: str
    seconds: float


@dataclass(frozen=True, kw_only=True)
class MetadataResult:
    """One fundus page scored for both systems."""

    name: str
    split: Split
    gold_body: str
    baseline: SystemMetadata
    pipeline: SystemMetadata


def score_text_case(case: TextCase) -> TextResult:
    """Return both systems' snippet counts on one trafilatura-eval page."""
    html = read_html(case.path)
    started = time.perf_counter()
    baseline_text = trafilatura.extract(
        html, include_comments=False, include_tables=True, include_formatting=False
    )
    middle = time.perf_counter()
    pipeline_text = extract_document(html, url=case.url).text
    finished = time.perf_counter()
    return TextResult(
        name=case.name,
        split=split_of(case.name),
        baseline=snippet_counts(baseline_text, case.must_contain, case.must_not_contain),
        pipeline=snippet_counts(pipeline_text, case.must_contain, case.must_not_contain),
        baseline_seconds=middle - started,
        pipeline_seconds=finished - middle,
    )


def score_metadata_case(case: MetadataCase) -> MetadataResult:
    """Return both systems' title, date, authors and body on one fundus page."""
    html = read_html(case.path)
    return MetadataResult(
        name=case.name,
        split=split_of(case.name),
        gold_body=case.body,
        baseline=_baseline_metadata(html, case),
        pipeline=_pipeline_metadata(html, case),
    )


def _baseline_metadata(html: bytes, case: MetadataCase) -> SystemMetadata:
    started = time.perf_counter()
    document = trafilatura.bare_extraction(
        html, url=case.url, with_metadata=True, include_comments=False, include_tables=True
    )
    seconds = time.perf_counter() - started
    author = getattr(document, "author", None) or ""
    authors = tuple(a.strip() for a in _BASELINE_AUTHOR_SPLIT.split(author) if a.strip())
    return SystemMetadata(
        title_ok=title_matches(getattr(document, "title", None), case.title),
        date_ok=date_matches(getattr(document, "date", None), case.published),
        authors=author_counts(authors, case.authors),
        body=getattr(document, "text", None) or "",
        seconds=seconds,
    )


def _pipeline_metadata(html: bytes, case: MetadataCase) -> SystemMetadata:
    started = time.perf_counter()
    document = extract_document(html, url=case.url)
    seconds = time.perf_counter() - started
    published = document.metadata.published_at
    return SystemMetadata(
        title_ok=title_matches(document.metadata.title, case.title),
        date_ok=date_matches(published.isoformat() if published else None, case.published),
        authors=author_counts(document.metadata.authors, case.authors),
        body=document.text,
        seconds=seconds,
    )
