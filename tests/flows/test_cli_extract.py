"""`mediawatch extract` on pages we wrote: files, gzip, folders, a manifest, failures, a pool."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from flows.cli import main
from transforms.text import content_hash

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"
HARBOUR_URL = "https://gazette.example/news/harbour-wall"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]], str]:
    status = main(["extract", *args])
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Return a folder of saved pages: plain, gzipped and nested, plus a stray file."""
    root = tmp_path / "site"
    (root / "news" / "2025").mkdir(parents=True)
    shutil.copy(PAGES / "about.html", root / "about.html")
    (root / "news" / "2025" / "harbour_wall.html.gz").write_bytes(
        gzip.compress((PAGES / "harbour_wall.html").read_bytes())
    )
    shutil.copy(PAGES / "markt_halle.html", root / "news" / "markt_halle.html")
    (root / "news" / "notes.txt").write_text("not a page", encoding="utf-8")
    return root


def test_one_page_with_its_url(capsys: pytest.CaptureFixture[str]) -> None:
    status, records, err = _run(capsys, str(PAGES / "harbour_wall.html"), "--url", HARBOUR_URL)

    assert status == 0
    [record] = records
    assert record["path"] == str(PAGES / "harbour_wall.html")
    assert record["url"] == HARBOUR_URL
    assert (record["status"], record["reason"], record["page_class"]) == (
        "extracted",
        "new",
        "article",
    )
    assert record["title"] == "Harbour wall approved after late-night vote"
    assert record["authors"] == ["Jane Doe", "Ravi Patel"]
    # The page's own offset is kept.
    assert record["published_at"] == "2025-03-04T09:15:00+01:00"
    assert record["date_source"] == "json-ld"
    assert record["language"] == "en"
    assert record["word_count"] == 130
    assert record["canonical_url"] == HARBOUR_URL
    assert record["tags"] == ["harbour", "council", "storms"]
    assert record["sections"] == []
    assert record["image_url"] is None
    assert 0.9 < record["language_confidence"] <= 1.0
    assert "section" not in record
    assert record["text"].startswith("The town council approved the rebuilding")
    assert record["content_hash"] == content_hash(record["text"])
    assert len(record["simhash"]) == 16
    assert record["article_id"]
    assert err.strip() == "1 pages: 1 article"


def test_sections_lead_image_and_language_confidence_are_in_the_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    head = (
        '<meta property="article:section" content="Local">'
        '<meta property="og:image" content="/img/harbour-wall.jpg">'
        "</head>"
    )
    page = tmp_path / "harbour_wall.html"
    page.write_text(
        (PAGES / "harbour_wall.html").read_text(encoding="utf-8").replace("</head>", head, 1),
        encoding="utf-8",
    )
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>Nothing</title></head><body></body></html>")

    status, records, _ = _run(capsys, str(page), "--url", HARBOUR_URL)
    _, [nothing], _ = _run(capsys, str(empty))

    assert status == 0
    [record] = records
    assert record["page_class"] == "article"
    assert record["sections"] == ["Local"]
    assert record["image_url"] == "https://gazette.example/img/harbour-wall.jpg"
    assert record["tags"] == ["harbour", "council", "storms"]
    assert record["language"] == "en"
    assert 0.9 < record["language_confidence"] <= 1.0
    # Without a language there is no confidence in one.
    assert (nothing["page_class"], nothing["language"]) == ("empty", None)
    assert nothing["language_confidence"] is None
    assert nothing["sections"] == []


def test_a_folder_is_searched_recursively_in_path_order(
    capsys: pytest.CaptureFixture[str], site: Path
) -> None:
    status, records, err = _run(capsys, str(site), "--jobs", "1")

    assert status == 0
    assert [Path(r["path"]).relative_to(site).as_posix() for r in records] == [
        "about.html",
        "news/2025/harbour_wall.html.gz",
        "news/markt_halle.html",
    ]
    assert [r["page_class"] for r in records] == ["not_article", "article", "article"]
    # A non-article is counted with its reason and keeps what was found.
    about = records[0]
    assert (about["status"], about["reason"]) == ("skipped", "not_article")
    assert about["title"] == "About the Harbourton Gazette"
    assert about["url"] is None
    assert records[1]["title"] == "Harbour wall approved after late-night vote"
    assert records[2]["language"] == "de"
    assert err.strip() == "3 pages: 2 article, 1 not_article"


def test_a_manifest_names_pages_relative_to_its_folder(
    capsys: pytest.CaptureFixture[str], site: Path
) -> None:
    manifest = site / "manifest.csv"
    manifest.write_text(
        "path,url\n"
        f"news/2025/harbour_wall.html.gz,{HARBOUR_URL}\n"
        "news/markt_halle.html,\n"
        f"{PAGES / 'about.html'},https://gazette.example/about\n",
        encoding="utf-8",
    )

    status, records, _ = _run(capsys, "--manifest", str(manifest))

    assert status == 0
    assert [(r["path"], r["url"]) for r in records] == [
        (str(site / "news/2025/harbour_wall.html.gz"), HARBOUR_URL),
        (str(site / "news/markt_halle.html"), None),
        (str(PAGES / "about.html"), "https://gazette.example/about"),
    ]
    assert records[0]["canonical_url"] == HARBOUR_URL
    assert [r["page_class"] for r in records] == ["article", "article", "not_article"]


def test_unreadable_pages_fail_on_their_own_line_and_the_exit_status(
    capsys: pytest.CaptureFixture[str], site: Path
) -> None:
    broken = site / "broken.html.gz"
    broken.write_bytes(gzip.compress(b"<html>" * 100)[:30])
    missing = site / "missing.html"

    status, records, err = _run(capsys, str(broken), str(missing), str(site / "about.html"))

    assert status == 1
    assert [r["status"] for r in records] == ["failed", "failed", "skipped"]
    assert records[0]["reason"] == "unreadable"
    assert records[0]["error"].startswith("EOFError")
    assert records[1]["error"].startswith("FileNotFoundError")
    assert records[2]["page_class"] == "not_article"
    assert err.strip() == "3 pages: 2 failed, 1 not_article"


def test_a_pool_keeps_the_input_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    paths = []
    for number in range(11):
        page = tmp_path / f"page{number:02d}.html"
        # Alternate large and tiny pages, so that later tasks often finish first.
        source = PAGES / ("harbour_wall.html" if number % 2 else "about.html")
        page.write_bytes(source.read_bytes())
        paths.append(str(page))

    status, records, _ = _run(capsys, *paths, "--jobs", "2")

    assert status == 0
    assert [r["path"] for r in records] == paths
    assert [r["page_class"] for r in records] == [
        "article" if number % 2 else "not_article" for number in range(11)
    ]


def test_non_html_and_empty_files_are_classified(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.html").write_bytes(b"")
    (tmp_path / "b.html").write_bytes(b'{"not": "a page"}')
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(b"\x00\x01\x02binary" * 50))

    status, records, _ = _run(capsys, str(tmp_path))

    assert status == 0
    assert [(r["page_class"], r["reason"]) for r in records] == [
        ("empty", "empty"),
        ("non_html", "bad_content_type"),
        ("non_html", "bad_content_type"),
    ]


@pytest.mark.parametrize(
    "args",
    [
        [],
        [str(PAGES / "about.html"), str(PAGES / "markt_halle.html"), "--url", HARBOUR_URL],
        [str(PAGES), "--url", HARBOUR_URL],
        [str(PAGES / "about.html"), "--jobs", "0"],
    ],
    ids=["nothing", "url-for-two-pages", "url-for-a-folder", "no-jobs"],
)
def test_usage_errors_exit_with_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    status, records, err = _run(capsys, *args)

    assert status == 2
    assert records == []
    assert err.startswith("mediawatch extract: ")


def test_a_manifest_without_a_path_column_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,url\na.html,\n", encoding="utf-8")

    status, _, err = _run(capsys, "--manifest", str(manifest))

    assert status == 2
    assert "path,url" in err
