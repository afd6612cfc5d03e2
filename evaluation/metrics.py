"""The corpus README's metrics, so our figures compare with published ones."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def collapse(text: str) -> str:
    """Return the text with runs of whitespace collapsed to one space."""
    return _SPACE.sub(" ", text).strip()


@dataclass
class Counts:
    """True/false positives and negatives, summed over pages (micro average)."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, other: Counts) -> None:
        """Add another page's counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """Return TP / (TP + FP)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Return TP / (TP + FN)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Return 2TP / (2TP + FP + FN)."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


def snippet_counts(text: str | None, must: tuple[str, ...], must_not: tuple[str, ...]) -> Counts:
    """Return one trafilatura-eval page's counts: found `with` snippets are TP, missed ones
    FN, found `without` snippets FP."""
    extracted = collapse(text or "")
    found = sum(1 for s in must if collapse(s) in extracted)
    leaked = sum(1 for s in must_not if collapse(s) in extracted)
    return Counts(tp=found, fn=len(must) - found, fp=leaked)


def _nfc(text: str) -> str:
    return collapse(unicodedata.normalize("NFC", text))


def title_matches(extracted: str | None, gold: str | None) -> bool:
    """Return whether the titles are equal after NFC and whitespace collapse."""
    return extracted is not None and gold is not None and _nfc(extracted) == _nfc(gold)


def date_matches(extracted_day: str | None, gold: str | None) -> bool:
    """Return whether the calendar days (first 10 characters) agree."""
    return extracted_day is not None and gold is not None and extracted_day[:10] == gold[:10]


def author_counts(extracted: tuple[str, ...], gold: tuple[str, ...]) -> Counts:
    """Return set-overlap counts of trimmed author names."""
    found = {name.strip() for name in extracted if name.strip()}
    wanted = {name.strip() for name in gold if name.strip()}
    hits = len(found & wanted)
    return Counts(tp=hits, fp=len(found) - hits, fn=len(wanted) - hits)


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + 4]) for i in range(max(len(words) - 3, 0)))


@dataclass
class BodyScores:
    """Per-page body precision and recall, averaged over pages (ScrapingHub's metric)."""

    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)

    def add(self, extracted: str | None, gold: str) -> None:
        """Score one page: 4-word shingle multisets, TP/FP/FN normalised to sum to 1."""
        found, wanted = _shingles(extracted or ""), _shingles(gold)
        tp = sum((found & wanted).values())
        fp = sum((found - wanted).values())
        fn = sum((wanted - found).values())
        total = tp + fp + fn
        if total == 0:
            self.precisions.append(1.0)
            self.recalls.append(1.0)
            return
        tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
        self.precisions.append(tp_n / (tp_n + fp_n) if tp_n + fp_n else 0.0)
        self.recalls.append(tp_n / (tp_n + fn_n) if tp_n + fn_n else 0.0)

    @property
    def precision(self) -> float:
        """Return the mean per-page precision."""
        return sum(self.precisions) / len(self.precisions) if self.precisions else 0.0

    @property
    def recall(self) -> float:
        """Return the mean per-page recall."""
        return sum(self.recalls) / len(self.recalls) if self.recalls else 0.0

    @property
    def f1(self) -> float:
        """Return F1 of the averaged precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
