"""Raw captures: fetched responses kept as WARC/1.1 files, so pages can be re-extracted later.

A WARC file holds a ``warcinfo`` record, then a ``request`` and a ``response`` record per
capture, each record its own gzip member, so one record can be read by seeking to its offset.
A file is written under a hidden ``.tmp`` name and renamed into place when it is full or the
writer closes: a visible ``*.warc.gz`` is always whole, and a crash leaves only ``.tmp`` files.

Layout under the captures directory (retention relies on it, see ``warehouse.retention``)::

    captures_dir/run_date=YYYY-MM-DD/<source>/<prefix>-<seq:05d>.warc.gz
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
import os
import re
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from http import HTTPStatus
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import BinaryIO, Self
from urllib.parse import urlsplit

import pyarrow as pa
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import iso_date_to_datetime
from warcio.warcwriter import WARCWriter

from warehouse.faults import checkpoint
from warehouse.schema import CAPTURES

RUN_DATE_PREFIX = "run_date="
WARC_SUFFIX = ".warc.gz"
WARC_VERSION = "1.1"
DEFAULT_MAX_FILE_BYTES = 1_000_000_000

# A source or prefix becomes one path component: no separators, no leading dot (hidden and
# temporary files start with one), nothing a shell or an object store would trip over.
_PATH_COMPONENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.=-]{0,127}$")
_HTTP_VERSION = re.compile(r"^HTTP/\d(\.\d)?$")
# Headers that describe the transfer, not the stored (already decoded) body.
_TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class CaptureError(Exception):
    """Raised when a capture cannot be written or read back (bad location, broken record)."""


@dataclass(frozen=True, kw_only=True)
class CaptureInput:
    """A response to store, with the request that got it; the body is already decoded."""

    url: str
    """The URL that was asked for."""
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime
    """When the request started; a naive value means UTC."""
    final_url: str | None = None
    """The URL that answered, after redirects; None when it is url itself."""
    request_headers: tuple[tuple[str, str], ...] = ()
    """The request headers actually sent (empty when unknown)."""
    http_version: str = "HTTP/1.1"
    remote_address: str | None = None
    """IP address of the server that answered, when known."""

    @property
    def target_url(self) -> str:
        """Return the URL the stored response answered (the final URL)."""
        return self.final_url or self.url


@dataclass(frozen=True, kw_only=True)
class CaptureRecord:
    """Where one stored response lives, and what the capture index says about it."""

    capture_id: str
    url: str
    final_url: str
    status: int
    content_type: str | None
    fetched_at: datetime
    warc_file: str
    """The WARC file, relative to the captures directory (POSIX separators)."""
    offset: int
    """Byte offset of the response record in warc_file."""
    length: int
    """Compressed length in bytes of the response record."""
    payload_digest: str
    """WARC-Payload-Digest of the body: ``sha1:`` and base32."""


@dataclass(frozen=True, kw_only=True)
class StoredResponse:
    """A response read back from a WARC file."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime


def capture_directory(captures_dir: Path, *, run_date: date, source: str) -> Path:
    """Return the folder that holds one source's captures of runs started on run_date."""
    _check_component(source, "source")
    return captures_dir / f"{RUN_DATE_PREFIX}{run_date.isoformat()}" / source


def capture_id_for(warc_file: str, offset: int) -> str:
    """Return the stable id of the record at offset in warc_file (16 hex digits)."""
    return hashlib.sha256(f"{warc_file}#{offset}".encode()).hexdigest()[:16]


class CaptureWriter:
    """Writes captures to size-rotated WARC files ``{prefix}-{seq:05d}.warc.gz``.

    Not thread-safe: use one writer per task. A file is only opened by the first write, so a
    writer that wrote nothing leaves no file. A file may pass max_file_bytes by one capture.
    """

    def __init__(
        self,
        directory: Path,
        *,
        prefix: str,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        root: Path | None = None,
    ) -> None:
        """Prepare a writer; root is what warc_file names are relative to (default directory)."""
        _check_component(prefix, "prefix")
        if max_file_bytes < 1:
            raise ValueError(f"max_file_bytes must be positive, got {max_file_bytes}")
        self._directory = directory
        self._root = directory if root is None else root
        if not directory.is_relative_to(self._root):
            raise ValueError(f"{directory} is not inside the captures root {self._root}")
        self._prefix = prefix
        self._max_file_bytes = max_file_bytes
        self._next_seq = 0
        self._current: _OpenWarc | None = None
        self._finished: list[str] = []
        self._closed_because: str | None = None

    @property
    def files(self) -> tuple[str, ...]:
        """Return the finished (visible) WARC files, relative to the root, in write order."""
        return tuple(self._finished)

    def write(self, capture: CaptureInput) -> CaptureRecord:
        """Store one capture as a request/response pair; return where its response lives."""
        if self._closed_because is not None:
            raise CaptureError(f"the capture writer is closed: {self._closed_because}")
        request, response = _record_pair(capture)
        if self._current is None:
            self._current = self._open_next()
        current = self._current
        try:
            offset, length = current.write_pair(request, response)
        except BaseException:
            # A half-written pair would corrupt every record after it: drop the whole file.
            self._abort("an earlier write failed")
            raise
        record = CaptureRecord(
            capture_id=capture_id_for(current.warc_file, offset),
            url=capture.url,
            final_url=capture.target_url,
            status=capture.status,
            content_type=_header(capture.headers, "content-type"),
            fetched_at=_as_utc(capture.fetched_at),
            warc_file=current.warc_file,
            offset=offset,
            length=length,
            payload_digest=str(response.rec_headers.get_header("WARC-Payload-Digest")),
        )
        if current.size >= self._max_file_bytes:
            self._finish_current()
        return record

    def close(self) -> None:
        """Make the current file visible; the writer takes no more captures."""
        if self._closed_because is not None:
            return
        self._closed_because = "close() was called"
        self._finish_current()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc is None:
            self.close()
        else:
            # Files already rotated are whole and stay; the one being written is dropped.
            self._abort("an error left its with block")

    def _open_next(self) -> _OpenWarc:
        name = f"{self._prefix}-{self._next_seq:05d}{WARC_SUFFIX}"
        self._next_seq += 1
        target = self._directory / name
        warc_file = target.relative_to(self._root).as_posix()
        return _OpenWarc(target, warc_file=warc_file, is_part_of=self._prefix)

    def _finish_current(self) -> None:
        if self._current is not None:
            current, self._current = self._current, None
            current.finish()
            self._finished.append(current.warc_file)

    def _abort(self, reason: str) -> None:
        self._closed_because = reason
        if self._current is not None:
            current, self._current = self._current, None
            current.abort()


class _OpenWarc:
    """One WARC file being written under a temporary name, renamed into place when finished.

    warehouse.atomic's pattern, spread over the file's life: atomic_path wraps one block of
    writes, while a WARC file stays open across many calls to the writer.
    """

    def __init__(self, target: Path, *, warc_file: str, is_part_of: str) -> None:
        self.warc_file = warc_file
        self._target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        self._temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        self._handle: BinaryIO = self._temporary.open("wb")
        try:
            self._writer = WARCWriter(self._handle, gzip=True, warc_version=WARC_VERSION)
            self._writer.write_record(_warcinfo(self._writer, target.name, is_part_of))
        except BaseException:
            self.abort()
            raise

    @property
    def size(self) -> int:
        """Return the bytes written so far."""
        return self._handle.tell()

    def write_pair(self, request: ArcWarcRecord, response: ArcWarcRecord) -> tuple[int, int]:
        """Write the request, then the response; return the response's offset and length."""
        self._writer.write_record(request)
        checkpoint("warc")
        offset = self._handle.tell()
        self._writer.write_record(response)
        return offset, self._handle.tell() - offset

    def finish(self) -> None:
        """Sync and close the file, then rename it into place."""
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._temporary.replace(self._target)
        finally:
            self.abort()

    def abort(self) -> None:
        """Close the file and remove it if it was not renamed; the target is left as it was."""
        self._handle.close()
        self._temporary.unlink(missing_ok=True)


def _warcinfo(writer: WARCWriter, filename: str, is_part_of: str) -> ArcWarcRecord:
    info = {
        "software": "mediawatch",
        "format": f"WARC File Format {WARC_VERSION}",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
        f"warc-format/warc-{WARC_VERSION}/",
        "isPartOf": is_part_of,
    }
    return writer.create_warcinfo_record(filename, info)


def _record_pair(capture: CaptureInput) -> tuple[ArcWarcRecord, ArcWarcRecord]:
    _check_capture(capture)
    # Records are built (and the payload digest computed) in memory before a byte is written.
    builder = WARCWriter(io.BytesIO(), gzip=True, warc_version=WARC_VERSION)
    target = capture.target_url
    common = {"WARC-Date": _warc_date(capture.fetched_at)}
    if capture.remote_address is not None:
        common["WARC-IP-Address"] = capture.remote_address
    response_headers = [
        (k, v) for k, v in capture.headers if k.lower() not in _TRANSFER_HEADERS
    ] + [("Content-Length", str(len(capture.body)))]
    response = builder.create_warc_record(
        target,
        "response",
        payload=io.BytesIO(capture.body),
        length=len(capture.body),
        http_headers=StatusAndHeaders(
            f"{capture.status} {_phrase(capture.status)}",
            response_headers,
            protocol=capture.http_version,
        ),
        warc_headers_dict=dict(common),
    )
    request = builder.create_warc_record(
        target,
        "request",
        http_headers=StatusAndHeaders(
            f"GET {_request_target(target)} {capture.http_version}",
            list(capture.request_headers),
            is_http_request=True,
        ),
        warc_headers_dict=common
        | {"WARC-Concurrent-To": str(response.rec_headers.get_header("WARC-Record-ID"))},
    )
    response.rec_headers.add_header(
        "WARC-Concurrent-To", str(request.rec_headers.get_header("WARC-Record-ID"))
    )
    return request, response


def _check_capture(capture: CaptureInput) -> None:
    url = capture.target_url
    if not url or any(c.isspace() for c in url):
        raise ValueError(f"a capture URL must be non-empty and without whitespace: {url!r}")
    if not 100 <= capture.status <= 999:
        raise ValueError(f"not an HTTP status: {capture.status}")
    if not _HTTP_VERSION.match(capture.http_version):
        raise ValueError(f"not an HTTP version: {capture.http_version!r}")
    if capture.remote_address is not None:
        try:
            ipaddress.ip_address(capture.remote_address)
        except ValueError as error:
            raise ValueError(f"remote_address must be an IP address: {error}") from error
    for name, value in (*capture.headers, *capture.request_headers):
        # A line break in a header would end the header block early and corrupt the record.
        if not name or ":" in name or any(c in f"{name}{value}" for c in "\r\n\0"):
            raise ValueError(f"header cannot be stored in a WARC record: {name!r}: {value!r}")


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _header(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def _as_utc(moment: datetime) -> datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC)


def _warc_date(moment: datetime) -> str:
    # WARC/1.1 allows fractions of a second; whole seconds keep the common short form.
    fraction = "" if moment.microsecond == 0 else f".{moment.microsecond:06d}"
    return f"{_as_utc(moment):%Y-%m-%dT%H:%M:%S}{fraction}Z"


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _check_component(value: str, what: str) -> None:
    if not _PATH_COMPONENT.match(value):
        raise ValueError(
            f"{what} {value!r} cannot be a file name part: use letters, digits, '_', '-', "
            "'.' or '=', starting with a letter or digit"
        )


def read_capture(captures_dir: Path, warc_file: str, offset: int) -> StoredResponse:
    """Return the response stored at offset in a WARC file, reading only that record."""
    path = _inside(captures_dir, warc_file)
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)), None)
            if record is None or record.rec_type != "response":
                kind = "nothing" if record is None else f"a {record.rec_type} record"
                raise CaptureError(f"{warc_file} holds {kind} at offset {offset}, not a response")
            return _stored(record)
    except (OSError, ArchiveLoadFailed, ValueError) as error:
        raise CaptureError(f"cannot read {warc_file} at offset {offset}: {error}") from error


def iter_captures(
    path: Path, *, keep: Callable[[str, datetime], bool] | None = None
) -> Iterator[StoredResponse]:
    """Yield every HTTP response stored in a WARC file (ours or another crawler's, gzipped
    or not), in file order.

    ``keep(target_url, warc_date)`` chooses responses before their bodies are read, so
    filtering a large foreign file (a CC-NEWS crawl) reads only the bodies it keeps.
    """
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if keep is not None and not keep(
                    str(record.rec_headers.get_header("WARC-Target-URI")),
                    iso_date_to_datetime(
                        str(record.rec_headers.get_header("WARC-Date")), tz_aware=True
                    ),
                ):
                    continue
                yield _stored(record)
    except ArchiveLoadFailed as error:
        raise CaptureError(f"{path} is not a readable WARC file: {error}") from error


def _inside(captures_dir: Path, warc_file: str) -> Path:
    relative = PurePosixPath(warc_file)
    if relative.is_absolute() or ".." in relative.parts or not relative.name:
        raise CaptureError(f"{warc_file!r} is not a path inside the captures directory")
    return captures_dir.joinpath(*relative.parts)


def _stored(record: ArcWarcRecord) -> StoredResponse:
    return StoredResponse(
        url=str(record.rec_headers.get_header("WARC-Target-URI")),
        status=int(record.http_headers.get_statuscode()),
        headers=tuple((str(k), str(v)) for k, v in record.http_headers.headers),
        body=record.content_stream().read(),
        fetched_at=iso_date_to_datetime(
            str(record.rec_headers.get_header("WARC-Date")), tz_aware=True
        ),
    )


def captures_table(
    records: Sequence[CaptureRecord],
    *,
    run_id: str,
    source_of: Callable[[str], str] | Mapping[str, str],
) -> pa.Table:
    """Return the capture index rows of a run's records; source_of maps a record's url."""
    lookup = source_of.__getitem__ if isinstance(source_of, Mapping) else source_of
    rows = []
    for r in records:
        try:
            source = lookup(r.url)
        except KeyError as error:
            raise KeyError(f"no source given for captured URL {r.url}") from error
        rows.append(
            {
                "capture_id": r.capture_id,
                "run_id": run_id,
                "source": source,
                "url": r.url,
                "final_url": r.final_url,
                "status": r.status,
                "content_type": r.content_type,
                "fetched_at": r.fetched_at,
                "warc_file": r.warc_file,
                "record_offset": r.offset,
                "record_length": r.length,
                "payload_digest": r.payload_digest,
            }
        )
    return pa.Table.from_pylist(rows, schema=CAPTURES.arrow_schema)
