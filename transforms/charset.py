"""Bytes of an HTML page to text: which encoding to believe when the labels disagree.

Order of trust: a byte-order mark; then the HTTP header's charset and the page's own
``<meta>`` charset, each only if the body actually reads well in it; then detection; then
UTF-8 with replacement characters.

When header and meta disagree and both read well, the header wins, as in browsers (HTML
standard: transport-layer information outranks the meta prescan). That is what the
publisher's readers see, so it is the reading the publisher has checked; a wrong header
usually shows itself by not reading well (a server default of ISO-8859-1 on a UTF-8 page),
and then the meta gets its turn.

Labels are read as browsers read them (WHATWG Encoding Standard): ISO-8859-1, Latin-1 and
ASCII mean windows-1252, whose extra characters (curly quotes, the euro sign) pages
labelled Latin-1 use all the time. Encoding names returned are Python codec names.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

EncodingSource = Literal["bom", "header", "meta", "detected", "fallback"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG label aliases where Python's codec of the same name decodes differently.
_BROWSER_ALIASES = {
    "utf-16": "utf-16-le",  # WHATWG: the label means little-endian when no BOM says else
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "iso-ir-100": "cp1252",
    "cp819": "cp1252",
    "ibm819": "cp1252",
    "iso-8859-9": "cp1254",
    "iso8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "big5": "big5hkscs",
}
_META_WINDOW = 8192
"""Bytes searched for a <meta> charset; the standard says 1024, real heads run longer."""
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET_ATTRIBUTE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_NON_ASCII_WORD = re.compile(rb"[^\s<>]*[\x80-\xff][^\s<>]*")
_C1_CONTROLS = re.compile("[\x80-\x9f]")
_MAX_STRAY_SHARE = 0.2
"""Undecodable bytes tolerated per non-ASCII character. Real UTF-8 pages with a few stray
Latin-1 bytes run at 1-4 %; legacy text read as UTF-8 fails on nearly every character."""
_MAX_MESS = 0.1
"""charset_normalizer's mess ratio above which a single-byte reading is mojibake; correct
readings of real sentences score 0, koi8-r read as windows-1251 (and back) about 0.12."""
_BINARY_SAMPLE = 4096
_MAX_CONTROL_SHARE = 0.1


@dataclass(frozen=True, kw_only=True)
class DecodedText:
    """A page's text and where its encoding came from."""

    text: str
    encoding: str
    """Python codec name, e.g. "utf-8", "cp1252", "koi8-r"."""
    source: EncodingSource


def codec_for_label(label: str) -> str | None:
    """Return the Python codec a charset label means in a browser, or None if unknown."""
    cleaned = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_BROWSER_ALIASES.get(cleaned, cleaned)).name
    except LookupError:
        return None
    return _BROWSER_ALIASES.get(name, name)


def header_charset(content_type: str | None) -> str | None:
    """Return the charset parameter of a Content-Type header value, as written."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def meta_charset(body: bytes) -> str | None:
    """Return the charset a page's head declares in <meta charset> or http-equiv, as written."""
    head = _COMMENT.sub(b"", body[:_META_WINDOW])
    for tag in _META_TAG.finditer(head):
        match = _CHARSET_ATTRIBUTE.search(tag.group(0))
        if match:
            return match.group(1).decode("ascii")
    return None


def utf16_codec(body: bytes, content_type: str | None = None) -> str | None:
    """Return the UTF-16 codec a body is in, by its byte-order mark or, without one, by a
    Content-Type charset that says UTF-16 and decodes it; None for any other encoding."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return encoding if encoding.startswith("utf-16") else None
    label = header_charset(content_type)
    codec = codec_for_label(label) if label else None
    if codec is None or not codec.startswith("utf-16"):
        return None
    sample = body[: _BINARY_SAMPLE & ~1]
    try:
        # Strict: text in the wrong UTF-16 (or none) breaks on unpaired surrogates, and
        # markup shows as "<" once decoded right.
        return codec if "<" in sample.decode(codec) else None
    except UnicodeDecodeError:
        return None


def is_probably_binary(body: bytes, content_type: str | None = None) -> bool:
    """Return whether a body's first 4 KB look like binary data rather than text.

    A NUL byte or a high share of control bytes gives it away; UTF-16 text (which is full
    of NULs) is recognised by its byte-order mark, or by a Content-Type charset that says
    UTF-16 and decodes it, and let through.
    """
    sample = body[:_BINARY_SAMPLE]
    if not sample or utf16_codec(sample, content_type) is not None:
        return False
    if b"\0" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in b"\t\n\r\f\x1b")
    return controls / len(sample) > _MAX_CONTROL_SHARE


def decode_html(body: bytes, content_type: str | None) -> DecodedText:
    """Return the text of an HTML body, decoded with the encoding most likely meant."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            text = body[len(bom) :].decode(encoding, errors="replace")
            return DecodedText(text=text, encoding=encoding, source="bom")
    declared: tuple[tuple[EncodingSource, str | None], ...] = (
        ("header", header_charset(content_type)),
        ("meta", _meta_codec(body)),
    )
    for source, label in declared:
        codec = codec_for_label(label) if label else None
        if codec is not None and _reads_well(body, codec):
            text = body.decode(codec, errors="replace")
            return DecodedText(text=text, encoding=codec, source=source)
    detected = _detect(body)
    if detected is not None:
        text = body.decode(detected, errors="replace")
        return DecodedText(text=text, encoding=detected, source="detected")
    return DecodedText(
        text=body.decode("utf-8", errors="replace"), encoding="utf-8", source="fallback"
    )


def _meta_codec(body: bytes) -> str | None:
    label = meta_charset(body)
    if label is None:
        return None
    # A meta tag found by an ASCII scan cannot be in UTF-16: browsers read it as UTF-8.
    if (codec_for_label(label) or "").startswith("utf-16"):
        return "utf-8"
    return label


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _reads_well(body: bytes, codec: str) -> bool:
    if body.isascii():
        return True
    valid_utf8 = _is_utf8(body)
    if codec == "utf-8":
        if valid_utf8:
            return True
        # Pages built from UTF-8 templates often carry a few Latin-1 bytes (a widget's alt
        # text): a handful of replacement characters beats reading the page as mojibake.
        text = body.decode("utf-8", errors="replace")
        return text.count("\ufffd") <= _MAX_STRAY_SHARE * _non_ascii(text)
    # Valid UTF-8 with non-ASCII bytes is practically never legacy text by accident, so a
    # legacy label on such a body is the lie (a server default of ISO-8859-1).
    if valid_utf8:
        return False
    text = body.decode(codec, errors="replace")
    # C1 controls are what windows-1252's curly quotes and euro sign become in ISO-8859-x.
    if _C1_CONTROLS.search(text) or text.count("\ufffd") > _MAX_STRAY_SHARE * _non_ascii(text):
        return False
    # Legacy codecs decode almost any bytes; judge the words with non-ASCII letters, where
    # a wrong reading shows (mixed scripts, odd case changes). Not the ASCII markup, which
    # would dilute the measure, nor lone symbols (€, „), which it scores as messy.
    words = (word.decode(codec, errors="replace") for word in _NON_ASCII_WORD.findall(body))
    lettered = [word for word in words if any(c.isalpha() and not c.isascii() for c in word)]
    if not lettered:
        return True
    return mess_ratio(" ".join(lettered), maximum_threshold=1.0) <= _MAX_MESS


def _non_ascii(text: str) -> int:
    return sum(1 for char in text if not char.isascii())


def _detect(body: bytes) -> str | None:
    if _reads_well(body, "utf-8"):
        return "utf-8"
    # The labels were judged already: charset_normalizer must not trust them again.
    matches = list(from_bytes(body, preemptive_behaviour=False))
    if not matches:
        return None
    least_mess = min(match.chaos for match in matches)
    # Short texts read equally well in several Western codepages; windows-1252 is by far
    # the web's most common legacy encoding, so it wins among the cleanest readings.
    for match in matches:
        if match.chaos <= least_mess and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return codec_for_label(matches[0].encoding)
