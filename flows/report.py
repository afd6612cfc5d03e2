"""Run reports: what a run did per source, as a markdown table, and how the run ends.

The report is counted from the outcomes the run's tasks hand back (not read from the
warehouse), so a run whose load failed still reports what it did. Failed sources,
overflowing listings and other problems are listed under the table; `RunReport.verdict`
turns them into the run's final state: Failed when the load did not commit or more than
half of the sources errored, otherwise Completed with the problems in its message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from transforms.records import Reason, Status, UrlKind, UrlOutcome

NOT_ARTICLE_REASONS = frozenset(
    {
        Reason.NOT_ARTICLE,
        Reason.NO_CONTENT,
        Reason.EMPTY,
        Reason.TOO_SHORT,
        Reason.PAYWALL,
        Reason.CONSENT_WALL,
        Reason.BAD_CONTENT_TYPE,
    }
)
_LISTING_READ = frozenset({Reason.FEED_PARSED, Reason.SITEMAP_PARSED})
_MESSAGE_CHARS = 400


@dataclass
class SourceCounts:
    """What a run did for one source (a mutable tally, kept by the flow)."""

    discovered: int = 0
    """Article URLs the run considered: listed, queued, retried or selected."""
    fetched: int = 0
    """Pages the run got a 2xx answer for (fetched, read from a capture, or imported)."""
    articles: Counter[str] = field(default_factory=Counter)
    """Article URL outcomes by reason."""
    listings: Counter[str] = field(default_factory=Counter)
    """Feed and sitemap outcomes by reason."""
    failures: Counter[str] = field(default_factory=Counter)
    """Failed outcomes (articles and listings) by reason."""
    errors: list[str] = field(default_factory=list)
    """Tasks of this source that failed after their retries."""
    notes: list[str] = field(default_factory=list)
    """Problems worth an operator's look that are no error (an overflowing feed)."""

    @property
    def not_articles(self) -> int:
        """Return the pages that were fetched but are no article (or no readable one)."""
        return sum(self.articles[reason] for reason in NOT_ARTICLE_REASONS)


@dataclass(frozen=True, kw_only=True)
class Column:
    """One column of the report table."""

    header: str
    value: Callable[[SourceCounts], int | str]
    numeric: bool = True


def _failures(counts: SourceCounts) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in sorted(counts.failures.items())) or "-"


INGEST_COLUMNS = (
    Column(header="discovered", value=lambda c: c.discovered),
    Column(header="fetched", value=lambda c: c.fetched),
    Column(header="new", value=lambda c: c.articles[Reason.NEW]),
    Column(header="updated", value=lambda c: c.articles[Reason.UPDATED]),
    Column(header="unchanged", value=lambda c: c.articles[Reason.UNCHANGED]),
    Column(header="duplicates", value=lambda c: c.articles[Reason.DUPLICATE_URL]),
    Column(header="not articles", value=lambda c: c.not_articles),
    Column(header="failures by reason", value=_failures, numeric=False),
)
"""The table of runs that fetch or extract pages (nightly ingests and backfills)."""

DISCOVERY_COLUMNS = (
    Column(header="listings read", value=lambda c: sum(c.listings[r] for r in _LISTING_READ)),
    Column(header="not modified", value=lambda c: c.listings[Reason.NOT_MODIFIED]),
    Column(header="listed", value=lambda c: c.discovered),
    Column(header="new (queued)", value=lambda c: c.articles[Reason.QUEUED]),
    Column(header="failures by reason", value=_failures, numeric=False),
)
"""The table of discovery polls, which fetch listings only."""


class RunReport:
    """A run's per-source tally, its problems, and the markdown report made of them."""

    def __init__(self, *, title: str, sources: Sequence[str], columns: Sequence[Column]) -> None:
        self.title = title
        self.columns = tuple(columns)
        self.sources: dict[str, SourceCounts] = {name: SourceCounts() for name in sources}
        self.problems: list[str] = []
        """Problems of the run as a whole (the load, retention)."""
        self.summary: list[str] = []
        """Lines printed above the table (run id, what was selected, the load)."""

    def source(self, name: str) -> SourceCounts:
        """Return the tally of a source (one not configured gets a row of its own)."""
        return self.sources.setdefault(name, SourceCounts())

    def count_outcomes(self, outcomes: Iterable[UrlOutcome]) -> None:
        """Count outcome rows into their sources' tallies."""
        for outcome in outcomes:
            counts = self.source(outcome.source)
            if outcome.kind is UrlKind.ARTICLE:
                counts.articles[outcome.reason] += 1
            else:
                counts.listings[outcome.reason] += 1
            if outcome.status is Status.FAILED:
                counts.failures[outcome.reason] += 1

    def source_error(self, sources: Iterable[str], message: str) -> None:
        """Record that a task working for these sources failed after its retries."""
        for name in sorted(set(sources)):
            self.source(name).errors.append(message)

    def errored(self) -> list[str]:
        """Return the sources with at least one failed task, sorted."""
        return sorted(name for name, counts in self.sources.items() if counts.errors)

    def markdown(self) -> str:
        """Return the report: summary lines, the per-source table, then the problems."""
        headers = ["source", *(c.header for c in self.columns)]
        lines = [f"# {self.title}", "", *(f"{line}  " for line in self.summary), ""]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append(
            "| --- | " + " | ".join("---:" if c.numeric else "---" for c in self.columns) + " |"
        )
        for name, counts in sorted(self.sources.items()):
            cells = [_cell(name), *(_cell(str(c.value(counts))) for c in self.columns)]
            lines.append("| " + " | ".join(cells) + " |")
        totals = [
            str(sum(int(c.value(s)) for s in self.sources.values())) if c.numeric else ""
            for c in self.columns
        ]
        lines.append("| **all sources** | " + " | ".join(totals) + " |")
        problems = self.problem_lines()
        lines += ["", "## Problems", ""] + [f"- {_text(p)}" for p in problems] if problems else []
        return "\n".join(lines) + "\n"

    def problem_lines(self) -> list[str]:
        """Return every problem as one line: the run's, then each source's."""
        lines = list(self.problems)
        for name, counts in sorted(self.sources.items()):
            lines += [f"{name}: {error}" for error in counts.errors]
            lines += [f"{name}: {note}" for note in counts.notes]
        return lines

    def verdict(self, *, load_error: str | None) -> Verdict:
        """Return how the run ends: failed when its load did not commit (``load_error``)
        or more than half of its sources errored, else completed with its problems."""
        errored = self.errored()
        if load_error is not None:
            return Verdict(failed=True, message=_short(f"the load did not commit: {load_error}"))
        if self.sources and 2 * len(errored) > len(self.sources):
            return Verdict(
                failed=True,
                message=_short(
                    f"{len(errored)} of {len(self.sources)} sources errored: {', '.join(errored)}"
                ),
            )
        problems = self.problem_lines()
        if not problems:
            return Verdict(failed=False, message=None)
        first = problems[0]
        more = f" (and {len(problems) - 1} more, see the run report)" if len(problems) > 1 else ""
        noun = "problem" if len(problems) == 1 else "problems"
        return Verdict(failed=False, message=_short(f"{len(problems)} {noun}: {first}{more}"))


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """How a run ends, and the message its final state carries."""

    failed: bool
    message: str | None


def _cell(text: str) -> str:
    return _text(text).replace("|", "\\|")


def _text(text: str) -> str:
    return " ".join(text.split())


def _short(text: str) -> str:
    text = _text(text)
    return text if len(text) <= _MESSAGE_CHARS else text[: _MESSAGE_CHARS - 1] + "…"
