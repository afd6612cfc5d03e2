"""Raw captures as WARC/1.1 files: rotation, request/response pairs, offsets, atomic files."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pytest
from warcio.archiveiterator import ArchiveIterator

from warehouse.captures import (
    CaptureError,
    CaptureInput,
    CaptureRecord,
    CaptureWriter,
    StoredResponse,
    capture_directory,
    capture_id_for,
    captures_table,
    iter_captures,
    read_capture,
)
from warehouse.schema import CAPTURES, duckdb_type

FETCHED_AT = datetime(2025, 3, 4, 6, 30, 15, tzinfo=UTC)
PAGE = b"<html><body><p>The north quay reopened on Monday.</p></body></html>"
SERVER_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Encoding", "gzip"),
    ("Transfer-Encoding", "chunked"),
    ("Content-Length", "17"),
    ("ETag", '"v1"'),
)
SENT_HEADERS: tuple[tuple[str, str], ...] = (
    ("Host", "gazette.example"),
    ("Accept", "*/*"),
    ("Accept-Encoding", "gzip, deflate"),
    ("User-Agent", "mediawatch/0.1"),
)


def _capture(url: str, body: bytes = PAGE, /, **changes: object) -> CaptureInput:
    fields: dict[str, object] = {
        "url": url,
        "status": 200,
        "headers": SERVER_HEADERS,
        "body": body,
        "fetched_at": FETCHED_AT,
        "request_headers": SENT_HEADERS,
        "remote_address": "192.0.2.7",
    }
    fields.update(changes)
    return CaptureInput(**fields)  # type: ignore[arg-type]


def _records(path: Path) -> list[tuple[str, str | None]]:
    """Return (WARC-Type, WARC-Target-URI) of every record, checking every digest."""
    with path.open("rb") as handle:
        return [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
            for r in ArchiveIterator(handle, check_digests="raise")
        ]


def _pages(count: int) -> list[CaptureInput]:
    return [
        _capture(f"https://gazette.example/story/{n}", f"story {n} ".encode() * 200)
        for n in range(count)
    ]


# --- CaptureWriter -----------------------------------------------------------------------


def test_rotation_by_size_keeps_every_record_readable_by_offset(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1", max_file_bytes=2_000) as writer:
        records = [writer.write(capture) for capture in _pages(7)]

    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) >= 3
    assert names == [f"run-1-{seq:05d}.warc.gz" for seq in range(len(names))]
    assert writer.files == tuple(names)
    assert {r.warc_file for r in records} == set(names)
    for capture, record in zip(_pages(7), records, strict=True):
        stored = read_capture(tmp_path, record.warc_file, record.offset)
        assert (stored.url, stored.status, stored.body) == (capture.url, 200, capture.body)


def test_every_file_opens_with_warcinfo_then_request_response_pairs(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1", max_file_bytes=2_000) as writer:
        for capture in _pages(5):
            writer.write(capture)

    urls: list[str | None] = []
    for name in writer.files:
        records = _records(tmp_path / name)
        assert records[0] == ("warcinfo", None)
        pairs = records[1:]
        assert len(pairs) % 2 == 0
        for request, response in zip(pairs[::2], pairs[1::2], strict=True):
            assert (request[0], response[0]) == ("request", "response")
            assert request[1] == response[1]
            urls.append(response[1])
    assert urls == [c.url for c in _pages(5)]


def test_a_file_rotates_only_after_reaching_the_limit(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="big", max_file_bytes=10_000_000) as writer:
        records = [writer.write(capture) for capture in _pages(5)]

    assert writer.files == ("big-00000.warc.gz",)
    assert {r.warc_file for r in records} == {"big-00000.warc.gz"}


def test_offsets_and_lengths_match_what_warcio_finds(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        records = [writer.write(capture) for capture in _pages(3)]

    with (tmp_path / "run-1-00000.warc.gz").open("rb") as handle:
        iterator = ArchiveIterator(handle)
        found = []
        for record in iterator:
            if record.rec_type == "response":
                record.content_stream().read()
                found.append((iterator.get_record_offset(), iterator.get_record_length()))
    assert found == [(r.offset, r.length) for r in records]


def test_request_and_response_are_linked_and_carry_the_fetch_facts(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        writer.write(_capture("https://gazette.example/a?page=2"))

    with (tmp_path / "run-1-00000.warc.gz").open("rb") as handle:
        info, request, response = (
            (r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(handle)
        )

    assert info[0].get_header("WARC-Filename") == "run-1-00000.warc.gz"
    assert info[0].protocol == "WARC/1.1"
    assert b"software: mediawatch\r\n" in info[2]
    assert b"isPartOf: run-1\r\n" in info[2]
    assert b"format: WARC File Format 1.1\r\n" in info[2]
    request_warc, request_http, _ = request
    response_warc, _, _ = response
    assert request_warc.get_header("WARC-Concurrent-To") == response_warc.get_header(
        "WARC-Record-ID"
    )
    assert response_warc.get_header("WARC-Concurrent-To") == request_warc.get_header(
        "WARC-Record-ID"
    )
    for headers in (request_warc, response_warc):
        assert headers.protocol == "WARC/1.1"
        assert headers.get_header("WARC-Target-URI") == "https://gazette.example/a?page=2"
        assert headers.get_header("WARC-Date") == "2025-03-04T06:30:15Z"
        assert headers.get_header("WARC-IP-Address") == "192.0.2.7"
    assert request_http.protocol == "GET"
    assert request_http.statusline == "/a?page=2 HTTP/1.1"
    assert request_http.headers == list(SENT_HEADERS)


def test_response_headers_describe_the_stored_decoded_body(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        record = writer.write(_capture("https://gazette.example/a"))

    with (tmp_path / record.warc_file).open("rb") as handle:
        handle.seek(record.offset)
        response = next(iter(ArchiveIterator(handle)))
        assert response.http_headers.protocol == "HTTP/1.1"
        assert response.http_headers.statusline == "200 OK"
        assert response.http_headers.headers == [
            ("Content-Type", "text/html; charset=utf-8"),
            ("ETag", '"v1"'),
            ("Content-Length", str(len(PAGE))),
        ]
        assert response.content_stream().read() == PAGE


def test_payload_digest_is_the_sha1_of_the_body_in_base32(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        record = writer.write(_capture("https://gazette.example/a"))

    expected = "sha1:" + base64.b32encode(hashlib.sha1(PAGE).digest()).decode()
    assert record.payload_digest == expected
    with (tmp_path / record.warc_file).open("rb") as handle:
        handle.seek(record.offset)
        response = next(iter(ArchiveIterator(handle)))
        assert response.rec_headers.get_header("WARC-Payload-Digest") == expected


def test_capture_record_values(tmp_path: Path) -> None:
    folder = capture_directory(tmp_path, run_date=date(2025, 3, 4), source="gazette")
    naive = datetime(2025, 3, 4, 6, 30, 15, 250_000)
    with CaptureWriter(folder, prefix="run-1", root=tmp_path) as writer:
        record = writer.write(
            _capture(
                "http://gazette.example/a",
                final_url="https://www.gazette.example/a",
                status=203,
                fetched_at=naive,
                headers=(("content-type", "text/html"),),
            )
        )

    assert record == CaptureRecord(
        capture_id=capture_id_for(record.warc_file, record.offset),
        url="http://gazette.example/a",
        final_url="https://www.gazette.example/a",
        status=203,
        content_type="text/html",
        fetched_at=naive.replace(tzinfo=UTC),
        warc_file="run_date=2025-03-04/gazette/run-1-00000.warc.gz",
        offset=record.offset,
        length=record.length,
        payload_digest=record.payload_digest,
    )
    assert len(record.capture_id) == 16
    int(record.capture_id, 16)
    stored = read_capture(tmp_path, record.warc_file, record.offset)
    assert stored.url == "https://www.gazette.example/a"
    assert stored.fetched_at == datetime(2025, 3, 4, 6, 30, 15, 250_000, tzinfo=UTC)


def test_capture_ids_are_stable_and_distinct() -> None:
    assert capture_id_for("a.warc.gz", 10) == capture_id_for("a.warc.gz", 10)
    assert capture_id_for("a.warc.gz", 10) != capture_id_for("a.warc.gz", 11)
    assert capture_id_for("a.warc.gz", 10) != capture_id_for("b.warc.gz", 10)


def test_an_error_inside_the_block_leaves_no_partial_file(tmp_path: Path) -> None:
    with (
        pytest.raises(RuntimeError, match="task cancelled"),
        CaptureWriter(tmp_path, prefix="run-1", max_file_bytes=2_000) as writer,
    ):
        records = [writer.write(capture) for capture in _pages(5)]
        assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        raise RuntimeError("task cancelled")

    # Rotated files are whole and stay; the file being written is gone with its temporary.
    finished = sorted(p.name for p in tmp_path.iterdir())
    assert finished == list(writer.files)
    assert not any(name.endswith(".tmp") for name in finished)
    assert {r.warc_file for r in records} - set(finished) == {f"run-1-{len(finished):05d}.warc.gz"}
    for name in finished:
        assert _records(tmp_path / name)[0][0] == "warcinfo"


def test_files_are_hidden_temporaries_until_rotated_or_closed(tmp_path: Path) -> None:
    writer = CaptureWriter(tmp_path, prefix="run-1")
    writer.write(_capture("https://gazette.example/a"))

    (temporary,) = tmp_path.iterdir()
    assert temporary.name.startswith(".run-1-00000.warc.gz.")
    assert temporary.name.endswith(".tmp")
    assert list(tmp_path.glob("*.warc.gz")) == []

    writer.close()
    assert [p.name for p in tmp_path.iterdir()] == ["run-1-00000.warc.gz"]
    with pytest.raises(CaptureError, match="closed"):
        writer.write(_capture("https://gazette.example/b"))


def test_a_writer_that_wrote_nothing_leaves_no_file(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path / "captures", prefix="run-1") as writer:
        pass

    assert writer.files == ()
    assert not (tmp_path / "captures").exists()


def test_a_refused_capture_writes_nothing_and_the_writer_goes_on(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        first = writer.write(_capture("https://gazette.example/a"))
        with pytest.raises(ValueError, match="header cannot be stored"):
            writer.write(_capture("https://gazette.example/b", headers=(("X-Evil", "a\r\nb"),)))
        second = writer.write(_capture("https://gazette.example/c"))

    assert [s.url for s in iter_captures(tmp_path / first.warc_file)] == [
        "https://gazette.example/a",
        "https://gazette.example/c",
    ]
    assert read_capture(tmp_path, second.warc_file, second.offset).url.endswith("/c")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": 42}, "not an HTTP status"),
        ({"http_version": "SPDY/3"}, "not an HTTP version"),
        ({"remote_address": "192.0.2.7:443"}, "must be an IP address"),
        ({"final_url": "https://gazette.example/a b"}, "without whitespace"),
        ({"request_headers": (("Bad:Name", "x"),)}, "header cannot be stored"),
    ],
)
def test_captures_that_cannot_be_stored_are_refused(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    with (
        CaptureWriter(tmp_path, prefix="run-1") as writer,
        pytest.raises(ValueError, match=message),
    ):
        writer.write(_capture("https://gazette.example/a", **changes))


def test_http2_and_ipv6_are_recorded_as_given(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        record = writer.write(
            _capture(
                "https://gazette.example/a", http_version="HTTP/2", remote_address="2001:db8::1"
            )
        )

    with (tmp_path / record.warc_file).open("rb") as handle:
        handle.seek(record.offset)
        response = next(iter(ArchiveIterator(handle)))
        assert response.http_headers.protocol == "HTTP/2"
        assert response.rec_headers.get_header("WARC-IP-Address") == "2001:db8::1"


@pytest.mark.parametrize("bad", ["", "a/b", "../up", ".hidden", "two words"])
def test_prefix_and_source_must_be_one_plain_name(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="cannot be a file name part"):
        CaptureWriter(tmp_path, prefix=bad)
    with pytest.raises(ValueError, match="cannot be a file name part"):
        capture_directory(tmp_path, run_date=date(2025, 3, 4), source=bad)


def test_writer_arguments_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_file_bytes must be positive"):
        CaptureWriter(tmp_path, prefix="run-1", max_file_bytes=0)
    with pytest.raises(ValueError, match="not inside the captures root"):
        CaptureWriter(tmp_path / "a", prefix="run-1", root=tmp_path / "b")


# --- reading -----------------------------------------------------------------------------


def test_read_capture_of_a_later_record_in_a_later_file(tmp_path: Path) -> None:
    pages = _pages(6)
    with CaptureWriter(tmp_path, prefix="run-1", max_file_bytes=3_000) as writer:
        records = [writer.write(capture) for capture in pages]
    last = records[-1]
    assert last.warc_file != records[0].warc_file
    assert last.offset > 0

    stored = read_capture(tmp_path, last.warc_file, last.offset)

    assert stored == StoredResponse(
        url=pages[-1].url,
        status=200,
        headers=(
            ("Content-Type", "text/html; charset=utf-8"),
            ("ETag", '"v1"'),
            ("Content-Length", str(len(pages[-1].body))),
        ),
        body=pages[-1].body,
        fetched_at=FETCHED_AT,
    )


def test_read_capture_refuses_what_is_not_a_response(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        record = writer.write(_capture("https://gazette.example/a"))

    with pytest.raises(CaptureError, match="a warcinfo record at offset 0, not a response"):
        read_capture(tmp_path, record.warc_file, 0)
    with pytest.raises(CaptureError, match="cannot read"):
        read_capture(tmp_path, record.warc_file, record.offset + 3)
    with pytest.raises(CaptureError, match="cannot read"):
        read_capture(tmp_path, "missing.warc.gz", 0)
    with pytest.raises(CaptureError, match="not a path inside"):
        read_capture(tmp_path / "sub", "../" + record.warc_file, record.offset)
    with pytest.raises(CaptureError, match="not a path inside"):
        read_capture(tmp_path, str(tmp_path / record.warc_file), record.offset)


def test_iter_captures_yields_every_response_of_a_file(tmp_path: Path) -> None:
    pages = _pages(3)
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        for capture in pages:
            writer.write(capture)

    stored = list(iter_captures(tmp_path / "run-1-00000.warc.gz"))

    assert [(s.url, s.body, s.status) for s in stored] == [(p.url, p.body, 200) for p in pages]


# --- the capture index -------------------------------------------------------------------


def test_captures_table_matches_the_declared_schema(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        records = [
            writer.write(_capture("https://gazette.example/a")),
            writer.write(_capture("https://courier.example/b", headers=())),
        ]
    sources = {"https://gazette.example/a": "gazette", "https://courier.example/b": "courier"}

    by_mapping = captures_table(records, run_id="run-1", source_of=sources)
    by_function = captures_table(records, run_id="run-1", source_of=sources.__getitem__)

    assert by_mapping.schema == CAPTURES.arrow_schema
    assert by_mapping.equals(by_function)
    rows = by_mapping.to_pylist()
    assert [(r["source"], r["content_type"], r["run_id"]) for r in rows] == [
        ("gazette", "text/html; charset=utf-8", "run-1"),
        ("courier", None, "run-1"),
    ]
    assert rows[1]["record_offset"] == records[1].offset
    assert rows[1]["record_length"] == records[1].length
    assert rows[0]["capture_id"] == records[0].capture_id
    assert rows[0]["fetched_at"] == FETCHED_AT


def test_captures_table_names_a_url_without_source(tmp_path: Path) -> None:
    with CaptureWriter(tmp_path, prefix="run-1") as writer:
        records = [writer.write(_capture("https://gazette.example/a"))]

    with pytest.raises(KeyError, match=r"no source given for captured URL https://gazette"):
        captures_table(records, run_id="run-1", source_of={})
    assert captures_table([], run_id="run-1", source_of={}).num_rows == 0


def test_captures_declaration_is_described_and_storable() -> None:
    assert CAPTURES.primary_key == ("capture_id",)
    assert CAPTURES.column_names == (
        "capture_id",
        "run_id",
        "source",
        "url",
        "final_url",
        "status",
        "content_type",
        "fetched_at",
        "warc_file",
        "record_offset",
        "record_length",
        "payload_digest",
    )
    for column in CAPTURES.columns:
        assert column.description.strip(), column.name
        assert duckdb_type(column.type)
    assert CAPTURES.arrow_schema.field("record_offset").type == pa.int64()


# --- the old single-file interface the nightly flow still calls --------------------------
