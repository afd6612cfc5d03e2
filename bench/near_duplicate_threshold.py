"""How far apart SimHash puts near-copies and unrelated stories: the measurement behind
``warehouse.clusters.MAX_DISTANCE``.

    python -m bench.near_duplicate_threshold [--pages N] [--jobs N]

Texts are the pipeline's own extraction of the shared corpus's pages (trafilatura-eval and
fundus, the articles of 100 words or more). Near-copies are made from each text the ways
syndication changes stories: light edits (words replaced, dropped or inserted), a new
headline with a credit line, a cut ending, and all three together. Unrelated pairs are all
pairs of different corpus texts. For each distance k the table shows the share of copies
within k bits, and the share that banding (4 bands of 16 bits, one equal band) would also
find; for unrelated pairs, how many lie within k.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from evaluation.corpus import corpus_dir, metadata_cases, read_html, text_cases
from transforms.classify import PageClass
from transforms.extract import PageInput, extract_page
from transforms.near_duplicates import hamming, simhash
from warehouse.clusters import BAND_BITS, BANDS

DISTANCES = (3, 4, 5, 6, 7, 8, 9, 10, 12)
MIN_WORDS = 100
_FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
_CREDIT = "This story first appeared in the Valley Courier and is republished with permission."


def corpus_pages(root: Path) -> list[tuple[str, Path]]:
    """Return (url, path) of every trafilatura-eval and fundus page."""
    pages = [(case.url, case.path) for case in text_cases(root)]
    return pages + [(case.url, case.path) for case in metadata_cases(root)]


def article_text(page: tuple[str, Path]) -> str | None:
    """Return the pipeline's text of a corpus page when it is an article, else None."""
    url, path = page
    result = extract_page(
        PageInput(url=url, source="corpus", html=read_html(path), fetched_at=_FETCHED_AT)
    )
    if result.page_class is not PageClass.ARTICLE or result.article is None:
        return None
    return result.article.text


def variants(vocabulary: list[str], rng: random.Random) -> dict[str, Callable[[str], str]]:
    """Return the near-copy makers by name."""

    def edited(text: str, share: float) -> str:
        words = text.split()
        for _ in range(max(1, round(len(words) * share))):
            position, action = rng.randrange(len(words)), rng.random()
            if action < 0.5:
                words[position] = rng.choice(vocabulary)
            elif action < 0.75:
                del words[position]
            else:
                words.insert(position, rng.choice(vocabulary))
        return " ".join(words)

    def cut(text: str, share: float) -> str:
        words = text.split()
        return " ".join(words[: max(1, int(len(words) * share))])

    def reheadlined(text: str) -> str:
        headline = " ".join(rng.sample(vocabulary, 8))
        return f"{headline}\n{text}\n{_CREDIT}"

    return {
        "1 % of words edited": lambda t: edited(t, 0.01),
        "3 % of words edited": lambda t: edited(t, 0.03),
        "5 % of words edited": lambda t: edited(t, 0.05),
        "10 % of words edited": lambda t: edited(t, 0.10),
        "new headline + credit line": reheadlined,
        "cut to 90 %": lambda t: cut(t, 0.9),
        "cut to 75 %": lambda t: cut(t, 0.75),
        "cut to 50 %": lambda t: cut(t, 0.5),
        "headline + 2 % edited + cut to 90 %": lambda t: cut(edited(reheadlined(t), 0.02), 0.9),
    }


def shares_band(a: int, b: int) -> bool:
    """Return whether two SimHashes agree on one of the bands clustering looks up."""
    mask = (1 << BAND_BITS) - 1
    return any((a >> (BAND_BITS * i)) & mask == (b >> (BAND_BITS * i)) & mask for i in range(BANDS))


def unrelated_distances(fingerprints: list[int]) -> np.ndarray:
    """Return the Hamming distance of every pair of different texts."""
    values = np.array(fingerprints, dtype=np.uint64)
    distances: list[np.ndarray] = []
    for position in range(len(values) - 1):
        xor = values[position] ^ values[position + 1 :]
        distances.append(np.unpackbits(xor.view(np.uint8).reshape(-1, 8), axis=1).sum(axis=1))
    return np.concatenate(distances) if distances else np.zeros(0, dtype=np.int64)


def report(texts: list[str], seed: int) -> Iterator[str]:
    """Yield the report's lines."""
    rng = random.Random(seed)  # noqa: S311 - reproducible edits, not secrets
    vocabulary = [word for text in texts[:200] for word in text.split()]
    fingerprints = [simhash(text) for text in texts]
    unrelated = unrelated_distances(fingerprints)
    yield f"{len(texts)} texts of {MIN_WORDS}+ words; {len(unrelated):,} unrelated pairs"
    yield (
        f"unrelated: mean {unrelated.mean():.1f} bits; within k: "
        + ", ".join(f"k={k}: {int((unrelated <= k).sum())}" for k in DISTANCES)
    )
    closest = sorted(int(d) for d in unrelated[unrelated <= DISTANCES[-1] + 2])
    yield f"closest unrelated pairs: {closest} (0 = the same text twice in the corpus)"
    yield "near-copies: share within k bits / share also found by banding"
    yield f"{'':38s}" + "".join(f"{f'k={k}':>12s}" for k in DISTANCES) + "  median"
    for name, make in variants(vocabulary, rng).items():
        pairs = [(hamming(h, c), shares_band(h, c)) for h, c in _copies(texts, fingerprints, make)]
        distances = np.array([d for d, _ in pairs])
        banded = np.array([b for _, b in pairs])
        cells = "".join(
            f"{(distances <= k).mean():>6.2f}/{((distances <= k) & banded).mean():.2f}"
            for k in DISTANCES
        )
        yield f"{name:38s}{cells}  {np.median(distances):>5.0f}"


def _copies(
    texts: list[str], fingerprints: list[int], make: Callable[[str], str]
) -> Iterator[tuple[int, int]]:
    for text, fingerprint in zip(texts, fingerprints, strict=True):
        yield fingerprint, simhash(make(text))


def main() -> None:
    """Extract the corpus, build the near-copies and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    pages = corpus_pages(corpus_dir())[: args.pages]
    with ProcessPoolExecutor(args.jobs) as pool:
        extracted = list(pool.map(article_text, pages, chunksize=8))
    texts = [text for text in extracted if text and len(text.split()) >= MIN_WORDS]
    for line in report(texts, args.seed):
        print(line)


if __name__ == "__main__":
    main()
