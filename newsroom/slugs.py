"""URL segments made from human text, shared by the story builders and the templates."""

from __future__ import annotations

import unicodedata


def slugify(text: str) -> str:
    """Return `text` as a lowercase ASCII URL segment ("Société" gives "societe")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())
