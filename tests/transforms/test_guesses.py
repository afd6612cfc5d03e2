"""trafilatura's markup guesses: right values, each made only when read."""

from __future__ import annotations

from datetime import UTC, datetime

from trafilatura.utils import load_html

from transforms.dates import DateCandidate, choose_published
from transforms.guesses import MarkupGuesses
from transforms.metadata import choose_metadata
from transforms.page_metadata import read_page_metadata

UNDECLARED = """<html><head><title>Ferry timetable changes from Monday</title></head><body>
<article><h1>Ferry timetable changes from Monday</h1>
<div class="author">By <a rel="author" href="/staff/jane-doe">Jane Doe</a></div>
<p>Published on 4 March 2025. The island ferry leaves earlier from Monday, the operator said,
and the last crossing of the day moves to half past nine in the evening.</p>
</article></body></html>"""

DECLARED = """<html><head><title>Harbour wall approved</title>
<meta name="author" content="Ravi Patel">
<meta property="article:published_time" content="2025-03-04T09:15:00+01:00">
</head><body><article><h1>Harbour wall approved</h1>
<p>The town council approved the rebuilding of the old harbour wall on Tuesday night.</p>
</article></body></html>"""


def test_guesses_read_title_byline_and_date_from_markup_the_page_does_not_declare() -> None:
    guesses = MarkupGuesses(load_html(UNDECLARED), url="https://ledger.test/ferry", text="")

    assert guesses.title == "Ferry timetable changes from Monday"
    assert guesses.author == "Jane Doe"
    assert guesses.date == "2025-03-04"


def test_without_a_tree_there_are_no_guesses() -> None:
    guesses = MarkupGuesses(None, url=None, text="")

    assert (guesses.title, guesses.author, guesses.date) == (None, None, None)


class _NoSlowGuesses:
    """Guesses whose slow parts fail the test when read."""

    title = "Harbour wall approved"
    text = ""

    @property
    def author(self) -> str | None:
        raise AssertionError("author guessed although the page declares one")

    @property
    def date(self) -> str | None:
        raise AssertionError("date guessed although the page declares one")


def test_a_page_that_declares_authors_and_date_costs_no_guess() -> None:
    chosen = choose_metadata(
        read_page_metadata(DECLARED),
        _NoSlowGuesses(),
        url="https://gazette.test/harbour-wall",
        listed_published_at=None,
        fetched_at=datetime(2025, 3, 5, tzinfo=UTC),
    )

    assert chosen.authors == ("Ravi Patel",)
    assert chosen.date_source == "meta"


def test_the_htmldate_function_is_called_only_when_nothing_else_dates_the_page() -> None:
    calls: list[str] = []

    def guess() -> str | None:
        calls.append("asked")
        return "2025-03-02"

    fetched = datetime(2025, 3, 5, tzinfo=UTC)
    declared = [DateCandidate(source="meta", raw="2025-03-04T09:15:00+01:00")]
    assert choose_published(declared, htmldate=guess, fetched_at=fetched)[1] == "meta"
    assert calls == []
    assert choose_published([], htmldate=guess, fetched_at=fetched)[1] == "htmldate"
    assert calls == ["asked"]
