"""Raw captures as gzipped WARC files: atomic writes, seekable records, round trips."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from warehouse.captures import CapturedResponse, CaptureRef, read_warc, write_warc

FETCHED_AT = datetime(2025, 3, 4, 6, 30, 15, tzinfo=UTC)
PAGE = b"<html><body><p>The north quay reopened on Monday.</p></body></html>"


def _response(url: str, body: bytes, status: int = 200) -> CapturedResponse:
    headers: tuple[tuple[str, str], ...] = (
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Encoding", "gzip"),
        ("Transfer-Encoding", "chunked"),
        ("Content-Length", "17"),
        ("ETag", '"v1"'),
    )
    return CapturedResponse(
        url=url, status=status, headers=headers, body=body, fetched_at=FETCHED_AT
    )


def test_round_trip_of_bodies_and_urls(tmp_path: Path) -> None:
    path = tmp_path / "captures" / "run_date=2025-03-04" / "run-1-00000.warc.gz"
    responses = [
        _response("https://gazette.example/a", PAGE),
        _response("https://gazette.example/b", "Zürich café".encode()),
        _response("https://gazette.example/c", b""),
    ]

    refs = write_warc(path, responses)

    assert list(read_warc(path)) == [
        ("https://gazette.example/a", PAGE),
        ("https://gazette.example/b", "Zürich café".encode()),
        ("https://gazette.example/c", b""),
    ]
    assert [ref.warc_path for ref in refs] == [str(path)] * 3
    assert refs[0].offset == 0
    assert refs[0].offset < refs[1].offset < refs[2].offset < path.stat().st_size


def test_offsets_point_at_each_record(tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    urls = [f"https://gazette.example/{n}" for n in range(3)]
    refs = write_warc(path, [_response(url, url.encode()) for url in urls])

    with path.open("rb") as handle:
        for url, ref in zip(urls, refs, strict=True):
            handle.seek(ref.offset)
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Target-URI") == url
            assert record.content_stream().read() == url.encode()


def test_transfer_headers_are_dropped_and_length_is_the_stored_body(tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    refs = write_warc(path, [_response("https://gazette.example/a", PAGE)])

    with path.open("rb") as handle:
        handle.seek(refs[0].offset)
        record = next(iter(ArchiveIterator(handle)))
        headers = record.http_headers.headers

    assert headers == [
        ("Content-Type", "text/html; charset=utf-8"),
        ("ETag", '"v1"'),
        ("Content-Length", str(len(PAGE))),
    ]
    assert record.http_headers.statusline == "200 OK"
    assert record.rec_headers.get_header("WARC-Date") == "2025-03-04T06:30:15Z"
    assert record.rec_type == "response"


def test_unknown_status_gets_a_phrase(tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    refs = write_warc(path, [_response("https://gazette.example/a", b"", status=599)])

    with path.open("rb") as handle:
        handle.seek(refs[0].offset)
        record = next(iter(ArchiveIterator(handle)))

    assert record.http_headers.statusline == "599 Unknown"


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    write_warc(path, [_response("https://gazette.example/old", b"old")])

    write_warc(path, [_response("https://gazette.example/new", b"new")])

    assert [p.name for p in tmp_path.iterdir()] == ["run.warc.gz"]
    assert list(read_warc(path)) == [("https://gazette.example/new", b"new")]


def test_empty_capture_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc.gz"

    assert write_warc(path, []) == []
    assert path.is_file()
    assert list(read_warc(path)) == []


def test_capture_ref_is_a_value() -> None:
    assert CaptureRef(warc_path="a", offset=1) == CaptureRef(warc_path="a", offset=1)
