"""Near-duplicate fingerprints: a 64-bit SimHash over word shingles, and Hamming distance.

Two texts that share most of their two-word shingles get SimHashes a few bits apart, so
a syndicated copy with a new headline, a light edit or a cut ending lands near its
original, while unrelated stories land about 32 bits apart (see ``warehouse.clusters``
for the distance chosen and how it was measured).

Exact copies are already recognised by ``transforms.text.content_hash``; this catches
the copies that differ a little.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

BITS = 64
SHINGLE_WORDS = 2
"""Words per shingle. Pairs keep some word order, and a one-word edit changes only two
shingles: on the corpus (``bench.near_duplicate_threshold``), copies with 1 % of words
edited moved a median 3 bits with pairs and 4 with triples, while unrelated stories stayed
as far apart (no pair within 12 bits either way). Single words put stories in the same
language too close (80 unrelated pairs within 6 bits)."""
_MASK = (1 << BITS) - 1
_WORD = re.compile(r"\w+")


def shingle_words(text: str) -> list[str]:
    """Return the text's words as SimHash reads them: Unicode-compatible, case-folded."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def simhash(text: str) -> int:
    """Return the unsigned 64-bit SimHash of the text's word shingles; 0 for no words.

    Every shingle occurrence votes on each bit with its hash; a bit is set where most
    votes were ones.
    """
    words = shingle_words(text)
    if not words:
        return 0
    width = min(SHINGLE_WORDS, len(words))
    # A stable digest: Python's hash() of a str changes with every process.
    digests = b"".join(
        hashlib.blake2b(" ".join(words[i : i + width]).encode("utf-8"), digest_size=8).digest()
        for i in range(len(words) - width + 1)
    )
    votes = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(-1, 8), axis=1)
    ones = votes.sum(axis=0, dtype=np.int64)
    majority = (2 * ones > len(votes)).astype(np.uint8)
    return int.from_bytes(np.packbits(majority).tobytes(), "big")


def hamming(a: int, b: int) -> int:
    """Return how many of the 64 bits differ between two SimHashes (signed or unsigned)."""
    return ((a ^ b) & _MASK).bit_count()


def to_signed(value: int) -> int:
    """Return a 64-bit SimHash as the signed integer a BIGINT column stores."""
    value &= _MASK
    return value - (1 << BITS) if value >> (BITS - 1) else value


def to_unsigned(value: int) -> int:
    """Return a SimHash read from a BIGINT column as the unsigned 64-bit integer."""
    return value & _MASK
