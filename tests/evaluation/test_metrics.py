"""The corpus README's metrics, checked on small cases worked out by hand."""

from __future__ import annotations

import pytest

from evaluation.metrics import (
    BodyScores,
    Counts,
    author_counts,
    date_matches,
    snippet_counts,
    title_matches,
)


def test_snippets_found_missed_and_leaked_count_as_tp_fn_fp() -> None:
    text = "The council met   on Monday.\nIt approved the harbour wall. Cookie settings"
    counts = snippet_counts(
        text,
        ("council met on Monday.", "approved the harbour wall", "never said"),
        ("Cookie settings", "Subscribe now"),
    )
    assert (counts.tp, counts.fn, counts.fp) == (2, 1, 1)


def test_no_text_finds_nothing_and_leaks_nothing() -> None:
    counts = snippet_counts(None, ("a b", "c d"), ("e",))
    assert (counts.tp, counts.fn, counts.fp) == (0, 2, 0)


def test_micro_f1_sums_counts_over_pages() -> None:
    total = Counts()
    total.add(Counts(tp=3, fp=1, fn=0))
    total.add(Counts(tp=1, fp=0, fn=3))
    assert total.precision == 0.8
    assert total.recall == pytest.approx(4 / 7)
    assert total.f1 == pytest.approx(2 * 4 / (2 * 4 + 1 + 3))


def test_title_match_ignores_composition_and_spacing_only() -> None:
    assert title_matches("Cafe\u0301  au   lait", "Café au lait")
    assert not title_matches("Café au lait!", "Café au lait")
    assert not title_matches(None, "Café au lait")


def test_date_match_compares_the_calendar_day_as_written() -> None:
    assert date_matches("2024-05-03T23:10:00+02:00", "2024-05-03 21:10:00+00:00")
    assert not date_matches("2024-05-04T01:10:00+02:00", "2024-05-03 23:10:00+00:00")
    assert not date_matches(None, "2024-05-03")


def test_author_counts_are_set_overlaps_of_trimmed_names() -> None:
    counts = author_counts((" Jane Doe", "Ravi Patel", "Jane Doe", "dpa"), ("Jane Doe", "Li Wei"))
    assert (counts.tp, counts.fp, counts.fn) == (1, 2, 1)


def test_body_scores_normalise_each_page_then_average() -> None:
    scores = BodyScores()
    gold = "one two three four five six"  # shingles: 1-4, 2-5, 3-6
    scores.add("one two three four five", gold)  # 2 of 3 found, nothing extra
    scores.add("one two three four five six seven", gold)  # all found, one extra
    assert scores.precisions == [1.0, 0.75]
    assert scores.recalls == [pytest.approx(2 / 3), 1.0]
    p, r = 0.875, (2 / 3 + 1) / 2
    assert scores.f1 == pytest.approx(2 * p * r / (p + r))
