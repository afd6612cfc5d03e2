"""Decoding HTML bytes: BOM, header and meta labels checked against the bytes, detection.

Real sentences in German, French and Russian, in the encodings their sites used, behind
headers and meta tags that tell the truth or lie.
"""

from __future__ import annotations

import codecs

import pytest

from transforms.charset import (
    codec_for_label,
    decode_html,
    header_charset,
    is_probably_binary,
    meta_charset,
    utf16_codec,
)

GERMAN = (
    "Die Straßenbahn fährt wieder über die Brücke, während Bürger im Café am Ufer "
    "Kaffee trinken. Größere Änderungen am Fahrplan folgen im März."
)
FRENCH = (
    "Le maire a déclaré que les travaux du quai commenceront à l'été prochain, "
    "après l'enquête publique. Coût prévu : 5 millions d'€ pour l'œuvre entière."
)
RUSSIAN = (
    "Городской совет утвердил бюджет на следующий год, несмотря на возражения "
    "жителей района. Ремонт набережной начнётся весной."
)


def _page(text: str, encoding: str, *, meta: str | None = None, http_equiv: bool = False) -> bytes:
    if meta is None:
        declaration = ""
    elif http_equiv:
        declaration = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">'
    else:
        declaration = f'<meta charset="{meta}">'
    html = (
        f"<!DOCTYPE html><html><head>{declaration}<title>Nachrichten</title></head>"
        f"<body><article><p>{text}</p></article></body></html>"
    )
    return html.encode(encoding)


def _content_type(charset: str | None) -> str:
    return "text/html" if charset is None else f"text/html; charset={charset}"


@pytest.mark.parametrize(
    ("text", "encoding", "header", "meta", "codec", "source"),
    [
        # Truthful labels.
        (GERMAN, "utf-8", "utf-8", None, "utf-8", "header"),
        (RUSSIAN, "koi8-r", "koi8-r", None, "koi8-r", "header"),
        (FRENCH, "iso-8859-15", None, "iso-8859-15", "iso8859-15", "meta"),
        # Header lies (a server default), meta tells the truth.
        (GERMAN, "cp1252", "utf-8", "windows-1252", "cp1252", "meta"),
        (RUSSIAN, "utf-8", "iso-8859-1", "utf-8", "utf-8", "meta"),
        (RUSSIAN, "koi8-r", "utf-8", "koi8-r", "koi8-r", "meta"),
        (FRENCH, "iso-8859-15", "utf-8", "iso-8859-15", "iso8859-15", "meta"),
        # Header tells the truth, meta lies (a template copied from another site).
        (GERMAN, "cp1252", "windows-1252", "utf-8", "cp1252", "header"),
        (RUSSIAN, "cp1251", "windows-1251", "koi8-r", "cp1251", "header"),
        (RUSSIAN, "utf-8", "utf-8", "windows-1251", "utf-8", "header"),
        # Both lie: the bytes decide.
        (GERMAN, "cp1252", "utf-8", "utf-8", "cp1252", "detected"),
        (RUSSIAN, "koi8-r", "utf-8", "windows-1251", "koi8-r", "detected"),
        (RUSSIAN, "cp1251", "iso-8859-1", "koi8-r", "cp1251", "detected"),
        (GERMAN, "utf-8", "iso-8859-1", "koi8-r", "utf-8", "detected"),
        (FRENCH, "cp1252", "utf-8", "koi8-r", "cp1252", "detected"),
        # No labels at all.
        (RUSSIAN, "utf-8", None, None, "utf-8", "detected"),
        (GERMAN, "cp1252", None, None, "cp1252", "detected"),
        (RUSSIAN, "koi8-r", None, None, "koi8-r", "detected"),
    ],
)
def test_labels_are_believed_only_when_the_bytes_agree(
    text: str, encoding: str, header: str | None, meta: str | None, codec: str, source: str
) -> None:
    decoded = decode_html(_page(text, encoding, meta=meta), _content_type(header))

    assert text in decoded.text
    assert decoded.encoding == codec
    assert decoded.source == source


def test_when_header_and_meta_both_read_well_the_header_wins() -> None:
    # Plain German reads the same in windows-1252 and ISO-8859-15; browsers follow the
    # header, so that is what the publisher saw and checked.
    body = _page(GERMAN, "cp1252", meta="iso-8859-15")

    decoded = decode_html(body, _content_type("windows-1252"))

    assert decoded.encoding == "cp1252"
    assert decoded.source == "header"
    assert GERMAN in decoded.text


def test_latin1_labels_mean_windows_1252_as_in_browsers() -> None:
    body = _page("Preis: 5 € – „günstig“", "cp1252")

    decoded = decode_html(body, _content_type("ISO-8859-1"))

    assert decoded.encoding == "cp1252"
    assert decoded.source == "header"
    assert "Preis: 5 € – „günstig“" in decoded.text


def test_a_few_stray_bytes_still_read_as_utf8_without_labels() -> None:
    body = _page(GERMAN * 2, "utf-8").replace(b"</p>", b" \xe4\xfc</p>")

    decoded = decode_html(body, None)

    assert (decoded.encoding, decoded.source) == ("utf-8", "detected")
    assert GERMAN in decoded.text


def test_a_single_stray_byte_does_not_discard_a_utf8_label() -> None:
    # A mostly UTF-8 page with one windows-1252 quote pasted in: keep UTF-8.
    body = _page(RUSSIAN * 3, "utf-8").replace(b"</p>", b"\x92</p>")

    decoded = decode_html(body, _content_type("utf-8"))

    assert decoded.encoding == "utf-8"
    assert decoded.source == "header"
    assert RUSSIAN in decoded.text
    assert "\ufffd" in decoded.text


@pytest.mark.parametrize(
    ("bom", "encoding", "python_codec"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ],
)
def test_a_byte_order_mark_beats_every_label(bom: bytes, encoding: str, python_codec: str) -> None:
    body = bom + _page(FRENCH, python_codec, meta="koi8-r")

    decoded = decode_html(body, _content_type("iso-8859-1"))

    assert decoded.source == "bom"
    assert decoded.encoding == encoding
    assert decoded.text.startswith("<!DOCTYPE html>")
    assert FRENCH in decoded.text


def test_http_equiv_meta_is_read() -> None:
    body = _page(RUSSIAN, "cp1251", meta="windows-1251", http_equiv=True)

    decoded = decode_html(body, None)

    assert decoded.source == "meta"
    assert decoded.encoding == "cp1251"
    assert RUSSIAN in decoded.text


def test_undecodable_bytes_fall_back_to_utf8_with_replacements() -> None:
    decoded = decode_html(b"\xff\xfe\xfd" * 3, "text/html; charset=utf-8")

    assert decoded.encoding in ("utf-8", "utf-16-le")
    assert decoded.source in ("bom", "detected", "fallback")


def test_empty_body_decodes_to_nothing() -> None:
    decoded = decode_html(b"", "text/html; charset=utf-8")

    assert decoded.text == ""
    assert decoded.encoding == "utf-8"
    assert decoded.source == "header"


def test_unknown_labels_are_ignored() -> None:
    body = _page(GERMAN, "utf-8", meta="x-no-such-charset")

    decoded = decode_html(body, _content_type("bogus"))

    assert decoded.encoding == "utf-8"
    assert decoded.source == "detected"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("UTF8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("US-ASCII", "cp1252"),
        ("Windows-1252", "cp1252"),
        ("iso-8859-15", "iso8859-15"),
        ("KOI8-R", "koi8-r"),
        ("windows-1251", "cp1251"),
        ("gb2312", "gb18030"),
        ("shift_jis", "cp932"),
        ('"utf-8"', "utf-8"),
        ("no-such-thing", None),
    ],
)
def test_codec_for_label(label: str, codec: str | None) -> None:
    assert codec_for_label(label) == codec


def test_charset_of_a_header() -> None:
    assert header_charset('text/html; charset="ISO-8859-1"') == "ISO-8859-1"
    assert header_charset("text/html;charset=utf-8; foo=bar") == "utf-8"
    assert header_charset("text/html") is None
    assert header_charset(None) is None


def test_meta_charset_skips_comments_and_reads_either_form() -> None:
    commented = b"<head><!-- <meta charset=\"koi8-r\"> --><meta charset='utf-8'></head>"
    equiv = b'<head><META HTTP-EQUIV="content-type" CONTENT="text/html;charset=KOI8-R"></head>'

    assert meta_charset(commented) == "utf-8"
    assert meta_charset(equiv) == "KOI8-R"
    assert meta_charset(b"<head><title>none</title></head>") is None


def test_meta_utf16_is_read_as_utf8() -> None:
    body = _page(GERMAN, "utf-8", meta="utf-16")

    decoded = decode_html(body, None)

    assert decoded.encoding == "utf-8"
    assert decoded.source == "meta"


@pytest.mark.parametrize(
    ("body", "binary"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", True),
        (bytes(range(1, 32)) * 20, True),
        (_page(GERMAN, "utf-8"), False),
        (_page(RUSSIAN, "koi8-r"), False),
        (codecs.BOM_UTF16_LE + _page(FRENCH, "utf-16-le"), False),
        (b"", False),
        (b"line one\r\nline two\ttabbed\f\n", False),
    ],
)
def test_is_probably_binary(body: bytes, binary: bool) -> None:
    assert is_probably_binary(body) is binary


def test_utf16_by_its_mark_or_its_label_is_text_not_binary() -> None:
    page = "<html><body><p>Genève</p></body></html>"
    marked = codecs.BOM_UTF16_BE + page.encode("utf-16-be")
    labelled = page.encode("utf-16-le")

    assert utf16_codec(marked) == "utf-16-be"
    assert utf16_codec(labelled, "text/html; charset=UTF-16") == "utf-16-le"
    assert utf16_codec(labelled, "text/html; charset=utf-8") is None
    assert not is_probably_binary(labelled, "text/html; charset=utf-16")
    assert is_probably_binary(labelled, "text/html")  # unlabelled NULs: binary
    assert decode_html(labelled, "text/html; charset=utf-16").text == page
