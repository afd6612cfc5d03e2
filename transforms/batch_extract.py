"""Saved pages through the pipeline's extraction, many at once: what `mediawatch extract` runs.

Pages are HTML files, gzipped or not, listed one by one, found in folders, or named in a
manifest CSV (``path,url``). Each goes through `transforms.extract.extract_page`, exactly as
in the nightly flow, and becomes one JSON object: its class and reason, the metadata, the
text and its fingerprints.

Extraction runs in a pool of processes, a few pages per task, so that workers seldom wait
for their next task. Results come back in input order, and only a bounded window of tasks
is in flight, so memory stays flat however many pages there are. Workers read the files
themselves: only paths go to them, and records come back.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import json
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Any

from transforms.document import ExtractedDocument
from transforms.extract import ExtractionResult, PageInput, extract_page
from transforms.near_duplicates import simhash
from transforms.records import Status
from transforms.text import content_hash

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
CHUNK_SIZE = 4
"""Pages per task. With 4, two processes extract 1.94 times as fast as one
(``python -m bench.extract_bench``)."""
CHUNKS_IN_FLIGHT_PER_JOB = 4
"""Tasks queued per worker: enough to keep it busy, few enough to bound memory."""
SOURCE = "file"
"""The source name pages read from files are extracted under."""
UNREADABLE = "unreadable"
"""The reason given to a page whose file could not be read."""
EXTRACTION_ERROR = "extraction_error"
"""The reason given to a page whose extraction raised."""
_GZIP_MAGIC = b"\x1f\x8b"
_RECORD_NAMES = {"section": "sections"}
"""Metadata fields whose record key is the article's (and warehouse column's) name."""


class PageListError(ValueError):
    """Raised when the pages to extract cannot be listed (bad manifest, --url misused)."""


@dataclass(frozen=True, kw_only=True)
class PageFile:
    """A saved page to extract, and the URL it was fetched from when known."""

    path: Path
    url: str | None = None


def list_pages(
    paths: Sequence[Path], *, manifest: Path | None = None, url: str | None = None
) -> Iterator[PageFile]:
    """Yield the pages to extract: the given files, the pages in the given folders
    (recursively, sorted), then the manifest's rows, in that order.

    ``url`` names the URL of a single page and may only be given with exactly one file.
    """
    if url is not None and (manifest is not None or len(paths) != 1 or paths[0].is_dir()):
        raise PageListError("--url names the URL of one page: give exactly one file with it")
    for path in paths:
        if path.is_dir():
            yield from (PageFile(path=found) for found in _pages_in(path))
        else:
            # A missing file is listed too: it gets its own "failed" line.
            yield PageFile(path=path, url=url)
    if manifest is not None:
        yield from read_manifest(manifest)


def read_manifest(manifest: Path) -> Iterator[PageFile]:
    """Yield the pages a manifest CSV names; relative paths are read from its folder."""
    try:
        with manifest.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "path" not in reader.fieldnames:
                raise PageListError(f"{manifest}: a manifest needs a header with path,url")
            for line, row in enumerate(reader, start=2):
                raw_path = (row.get("path") or "").strip()
                if not raw_path:
                    raise PageListError(f"{manifest}:{line}: no path")
                page_url = (row.get("url") or "").strip() or None
                yield PageFile(path=manifest.parent / raw_path, url=page_url)
    except OSError as error:
        raise PageListError(f"cannot read manifest {manifest}: {error}") from error


def extract_files(
    pages: Iterable[PageFile], *, jobs: int, chunk_size: int = CHUNK_SIZE
) -> Iterator[dict[str, Any]]:
    """Yield one record per page, in input order, extracted by ``jobs`` processes."""
    chunks = _chunks(pages, chunk_size)
    if jobs <= 1:
        for chunk in chunks:
            yield from extract_chunk(chunk)
        return
    window = jobs * CHUNKS_IN_FLIGHT_PER_JOB
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[list[dict[str, Any]]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(extract_chunk, chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def extract_chunk(pages: list[PageFile]) -> list[dict[str, Any]]:
    """Return the records of a few pages; runs in a worker process."""
    return [extract_file(page) for page in pages]


def extract_file(page: PageFile) -> dict[str, Any]:
    """Return the record of one saved page: what extraction made of it, or why it failed."""
    try:
        html = read_page(page.path)
        fetched_at = datetime.fromtimestamp(page.path.stat().st_mtime, tz=UTC)
    except (OSError, EOFError, zlib.error) as error:
        return _failed(page, UNREADABLE, error)
    page_input = PageInput(
        # Without a URL the file's own stands in: ids and relative links stay well defined.
        url=page.url or page.path.resolve().as_uri(),
        source=SOURCE,
        html=html,
        fetched_at=fetched_at,
    )
    try:
        result = extract_page(page_input)
    # One pathological page must not end a run over thousands: its line says what broke,
    # and the command's exit status says that something did.
    except Exception as error:
        return _failed(page, EXTRACTION_ERROR, error)
    return page_record(page, result)


def read_page(path: Path) -> bytes:
    """Return a saved page's bytes, gunzipped when the file is gzipped."""
    data = path.read_bytes()
    if data.startswith(_GZIP_MAGIC):
        return gzip.decompress(data)
    return data


def page_record(page: PageFile, result: ExtractionResult) -> dict[str, Any]:
    """Return the JSON-ready record of an extracted page."""
    document = result.document
    record: dict[str, Any] = {
        "path": str(page.path),
        "url": page.url,
        "status": str(result.status),
        "reason": str(result.reason),
        "page_class": str(result.page_class) if result.page_class else None,
        "detail": result.detail,
        "article_id": result.article.article_id if result.article else None,
    }
    if document is None:
        return record
    record.update(_metadata_fields(document))
    text = document.text
    record.update(
        language=document.language,
        language_confidence=document.language_confidence if document.language else None,
        word_count=document.word_count,
        content_hash=content_hash(text) if text else None,
        simhash=f"{simhash(text):016x}" if text else None,
        text=text,
    )
    return record


def to_json_line(record: dict[str, Any]) -> str:
    """Return the record as one line of JSON."""
    return json.dumps(record, ensure_ascii=False, default=_jsonable)


def _metadata_fields(document: ExtractedDocument) -> dict[str, Any]:
    # Every field the metadata step chose, so new ones show up here without a change; under
    # the name the article and the warehouse give it where that differs.
    fields = {
        _RECORD_NAMES.get(f.name, f.name): getattr(document.metadata, f.name)
        for f in dataclasses.fields(document.metadata)
    }
    published = fields.get("published_at")
    if isinstance(published, datetime):
        # The page's own offset is kept; a time given without one is read as UTC, as the
        # warehouse stores it.
        fields["published_at"] = (
            published if published.tzinfo else published.replace(tzinfo=UTC)
        ).isoformat()
    return fields


def _failed(page: PageFile, reason: str, error: BaseException) -> dict[str, Any]:
    return {
        "path": str(page.path),
        "url": page.url,
        "status": str(Status.FAILED),
        "reason": reason,
        "page_class": None,
        "detail": None,
        "error": f"{type(error).__name__}: {error}",
    }


def _pages_in(folder: Path) -> list[Path]:
    found = [
        path
        for path in folder.rglob("*")
        if path.is_file() and path.name.lower().endswith(PAGE_SUFFIXES)
    ]
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def _chunks(pages: Iterable[PageFile], size: int) -> Iterator[list[PageFile]]:
    iterator = iter(pages)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _jsonable(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)
