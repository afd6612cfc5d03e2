"""How text becomes search terms, as SQL macros stored in the warehouse.

The indexer and every query call these same macros, so an article and a query that say
the same words give the same terms, whichever client runs the query:

- ``search_words(text)``: lower-cased words, numbers kept ('w123', '2024'); a run of
  Chinese, Japanese or Korean characters is one word;
- ``search_tokens(text)``: those words, each such run split into overlapping two-character
  pieces ('東京で地震' gives 東京 京で で地 地震), one position each;
- ``search_stemmer(language)``: the stemmer of an ISO 639-1 language: a Snowball stemmer
  of DuckDB's fts extension where it has one; suffix rules for Polish and Ukrainian,
  which Snowball lacks; ``none`` for the rest;
- ``search_term(token, stemmer)``: the token without accents, stemmed (accents stay in
  scripts where marks are letters; CJK pieces are kept as they are: stripping marks would
  turn が into か).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SNOWBALL_STEMMERS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
}
"""ISO 639-1 code -> the Snowball stemmer of DuckDB's fts extension (``stem``)."""

# Snowball has no Polish or Ukrainian stemmer; its Russian one leaves Ukrainian forms apart
# (містами -> містам, місто -> місто: і, ї and є are not vowels to it). Light stemming
# instead: the longest common inflectional ending is cut while three letters stay.
SUFFIX_RULES = {
    # Polish words are stripped of accents first (ą -> a, ó -> o; ł stays).
    "polish": (
        "osciami osciach oscia osci osc owie ami ach ego emu ymi imi ych ich owi ow om em ym "
        "im ej ie ia iu y a u e o i"
    ),
    "ukrainian": (
        "ами ями ого ому ими іми ах ях ам ям ом ем ою ею ів їв ей ий ій их им ої ти ть і ї "
        "и а я у ю о е ь"
    ),
}
SUFFIX_STEMMERS = {"pl": "polish", "uk": "ukrainian"}

UNACCENTED_STEMMERS = (
    "arabic",
    "greek",
    "hindi",
    "nepali",
    "russian",
    "serbian",
    "tamil",
    "ukrainian",
)
"""Stemmers whose words keep their marks: Cyrillic й and ї, Greek tonos, the vowel signs of
Devanagari and Tamil. Elsewhere accents go before stemming, so 'fermee' and 'fermées' agree."""

STEMMERS = (*sorted(set(SNOWBALL_STEMMERS.values())), *sorted(SUFFIX_RULES), "none")
"""Every stemmer an article can be indexed with; a query word is looked up under each."""

# Code points of the scripts written without spaces between words (Han, kana, Hangul, with
# the iteration marks 々〆〇 and the long-vowel mark ー): runs of them are cut in pairs.
CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3040, 0x30FA),
    (0x30FC, 0x30FF),
    (0x3100, 0x318F),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x20000, 0x2FA1F),
)


@dataclass(frozen=True, kw_only=True)
class ScalarMacro:
    """A scalar SQL macro: its parameters, body and what it gives back."""

    name: str
    parameters: tuple[str, ...]
    sql: str
    description: str


def _cjk_class() -> str:
    return "".join(f"\\x{{{low:X}}}-\\x{{{high:X}}}" for low, high in CJK_RANGES)


def _cjk_code_test(code: str) -> str:
    return " OR ".join(f"{code} BETWEEN {low} AND {high}" for low, high in CJK_RANGES)


def _string_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def _stemmer_case() -> str:
    pairs = {**SNOWBALL_STEMMERS, **SUFFIX_STEMMERS}
    whens = " ".join(f"WHEN '{code}' THEN '{stemmer}'" for code, stemmer in sorted(pairs.items()))
    return f"CASE lower(language) {whens} ELSE 'none' END"


def _suffix_rule(stemmer: str, word: str) -> str:
    endings = "|".join(SUFFIX_RULES[stemmer].split())
    return f"regexp_replace({word}, '^(.{{3,}}?)({endings})$', '\\1')"


_CJK = _cjk_class()
_UNACCENTED = "(" + ", ".join(f"'{s}'" for s in UNACCENTED_STEMMERS) + ")"
# A word: a CJK run, or a run of letters, marks and digits (anything but separators,
# control characters, punctuation and symbols) outside those scripts.
_WORD_PATTERN = f"[{_CJK}]+|[^\\s\\p{{Z}}\\p{{C}}\\p{{P}}\\p{{S}}{_CJK}]+"

MACROS = (
    ScalarMacro(
        name="search_stemmer",
        parameters=("language",),
        sql=_stemmer_case(),
        description="The stemmer full-text search uses for an ISO 639-1 language code.",
    ),
    ScalarMacro(
        name="search_stemmers",
        parameters=(),
        sql=_string_list(STEMMERS),
        description="Every stemmer an article can be indexed with.",
    ),
    ScalarMacro(
        name="search_is_cjk",
        parameters=("code",),
        sql=_cjk_code_test("code"),
        description="Whether a code point is Chinese, Japanese or Korean script.",
    ),
    ScalarMacro(
        name="search_words",
        parameters=("content",),
        sql=f"regexp_extract_all(lower(content), '{_WORD_PATTERN}')",
        description="The lower-cased words of a text (a CJK run counts as one word).",
    ),
    ScalarMacro(
        name="search_tokens",
        parameters=("content",),
        # Texts without CJK skip the per-word test: their words are their tokens.
        sql=f"""CASE WHEN regexp_matches(content, '[{_CJK}]') THEN flatten(list_transform(
    search_words(content),
    lambda word: CASE WHEN length(word) > 1 AND search_is_cjk(unicode(word))
        THEN list_transform(range(1, length(word)), lambda i: substr(word, i, 2))
        ELSE [word] END))
ELSE search_words(content) END""",
        description="The tokens of a text, one per position: its words, CJK runs cut into "
        "overlapping two-character pieces.",
    ),
    ScalarMacro(
        name="search_term",
        parameters=("token", "stemmer"),
        sql=f"""CASE
    WHEN search_is_cjk(unicode(token)) THEN token
    WHEN stemmer = 'ukrainian' THEN {_suffix_rule("ukrainian", "token")}
    WHEN stemmer IN {_UNACCENTED} THEN stem(replace(token, 'ё', 'е'), stemmer)
    WHEN stemmer = 'none' THEN strip_accents(token)
    WHEN stemmer = 'polish' THEN {_suffix_rule("polish", "strip_accents(token)")}
    ELSE stem(strip_accents(token), stemmer) END""",
        description="The index term of a token under a stemmer: accents removed (but in "
        "Cyrillic, Greek, Arabic and Indic scripts), then stemmed.",
    ),
)
"""The text macros, in creation order (each may call the ones before it)."""


def macro_sql(macro: ScalarMacro, comment_suffix: str = "") -> list[str]:
    """Return the statements that (re)create a scalar macro and comment it."""
    parameters = ", ".join(macro.parameters)
    comment = (macro.description + comment_suffix).replace("'", "''")
    return [
        f"CREATE OR REPLACE MACRO {macro.name}({parameters}) AS {macro.sql}",
        f"COMMENT ON MACRO {macro.name} IS '{comment}'",
    ]
