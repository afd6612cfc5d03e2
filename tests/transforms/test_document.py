"""A page read as a document: one parse, wall signals, raw and cleaned text, language."""

from __future__ import annotations

from pathlib import Path

from transforms.document import (
    LANGUAGE_SAMPLE_CHARACTERS,
    extract_document,
    language_sample,
    parse_page,
)
from transforms.main_text import extract_main_text

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"


def test_a_fixture_page_reads_as_its_reader_sees_it() -> None:
    html = (PAGES / "harbour_wall.html").read_bytes()

    document = extract_document(html, url="https://gazette.example/news/harbour-wall")

    assert document.metadata.title == "Harbour wall approved after late-night vote"
    assert document.text.startswith("The town council approved the rebuilding")
    assert document.word_count == 130
    assert document.language == "en"
    assert document.signals.paywall_evidence == ()
    assert document.signals.has_text is True


def test_the_tree_gives_the_text_the_string_gives() -> None:
    html = (PAGES / "markt_halle.html").read_text(encoding="utf-8")
    url = "https://talbote.example/lokales/markt"

    from_string = extract_main_text(html, url=url, headlines=())
    tree = parse_page(html)
    from_tree = extract_main_text(tree, url=url, headlines=())

    assert from_tree.text == from_string.text
    assert from_tree.text.startswith("Der Wochenmarkt zieht")
    # trafilatura prunes a copy: the tree can still be read afterwards.
    assert tree.xpath("string(//title)") == "Wochenmarkt zieht in die alte Halle – Talbote"


def test_raw_text_keeps_what_cleaning_removes() -> None:
    story = " ".join(["The harbour wall will be raised by a metre before winter."] * 12)
    html = (
        '<html lang="en"><head><title>Wall</title></head><body><article>'
        f"<p>{story}</p><p>Il vous reste 60 % de cet article à lire.</p>"
        "</article></body></html>"
    ).encode()

    document = extract_document(html, url="https://gazette.example/wall")

    assert "Il vous reste" in document.raw_text
    assert "Il vous reste" not in document.text
    assert document.text.startswith("The harbour wall will be raised")


def test_a_page_without_visible_text_says_so() -> None:
    document = extract_document(b"<html><head><title>T</title></head><body></body></html>")

    assert document.text == ""
    assert document.signals.has_text is False


def test_a_fragment_trafilatura_refuses_still_had_text() -> None:
    document = extract_document(b"<p>A fragment with a few words in it.</p>")

    assert parse_page("<p>A fragment with a few words in it.</p>") is None
    assert document.text == ""
    assert document.signals.has_text is True


def test_language_is_read_from_the_start_of_a_long_text() -> None:
    english = "The ferry will run twice every evening from April onwards. " * 60
    german = "Die Fähre fährt ab April jeden Abend zweimal zwischen den Inseln. " * 60

    sample = language_sample(english + german)

    assert len(sample) <= LANGUAGE_SAMPLE_CHARACTERS
    # Cut at a space, never inside a word.
    assert (english + german)[len(sample)] == " "
    assert "Fähre" not in sample
    html = f'<html lang="de"><body><article><p>{english}</p><p>{german}</p></article></body>'
    assert extract_document(html.encode(), url="https://gazette.example/f").language == "en"


def test_a_short_text_is_its_own_sample() -> None:
    assert language_sample("Kurzer Text.") == "Kurzer Text."
    assert language_sample("x" * (LANGUAGE_SAMPLE_CHARACTERS + 10)) == "x" * (
        LANGUAGE_SAMPLE_CHARACTERS
    )
