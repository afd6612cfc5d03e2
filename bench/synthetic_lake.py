"""A synthetic news lake for the warehouse benchmark, written with the real lake writer.

Text is made in vectorised chunks: word ids drawn from a Zipf-Mandelbrot distribution over
a 30,000-word vocabulary (English function words first, then made-up words, shorter ones
more frequent), sentences and paragraphs of geometric length, joined by Arrow's string
kernels. A chunk's ids, hashes and URLs are made row by row with the pipeline's own
functions (``article_id_for``, ``content_hash``, ``version_hash``, and the SimHash when the
lake carries one), so the loader sees what extraction would have written.

What the warehouse gets to do:

- **syndication**: about ``syndicated_share`` of the articles are copies of another
  outlet's story (2-4 outlets per story), published up to six hours after it, some of
  them in the next chunk or run; half carry a credit line, so they are near-duplicates
  (same cluster) rather than exact ones (same ``content_hash``, ``duplicate_of``);
- **versions**: from the second run on, each run also brings ``update_share`` of a batch
  as new versions of articles drawn uniformly from all earlier runs (a new headline, or
  one paragraph rewritten);
- **outcomes**: every run also records unchanged revisits of the previous run's articles,
  failed and skipped URLs, and one feed per outlet, each fetched response with a capture
  index row.
"""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.near_duplicates import simhash, to_signed
from transforms.text import content_hash, version_hash, word_count
from transforms.urls import article_id_for
from warehouse import schema
from warehouse.lake import RunCommit, compact_parts, write_part
from warehouse.schema import CAPTURES, EXTRACTIONS, URL_OUTCOMES, Table

FINGERPRINTED = "simhash" in EXTRACTIONS.column_names
"""Whether extraction fingerprints texts (the lake carries each SimHash): then so does
the generator, so the loader does what it would do on the pipeline's lake."""
SOURCE_CONFIGS: Table | None = schema.__dict__.get("SOURCE_CONFIGS")
"""The lake table of the sources a run's config declared (with their time zones), in the
warehouse code that has one: each run then writes a part of it, as the nightly flow does."""

VOCABULARY_SIZE = 30_000
ZIPF_EXPONENT = 1.0
ZIPF_SHIFT = 2.7
SENTENCE_WORDS = 17
"""Mean words per sentence (geometric)."""
PARAGRAPH_SENTENCES = 5
"""Mean sentences per paragraph (geometric)."""
COMMA_SHARE = 0.05
CROSS_CHUNK_SHARE = 0.2
"""Share of syndicated stories whose original came in the previous chunk (or run)."""
CREDITED_SHARE = 0.5
"""Share of syndicated copies that add a credit line (near-duplicates, not exact ones)."""
COPY_DELAY_HOURS = 6
FLOW = "nightly-ingest"
CONFIG_SHA256 = hashlib.sha256(b"warehouse-bench").hexdigest()
EXTRACTOR_VERSION = "mediawatch-bench/1"
_US = 1_000_000
_HOUR_US = 3600 * _US
_DAY_US = 24 * _HOUR_US

_FUNCTION_WORDS_TEXT = (
    "the of and to a in that is was for on it with as he said his at by be from have has "
    "are an they not this were who had but their been will which would its more after year "
    "one new also about we up she there all people or over two out first when could her "
    "than last government other into some police them what time city can years told "
    "minister week if our percent state three like just no only so while before against "
    "most since under him then many now president public former found where during because "
    "country may day million between both well make back off still national report group "
    "court four next health through any house months local how should around did work "
    "school says world company being such those second including water party market"
)
FUNCTION_WORDS = tuple(_FUNCTION_WORDS_TEXT.split())

TIME_ZONES = (
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "America/St_Johns",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Dubai",
    "Asia/Tehran",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "UTC",
)
SECTIONS = (
    "Politics",
    "Business",
    "World",
    "Sport",
    "Culture",
    "Science",
    "Local",
    "Opinion",
    "Technology",
    "Health",
    "Climate",
    "Education",
)
OUTLET_KINDS = ("gazette", "herald", "times", "post", "courier", "tribune", "observer", "daily")
_ONSET_TEXT = "b c d f g h j k l m n p r s t v w z br dr gr st tr pl sh ch th"
_ONSETS = tuple(_ONSET_TEXT.split())
_VOWEL_TEXT = "a e i o u ai ea ou"
_VOWELS = tuple(_VOWEL_TEXT.split())
_CODAS = ("", "", "", "n", "r", "s", "l", "t", "nd", "st")

# (status, reason, http_status) of the URLs a run could not use, in the shares they come.
_FAILURES = (
    ("failed", "http_4xx", 404),
    ("failed", "http_4xx", 410),
    ("failed", "http_5xx", 503),
    ("failed", "timeout", None),
    ("failed", "network_error", None),
    ("skipped", "robots_disallowed", None),
    ("skipped", "not_article", 200),
    ("skipped", "paywall", 200),
    ("skipped", "too_short", 200),
)


@dataclass(frozen=True, kw_only=True)
class LakeShape:
    """How big a lake to make, and how much work it holds for the loader."""

    articles: int = 1_000_000
    """New articles over all runs (runs = articles // batch, the last one the nightly)."""
    sources: int = 200
    days: int = 730
    batch: int = 50_000
    """New articles per run."""
    seed: int = 20261125
    part_rows: int = 10_000
    """Rows per generated chunk (one part per table), merged per run by compact_parts."""
    syndicated_share: float = 0.08
    update_share: float = 0.02
    unchanged_share: float = 0.05
    failed_share: float = 0.01
    min_text_bytes: int = 3_000
    max_text_bytes: int = 5_000
    end: datetime = datetime(2026, 11, 24, tzinfo=UTC)
    """When the publication period ends (the nightly run starts an hour later)."""

    @property
    def runs(self) -> int:
        """Return how many runs the lake holds, the nightly run included."""
        return self.articles // self.batch

    @property
    def start(self) -> datetime:
        """Return when the publication period starts."""
        return self.end - timedelta(days=self.days)


@dataclass(frozen=True, kw_only=True)
class Vocabulary:
    """Words, their Zipf-Mandelbrot frequencies and their six written forms."""

    words: tuple[str, ...]
    cumulative: np.ndarray[Any, np.dtype[np.float64]]
    forms: pa.Array
    """Form k of word i at k * size + i: k = capitalised + 2 * (none, period, comma)."""
    mean_token_bytes: float
    """Expected bytes per word in running text, separator and punctuation included."""

    @property
    def size(self) -> int:
        """Return the number of distinct words."""
        return len(self.words)

    def sample(self, rng: np.random.Generator, count: int) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Return ``count`` word ids drawn by frequency."""
        ids = np.searchsorted(self.cumulative, rng.random(count), side="right")
        return np.minimum(ids, self.size - 1).astype(np.int64)


def build_vocabulary(rng: np.random.Generator, size: int = VOCABULARY_SIZE) -> Vocabulary:
    """Return a vocabulary: function words first, then made-up words, shortest first."""
    made_up: set[str] = set()
    known = set(FUNCTION_WORDS)
    while len(made_up) < size - len(FUNCTION_WORDS):
        batch = 2 * size
        syllables = rng.choice((1, 2, 2, 3, 3, 3, 4), batch)
        onsets = rng.integers(0, len(_ONSETS), (batch, 4))
        vowels = rng.integers(0, len(_VOWELS), (batch, 4))
        codas = rng.integers(0, len(_CODAS), batch)
        for count, onset, vowel, coda in zip(syllables, onsets, vowels, codas, strict=True):
            word = "".join(
                _ONSETS[o] + _VOWELS[v] for o, v in zip(onset[:count], vowel[:count], strict=True)
            )
            word += _CODAS[coda]
            if word not in known and len(made_up) < size - len(FUNCTION_WORDS):
                made_up.add(word)
    ordered = sorted(made_up, key=lambda w: (len(w), hashlib.blake2b(w.encode()).digest()))
    words = (*FUNCTION_WORDS, *ordered)
    weights = 1.0 / (np.arange(1, len(words) + 1) + ZIPF_SHIFT) ** ZIPF_EXPONENT
    weights /= weights.sum()
    forms = [
        (w.capitalize() if capital else w) + punctuation
        for punctuation in ("", ".", ",")
        for capital in (False, True)
        for w in words
    ]
    lengths = np.array([len(w) for w in words], dtype=np.float64)
    mean = float(weights @ lengths) + 1 + 1 / SENTENCE_WORDS + COMMA_SHARE
    return Vocabulary(
        words=words,
        cumulative=np.cumsum(weights),
        forms=pa.array(forms, pa.string()),
        mean_token_bytes=mean,
    )


def make_texts(
    rng: np.random.Generator, vocabulary: Vocabulary, words_per_text: np.ndarray[Any, Any]
) -> pa.Array:
    """Return one text per entry of ``words_per_text``: sentences, one paragraph a line."""
    counts = np.maximum(np.asarray(words_per_text, dtype=np.int64), 1)
    ends = np.cumsum(counts)
    starts = ends - counts
    total = int(ends[-1]) if len(ends) else 0
    if total == 0:
        return pa.array([], pa.string())
    ids = vocabulary.sample(rng, total)
    sentence_end = rng.random(total) < 1 / SENTENCE_WORDS
    sentence_end[ends - 1] = True
    paragraph_end = sentence_end & (rng.random(total) < 1 / PARAGRAPH_SENTENCES)
    paragraph_end[ends - 1] = True
    capital = np.zeros(total, dtype=bool)
    capital[1:] = sentence_end[:-1]
    capital[starts] = True
    comma = ~sentence_end & (rng.random(total) < COMMA_SHARE)
    punctuation = np.where(sentence_end, 1, np.where(comma, 2, 0))
    form = capital.astype(np.int64) + 2 * punctuation
    tokens = vocabulary.forms.take(pa.array(ids + vocabulary.size * form))
    paragraph_bounds = np.concatenate([[0], np.flatnonzero(paragraph_end) + 1])
    paragraphs = pc.binary_join(
        pa.ListArray.from_arrays(pa.array(paragraph_bounds, pa.int32()), tokens), " "
    )
    per_text = np.add.reduceat(paragraph_end.astype(np.int64), starts)
    text_bounds = np.concatenate([[0], np.cumsum(per_text)])
    return pc.binary_join(
        pa.ListArray.from_arrays(pa.array(text_bounds, pa.int32()), paragraphs), "\n"
    )


def make_titles(rng: np.random.Generator, vocabulary: Vocabulary, count: int) -> list[str]:
    """Return ``count`` headlines of 5-12 words, the first capitalised."""
    lengths = rng.integers(5, 13, count)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    total = int(ends[-1]) if count else 0
    capital = np.zeros(total, dtype=np.int64)
    capital[starts] = 1
    tokens = vocabulary.forms.take(
        pa.array(vocabulary.sample(rng, total) + vocabulary.size * capital)
    )
    bounds = np.concatenate([[0], ends])
    titles = pc.binary_join(pa.ListArray.from_arrays(pa.array(bounds, pa.int32()), tokens), " ")
    return [str(t) for t in titles.to_pylist()]


@dataclass(frozen=True, kw_only=True)
class Outlet:
    """One synthetic source: its name, time zone, authors and sections."""

    name: str
    timezone: str
    authors: tuple[str, ...]
    sections: tuple[str, ...]

    @property
    def host(self) -> str:
        """Return the outlet's web host."""
        return f"www.{self.name}.example"


def make_outlets(rng: np.random.Generator, vocabulary: Vocabulary, count: int) -> list[Outlet]:
    """Return ``count`` outlets with distinct names, spread over the time zones."""
    names = vocabulary.words[len(FUNCTION_WORDS) + 500 :]
    picked = rng.choice(len(names), size=count, replace=False)
    outlets = []
    for number, index in enumerate(picked):
        first = rng.choice(len(names), size=25)
        last = rng.choice(len(names), size=25)
        outlets.append(
            Outlet(
                name=f"{names[index]}-{OUTLET_KINDS[number % len(OUTLET_KINDS)]}",
                timezone=TIME_ZONES[int(rng.integers(len(TIME_ZONES)))],
                authors=tuple(
                    f"{names[a].capitalize()} {names[b].capitalize()}"
                    for a, b in zip(first, last, strict=True)
                ),
                sections=tuple(str(s) for s in rng.choice(SECTIONS, size=4, replace=False)),
            )
        )
    return outlets


@dataclass(frozen=True, kw_only=True)
class RunPlan:
    """One run: its id, start, and the publication times of the articles it brings."""

    index: int
    run_id: str
    started_at: datetime
    covers_from: datetime
    covers_until: datetime

    @property
    def partition(self) -> str:
        """Return the run's hive partition, as the nightly flow names it."""
        return f"run_date={self.started_at:%Y-%m-%d}"


def plan_runs(shape: LakeShape, rng: np.random.Generator) -> list[RunPlan]:
    """Return the runs, oldest first: each brings the articles of an equal share of days."""
    span = timedelta(days=shape.days) / shape.runs
    plans = []
    for index in range(shape.runs):
        until = shape.start + span * (index + 1)
        started = (until + timedelta(hours=1)).replace(microsecond=0)
        plans.append(
            RunPlan(
                index=index,
                run_id=f"{started:%Y%m%dT%H%M%S}Z-{int(rng.integers(1 << 24)):06x}",
                started_at=started,
                covers_from=shape.start + span * index,
                covers_until=until,
            )
        )
    return plans


@dataclass(frozen=True, kw_only=True)
class GeneratedLake:
    """What the generator wrote: each run's parts (not yet committed) and what they hold."""

    commits: tuple[RunCommit, ...]
    seconds: float
    write_seconds: float
    """Of which: writing and merging Parquet parts."""
    new_articles: int
    updated_versions: int
    syndicated_copies: int
    credited_copies: int
    outcome_rows: int
    capture_rows: int
    text_bytes_mean: float
    text_bytes_min: int
    text_bytes_max: int
    nightly_updated: tuple[tuple[str, str], ...]
    """(article_id, url) of the articles the nightly run brings new versions of."""
    source_names: tuple[str, ...]


@dataclass(kw_only=True)
class _Stories:
    """Original stories of one chunk, the pool syndicated copies are drawn from."""

    texts: pa.Array
    titles: list[str]
    outlets: np.ndarray[Any, np.dtype[np.int64]]
    published: np.ndarray[Any, np.dtype[np.int64]]
    urls: list[str]


@dataclass(kw_only=True)
class _Counters:
    new_articles: int = 0
    updated_versions: int = 0
    syndicated_copies: int = 0
    credited_copies: int = 0
    outcome_rows: int = 0
    capture_rows: int = 0
    text_bytes: int = 0
    text_min: int = 1 << 62
    text_max: int = 0
    write_seconds: float = 0.0


class LakeGenerator:
    """Writes a lake run by run; keeps what later runs copy, revisit and update."""

    def __init__(
        self, lake_root: Path, shape: LakeShape, progress: Callable[[str], None] = print
    ) -> None:
        if shape.runs < 3:
            raise ValueError("the benchmark needs at least three runs (articles >= 3 x batch)")
        if shape.sources < 4:
            raise ValueError("syndication needs at least four sources")
        self.lake_root = lake_root
        self.shape = shape
        self.progress = progress
        self.rng = np.random.default_rng(shape.seed)
        self.vocabulary = build_vocabulary(self.rng)
        self.outlets = make_outlets(self.rng, self.vocabulary, shape.sources)
        self.plans = plan_runs(shape, self.rng)
        zones = sorted({o.timezone for o in self.outlets})
        self._outlet_zone = np.array([zones.index(o.timezone) for o in self.outlets])
        self._offsets = _hourly_offsets(zones, shape.start, shape.days + 2)
        per_run = round(shape.update_share * shape.batch)
        # Which earlier slots (new articles, numbered across runs) each run brings a new
        # version of: uniform over everything before it.
        self._updates = {
            run: np.sort(self.rng.choice(run * shape.batch, size=per_run, replace=False))
            for run in range(1, shape.runs)
        }
        self._pending: dict[int, list[pa.Table]] = {run: [] for run in range(1, shape.runs)}
        self._previous_stories: _Stories | None = None
        self._previous_run_refs: list[tuple[str, str, str]] = []
        self._run_refs: list[tuple[str, str, str]] = []
        self._serial = 0
        self._counters = _Counters()

    def generate(self) -> GeneratedLake:
        """Write every run's parts; return the (uncommitted) commits and the counts."""
        start = time.perf_counter()
        commits = []
        nightly_updated: tuple[tuple[str, str], ...] = ()
        for plan in self.plans:
            commit, updated = self._write_run(plan)
            commits.append(commit)
            nightly_updated = updated
            self.progress(
                f"generated run {plan.index + 1}/{len(self.plans)} ({plan.run_id}) "
                f"at {time.perf_counter() - start:.0f} s"
            )
        c = self._counters
        return GeneratedLake(
            commits=tuple(commits),
            seconds=time.perf_counter() - start,
            write_seconds=c.write_seconds,
            new_articles=c.new_articles,
            updated_versions=c.updated_versions,
            syndicated_copies=c.syndicated_copies,
            credited_copies=c.credited_copies,
            outcome_rows=c.outcome_rows,
            capture_rows=c.capture_rows,
            text_bytes_mean=c.text_bytes / max(1, c.new_articles + c.updated_versions),
            text_bytes_min=c.text_min,
            text_bytes_max=c.text_max,
            nightly_updated=nightly_updated,
            source_names=tuple(o.name for o in self.outlets),
        )

    def _write_run(self, plan: RunPlan) -> tuple[RunCommit, tuple[tuple[str, str], ...]]:
        parts: dict[str, list[str]] = {}
        first_slot = plan.index * self.shape.batch
        done = 0
        chunk = 0
        while done < self.shape.batch:
            rows = min(self.shape.part_rows, self.shape.batch - done)
            articles = self.new_articles(plan, rows, first_slot + done)
            self._write(plan, parts, f"{plan.run_id}-{chunk:05d}", articles, reason="new")
            done += rows
            chunk += 1
        revised = self._revised_rows(plan)
        updated = tuple(
            zip(revised["article_id"].to_pylist(), revised["url"].to_pylist(), strict=True)
        )
        extra_outcomes = [
            self._unchanged_outcomes(plan, {url for _, url in updated}),
            self._failure_outcomes(plan),
            self._feed_outcomes(plan),
        ]
        self._write(
            plan,
            parts,
            f"{plan.run_id}-{chunk:05d}",
            revised,
            reason="updated",
            extra_outcomes=extra_outcomes,
        )
        start = time.perf_counter()
        tables: dict[str, Table] = {
            t.name: t for t in (EXTRACTIONS, URL_OUTCOMES, CAPTURES, SOURCE_CONFIGS) if t
        }
        compacted = {
            name: compact_parts(
                self.lake_root, tables[name], tuple(paths), name=f"{plan.run_id}-{name}"
            )
            for name, paths in parts.items()
        }
        self._counters.write_seconds += time.perf_counter() - start
        self._previous_run_refs, self._run_refs = self._run_refs, []
        commit = RunCommit(
            run_id=plan.run_id,
            parts=compacted,
            flow=FLOW,
            started_at=plan.started_at,
            config_sha256=CONFIG_SHA256,
        )
        return commit, updated

    # New articles ----------------------------------------------------------------------

    def new_articles(self, plan: RunPlan, count: int, first_slot: int) -> pa.Table:
        """Return ``count`` new extraction rows of a run: original stories, then copies."""
        rng = self.rng
        # Syndicated stories and how many copies each gets (1-3: 2-4 outlets in all), at
        # most half the chunk; their originals are distinct stories, some from the previous
        # chunk (the previous run's last, for a run's first chunk).
        copies_per_group = rng.integers(1, 4, round(count * self.shape.syndicated_share / 2))
        copies_per_group = copies_per_group[np.cumsum(copies_per_group) <= count // 2]
        previous = self._previous_stories
        offset = 0 if previous is None else len(previous.urls)
        previous_count = min(
            int((rng.random(len(copies_per_group)) < CROSS_CHUNK_SHARE).sum()), offset
        )
        story_count = count - int(copies_per_group.sum())
        stories = self._stories(plan, story_count)
        pool = stories if previous is None else _concat(previous, stories)
        originals = np.concatenate(
            [
                rng.choice(offset, size=previous_count, replace=False),
                offset
                + rng.choice(
                    story_count, size=len(copies_per_group) - previous_count, replace=False
                ),
            ]
        ).astype(np.int64)
        copy_of = np.repeat(originals, copies_per_group)
        copy_number = (
            np.concatenate([np.arange(1, k + 1) for k in copies_per_group])
            if len(copies_per_group)
            else np.zeros(0, dtype=np.int64)
        )
        step = np.repeat(
            rng.integers(1, max(2, (self.shape.sources - 1) // 3 + 1), len(copies_per_group)),
            copies_per_group,
        )
        copy_outlets = (pool.outlets[copy_of] + copy_number.astype(np.int64) * step) % len(
            self.outlets
        )
        delays = rng.integers(0, COPY_DELAY_HOURS * _HOUR_US, len(copy_of))
        latest = _us(plan.started_at) - 60 * _US
        copy_published = np.minimum(pool.published[copy_of] + delays, latest)
        credited = rng.random(len(copy_of)) < CREDITED_SHARE
        canonical_original = rng.random(len(copy_of)) < 0.5

        texts = stories.texts.to_pylist() + [
            (
                f"{text}\nThis story was first published by the {self.outlets[int(o)].name}."
                if credit
                else text
            )
            for text, o, credit in zip(
                pool.texts.take(pa.array(copy_of, pa.int64())).to_pylist(),
                pool.outlets[copy_of],
                credited,
                strict=True,
            )
        ]
        titles = stories.titles + [pool.titles[int(i)] for i in copy_of]
        outlets = np.concatenate([stories.outlets, copy_outlets])
        published = np.concatenate([stories.published, copy_published])
        urls = stories.urls + [
            self._url(int(o), int(p), title)
            for o, p, title in zip(copy_outlets, copy_published, titles[story_count:], strict=True)
        ]
        canonical = stories.urls + [
            pool.urls[int(i)] if use_original else url
            for i, use_original, url in zip(
                copy_of, canonical_original, urls[story_count:], strict=True
            )
        ]
        self._previous_stories = stories
        c = self._counters
        c.new_articles += count
        c.syndicated_copies += len(copy_of)
        c.credited_copies += int(credited.sum())
        table = self._extraction_rows(plan, texts, titles, outlets, published, urls, canonical)
        self._run_refs += [
            (a, u, s)
            for a, u, s in zip(
                table["article_id"].to_pylist(),
                urls,
                table["source"].to_pylist(),
                strict=True,
            )
        ]
        self._reserve_updates(table, first_slot)
        return table

    def _stories(self, plan: RunPlan, count: int) -> _Stories:
        rng = self.rng
        target = rng.integers(self.shape.min_text_bytes, self.shape.max_text_bytes + 1, count)
        texts = make_texts(
            rng, self.vocabulary, np.round(target / self.vocabulary.mean_token_bytes)
        )
        titles = make_titles(rng, self.vocabulary, count)
        outlets = rng.integers(0, len(self.outlets), count)
        published = rng.integers(_us(plan.covers_from), _us(plan.covers_until), count)
        urls = [
            self._url(int(o), int(p), t) for o, p, t in zip(outlets, published, titles, strict=True)
        ]
        return _Stories(texts=texts, titles=titles, outlets=outlets, published=published, urls=urls)

    def _url(self, outlet: int, published_us: int, title: str) -> str:
        self._serial += 1
        day = datetime.fromtimestamp(published_us / _US, UTC)
        slug = "-".join(title.lower().split()[:6])
        return f"https://{self.outlets[outlet].host}/{day:%Y/%m/%d}/{slug}-{self._serial}.html"

    def _extraction_rows(
        self,
        plan: RunPlan,
        texts: list[str],
        titles: list[str],
        outlets: np.ndarray[Any, Any],
        published: np.ndarray[Any, Any],
        urls: list[str],
        canonical: list[str],
    ) -> pa.Table:
        rng = self.rng
        count = len(texts)
        hours = np.clip(
            (published - _us(self.shape.start)) // _HOUR_US, 0, self._offsets.shape[1] - 1
        )
        offsets = self._offsets[self._outlet_zone[outlets], hours]
        no_offset = rng.random(count) < 0.03
        published_at = pa.array(published, pa.timestamp("us", tz="UTC"))
        fetched = _us(plan.started_at) + rng.integers(0, 2 * _HOUR_US, count)
        two_authors = rng.random(count) < 0.2
        author_picks = rng.integers(0, 25, (count, 2))
        tag_counts = rng.integers(0, 4, count)
        tag_picks = rng.integers(0, 400, (count, 3))
        section_picks = rng.integers(0, 4, count)
        date_sources = [
            str(d)
            for d in rng.choice(("json-ld", "meta", "time-element"), count, p=(0.85, 0.1, 0.05))
        ]
        confidence = np.round(rng.uniform(0.9, 1.0, count), 4)
        tags_vocabulary = self.vocabulary.words[len(FUNCTION_WORDS) : len(FUNCTION_WORDS) + 400]
        authors: list[list[str]] = []
        version_hashes: list[str] = []
        content_hashes: list[str] = []
        word_counts: list[int] = []
        capture_ids: list[str] = []
        fingerprints: dict[str, int | None] = {}
        for i, published_dt in enumerate(published_at.to_pylist()):
            outlet = self.outlets[int(outlets[i])]
            names = [outlet.authors[int(author_picks[i, 0])]]
            if two_authors[i] and author_picks[i, 1] != author_picks[i, 0]:
                names.append(outlet.authors[int(author_picks[i, 1])])
            authors.append(names)
            text = texts[i]
            content_hashes.append(content_hash(text))
            if FINGERPRINTED and content_hashes[-1] not in fingerprints:
                fingerprints[content_hashes[-1]] = _fingerprint(text)
            word_counts.append(word_count(text))
            version_hashes.append(
                version_hash(
                    titles[i], tuple(names), published_dt.isoformat(), canonical[i], "en", text
                )
            )
            capture_ids.append(_capture_id(plan.run_id, urls[i], "article"))
            self._count_text(text)
        columns = {
            "article_id": [article_id_for(u) for u in urls],
            "url": urls,
            "canonical_url": canonical,
            "source": [self.outlets[int(o)].name for o in outlets],
            "title": titles,
            "authors": authors,
            "published_at": published_at,
            "published_offset": pa.array(offsets, pa.int32(), mask=no_offset),
            "date_source": date_sources,
            "language": ["en"] * count,
            "language_confidence": confidence,
            "text": texts,
            "word_count": pa.array(word_counts, pa.int32()),
            "content_hash": content_hashes,
            "version_hash": version_hashes,
            "extractor_version": [EXTRACTOR_VERSION] * count,
            "tags": [
                [tags_vocabulary[int(t)] for t in tag_picks[i, : tag_counts[i]]]
                for i in range(count)
            ],
            "sections": [
                [self.outlets[int(o)].sections[int(s)]]
                for o, s in zip(outlets, section_picks, strict=True)
            ],
            "image_url": [
                f"https://{self.outlets[int(o)].host}/img/{article_id_for(u)}.jpg"
                for o, u in zip(outlets, urls, strict=True)
            ],
            "capture_id": capture_ids,
            "fetched_at": pa.array(fetched, pa.timestamp("us", tz="UTC")),
            "run_id": [plan.run_id] * count,
        }
        if FINGERPRINTED:
            columns["simhash"] = pa.array([fingerprints[h] for h in content_hashes], pa.int64())
        return pa.table(columns, schema=EXTRACTIONS.arrow_schema)

    def _count_text(self, text: str) -> None:
        size = len(text.encode("utf-8"))
        c = self._counters
        c.text_bytes += size
        c.text_min = min(c.text_min, size)
        c.text_max = max(c.text_max, size)

    # Versions --------------------------------------------------------------------------

    def _reserve_updates(self, table: pa.Table, first_slot: int) -> None:
        # Rows later runs bring new versions of are kept until their run comes.
        last_slot = first_slot + table.num_rows
        for run, slots in self._updates.items():
            low, high = np.searchsorted(slots, (first_slot, last_slot))
            if high > low:
                self._pending[run].append(table.take(pa.array(slots[low:high] - first_slot)))

    def _revised_rows(self, plan: RunPlan) -> pa.Table:
        """Return the new versions this run brings: a new headline or a rewritten paragraph."""
        pending = self._pending.pop(plan.index, [])
        if not pending:
            return EXTRACTIONS.arrow_schema.empty_table()
        rng = self.rng
        rows = pa.concat_tables(pending).to_pylist()
        headline = rng.random(len(rows)) < 0.5
        titles = make_titles(rng, self.vocabulary, len(rows))
        paragraphs = make_texts(rng, self.vocabulary, rng.integers(40, 120, len(rows)))
        fetched = _us(plan.started_at) + rng.integers(0, 2 * _HOUR_US, len(rows))
        for i, row in enumerate(rows):
            if headline[i]:
                row["title"] = titles[i]
            else:
                lines = row["text"].split("\n")
                lines[int(rng.integers(len(lines)))] = str(paragraphs[i]).replace("\n", " ")
                row["text"] = "\n".join(lines)
            row["word_count"] = word_count(row["text"])
            row["content_hash"] = content_hash(row["text"])
            row["version_hash"] = version_hash(
                row["title"],
                tuple(row["authors"]),
                row["published_at"].isoformat(),
                row["canonical_url"],
                row["language"],
                row["text"],
            )
            row["fetched_at"] = datetime.fromtimestamp(int(fetched[i]) / _US, UTC)
            row["run_id"] = plan.run_id
            row["capture_id"] = _capture_id(plan.run_id, row["url"], "article")
            if FINGERPRINTED:
                row["simhash"] = _fingerprint(row["text"])
            self._count_text(row["text"])
        self._counters.updated_versions += len(rows)
        return pa.Table.from_pylist(rows, schema=EXTRACTIONS.arrow_schema)

    # Outcomes and captures -------------------------------------------------------------

    def _article_outcomes(self, plan: RunPlan, articles: pa.Table, reason: str) -> pa.Table:
        count = articles.num_rows
        via_sitemap = self.rng.random(count) < 0.3
        sources = articles["source"].to_pylist()
        hosts = {o.name: o.host for o in self.outlets}
        return _outcomes(
            plan.run_id,
            urls=articles["url"].to_pylist(),
            sources=sources,
            kind="article",
            statuses=["extracted"] * count,
            reasons=[reason] * count,
            http_statuses=[200] * count,
            article_ids=articles["article_id"].to_pylist(),
            fetched=articles["fetched_at"],
            capture_ids=articles["capture_id"].to_pylist(),
            discovered_via=["sitemap" if s else "feed" for s in via_sitemap],
            listed_in=[
                f"https://{hosts[src]}/{'sitemap-news.xml' if s else 'rss.xml'}"
                for src, s in zip(sources, via_sitemap, strict=True)
            ],
        )

    def _unchanged_outcomes(self, plan: RunPlan, updated_urls: set[str]) -> pa.Table:
        wanted = round(self.shape.unchanged_share * self.shape.batch)
        candidates = [ref for ref in self._previous_run_refs if ref[1] not in updated_urls]
        if not candidates:
            return URL_OUTCOMES.arrow_schema.empty_table()
        picks = self.rng.choice(len(candidates), size=min(wanted, len(candidates)), replace=False)
        refs = [candidates[int(i)] for i in picks]
        urls = [u for _, u, _ in refs]
        count = len(refs)
        return _outcomes(
            plan.run_id,
            urls=urls,
            sources=[s for _, _, s in refs],
            kind="article",
            statuses=["extracted"] * count,
            reasons=["unchanged"] * count,
            http_statuses=[200] * count,
            article_ids=[a for a, _, _ in refs],
            fetched=self._fetch_times(plan, count),
            capture_ids=[_capture_id(plan.run_id, u, "article") for u in urls],
            discovered_via=["feed"] * count,
            listed_in=[None] * count,
        )

    def _failure_outcomes(self, plan: RunPlan) -> pa.Table:
        count = round(self.shape.failed_share * self.shape.batch)
        kinds = [_FAILURES[int(i)] for i in self.rng.integers(0, len(_FAILURES), count)]
        outlets = [self.outlets[int(i)] for i in self.rng.integers(0, len(self.outlets), count)]
        urls = [f"https://{o.host}/misc/{plan.index}-{i}.html" for i, o in enumerate(outlets)]
        fetched = self._fetch_times(plan, count)
        return _outcomes(
            plan.run_id,
            urls=urls,
            sources=[o.name for o in outlets],
            kind="article",
            statuses=[k[0] for k in kinds],
            reasons=[k[1] for k in kinds],
            http_statuses=[k[2] for k in kinds],
            article_ids=[None] * count,
            fetched=pa.array(
                [
                    None if k[1] == "robots_disallowed" else t
                    for k, t in zip(kinds, fetched, strict=True)
                ],
                pa.timestamp("us", tz="UTC"),
            ),
            capture_ids=[
                _capture_id(plan.run_id, u, "article") if k[2] is not None else None
                for k, u in zip(kinds, urls, strict=True)
            ],
            discovered_via=["feed"] * count,
            listed_in=[f"https://{o.host}/rss.xml" for o in outlets],
            details=[f"{k[1]} (synthetic)" for k in kinds],
        )

    def _feed_outcomes(self, plan: RunPlan) -> pa.Table:
        count = len(self.outlets)
        urls = [f"https://{o.host}/rss.xml" for o in self.outlets]
        parsed = self.rng.random(count) < 0.8
        return _outcomes(
            plan.run_id,
            urls=urls,
            sources=[o.name for o in self.outlets],
            kind="feed",
            statuses=["extracted" if p else "skipped" for p in parsed],
            reasons=["feed_parsed" if p else "not_modified" for p in parsed],
            http_statuses=[200 if p else 304 for p in parsed],
            article_ids=[None] * count,
            fetched=self._fetch_times(plan, count),
            capture_ids=[_capture_id(plan.run_id, u, "feed") for u in urls],
            discovered_via=[None] * count,
            listed_in=["config"] * count,
            item_counts=[int(n) for n in self.rng.integers(20, 400, count)],
            etags=[f'"{hashlib.sha256(u.encode()).hexdigest()[:12]}"' for u in urls],
        )

    def _source_configs(self, plan: RunPlan, table: Table) -> pa.Table:
        return pa.Table.from_pylist(
            [
                {
                    "run_id": plan.run_id,
                    "name": o.name,
                    "home_url": f"https://{o.host}/",
                    "language": "en",
                    "timezone": o.timezone,
                    "feeds": [f"https://{o.host}/rss.xml"],
                    "sitemaps": [f"https://{o.host}/sitemap-news.xml"],
                    "url_count": 0,
                }
                for o in self.outlets
            ],
            schema=table.arrow_schema,
        )

    def _fetch_times(self, plan: RunPlan, count: int) -> pa.Array:
        fetched = _us(plan.started_at) + self.rng.integers(0, 2 * _HOUR_US, count)
        return pa.array(fetched, pa.timestamp("us", tz="UTC"))

    def _write(
        self,
        plan: RunPlan,
        parts: dict[str, list[str]],
        name: str,
        articles: pa.Table,
        *,
        reason: str,
        extra_outcomes: list[pa.Table] | None = None,
    ) -> None:
        outcomes = pa.concat_tables(
            [self._article_outcomes(plan, articles, reason), *(extra_outcomes or [])]
        )
        captures = _captures(plan, outcomes, self.rng)
        writes = [(EXTRACTIONS, articles), (URL_OUTCOMES, outcomes), (CAPTURES, captures)]
        if extra_outcomes is not None and SOURCE_CONFIGS is not None:
            writes.append((SOURCE_CONFIGS, self._source_configs(plan, SOURCE_CONFIGS)))
        c = self._counters
        c.outcome_rows += outcomes.num_rows
        c.capture_rows += captures.num_rows
        start = time.perf_counter()
        for table, rows in writes:
            if rows.num_rows:
                parts.setdefault(table.name, []).append(
                    write_part(self.lake_root, table, rows, partition=plan.partition, name=name)
                )
        c.write_seconds += time.perf_counter() - start


def _concat(first: _Stories, second: _Stories) -> _Stories:
    return _Stories(
        texts=pa.concat_arrays([first.texts, second.texts]),
        titles=first.titles + second.titles,
        outlets=np.concatenate([first.outlets, second.outlets]),
        published=np.concatenate([first.published, second.published]),
        urls=first.urls + second.urls,
    )


def _outcomes(
    run_id: str,
    *,
    urls: list[str],
    sources: list[str],
    kind: str,
    statuses: list[str],
    reasons: list[str],
    http_statuses: Sequence[int | None],
    article_ids: Sequence[str | None],
    fetched: pa.Array | pa.ChunkedArray,
    capture_ids: Sequence[str | None],
    discovered_via: Sequence[str | None],
    listed_in: Sequence[str | None],
    details: list[str] | None = None,
    item_counts: list[int] | None = None,
    etags: list[str] | None = None,
) -> pa.Table:
    count = len(urls)
    nothing: list[None] = [None] * count
    return pa.table(
        {
            "run_id": [run_id] * count,
            "url": urls,
            "source": sources,
            "kind": [kind] * count,
            "status": statuses,
            "reason": reasons,
            "http_status": pa.array(http_statuses, pa.int32()),
            "final_url": [
                u if s is not None else None for u, s in zip(urls, http_statuses, strict=True)
            ],
            "redirect_chain": pa.array([[] for _ in range(count)], pa.list_(pa.string())),
            "detail": details or nothing,
            "article_id": article_ids,
            "discovered_via": discovered_via,
            "listed_in": listed_in,
            "item_count": pa.array(item_counts or nothing, pa.int32()),
            "fetched_at": fetched,
            "capture_id": capture_ids,
            "etag": etags or nothing,
            "last_modified": nothing,
            "body_sha256": [hashlib.sha256(e.encode()).hexdigest() for e in etags]
            if etags
            else nothing,
        },
        schema=URL_OUTCOMES.arrow_schema,
    )


def _captures(plan: RunPlan, outcomes: pa.Table, rng: np.random.Generator) -> pa.Table:
    kept = outcomes.filter(pc.is_valid(outcomes["capture_id"]))
    count = kept.num_rows
    lengths = rng.integers(8_000, 60_000, count)
    offsets = np.cumsum(lengths) - lengths
    sources = kept["source"].to_pylist()
    kinds = kept["kind"].to_pylist()
    return pa.table(
        {
            "capture_id": kept["capture_id"],
            "run_id": kept["run_id"],
            "source": kept["source"],
            "url": kept["url"],
            "final_url": kept["url"],
            "status": kept["http_status"],
            "content_type": [
                "application/rss+xml" if k == "feed" else "text/html; charset=utf-8" for k in kinds
            ],
            "fetched_at": kept["fetched_at"],
            "warc_file": [f"{plan.partition}/{s}/{plan.run_id}-00000.warc.gz" for s in sources],
            "record_offset": pa.array(offsets, pa.int64()),
            "record_length": pa.array(lengths, pa.int64()),
            "payload_digest": [
                "sha1:"
                + base64.b32encode(
                    hashlib.sha1(c.encode(), usedforsecurity=False).digest()
                ).decode()
                for c in kept["capture_id"].to_pylist()
            ],
        },
        schema=CAPTURES.arrow_schema,
    )


def _fingerprint(text: str) -> int | None:
    # As extraction fingerprints a text: the signed SimHash, none for an empty text.
    return to_signed(simhash(text)) if text.strip() else None


def _capture_id(run_id: str, url: str, kind: str) -> str:
    return hashlib.sha256(f"{run_id}\x1f{url}\x1f{kind}".encode()).hexdigest()[:16]


def _us(moment: datetime) -> int:
    return int(moment.timestamp()) * _US + moment.microsecond


def _hourly_offsets(
    zones: list[str], start: datetime, days: int
) -> np.ndarray[Any, np.dtype[np.int32]]:
    # Minutes east of UTC of each zone at each hour of the period (DST included).
    table = np.zeros((len(zones), days * 24), dtype=np.int32)
    for z, name in enumerate(zones):
        zone = ZoneInfo(name)
        for hour in range(days * 24):
            moment = (start + timedelta(hours=hour)).astimezone(zone)
            offset = moment.utcoffset()
            table[z, hour] = int(offset.total_seconds() // 60) if offset else 0
    return table
