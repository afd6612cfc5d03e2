"""The report as a person sees it: opened in headless Chromium (Debian's package, which
`make test` installs) from `mediawatch serve`'s server on loopback, with every other host
unreachable. Every chart must draw marks, the page must make no request but its own, and
the console must stay free of errors; screenshots land in test-artifacts/reports/."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, ViewportSize, sync_playwright

from reports.data import read_report_data
from reports.page import PRINT_CHART_WIDTH
from reports.serve import serving
from reports.write import write_report
from tests.reports.history_warehouse import REPORT_DAYS, SEARCH_TERM, HistoryWarehouse
from warehouse.api import open_warehouse_readonly

ARTIFACTS = Path(
    os.environ.get(
        "MEDIAWATCH_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"
    )
)
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
# Chromium resolves no host name but loopback, and fetches nothing in the background.
CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--no-pings",
    "--no-first-run",
    "--no-default-browser-check",
]

# For each chart: its traces, and for each trace how many non-zero values it has and how
# many marks it drew with a size on screen: bars and markers with an area, a line with a
# length.
_MARKS = """
() => Array.from(document.querySelectorAll("[data-chart]")).map((figure) => {
  const plot = figure.querySelector(".js-plotly-plot");
  const drawn = Array.from(plot.querySelectorAll(".cartesianlayer .trace"));
  const traces = plot._fullData.map((trace, index) => {
    const values = (trace.orientation === "h" ? trace.x : trace.y) || [];
    const group = drawn.find((g) => g.__data__ && g.__data__[0] &&
                                    g.__data__[0].trace.index === index);
    const paths = group ? Array.from(group.querySelectorAll("path")) : [];
    const marks = paths.filter((path) => {
      const box = path.getBBox();
      const line = path.classList.contains("js-line");
      return line ? box.width > 0 || box.height > 0 : box.width > 0 && box.height > 0;
    }).length;
    return {name: trace.name, type: trace.type, mode: trace.mode || "",
            nonzero: values.filter((v) => v !== null && v !== 0).length, marks};
  });
  return {chart: figure.dataset.chart, traces};
})
"""
_RENDERED = """
() => window.Plotly !== undefined && Array.from(document.querySelectorAll("[data-chart]"))
  .every((figure) => {
    const plot = figure.querySelector(".js-plotly-plot");
    return plot && plot._fullLayout && plot.querySelector(".main-svg .cartesianlayer");
  })
"""


def chromium_executable() -> str:
    """Return Debian's Chromium, or fail saying how to install it."""
    found = os.environ.get("MEDIAWATCH_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail(
            "Chromium is not installed: `make test` installs Debian's package "
            "(apt-get install chromium), or set MEDIAWATCH_CHROMIUM to its executable"
        )
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Visit:
    """What the page did while it was open."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)

    def errors(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.console if kind in ("error", "pageerror")]


@pytest.fixture
def visit(browser: Browser) -> Iterator[Any]:
    """Return a function that serves a report's folder on loopback and opens the page."""
    opened: list[tuple[Any, Any]] = []

    def open_report(report: Path) -> Visit:
        server = serving(report.parent)
        base = server.__enter__()
        context = browser.new_context(viewport=LAPTOP, service_workers="block")
        opened.append((server, context))
        page = context.new_page()
        seen = Visit(page=page, url=base + report.name)

        def only_loopback(route: Route) -> None:
            if route.request.url.startswith(base):
                route.continue_()
            else:
                seen.refused.append(route.request.url)
                route.abort("blockedbyclient")

        context.route("**/*", only_loopback)
        context.on("request", lambda request: seen.requests.append(request.url))
        page.on("console", lambda m: seen.console.append((m.type, _describe(m))))
        page.on("pageerror", lambda error: seen.console.append(("pageerror", str(error))))
        page.goto(seen.url, wait_until="load")
        return seen

    yield open_report
    for server, context in reversed(opened):
        context.close()
        server.__exit__(None, None, None)


def _describe(message: ConsoleMessage) -> str:
    location = message.location
    return f"{message.text} ({location.get('url', '')}:{location.get('lineNumber', '')})"


def _flagged_days(history: HistoryWarehouse) -> list[int]:
    """Return the days of the window flagged silent or low, as the health chart marks them
    (nothing without the source_health_daily view: its chart then has no days)."""
    with open_warehouse_readonly(history.path) as wh:
        data = read_report_data(wh, days=REPORT_DAYS, query=None)
    assert data is not None
    daily = data.health.daily
    if daily is None:
        return []
    flagged = daily[daily["status"].isin(["silent", "low"])]
    assert set(flagged["source"]) == {"quiet-post"}
    return [len(flagged)]


def _artifact(name: str) -> Path:
    folder = ARTIFACTS / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def test_report_renders_every_chart_offline(
    visit: Any, history: HistoryWarehouse, tmp_path: Path
) -> None:
    report = write_report(history.path, tmp_path / "coverage.html", REPORT_DAYS, SEARCH_TERM)

    seen: Visit = visit(report)
    page = seen.page
    page.wait_for_function(_RENDERED, timeout=30_000)
    charts = page.evaluate(_MARKS)
    page.screenshot(path=_artifact("coverage.png"), full_page=True)

    assert [c["chart"] for c in charts] == [
        "articles",
        "health",
        "outcomes",
        "languages",
        "clusters",
        "query",
    ]
    for chart in charts:
        assert chart["traces"], chart["chart"]
        for trace in chart["traces"]:
            if trace["type"] == "bar":
                # One bar for every non-zero number, none for a zero.
                assert trace["marks"] == trace["nonzero"] > 0, (chart["chart"], trace)
            else:
                assert trace["marks"] > 0, (chart["chart"], trace)
    by_chart = {c["chart"]: c["traces"] for c in charts}
    assert [t["name"] for t in by_chart["articles"]] == [
        "harbour-ledger",
        "quiet-post",
        "rheinblick",
        "valley-courier",
    ]
    flagged = [t["marks"] for t in by_chart["health"] if t["name"] == "silent or low"]
    assert flagged == _flagged_days(history)
    assert seen.requests == [seen.url]
    assert seen.refused == []
    assert seen.errors() == []
    # Readable on a laptop: nothing wider than the screen, the silent source flagged.
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    assert page.get_by_role("alert").inner_text().endswith("(see source health).")
    assert page.locator("tr.silent th").inner_text() == "quiet-post"


def test_report_prints(visit: Any, history: HistoryWarehouse, tmp_path: Path) -> None:
    report = write_report(history.path, tmp_path / "coverage.html", REPORT_DAYS, None)

    seen: Visit = visit(report)
    page = seen.page
    page.wait_for_function(_RENDERED, timeout=30_000)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    widths = page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map((chart) => chart.querySelector('.main-svg').getBoundingClientRect().width)"
    )
    pdf = _artifact("coverage.pdf")
    page.pdf(path=pdf, format="A4", landscape=True, print_background=True)

    # Every chart drawn at the printed page's width, inside an A4 landscape page's margins.
    assert widths == [PRINT_CHART_WIDTH] * 5
    assert PRINT_CHART_WIDTH <= (297 - 2 * 12) / 25.4 * 96
    assert page.locator("nav").is_hidden()
    assert page.locator(".modebar-container").first.is_hidden()
    charts = page.evaluate(_MARKS)
    assert len(charts) == 5  # no query: no coverage chart
    assert all(sum(t["marks"] for t in c["traces"]) > 0 for c in charts)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert seen.requests == [seen.url]
    assert seen.errors() == []


def test_empty_warehouse_shows_no_data_yet(
    visit: Any, empty_warehouse: Path, tmp_path: Path
) -> None:
    report = write_report(empty_warehouse, tmp_path / "empty.html", REPORT_DAYS, SEARCH_TERM)

    seen: Visit = visit(report)
    page = seen.page
    page.screenshot(path=_artifact("no-data.png"), full_page=True)

    assert page.get_by_role("heading", level=1).inner_text() == "No data yet"
    assert "holds no run yet" in page.locator("main").inner_text()
    assert page.locator("[data-chart]").count() == 0
    assert seen.requests == [seen.url]
    assert seen.refused == []
    assert seen.errors() == []
