"""The report as one self-contained HTML page: charts beside tables, styles and plotly's
JavaScript inlined, nothing fetched.

The page's Content-Security-Policy lets it load nothing from anywhere (scripts and styles
inline only, images only from ``data:``), so even opened from a file it makes no request.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs, get_plotlyjs_version

from reports import charts
from reports.data import OutcomeGroup, ReportData
from reports.defaults import CONTENT_SECURITY_POLICY

PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}
_STATUS_TEXT = {
    "ok": "ok",
    "new": "new (too little history)",
    "low": "low",
    "silent": "silent",
}

STYLE = """
:root { --ink: #1f2328; --muted: #59636e; --rule: #d0d7de; --silent: #d62728;
        --silent-bg: #fde8e8; --low: #b35c00; --low-bg: #fff1e0; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1280px; padding: 1.5rem 2rem 3rem; color: var(--ink);
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
       Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .3rem; padding-top: .6rem;
     border-top: 1px solid var(--rule); }
p { margin: .3rem 0 .8rem; }
.meta, .note, figcaption, caption { color: var(--muted); }
.note { font-size: .9rem; max-width: 60rem; }
nav ul { list-style: none; padding: 0; margin: .8rem 0 0; display: flex; flex-wrap: wrap;
         gap: .4rem 1.2rem; }
nav a { color: #0969da; }
.alert { border-left: 4px solid var(--silent); background: var(--silent-bg);
         padding: .5rem .8rem; margin: 1rem 0; }
.fine { border-left: 4px solid #1a7f37; background: #e9f6ec; padding: .5rem .8rem;
        margin: 1rem 0; }
.pair { display: grid; grid-template-columns: minmax(0, 11fr) minmax(0, 9fr); gap: 1.5rem;
        align-items: start; }
.pair.wide { grid-template-columns: minmax(0, 1fr); }
figure { margin: 0; min-width: 0; }
.table-wrap { overflow-x: auto; max-height: 36rem; overflow-y: auto; }
table { border-collapse: collapse; font-size: .85rem; width: 100%; }
caption { text-align: left; font-size: .85rem; padding-bottom: .3rem; }
th, td { padding: .2rem .45rem; border-bottom: 1px solid var(--rule); text-align: left;
         vertical-align: top; }
thead th { position: sticky; top: 0; background: white; border-bottom: 2px solid var(--rule); }
th[scope="row"], td.day { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.zero { color: #a0a7ae; }
tr.total td, tr.total th { font-weight: 600; border-top: 2px solid var(--rule); }
tr.silent td, tr.silent th { background: var(--silent-bg); }
tr.low td, tr.low th { background: var(--low-bg); }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .7rem; font-size: .8rem;
         background: var(--band); white-space: nowrap; }
.badge.silent { background: var(--silent); color: white; font-weight: 600; }
.badge.low { background: var(--low); color: white; font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
.nodata { margin: 4rem auto; max-width: 40rem; padding: 2rem; border: 1px solid var(--rule);
          border-radius: .5rem; background: var(--band); }
.nodata h1 { font-size: 2rem; }
code { font-size: .9em; background: var(--band); padding: 0 .25rem; border-radius: .2rem; }
footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); }
@media (max-width: 960px) { .pair { grid-template-columns: minmax(0, 1fr); } }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .modebar-container { display: none !important; }
  h2 { break-after: avoid; border-top: none; margin-top: 1rem; }
  .pair { grid-template-columns: minmax(0, 1fr); gap: .5rem; }
  figure, tr { break-inside: avoid; }
  .table-wrap { overflow: visible; max-height: none; }
  thead th { position: static; }
  tfoot { display: table-row-group; }
  a { color: inherit; text-decoration: none; }
  .alert, tr.silent td, tr.silent th, .badge { print-color-adjust: exact;
                                               -webkit-print-color-adjust: exact; }
}
"""

PRINT_CHART_WIDTH = 1000
"""Chart width in CSS pixels when printed: an A4 landscape page's width inside its margins."""

# Plotly draws a chart at the pixel width of its box on screen, and resizes it only after a
# delay, too late for the print layout: before printing, every chart is redrawn at once at
# the printed page's width, and sized to its box again afterwards.
_PRINT_RESIZE = f"""
window.addEventListener("beforeprint", function () {{
  document.querySelectorAll(".js-plotly-plot").forEach(function (chart) {{
    Plotly.relayout(chart, {{width: {PRINT_CHART_WIDTH}}});
  }});
}});
window.addEventListener("afterprint", function () {{
  document.querySelectorAll(".js-plotly-plot").forEach(function (chart) {{
    Plotly.relayout(chart, {{width: null, autosize: true}});
  }});
}});
"""


@dataclass(frozen=True, kw_only=True)
class PageInfo:
    """What the page says about itself: where its data came from and when."""

    warehouse_path: Path
    generated_at: datetime
    days: int


def render_report(data: ReportData, info: PageInfo) -> str:
    """Return the report page for the data."""
    window = data.window
    period = f"{window.first_day.isoformat()} to {window.last_day.isoformat()}"
    sections = [
        _articles_section(data),
        _health_section(data),
        _outcomes_section(data),
        _languages_section(data),
        _clusters_section(data),
    ]
    if data.query is not None:
        sections.append(_query_section(data))
    navigation = "".join(f'<li><a href="#{s.anchor}">{_e(s.title)}</a></li>' for s in sections)
    flagged = data.health.flagged()
    if flagged:
        names = ", ".join(f"<strong>{_e(name)}</strong>" for name in flagged)
        banner = (
            f'<p class="alert" role="alert">Sources flagged silent or low on their latest '
            f'day: {names} (see <a href="#health">source health</a>).</p>'
        )
    else:
        banner = '<p class="fine">No source is flagged silent or low on its latest day.</p>'
    header = f"""
<header>
<h1>Coverage report</h1>
<p class="meta">{len(data.sources)} sources · {info.days} days, {_e(period)} (local publication
days, up to the last complete day before the newest run, {_time(window.newest_run_at)}) ·
{window.runs} runs in the {info.days} days up to it</p>
{banner}
<nav aria-label="Sections"><ul>{navigation}</ul></nav>
</header>"""
    body = header + "<main>" + "".join(s.html for s in sections) + "</main>" + _footer(info)
    return _document(f"Coverage report, {period}", body, scripts=True)


def render_no_data(info: PageInfo, reason: str) -> str:
    """Return the page of a warehouse that holds no data yet, saying why."""
    body = f"""
<main class="nodata">
<h1>No data yet</h1>
<p>{_e(reason)}</p>
<p>Run an ingest (<code>mediawatch ingest --config FILE</code>, or <code>mediawatch demo</code>
for the demo newsroom), then write the report again
(<code>mediawatch report</code>).</p>
</main>{_footer(info)}"""
    return _document("Coverage report: no data yet", body, scripts=False)


@dataclass(frozen=True, kw_only=True)
class _Section:
    anchor: str
    title: str
    html: str


def _section(
    anchor: str,
    title: str,
    note: str,
    chart: go.Figure | None,
    table: str,
    *,
    empty: str | None = None,
    wide: bool = False,
) -> _Section:
    if empty is not None:
        content = f'<p class="empty">{_e(empty)}</p>'
    else:
        figure = ""
        if chart is not None:
            plot = chart.to_html(
                full_html=False,
                include_plotlyjs=False,
                div_id=f"chart-{anchor}",
                config=PLOT_CONFIG,
                default_width="100%",
                default_height=f"{chart.layout.height}px",
            )
            figure = (
                f'<figure class="chart" data-chart="{anchor}" aria-label="{_e(title)} chart">'
                f"{plot}</figure>"
            )
        layout = "pair wide" if wide or chart is None else "pair"
        content = f'<div class="{layout}">{figure}<div class="table-wrap">{table}</div></div>'
    return _Section(
        anchor=anchor,
        title=title,
        html=f'<section id="{anchor}"><h2>{_e(title)}</h2><p class="note">{note}</p>'
        f"{content}</section>",
    )


def _day_rows(table: pd.DataFrame) -> list[list[Cell]]:
    """Return a day × source table's rows: the day, each source's count, their sum."""
    counts: list[list[int]] = table.to_numpy(dtype="int64").tolist()
    return [
        [pd.Timestamp(day).date().isoformat(), *row, sum(row)]
        for day, row in zip(table.index, counts, strict=True)
    ]


def _column_totals(table: pd.DataFrame) -> list[Cell]:
    totals: list[int] = table.to_numpy(dtype="int64").sum(axis=0).tolist()
    return [*totals, sum(totals)]


def _articles_section(data: ReportData) -> _Section:
    table = data.daily_articles
    total = int(table.to_numpy().sum())
    note = (
        f"{total} articles published in the window, per outlet and local publication day "
        "(the outlet's own time zone); current versions, undated articles not counted "
        "(view <code>daily_counts</code>)."
    )
    html_table = _table(
        ["day", *table.columns, "all"],
        _day_rows(table),
        total=["all", *_column_totals(table)],
        caption="Articles per day",
    )
    empty = None if total else "No article was published in this window."
    chart = charts.daily_articles_chart(data) if total else None
    return _section("articles", "Articles per outlet per day", note, chart, html_table, empty=empty)


def _health_section(data: ReportData) -> _Section:
    health = data.health
    latest = health.latest
    if health.has_expected:
        note = (
            "Each source's articles per local day against the number expected from its own "
            "history (same weekday over the previous weeks; view "
            "<code>source_health_daily</code>). A day is <strong>silent</strong> with no "
            "article where some were expected, <strong>low</strong> after a sharp drop, "
            "<strong>new</strong> while the source has under three weeks of history. The "
            "table gives each source's latest complete day, and its recent runs (view "
            "<code>source_health</code>)."
        )
    else:
        note = (
            "This warehouse has no <code>source_health_daily</code> view (no expected "
            "volumes yet: a load with a newer mediawatch adds it). Shown instead, from the "
            "<code>source_health</code> view: new articles per day over the recent runs; a "
            "source whose recent runs brought none is marked <strong>silent</strong>."
        )
    rows: list[list[Cell]] = []
    classes: list[str] = []
    for record in _records(latest):
        status = str(record["status"])
        rows.append(
            [
                str(record["source"]),
                _Html(
                    f'<span class="badge {status}">{_e(_STATUS_TEXT.get(status, status))}</span>'
                ),
                _day(record["local_day"]),
                _int(record["articles"]),
                _number(record["expected"], digits=1),
                _int(record["recent_runs"]),
                _int(record["failed"]),
                _percent(record["failure_rate"]),
                _number(record["articles_per_day"], digits=2),
                _time(record["last_article_at"]),
            ]
        )
        classes.append(status if status in ("silent", "low") else "")
    html_table = _table(
        [
            "source",
            "status",
            "latest day",
            "articles",
            "expected",
            "recent runs",
            "failed URLs",
            "failure rate",
            "new a day",
            "last new article",
        ],
        rows,
        row_classes=classes,
        caption="Latest complete day and recent runs per source",
    )
    has_marks = (
        health.daily is not None and not health.daily.empty and health.daily["articles"].sum() > 0
    ) or (health.daily is None and bool((latest["articles_per_day"].fillna(0) > 0).any()))
    empty = None if len(latest) else "No source has been configured or fetched yet."
    chart = charts.health_chart(data) if has_marks and empty is None else None
    return _section(
        "health",
        "Source health: expected against actual",
        note,
        chart,
        html_table,
        empty=empty,
        wide=True,
    )


def _outcomes_section(data: ReportData) -> _Section:
    outcomes = data.outcomes
    sources = [s for s in data.sources if s in set(outcomes["source"])]
    note = (
        f"Every URL the {data.window.runs} runs of the window touched (articles, feeds and "
        "sitemaps), by what happened to it: <strong>stored</strong> (new, updated, "
        "unchanged), <strong>listing read</strong>, <strong>not an article</strong>, "
        "<strong>skipped</strong>, <strong>failed</strong> by reason (table "
        "<code>url_outcomes</code>)."
    )
    rows: list[list[Cell]] = []
    group_order = {str(group): n for n, group in enumerate(OutcomeGroup)}
    keyed = outcomes.assign(_order=outcomes["group"].map(group_order))
    for (_, group, reason), part in keyed.groupby(["_order", "group", "reason"], sort=True):
        by_source = _sums(part, "source", "urls")
        counts = [int(by_source.get(source, 0)) for source in sources]
        rows.append([str(group), str(reason), *counts, sum(counts)])
    all_urls = _sums(outcomes, "source", "urls")
    totals = [int(all_urls.get(s, 0)) for s in sources]
    html_table = _table(
        ["outcome", "reason", *sources, "all"],
        rows,
        total=["all", "", *totals, sum(totals)],
        caption="URLs per outcome and reason",
    )
    empty = None if rows else "No run touched a URL in this window."
    chart = charts.outcomes_chart(data) if rows else None
    return _section(
        "outcomes", "Outcomes by reason per source", note, chart, html_table, empty=empty
    )


def _languages_section(data: ReportData) -> _Section:
    table = data.languages
    total = int(table.to_numpy(dtype="int64").sum())
    note = (
        "Articles of the window per detected language (ISO 639-1) and outlet; "
        "<em>unknown</em> where detection gave none."
    )
    counts: list[list[int]] = table.to_numpy(dtype="int64").tolist()
    rows: list[list[Cell]] = [
        [str(language), *row, sum(row), _share(sum(row), total)]
        for language, row in zip(table.index, counts, strict=True)
    ]
    html_table = _table(
        ["language", *table.columns, "all", "share"],
        rows,
        total=["all", *_column_totals(table), ""],
        caption="Articles per language",
    )
    empty = None if total else "No article was published in this window."
    chart = charts.languages_chart(data) if total else None
    return _section("languages", "Language mix", note, chart, html_table, empty=empty)


def _clusters_section(data: ReportData) -> _Section:
    clusters = data.clusters
    note = (
        f"The {len(clusters) or 'largest'} largest near-duplicate clusters published in the "
        "window: one story carried by several outlets or repeated with light edits (view "
        "<code>syndication_clusters</code>). Numbered as in the chart."
    )
    rows: list[list[Cell]] = [
        [
            n,
            str(record["first_title"]),
            str(record["first_source"]),
            _time(record["first_published_at"]),
            int(record["articles"]),
            ", ".join(str(outlet) for outlet in record["outlets"]),
        ]
        for n, record in enumerate(_records(clusters), start=1)
    ]
    html_table = _table(
        ["#", "first headline", "first outlet", "first published", "articles", "outlets"],
        rows,
        caption="Largest clusters",
    )
    empty = None if rows else "No story was carried by more than one article in this window."
    chart = charts.clusters_chart(data) if rows else None
    return _section(
        "clusters",
        "Largest syndication clusters",
        note,
        chart,
        html_table,
        empty=empty,
        wide=True,
    )


def _query_section(data: ReportData) -> _Section:
    assert data.coverage is not None and data.matches is not None
    table = data.coverage
    total = int(table.to_numpy(dtype="int64").sum())
    note = (
        f"Articles matching <code>{_e(data.query or '')}</code> per outlet and local "
        "publication day (full-text search over title and text, macro "
        "<code>search_counts</code>; the best matches below from "
        "<code>search_articles</code>)."
    )
    counts = _table(
        ["day", *table.columns, "all"],
        _day_rows(table),
        total=["all", *_column_totals(table)],
        caption="Matching articles per day",
    )
    matches = _table(
        ["rank", "outlet", "day", "headline"],
        [
            [
                int(m["rank"]),
                str(m["source"]),
                _day(m["local_day"]),
                _Html(f'<a href="{_e(str(m["url"]))}" rel="noreferrer">{_e(str(m["title"]))}</a>'),
            ]
            for m in _records(data.matches)
        ],
        caption="Best matches",
    )
    empty = None if total else f"No article in this window matches {data.query!r}."
    chart = charts.coverage_chart(data) if total else None
    section = _section(
        "query", f"Coverage of “{data.query}”", note, chart, counts + matches, empty=empty
    )
    return section


def _footer(info: PageInfo) -> str:
    return (
        f"<footer>Written by <code>mediawatch report</code> at {_time(info.generated_at)} "
        f"from <code>{_e(str(info.warehouse_path))}</code>, opened read-only. Charts: "
        f"plotly.js {get_plotlyjs_version()}, inlined; the page loads nothing from the "
        "network.</footer>"
    )


def _document(title: str, body: str, *, scripts: bool) -> str:
    script = f"<script>{get_plotlyjs()}</script><script>{_PRINT_RESIZE}</script>" if scripts else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="generator" content="mediawatch report">
<link rel="icon" href="data:,">
<title>{_e(title)}</title>
<style>{STYLE}</style>
{script}
</head>
<body>
{body}
</body>
</html>
"""


class _Html(str):
    """Cell content that is already HTML."""

    __slots__ = ()


class _Num(str):
    """A number already formatted (right-aligned like the others)."""

    __slots__ = ()


Cell = str | int | float | None


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    total: Sequence[Cell] | None = None,
    row_classes: Sequence[str] | None = None,
    caption: str,
) -> str:
    numeric = [
        bool(rows) and all(isinstance(row[i], int | float | _Num) or row[i] is None for row in rows)
        for i in range(len(headers))
    ]
    head = "".join(
        f'<th scope="col"{" class=num" if numeric[i] else ""}>{_e(str(h))}</th>'
        for i, h in enumerate(headers)
    )

    def line(cells: Sequence[Cell], css: str, cell_tag: Callable[[int], str]) -> str:
        out = []
        for i, value in enumerate(cells):
            tag = cell_tag(i)
            classes = []
            if numeric[i]:
                classes.append("num")
                if value == 0:
                    classes.append("zero")
            attributes = f' class="{" ".join(classes)}"' if classes else ""
            scope = ' scope="row"' if tag == "th" else ""
            out.append(f"<{tag}{scope}{attributes}>{_cell(value)}</{tag}>")
        row_class = f' class="{css}"' if css else ""
        return f"<tr{row_class}>{''.join(out)}</tr>"

    first_is_header: Callable[[int], str] = lambda i: "th" if i == 0 else "td"  # noqa: E731
    body = "".join(
        line(row, row_classes[n] if row_classes else "", first_is_header)
        for n, row in enumerate(rows)
    )
    foot = f"<tfoot>{line(total, 'total', first_is_header)}</tfoot>" if total and rows else ""
    return (
        f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody>{foot}</table>"
    )


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return a frame's rows as dictionaries of Python values."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _sums(frame: pd.DataFrame, key: str, value: str) -> dict[str, int]:
    """Return the sum of a column per value of another."""
    sums = frame.groupby(key)[value].sum()
    return {str(k): int(v) for k, v in sums.items()}


def _cell(value: Cell) -> str:
    if value is None:
        return "–"
    if isinstance(value, _Html):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return _e(str(value))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _missing(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def _int(value: object) -> int | None:
    return None if _missing(value) else int(value)  # type: ignore[call-overload]


def _number(value: object, *, digits: int) -> _Num | None:
    return None if _missing(value) else _Num(f"{float(value):.{digits}f}")  # type: ignore[arg-type]


def _percent(value: object) -> _Num | None:
    return None if _missing(value) else _Num(f"{100 * float(value):.1f} %")  # type: ignore[arg-type]


def _share(part: int, whole: int) -> _Num | None:
    return _Num(f"{100 * part / whole:.1f} %") if whole else None


def _day(value: object) -> str | None:
    return None if _missing(value) else pd.Timestamp(value).date().isoformat()  # type: ignore[arg-type]


def _time(value: object) -> str:
    if _missing(value):
        return "–"
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC")
    return stamp.strftime("%Y-%m-%d %H:%M UTC")
