"""The analyst cookbook: the SQL files in ``warehouse/queries/``, each with its question.

Every file opens with a comment header: the question it answers, then one line per
``$name`` parameter it takes::

    -- Articles per outlet and local publication day, between two days.
    --
    -- $since: first local day counted (a DATE, e.g. 2025-03-01)
    -- $until: last local day counted (a DATE)
    SELECT ...

The folder is a plain data folder (no ``__init__.py``): ``warehouse.queries`` still
imports the module ``warehouse/queries.py``, since Python prefers a module file to a
namespace folder of the same name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

COOKBOOK_DIR = Path(__file__).resolve().parent / "queries"

_PARAMETER_LINE = re.compile(r"^--\s*\$(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<description>.*)$")
# `$name` outside comments; the cookbook's SQL keeps `$` out of its string literals.
_PARAMETER_USE = re.compile(r"\$([A-Za-z_]\w*)")


class CookbookError(Exception):
    """Raised for a cookbook query that does not exist or has no header."""


@dataclass(frozen=True, kw_only=True)
class CookbookQuery:
    """One cookbook file: its name, the question it answers, its parameters and its SQL."""

    name: str
    """The file name without ``.sql``."""
    question: str
    parameters: dict[str, str]
    """Parameter name (without ``$``) to what it means, in header order."""
    sql: str
    """The whole file, header included."""

    def parameters_used(self) -> set[str]:
        """Return the names of the ``$name`` parameters the SQL body refers to."""
        body = "\n".join(line.split("--", 1)[0] for line in self.sql.splitlines())
        return set(_PARAMETER_USE.findall(body))


def read_cookbook_query(path: Path) -> CookbookQuery:
    """Return the cookbook query stored in a .sql file, its header parsed."""
    sql = path.read_text(encoding="utf-8")
    question: list[str] = []
    parameters: dict[str, str] = {}
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        parameter = _PARAMETER_LINE.match(line)
        if parameter:
            parameters[parameter["name"]] = parameter["description"].strip()
        elif not parameters and line.strip("- "):
            question.append(line.lstrip("-").strip())
    if not question:
        raise CookbookError(f"{path.name} has no header: start it with '-- <the question>'")
    return CookbookQuery(
        name=path.stem, question=" ".join(question), parameters=parameters, sql=sql
    )


def cookbook_queries() -> tuple[CookbookQuery, ...]:
    """Return every cookbook query, by name."""
    return tuple(read_cookbook_query(path) for path in sorted(COOKBOOK_DIR.glob("*.sql")))


def cookbook_query(name: str) -> CookbookQuery:
    """Return the cookbook query of that name; the error lists the names there are."""
    path = COOKBOOK_DIR / f"{name}.sql"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.is_file():
        known = ", ".join(query.name for query in cookbook_queries())
        raise CookbookError(f"no cookbook query {name!r}; there are: {known}")
    return read_cookbook_query(path)
