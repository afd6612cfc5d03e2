"""The report's charts as plotly figures, built from the frames of `reports.data`.

Each function returns a figure whose every trace draws marks for the non-zero numbers it is
given; the page puts a table of the same numbers beside it. Colours are fixed per source
across charts; labels taken from the data (headlines) are escaped, since plotly reads a
little HTML in text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from reports.data import OutcomeGroup, ReportData, SourceHealth

SOURCE_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#393b79",
)
"""Colours of the sources, in name order (D3's category10 without its red, kept for alarms)."""
STATUS_COLOURS = {
    "ok": "#4c78a8",
    "new": "#9ecae9",
    "low": "#f58518",
    "silent": "#d62728",
}
GROUP_COLOURS = {
    OutcomeGroup.STORED: ("#1a7f37", "#4caf50", "#a5d6a7"),
    OutcomeGroup.LISTING: ("#4c78a8", "#9ecae9", "#c6dbef"),
    OutcomeGroup.NOT_ARTICLE: ("#b279a2", "#d6a5c9", "#eccde2"),
    OutcomeGroup.SKIPPED: ("#8c8c8c", "#b3b3b3", "#d9d9d9"),
    OutcomeGroup.FAILED: ("#d62728", "#f58518", "#e45756", "#ff9da6", "#9d755d"),
}
LANGUAGE_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#eeca3b", "#72b7b2")
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_TITLE_CHARS = 48


def source_colours(sources: Sequence[str]) -> dict[str, str]:
    """Return each source's colour, the same in every chart of a report."""
    return {name: SOURCE_COLOURS[n % len(SOURCE_COLOURS)] for n, name in enumerate(sources)}


def _layout(figure: go.Figure, *, height: int, legend: bool = True) -> go.Figure:
    figure.update_layout(
        template="none",
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"family": _FONT, "size": 12, "color": "#1f2328"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font": {"family": _FONT}},
    )
    figure.update_xaxes(gridcolor="#e6e6e6", linecolor="#bdbdbd", automargin=True)
    figure.update_yaxes(gridcolor="#e6e6e6", linecolor="#bdbdbd", automargin=True)
    return figure


def _date_axis(figure: go.Figure, data: ReportData) -> None:
    """Give every date axis the window's days, whatever days the traces have."""
    start = pd.Timestamp(data.window.first_day) - pd.Timedelta(hours=12)
    end = pd.Timestamp(data.window.last_day) + pd.Timedelta(hours=12)
    figure.update_xaxes(type="date", range=[start.isoformat(), end.isoformat()], tickformat="%d %b")


def _count_axis(values: Sequence[float]) -> dict[str, object]:
    """Return axis settings for counts: whole-number ticks while the numbers are small."""
    largest = max((float(v) for v in values), default=0.0)
    return (
        {"rangemode": "tozero", "tick0": 0, "dtick": 1} if largest <= 8 else {"rangemode": "tozero"}
    )


def _day_labels(days: pd.Index) -> list[str]:
    return [pd.Timestamp(day).date().isoformat() for day in days]


def daily_articles_chart(data: ReportData) -> go.Figure:
    """Return articles per outlet per day: one line per source."""
    table = data.daily_articles
    colours = source_colours(data.sources)
    figure = go.Figure()
    for source in table.columns:
        figure.add_trace(
            go.Scatter(
                x=_day_labels(table.index),
                y=[int(n) for n in table[source]],
                name=str(source),
                mode="lines+markers",
                line={"color": colours[str(source)], "width": 2},
                marker={"size": 6},
                hovertemplate="%{x}<br>%{y} articles<extra>%{fullData.name}</extra>",
            )
        )
    _date_axis(figure, data)
    figure.update_yaxes(
        title_text="articles", **_count_axis(table.to_numpy(dtype="float64").ravel().tolist())
    )
    return _layout(figure, height=360)


def outcomes_chart(data: ReportData) -> go.Figure:
    """Return the URLs of the window's runs per source, one bar segment per reason,
    coloured by outcome group."""
    outcomes = data.outcomes
    sources = [s for s in data.sources if s in set(outcomes["source"])]
    figure = go.Figure()
    for group in OutcomeGroup:
        rows = outcomes[outcomes["group"] == str(group)]
        palette = GROUP_COLOURS[group]
        for n, reason in enumerate(sorted(set(rows["reason"]))):
            by_source = rows[rows["reason"] == reason].groupby("source")["urls"].sum()
            figure.add_trace(
                go.Bar(
                    y=sources,
                    x=[int(by_source.get(source, 0)) for source in sources],
                    name=str(reason),
                    orientation="h",
                    legendgroup=str(group),
                    legendgrouptitle_text=str(group),
                    marker={"color": palette[n % len(palette)]},
                    hovertemplate=f"%{{y}}<br>{group}: {reason}<br>%{{x}} URLs<extra></extra>",
                )
            )
    figure.update_layout(barmode="stack")
    totals = outcomes.groupby("source")["urls"].sum()
    figure.update_xaxes(title_text="URLs", **_count_axis(list(totals)))
    figure.update_yaxes(autorange="reversed")
    figure = _layout(figure, height=200 + 40 * len(sources))
    return figure


def languages_chart(data: ReportData) -> go.Figure:
    """Return the window's articles per source, one bar segment per language."""
    table = data.languages
    sources = [str(s) for s in table.columns if int(table[s].sum()) > 0]
    figure = go.Figure()
    for n, language in enumerate(table.index):
        counts: list[int] = table.loc[language, sources].to_numpy(dtype="int64").tolist()
        figure.add_trace(
            go.Bar(
                y=sources,
                x=counts,
                name=str(language),
                orientation="h",
                marker={"color": LANGUAGE_COLOURS[n % len(LANGUAGE_COLOURS)]},
                hovertemplate="%{y}<br>%{x} articles in " + str(language) + "<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title_text="articles", **_count_axis(list(table.sum(axis=0))))
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, height=140 + 40 * len(sources))


def health_chart(data: ReportData) -> go.Figure:
    """Return each source's articles per day against its expected volume (a panel per
    source, flagged days marked), or without expected volumes its new articles per day."""
    health = data.health
    if health.daily is None:
        return _activity_chart(health)
    daily = health.daily
    sources = [s for s in data.sources if s in set(daily["source"])]
    figure = make_subplots(
        rows=len(sources),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.08, 0.3 / max(len(sources), 1)),
        subplot_titles=sources,
    )
    flag_legend = True
    for row, source in enumerate(sources, start=1):
        days = daily[daily["source"] == source]
        labels = _day_labels(pd.Index(days["local_day"]))
        statuses = [str(s) for s in days["status"]]
        figure.add_trace(
            go.Bar(
                x=labels,
                y=[int(n) for n in days["articles"]],
                name="articles",
                legendgroup="articles",
                showlegend=row == 1,
                marker={"color": [STATUS_COLOURS.get(s, "#4c78a8") for s in statuses]},
                customdata=statuses,
                hovertemplate="%{x}: %{y} articles (%{customdata})<extra>" + source + "</extra>",
            ),
            row=row,
            col=1,
        )
        expected = [None if pd.isna(e) else round(float(e), 2) for e in days["expected"]]
        if any(e is not None for e in expected):
            figure.add_trace(
                go.Scatter(
                    x=labels,
                    y=expected,
                    name="expected",
                    legendgroup="expected",
                    showlegend=row == 1,
                    mode="lines",
                    line={"color": "#1f2328", "dash": "dash", "width": 1.5},
                    hovertemplate="%{x}: %{y} expected<extra>" + source + "</extra>",
                ),
                row=row,
                col=1,
            )
        flagged = [n for n, status in enumerate(statuses) if status in ("silent", "low")]
        if flagged:
            figure.add_trace(
                go.Scatter(
                    x=[labels[n] for n in flagged],
                    y=[int(days["articles"].iloc[n]) for n in flagged],
                    name="silent or low",
                    legendgroup="flagged",
                    showlegend=flag_legend,
                    mode="markers",
                    marker={"symbol": "x", "size": 11, "color": STATUS_COLOURS["silent"]},
                    customdata=[statuses[n] for n in flagged],
                    hovertemplate="%{x}: %{customdata}<extra>" + source + "</extra>",
                ),
                row=row,
                col=1,
            )
            flag_legend = False
    _date_axis(figure, data)
    figure.update_yaxes(**_count_axis([*daily["articles"], *daily["expected"].fillna(0)]))
    return _layout(figure, height=90 + 130 * len(sources))


def _activity_chart(health: SourceHealth) -> go.Figure:
    latest = health.latest
    figure = go.Figure(
        go.Bar(
            y=[str(s) for s in latest["source"]],
            x=[float(v) if not pd.isna(v) else 0.0 for v in latest["articles_per_day"]],
            orientation="h",
            marker={"color": [STATUS_COLOURS.get(str(s), "#4c78a8") for s in latest["status"]]},
            customdata=[str(s) for s in latest["status"]],
            hovertemplate="%{y}: %{x} new articles a day (%{customdata})<extra></extra>",
        )
    )
    figure.update_xaxes(title_text="new articles per day (recent runs)")
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, height=140 + 40 * len(latest), legend=False)


def clusters_chart(data: ReportData) -> go.Figure:
    """Return the largest syndication clusters: one bar each, a segment per outlet."""
    clusters = data.clusters
    labels = [cluster_label(str(title), n) for n, title in enumerate(clusters["first_title"], 1)]
    colours = source_colours(data.sources)
    members = data.cluster_members
    figure = go.Figure()
    for source in data.sources:
        rows = members[members["source"] == source]
        if rows.empty:
            continue
        copies = dict(zip(rows["cluster_id"], rows["articles"], strict=True))
        figure.add_trace(
            go.Bar(
                y=labels,
                x=[int(copies.get(cluster_id, 0)) for cluster_id in clusters["cluster_id"]],
                name=source,
                orientation="h",
                marker={"color": colours[source]},
                hovertemplate="%{y}<br>%{x} in " + source + "<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title_text="articles", **_count_axis(list(clusters["articles"])))
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, height=150 + 36 * len(labels))


def cluster_label(title: str, rank: int) -> str:
    """Return a cluster's axis label: its rank and first headline, cut and escaped."""
    short = title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1] + "…"
    return f"{rank}. {html.escape(short, quote=False)}"


def coverage_chart(data: ReportData) -> go.Figure:
    """Return a search query's matching articles per day, stacked by outlet."""
    assert data.coverage is not None
    table = data.coverage
    colours = source_colours(data.sources)
    figure = go.Figure()
    for source in table.columns:
        if int(table[source].sum()) == 0:
            continue
        figure.add_trace(
            go.Bar(
                x=_day_labels(table.index),
                y=[int(n) for n in table[source]],
                name=str(source),
                marker={"color": colours[str(source)]},
                hovertemplate="%{x}<br>%{y} matching articles<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(barmode="stack")
    _date_axis(figure, data)
    figure.update_yaxes(title_text="matching articles", **_count_axis(list(table.sum(axis=1))))
    return _layout(figure, height=340)
