"""The written page: self-contained (nothing it could fetch), tables with the exact numbers,
the silent source highlighted, and a clear page for a warehouse without data."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from reports.defaults import CONTENT_SECURITY_POLICY
from reports.write import prune_run_reports, write_report
from tests.reports.history_warehouse import REPORT_DAYS, SEARCH_TERM, HistoryWarehouse


class _Page(HTMLParser):
    """The page's tags, attributes, table rows and text, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[tuple[str | None, list[str]]] = []
        self._row: list[str] | None = None
        self._row_class: str | None = None
        self._cell: list[str] | None = None
        self._in_script = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in_script = True
        elif tag == "tr":
            self._row, self._row_class = [], attributes.get("class")
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append((self._row_class, self._row))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._in_script:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def row(self, first: str) -> tuple[str | None, list[str]]:
        """Return the first table row whose first cell is ``first``."""
        return next(row for row in self.rows if row[1] and row[1][0] == first)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def report(history: HistoryWarehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "coverage.html"
    return write_report(history.path, out, REPORT_DAYS, SEARCH_TERM)


def test_page_loads_nothing(report: Path) -> None:
    page = _parse(report)

    scripts = [attributes for tag, attributes in page.tags if tag == "script"]
    assert scripts and all("src" not in attributes for attributes in scripts)
    assert [a for t, a in page.tags if t == "link"] == [{"rel": "icon", "href": "data:,"}]
    for tag, attributes in page.tags:
        assert tag not in ("img", "iframe", "object", "embed", "video", "audio", "source")
        assert "src" not in attributes and "srcset" not in attributes
        if tag != "a" and "href" in attributes:
            assert tag == "link"
        if tag == "a":
            href = attributes["href"] or ""
            # In-page links, and the best matches' articles (followed only when clicked).
            assert href.startswith("#") or href.startswith("https://"), href
    policy = [a for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert policy == [{"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY}]
    html = report.read_text(encoding="utf-8")
    assert html.count("plotly.js v") == 1 or html.count("* plotly.js") == 1
    assert "@import" not in html and "url(http" not in html.replace(" ", "")
    assert 4_000_000 < report.stat().st_size < 6_000_000  # plotly.js once, ~4.8 MB


def test_page_has_every_section_with_a_chart(report: Path) -> None:
    page = _parse(report)

    sections = [a["id"] for t, a in page.tags if t == "section"]
    assert sections == ["articles", "health", "outcomes", "languages", "clusters", "query"]
    charts = [a["data-chart"] for t, a in page.tags if "data-chart" in a]
    assert charts == sections
    text = " ".join(page.text)
    assert "4 sources · 14 days, 2025-02-19 to 2025-03-04" in " ".join(text.split())


def test_tables_hold_the_exact_numbers(report: Path) -> None:
    page = _parse(report)

    assert page.row("2025-02-26")[1] == ["2025-02-26", "5", "0", "3", "3", "11"]
    # harbour-ledger 14 × 3 + 4 wire copies, valley-courier 14 × 2 - 2 in Spanish + 3 wire
    # copies: 75 of 119 articles (rheinblick 30, quiet-post 12 until it fell silent).
    assert page.row("en")[1][-2:] == ["75", "63.0 %"]
    assert page.row("all")[1] == ["all", "46", "12", "30", "31", "119"]
    assert page.row("1")[1][1:5] == [
        "Ferry strike ends after talks",
        "harbour-ledger",
        "2025-02-26 18:30 UTC",
        "4",
    ]
    stored = page.row("stored")[1]
    assert stored[:2] == ["stored", "new"]
    assert page.row("failed")[1] == ["failed", "http_5xx", "2", "3", "0", "0", "5"]


def test_silent_source_is_highlighted(report: Path) -> None:
    page = _parse(report)

    css, cells = page.row("quiet-post")
    assert css == "silent"
    assert cells[1] == "silent"
    assert page.row("harbour-ledger")[0] in (None, "")
    alert = [a for t, a in page.tags if a.get("role") == "alert"]
    assert alert == [{"class": "alert", "role": "alert"}]
    assert "Sources flagged silent or low on their latest day: quiet-post" in "".join(page.text)


def test_query_is_escaped(history: HistoryWarehouse, tmp_path: Path) -> None:
    out = write_report(history.path, tmp_path / "q.html", 3, '"<b>harbour</b>"')
    html = out.read_text(encoding="utf-8")

    assert "<b>harbour</b>" not in html
    assert "&lt;b&gt;harbour&lt;/b&gt;" in html


def test_empty_warehouse_gives_a_no_data_page(empty_warehouse: Path, tmp_path: Path) -> None:
    out = write_report(empty_warehouse, tmp_path / "empty.html", REPORT_DAYS, SEARCH_TERM)
    page = _parse(out)

    assert not [t for t, _ in page.tags if t == "script"]
    assert [t for t, _ in page.tags if t == "h1"] == ["h1"]
    text = " ".join(" ".join(page.text).split())
    assert "No data yet" in text
    assert f"The warehouse at {empty_warehouse} holds no run yet." in text
    assert out.stat().st_size < 20_000


def test_missing_warehouse_gives_a_no_data_page(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "mediawatch.duckdb"
    out = write_report(missing, tmp_path / "reports" / "coverage.html")

    text = " ".join(" ".join(_parse(out).text).split())
    assert "No data yet" in text and f"There is no warehouse at {missing} yet." in text


def test_days_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        write_report(tmp_path / "w.duckdb", tmp_path / "r.html", 0)


def test_prune_keeps_the_newest_run_reports(tmp_path: Path) -> None:
    names = [f"2025030{day}T060000Z-abcdef.html" for day in range(1, 6)]
    for name in [*names, "coverage.html"]:
        (tmp_path / name).write_text("x", encoding="utf-8")

    deleted = prune_run_reports(tmp_path, keep=2)

    assert [p.name for p in deleted] == names[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names[3:], "coverage.html"])


def test_without_expected_volumes_the_page_says_so(
    without_daily_health: Path, tmp_path: Path
) -> None:
    out = write_report(without_daily_health, tmp_path / "old.html", REPORT_DAYS)
    page = _parse(out)

    text = " ".join(" ".join(page.text).split())
    assert "This warehouse has no source_health_daily view" in text
    assert page.row("quiet-post")[0] == "silent"
    assert [a["data-chart"] for t, a in page.tags if "data-chart" in a][1] == "health"
