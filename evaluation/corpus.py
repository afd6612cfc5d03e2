"""The evaluation corpus: where it is, its cases, and the fixed development/test split."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Split = Literal["dev", "test"]
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
CORPUS_VARIABLE = "MEDIAWATCH_CORPUS"


def corpus_dir(explicit: Path | None = None) -> Path:
    """Return the corpus folder: the explicit one, else $MEDIAWATCH_CORPUS, else the
    repository's sibling ``../shared/corpus``."""
    if explicit is not None:
        return explicit
    configured = os.environ.get(CORPUS_VARIABLE)
    if configured:
        return Path(configured)
    return (REPOSITORY_ROOT / ".." / "shared" / "corpus").resolve()


def split_of(name: str) -> Split:
    """Return the half a case belongs to, fixed by a hash of its file name."""
    return "dev" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "test"


@dataclass(frozen=True, kw_only=True)
class TextCase:
    """A trafilatura-eval page: snippets its main text must and must not contain."""

    name: str
    url: str
    path: Path
    must_contain: tuple[str, ...]
    must_not_contain: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class MetadataCase:
    """A fundus page with its hand-checked title, authors, publication date and body."""

    name: str
    url: str
    path: Path
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    """The gold date as written, e.g. ``2024-05-03 15:47:42+00:00``."""
    body: str


def text_cases(root: Path) -> Iterator[TextCase]:
    """Yield the trafilatura-eval cases in file-name order."""
    folder = root / "trafilatura-eval"
    gold = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    for url, entry in sorted(gold.items(), key=lambda item: item[1]["file"]):
        name = entry["file"]
        path = folder / "html" / "cache" / f"{name}.gz"
        if not path.exists():
            path = folder / "html" / "eval" / f"{name}.gz"
        yield TextCase(
            name=name,
            url=url,
            path=path,
            must_contain=tuple(entry.get("with", ())),
            must_not_contain=tuple(entry.get("without", ())),
        )


def metadata_cases(root: Path) -> Iterator[MetadataCase]:
    """Yield the fundus cases whose page is in the corpus, gold from the paired version."""
    folder = root / "metadata-gold" / "fundus"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    for row in sorted(index, key=lambda r: r["html"]):
        if not row["html_included"]:
            continue
        with gzip.open(folder / row["expected_json"], "rt", encoding="utf-8") as handle:
            gold = json.load(handle)[row["version"]]
        yield MetadataCase(
            name=Path(row["html"]).name,
            url=row["url"],
            path=folder / row["html"],
            title=gold.get("title"),
            authors=tuple(gold.get("authors") or ()),
            published=gold.get("publishing_date"),
            body=gold_body(gold.get("body") or {}),
        )


def gold_body(body: dict[str, Any]) -> str:
    """Return the gold body as the metric defines it: summary, section headlines and
    paragraphs, joined by spaces."""
    parts: list[str] = [str(s) for s in body.get("summary") or []]
    for section in body.get("sections") or []:
        parts += [str(h) for h in section.get("headline") or []]
        parts += [str(p) for p in section.get("paragraphs") or []]
    return " ".join(parts)


def read_html(path: Path) -> bytes:
    """Return a corpus page's bytes (the files are gzipped one by one)."""
    with gzip.open(path, "rb") as handle:
        return handle.read()
