"""Author names as a clean list: split, de-duplicated, without "By", roles and contacts."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# "By", "Von", "Par", ... possibly after a genre word ("Ein Kommentar von", "Analysis by").
# A bare "By" (an empty byline element) is a prefix too, not an author.
_PREFIX = re.compile(
    r"^\s*(?:(?:(?:ein|eine|an?|une?|un|una)\s+)?(?:kommentar|gastkommentar|gastbeitrag|analyse"
    r"|kolumne|interview|reportage|bericht|analysis|commentary|opinion|column|essay|news"
    r"|review|report|story|text|photos?|fotos?|video|written|words|reporting|posted|submitted"
    r"|published|veröffentlicht|publiziert|geschrieben|erstellt|beitrag|artikel|verfasst)\s+)?"
    r"(?:by|von|vom|par|por|door|af|av|przez|od|от|di|da|de)(?:\s*:\s*|\s+|$)"
    r"|^\s*(?:text|texto|autor|autorin|author|authors|autoren|auteur|autore|interview|über"
    r"|about)(?:\s*:\s*|\s+|$)",
    re.IGNORECASE,
)
# Lower-case words inside names: "Ursula von der Leyen", "Chus del Pino".
_PARTICLES = frozenset(
    {"von", "vom", "zu", "der", "den", "van", "de", "del", "della", "da", "das", "dos", "di", "du"}
    | {"la", "le", "ter", "ten", "bin", "al", "el", "y", "e"}
)
# Short prefixes that are also surnames ("Di Maria", "De Jong", "Da Silva"): only a prefix
# when a full name follows.
_AMBIGUOUS_PREFIX = frozenset({"di", "da", "de"})
_SPLIT = re.compile(
    r"\s*(?:;|,|\||/|·|•|、|\s+(?:and|und|et|y|e|og|och|en|ve|и|i|és|ja|a)\s+|&|\s+[-–—]\s+)\s*",
    re.IGNORECASE,
)
_CONJUNCTION = re.compile(r"^\s*(?:and|und|et|og|och|en|ve)\s+", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)@\w+")
_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_MORE = re.compile(
    r"\s*(?:\+\s*\d+(?: more)?|,?\s*(?:and|und|et|y) \d+ (?:more|others|weitere|autres|más)"
    r"|u\.\s?a\.|et al\.?|and others)\s*$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# Job titles that follow or replace a name: "Jane Doe, Reporter", "배윤경 기자".
_ROLES = frozenset(
    {
        "staff",
        "reporter",
        "reporters",
        "correspondent",
        "editor",
        "editors",
        "agencies",
        "newsroom",
        "journalist",
        "journalistin",
        "staff writer",
        "staff writers",
        "senior writer",
        "contributor",
        "columnist",
        "redakteur",
        "redakteurin",
        "korrespondent",
        "korrespondentin",
        "autor",
        "autorin",
        "author",
        "photographer",
        "fotograf",
        "foto",
        "photo",
        "photos",
        "video",
        "text",
        "enviado especial",
        "enviada especial",
        "corresponsal",
        "rédaction",
        "redacción",
        "redazione",
        "기자",
        "特派員",
        "記者",
    }
)
_ROLE_SUFFIX = re.compile(
    r"\s+(?:" + "|".join(sorted((re.escape(r) for r in _ROLES), key=len, reverse=True)) + r")$",
    re.IGNORECASE,
)
# An agency code glued to a person's name ("Jane Doe/dpa", "Jane Doe (dpa)") says where
# the copy came from, not who wrote it; an agency credited on its own is kept.
_GLUED_AGENCY = re.compile(
    r"(?<=\w)\s*/\s*(?:dpa|afp|ap|apa|kna|epd|sda|ats|ansa|efe|sid|rtr|ddp|reuters)\b",
    re.IGNORECASE,
)
# Words that make a credit an organisation's: "Nikkei Inc.", "Redaktion X", "Gear Team".
_ORGANISATION_WORD = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|ag|corp|plc|media|news|nachrichten|zeitung|times|redaktion"
    r"|newsroom|desk|team|staff|agency|agentur|press|presse|verlag|online|tv|radio|e\.\s?v)\b\.?",
    re.IGNORECASE,
)
# What follows a name in a credit line: "Jane Doe am Samstag", "Jane Doe says", "vor 2 Tagen".
_TRAILER = re.compile(
    r"\s+(?:(?:am|on|le|el|il|vor|at|um|den|the)\b.*|says|said|schreibt|sagt|writes)$",
    re.IGNORECASE,
)
# A date or reading time after the names ends the credit: "Von Jane Doe Fr, 18. Oktober".
_DATE_TAIL = re.compile(
    r"[\s,|·•–-]*(?:\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed"
    r"|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do"
    r"|fr|sa|so)\b\.?,?\s*|\b(?:hace|vor|il y a|há|on|am|le|el)\s+)?(?<!\w)\d.*$",
    re.IGNORECASE,
)
# "capital von Jemima Kelly": a brand or rubric before "von"/"by" and a full name after it
# (unlike "Karl von Braun" or "Ursula von der Leyen").
_LABEL_BEFORE_BY = re.compile(
    r"^\S+\s+(?i:by|von|par|por|door)\s+(?=[A-ZÀ-Þ]\S*(?:\s+[A-ZÀ-Þ]\S*)+$)"
)
# Labels of byline furniture that are not names.
_NOT_NAMES = frozenset(
    {
        "name",
        "datum",
        "date",
        "no",
        "no author",
        "none",
        "n/a",
        "null",
        "about",
        "admin",
        "administrator",
        "anonymous",
        "unknown",
        "guest",
        "gast",
        "user",
        "weitere artikel",
        "alle beiträge",
        "all posts",
        "more",
        "share",
        "teilen",
        "follow",
        "posted on",
        "posted",
        "submitted",
        "by",
        "published",
        "updated",
        "veröffentlicht",
        "aktualisiert",
    }
)
_MAX_NAME_WORDS = 6
_MAX_AUTHORS = 20
# Sources read from the page's furniture and text rather than declared as metadata: only
# their first credit line counts, and only names that look like a person's.
_FURNITURE = ("byline", "text")
_MAX_NAME_CHARS = 60


@dataclass(frozen=True, kw_only=True)
class AuthorCandidate:
    """A name as one part of the page credits it: JSON-LD, a meta tag, a byline, ..."""

    name: str
    source: str
    """Where it came from: "json-ld", "meta", "byline" (page furniture), "text" (a credit
    line at the start or end of the main text) or "trafilatura"."""
    kind: str | None = None
    """"person" or "organization" when JSON-LD types it, else None."""


def clean_authors(raw_names: Iterable[str]) -> tuple[str, ...]:
    """Return author names split on separators, stripped of "By", roles, contacts and
    agency codes glued to a name, de-duplicated in order."""
    seen: dict[str, str] = {}
    for raw in raw_names:
        for name in _names_in(raw):
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def choose_authors(
    candidates: Sequence[AuthorCandidate],
    *,
    site_names: Iterable[str] = (),
    sources: Sequence[str] = ("json-ld", "meta", "byline", "text", "trafilatura"),
) -> tuple[str, ...]:
    """Return the most precise author list the page gives.

    People are more precise than organisations (fundus' guideline): the first source, in
    the order of ``sources``, that names a person wins. JSON-LD keeps the organisations it
    credits beside people ("Jane Doe, t-online"); from bylines and text credit lines only
    the first line counts, and only names that look like a person's. A source naming more
    than 20 people is a reference list and skipped. A page that credits only its
    publisher gets the publisher.
    """
    site_keys = {_key(name) for name in site_names} - {""}
    organisations: tuple[str, ...] = ()
    for source in sources:
        from_source = [c for c in candidates if c.source == source]
        if source in _FURNITURE:
            from_source = _first_credit_line(from_source)
        people: dict[str, str] = {}
        for candidate in from_source:
            for name in clean_authors([candidate.name]):
                if _is_person(candidate, name, site_keys):
                    people.setdefault(name.casefold(), name)
        if len(people) > _MAX_AUTHORS:
            # A reference list (scholarly pages put every cited author in meta tags).
            continue
        if people and source == "json-ld":
            return clean_authors(c.name for c in from_source)
        if people:
            return tuple(people.values())
        if not organisations and source not in _FURNITURE:
            organisations = clean_authors(c.name for c in from_source)
    return organisations


def names_a_person(
    candidates: Iterable[AuthorCandidate], *, site_names: Iterable[str] = ()
) -> bool:
    """Return whether any candidate names a person rather than an organisation."""
    site_keys = {_key(name) for name in site_names} - {""}
    return any(
        _is_person(candidate, name, site_keys)
        for candidate in candidates
        for name in clean_authors([candidate.name])
    )


def looks_like_person(text: str) -> bool:
    """Return whether a byline fragment could be a person's name: two to four capitalised
    words (particles such as "von der" aside) without digits or sentence marks, or a short
    name in a script without spaces."""
    words = text.split()
    if _DIGIT.search(text) or any(c in text for c in ':!?"“”«»'):
        return False
    if len(words) == 1:
        return 2 <= len(text) <= 4 and all(_is_cjk(c) for c in text)
    if len(words) > 4:
        return False
    if all(_is_cjk(c) for c in text.replace(" ", "")):
        return True
    lower = [w for w in words if w[0].islower() and w.casefold() not in _PARTICLES]
    return words[0][0].isupper() and not lower


def _first_credit_line(candidates: list[AuthorCandidate]) -> list[AuthorCandidate]:
    # Of the page's credit lines only the first that holds a name is the article's; later
    # ones credit teasers, quotes and other stories.
    for candidate in candidates:
        if clean_authors([candidate.name]):
            return [candidate]
    return []


def _names_in(raw: str) -> list[str]:
    text = unicodedata.normalize("NFC", html.unescape(raw) if "&" in raw else raw)
    text = _GLUED_AGENCY.sub("", _EMAIL.sub(" ", _URL.sub(" ", text)))
    text = _HANDLE.sub(" ", text)
    text = _MORE.sub("", " ".join(text.split()))
    text = _MORE.sub("", _strip_prefix(_DATE_TAIL.sub("", text)))
    names: list[str] = []
    for part in _SPLIT.split(text):
        name = _clean_part(part)
        if name:
            names.append(name)
    return names


def _strip_prefix(text: str) -> str:
    text = _LABEL_BEFORE_BY.sub("", text)
    for _ in range(2):
        match = _PREFIX.match(text)
        if not match:
            break
        rest = text[match.end() :]
        word = match.group(0).strip(" :").casefold()
        if word in _AMBIGUOUS_PREFIX and len(rest.split()) < 2:
            break
        text = rest
    return text


def _clean_part(part: str) -> str | None:
    # ", and Tom Watkins": the serial comma leaves the conjunction on the last name.
    name = _CONJUNCTION.sub("", _MORE.sub("", _PARENTHESES.sub("", part)))
    name = _TRAILER.sub("", " ".join(name.split())).strip(" ·-–—:,")
    name = _strip_prefix(name).strip(" ·-–—:,")
    name = _strip_full_stop(name)
    for _ in range(2):
        # "Rasender Reporter" and "MND Staff" are names; "Jane Doe Reporter" has a role.
        unrolled = _strip_full_stop(_ROLE_SUFFIX.sub("", name).strip(" ·-–—:,"))
        if len(unrolled.split()) >= 2 or (unrolled and all(_is_cjk(c) for c in unrolled)):
            name = unrolled
    if not name or name.casefold() in _ROLES or name.casefold() in _NOT_NAMES:
        return None
    if not any(c.isalpha() for c in name) or _DIGIT.fullmatch(name.replace(" ", "")):
        return None
    if len(name) > _MAX_NAME_CHARS or len(name.split()) > _MAX_NAME_WORDS:
        return None
    return name


def _strip_full_stop(name: str) -> str:
    # "Jane Doe." ends a sentence; "Perry Bacon Jr." and "Nicolas Gutierrez C." end a name.
    stripped = name.strip(". ")
    last = stripped.rsplit(" ", 1)[-1]
    if name.rstrip().endswith(".") and 0 < len(last) <= 2 and stripped != last:
        return stripped + "."
    return stripped


def _is_person(candidate: AuthorCandidate, name: str, site_keys: set[str]) -> bool:
    # JSON-LD's own typing wins; untyped names are people unless they name the site or an
    # organisation, and names found in page furniture must also look like a person's.
    if candidate.kind is not None:
        return candidate.kind == "person"
    if _names_organisation(name, site_keys):
        return False
    return candidate.source not in _FURNITURE or looks_like_person(name)


def _names_organisation(name: str, site_keys: set[str]) -> bool:
    key = _key(name)
    if key and any(key == site or (len(site) >= 4 and site in key) for site in site_keys):
        return True
    return bool(_ORGANISATION_WORD.search(name))


def _is_cjk(character: str) -> bool:
    return "\u3040" <= character <= "\u9fff" or "\uac00" <= character <= "\ud7af"


def _key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())
