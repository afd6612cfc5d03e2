"""Full-text search from `mediawatch sql`, and its quality on the demo newsroom's articles.

The demo warehouse is built by `mediawatch demo` (a real crawl of the newsroom through
Prefect); each query below names the articles a reader would expect, and each of them must
rank in the top ten.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from flows.cli import main
from newsroom.catalogue import ARTICLES
from tests.warehouse.analyst_warehouse import AnalystWarehouse, build_analyst_warehouse
from warehouse.connection import open_warehouse

# query -> paths of the articles it must find in its top ten (outlet, path start)
RELEVANT = {
    "sea wall": ["councillors-back-quayside-sea-wall-rebuild"],
    "Skerry ferry winter sailings": ["skerry-isles-ferry-winter-sailings-cut"],
    "lifeboat": ["man-jailed-for-stealing-from-lifeboat-station", "lifeboat-rescues-kayakers"],
    '"Storm Ilse"': ["storm-ilse-closes-harbour-gusts-top-80mph"],
    "water rate increase": ["alta-valley-water-district-approves-rate-increase"],
    "groundwater pumping": ["supervisors-delay-groundwater-pumping-limits"],
    "sea level tide gauge": ["tide-gauge-sea-level-rising-twice-as-fast", "harbourton-tide-gauge"],
    "volleyball": ["calloway-volleyball-section-title"],
    "Weihnachtsmarkt": ["aufbau-weihnachtsmarkt-marktplatz-begonnen"],
    "Notaufnahme Klinikum": ["klinikum-eroeffnet-neue-zentrale-notaufnahme"],
    "Rheinfähre Niedrigwasser": ["niedrigwasser-rheinfaehre-stellt-betrieb-ein"],
    "Deich": ["deich-hafenviertel-wird-erhoeht"],
    "Bäckerei": ["baeckerei-kessler-altstadt-schliesst"],
    "baeckerei OR backerei": ["baeckerei-kessler-altstadt-schliesst"],
    "incendie entrepôt": ["un-entrepot-ravage-par-un-incendie"],
    "tramway travaux": ["tramway-les-travaux-de-la-ligne-3"],
    "flamants roses": ["les-flamants-roses-reviennent"],
    "hopital urgences": ["urgences-saturees-l-hopital-de-valmirande"],
    "rugby derby": ["rugby-l-us-valmirande-renverse-castelroux"],
    "derby -rugby": ["handball-tv-auenstedt-gewinnt-derby"],
}


@pytest.fixture(scope="module")
def demo_warehouse(prefect_api: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the warehouse `mediawatch demo` builds."""
    data_dir = tmp_path_factory.mktemp("search-demo")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["demo", "--data-dir", str(data_dir)]) == 0
    return data_dir / "mediawatch.duckdb"


@pytest.mark.parametrize("query", sorted(RELEVANT))
def test_known_relevant_articles_rank_in_the_top_ten(demo_warehouse: Path, query: str) -> None:
    with open_warehouse(demo_warehouse, read_only=True) as connection:
        urls = [
            url
            for (url,) in connection.execute(
                "SELECT url FROM search_articles($q, max_results := 10)", {"q": query}
            ).fetchall()
        ]

    for expected in RELEVANT[query]:
        assert any(expected in url for url in urls), (query, expected, urls)


def test_the_queries_name_demo_articles() -> None:
    paths = [article.path for article in ARTICLES]
    for expected in (e for wanted in RELEVANT.values() for e in wanted):
        assert any(expected in path for path in paths), expected


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> AnalystWarehouse:
    """Return the analyst test warehouse, built once for the module."""
    return build_analyst_warehouse(tmp_path_factory.mktemp("analyst"))


def test_mediawatch_sql_runs_a_search(
    capsys: pytest.CaptureFixture[str], published: AnalystWarehouse
) -> None:
    status = main(
        [
            "sql",
            "SELECT rank, source, title FROM search_articles('harbour wall')",
            "--warehouse",
            str(published.path),
        ]
    )
    captured = capsys.readouterr()

    assert (status, captured.err) == (0, "")
    assert captured.out.splitlines() == [
        "rank  source          title",
        "----  --------------  ------------------------------",
        "   1  harbour-ledger  Harbour wall approved",
        "   2  valley-courier  Harbour wall gets the go-ahead",
        "(2 rows)",
    ]


def test_mediawatch_sql_counts_coverage_with_a_parameter(
    capsys: pytest.CaptureFixture[str], published: AnalystWarehouse
) -> None:
    status = main(
        [
            "sql",
            "SELECT * FROM search_counts($q, from_date := $since::DATE)",
            "--param",
            "q=ferry OR fähre",
            "--param",
            "since=2025-03-01",
            "--csv",
            "--warehouse",
            str(published.path),
        ]
    )
    captured = capsys.readouterr()

    # The ferry timetable came out on the evening of 3 March in Los Angeles; the storm
    # warning (ferry crossings cancelled) on 5 March in London; the undated letters page,
    # which mentions a ferry, is not counted.
    assert (status, captured.err) == (0, "")
    assert captured.out.splitlines() == [
        "local_day,source,articles",
        "2025-03-03,valley-courier,1",
        "2025-03-05,harbour-ledger,1",
    ]
