"""The language of an article's text: detected with py3langid, checked against what the
page declares about itself."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

MAX_DETECTION_CHARS = 3000
"""The opening is enough to tell the language, and detection cost grows with length."""
DECLARED_ONLY_CONFIDENCE = 0.5
"""Confidence given to a declared language that the text could not confirm."""
OVERRULE_PROBABILITY = 0.7
"""How sure the detector must be to overrule a language the page declares. Measured on
the dev pages: the detector's probability, not the text's length, tells when to trust it
(see the report of the metadata issue)."""
# Codes publishers use for one language under another name.
_SYNONYMS = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "ji": "yi", "jw": "jv"}
_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")


def normalise_language_tag(tag: str | None) -> str | None:
    """Return the ISO 639 code of a language tag ("en-GB" → "en", "nb_NO" → "no"), or None
    for an empty or malformed tag."""
    if not tag:
        return None
    match = _TAG.match(tag.strip())
    if not match:
        return None
    code = match.group(1).lower()
    return _SYNONYMS.get(code, code)


def detect_language(text: str, declared: str | None) -> tuple[str | None, float]:
    """Return the text's language (ISO 639-1 where one exists) and a confidence in [0, 1].

    The detector's normalised probability decides, unless the page declares another
    language and the detector is less than OVERRULE_PROBABILITY sure; then the declared
    language comes back with DECLARED_ONLY_CONFIDENCE (or the detector's probability for
    it, if higher). Without text the declared language, without either (None, 0.0).
    """
    declared_code = normalise_language_tag(declared)
    sample = " ".join(text[:MAX_DETECTION_CHARS].split())
    if not sample:
        return declared_code, DECLARED_ONLY_CONFIDENCE if declared_code else 0.0
    detected, probability = _classify(sample)
    if declared_code is None or detected == declared_code or probability >= OVERRULE_PROBABILITY:
        return detected, probability
    return declared_code, max(DECLARED_ONLY_CONFIDENCE, _probability_of(sample, declared_code))


def _classify(sample: str) -> tuple[str, float]:
    language, probability = _identifier().classify(sample)
    code = str(language)
    return _SYNONYMS.get(code, code), float(probability)


def _probability_of(sample: str, code: str) -> float:
    for language, probability in _identifier().rank(sample):
        if _SYNONYMS.get(str(language), str(language)) == code:
            return float(probability)
    return 0.0


@cache
def _identifier() -> Any:
    # Loaded on first use, not at import: the model takes ~0.3 s to read.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
