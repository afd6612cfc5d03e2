"""Text cleaning, the content and version fingerprints, word counts and language."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.cleaning import CONTROL_CHARACTERS
from transforms.text import clean_text, content_hash, version_hash, word_count

ENGLISH = (
    "The town council met on Tuesday evening to discuss the new harbour wall, which "
    "engineers say will protect the old town from winter storms for at least another "
    "fifty years."
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HARBOURTON — The council voted.", "The council voted."),
        ("HARBOURTON – The council voted.", "The council voted."),
        ("BERLIN (dpa) - Die Regierung hat entschieden.", "Die Regierung hat entschieden."),
        ("NEW YORK — Markets rose.", "Markets rose."),
        ("SAINT-ÉTIENNE — Le maire a parlé.", "Le maire a parlé."),
        ("US — Rates held.", "Rates held."),
    ],
)
def test_leading_dateline_is_removed(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "The council voted — narrowly — to rebuild the wall.",
        "The plan - which was late - passed.",
        "I — like many residents — was surprised.",
        "A — the first option — was chosen.",
        "Harbourton — the town — voted.",
    ],
)
def test_dashes_that_are_no_dateline_stay(raw: str) -> None:
    assert clean_text(raw) == raw


def test_dateline_is_removed_from_the_first_paragraph_only() -> None:
    raw = "HARBOURTON — The council voted.\nLONDON — A later paragraph keeps its capitals."

    assert clean_text(raw) == "The council voted.\nLONDON — A later paragraph keeps its capitals."


def test_dash_inside_the_first_paragraph_stays() -> None:
    raw = "HARBOURTON — The council voted on Tuesday — narrowly — to rebuild."

    assert clean_text(raw) == "The council voted on Tuesday — narrowly — to rebuild."


@pytest.mark.parametrize(
    "pointer",
    [
        "Read more: Valley's largest EV charging plaza opens in Mirador",
        "Lesen Sie auch: Chemiepark streicht Stellen",
        "Lire aussi : le marché couvert rouvre ses portes",
        "RELATED: Council votes on harbour wall",
    ],
)
def test_read_more_lines_pointing_to_other_stories_are_removed(pointer: str) -> None:
    text = f"First paragraph of the story.\n{pointer}\nSecond paragraph of the story."
    assert clean_text(text) == "First paragraph of the story.\nSecond paragraph of the story."


def test_a_long_paragraph_that_opens_with_related_stays() -> None:
    paragraph = "Related: " + " ".join(["the council said the wall would be raised"] * 5)
    assert clean_text(paragraph) == paragraph


def test_whitespace_and_blank_lines_are_normalised() -> None:
    raw = "\n\n  First   paragraph\there.  \n\n\n   Second\u00a0paragraph. \n  \n"

    assert clean_text(raw) == "First paragraph here.\nSecond paragraph."


def test_unicode_is_composed() -> None:
    assert clean_text("Cafe\u0301 noir") == "Café noir"


def test_empty_text_stays_empty() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n \n ") == ""


def test_content_hash_ignores_case_whitespace_and_punctuation_spacing() -> None:
    base = content_hash("The council voted, narrowly, to rebuild the wall.")

    assert content_hash("the COUNCIL voted,narrowly,   to rebuild\nthe wall .") == base
    assert content_hash("  The council voted, narrowly, to rebuild the wall.  ") == base


def test_content_hash_differs_for_different_words() -> None:
    assert content_hash("The council voted to rebuild the wall.") != content_hash(
        "The council voted to repair the wall."
    )
    assert content_hash("a b") != content_hash("ab")


def test_content_hash_is_32_hex_digits() -> None:
    digest = content_hash(ENGLISH)

    assert len(digest) == 32
    int(digest, 16)


_WORDS = st.lists(
    st.text(alphabet=st.characters(categories=["L", "Nd"]), min_size=1, max_size=12),
    min_size=1,
    max_size=30,
)
_GAPS = st.lists(st.sampled_from([" ", "  ", "\n", "\t", " \n\n ", "\u00a0", "\r\n"]), min_size=31)
_INLINE_GAPS = st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0", " \t "]), min_size=31)


@given(_WORDS, _GAPS, st.sampled_from(["", " ", "\n", "\t "]))
def test_content_hash_is_invariant_under_whitespace_changes(
    words: list[str], gaps: list[str], edge: str
) -> None:
    plain = " ".join(words)
    spaced = edge + "".join(word + gap for word, gap in zip(words, gaps, strict=False)) + edge

    assert content_hash(spaced) == content_hash(plain)


@given(_WORDS, _INLINE_GAPS)
def test_clean_text_is_invariant_under_whitespace_inside_a_paragraph(
    words: list[str], gaps: list[str]
) -> None:
    # Cleaning reads paragraphs, so line breaks may change what it drops; spaces may not.
    plain = " ".join(words)
    spaced = "".join(word + gap for word, gap in zip(words, gaps, strict=False))

    assert clean_text(spaced) == clean_text(plain)


def test_clean_text_drops_news_noise() -> None:
    raw = (
        "By Jane Doe\nHARBOURTON — The council voted.\nPhoto: John Smith/Reuters\n"
        "Sign up for our daily newsletter\nWork starts in spring."
    )

    assert clean_text(raw) == "The council voted.\nWork starts in spring."


def test_word_count() -> None:
    assert word_count("The council voted — narrowly — to rebuild.") == 6
    assert word_count("") == 0
    assert word_count("Zürich's café") == 3


def test_version_hash_changes_with_any_field() -> None:
    fields = ("Title", ("Jane Doe",), "2025-03-04T08:15:00+00:00", None, "en", "Text.")
    base = version_hash(*fields)

    assert version_hash(*fields) == base
    for index in range(len(fields)):
        changed = list(fields)
        changed[index] = "something else"
        assert version_hash(*changed) != base
    # None and the string "None" are different values.
    assert version_hash(None) != version_hash("None")


@given(st.text(max_size=400))
def test_cleaning_any_text_keeps_no_control_character_and_is_stable(text: str) -> None:
    cleaned = clean_text(text)

    assert not CONTROL_CHARACTERS.search(cleaned)
    assert all(line == line.strip() and line for line in cleaned.split("\n")) or cleaned == ""
    assert clean_text(cleaned) == cleaned
    # The same text in another Unicode normal form is the same content.
    assert content_hash(unicodedata.normalize("NFD", text)) == content_hash(text)
