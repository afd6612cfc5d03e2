"""Raw captures: fetched responses kept as WARC files, so pages can be re-extracted later."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warehouse.atomic import atomic_path


@dataclass(frozen=True, kw_only=True)
class CaptureRef:
    """Where one captured response lives: a WARC file and the record's byte offset."""

    warc_path: str
    offset: int


@dataclass(frozen=True, kw_only=True)
class CapturedResponse:
    """A response to store: the URL it answered, its status, headers and body."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime


# Headers that describe the transfer, not the stored (already decoded) body.
_TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def write_warc(path: Path, responses: list[CapturedResponse]) -> list[CaptureRef]:
    """Write responses to a gzipped WARC file atomically; return each record's location."""
    refs: list[CaptureRef] = []
    with atomic_path(path) as temporary, temporary.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for response in responses:
            refs.append(CaptureRef(warc_path=str(path), offset=handle.tell()))
            headers = [(k, v) for k, v in response.headers if k.lower() not in _TRANSFER_HEADERS]
            headers.append(("Content-Length", str(len(response.body))))
            status_line = f"{response.status} {_phrase(response.status)}"
            record = writer.create_warc_record(
                response.url,
                "response",
                payload=io.BytesIO(response.body),
                http_headers=StatusAndHeaders(status_line, headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": _warc_date(response.fetched_at)},
            )
            writer.write_record(record)
    return refs


def _warc_date(moment: datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def read_warc(path: Path) -> Iterator[tuple[str, bytes]]:
    """Yield (target URI, body) for every response record of a WARC file."""
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            yield str(uri), record.content_stream().read()
