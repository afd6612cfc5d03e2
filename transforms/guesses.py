"""trafilatura's guesses from a page's markup, asked only for what the page does not declare.

trafilatura's own metadata pass (``with_metadata=True``) reads the meta tags and JSON-LD that
`transforms.page_metadata` reads already, then guesses a title from <title>/<h1>, authors
from byline markup and a date with htmldate: a fifth of its time per page. Here each guess
is made on first use, so a page that declares its title, authors and date costs none.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from htmldate import find_date
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_title


class MarkupGuesses:
    """Title, author and date guessed from a parsed page, each computed when first read.

    ``text`` is trafilatura's main text before cleaning (bylines kept as its first lines).
    """

    def __init__(self, tree: Any, *, url: str | None, text: str) -> None:
        self._tree = tree
        self._url = url
        self.text = text

    @cached_property
    def title(self) -> str | None:
        """Return trafilatura's title: the meta tags' (og:title first), JSON-LD's, then
        <title> and the headings. The meta tags are cheap to read; the rest is done only
        when they have none."""
        if self._tree is None:
            return None
        meta = examine_meta(self._tree)
        if not meta.title:
            meta = extract_meta_json(self._tree, meta)
        title = meta.title or extract_title(self._tree)
        return title if isinstance(title, str) else None

    @cached_property
    def author(self) -> str | None:
        """Return the byline trafilatura finds in the markup, names joined with "; "."""
        return extract_author(self._tree) if self._tree is not None else None

    @cached_property
    def date(self) -> str | None:
        """Return htmldate's publication day (extensive search, original date)."""
        if self._tree is None:
            return None
        found = find_date(
            self._tree,
            url=self._url,
            original_date=True,
            extensive_search=True,
            max_date=datetime.now(UTC).strftime("%Y-%m-%d"),
        )
        return found if isinstance(found, str) else None
