"""Author names as a clean list: split, de-duplicated, without "By" and roles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# A bare "By" (an empty byline element) is a prefix too, not an author.
_PREFIX = re.compile(r"^\s*(by|von|par|por|di|de|door|af)(?:\s+|$)", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:;|,|\||\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+e\s+|&)\s*", re.I)
_NOISE = re.compile(r"^(staff|reporter|correspondent|editor|agencies|newsroom)$", re.IGNORECASE)


def clean_authors(raw_names: Iterable[str]) -> tuple[str, ...]:
    """Return author names split on separators, stripped of "By", de-duplicated in order."""
    seen: dict[str, str] = {}
    for raw in raw_names:
        text = unicodedata.normalize("NFC", raw)
        text = _PREFIX.sub("", text.strip())
        for part in _SPLIT.split(text):
            name = " ".join(part.split()).strip(" .·-–—")
            if not name or _NOISE.match(name) or name.startswith(("http://", "https://")):
                continue
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())
