"""Synthetic multilingual articles for the search benchmark, made in vectorised chunks.

Each language has a vocabulary: its common words (written out below), then made-up stems in
that language's letters, each with the language's inflectional endings, so a stemmer has
real work. Word ids follow a Zipf-Mandelbrot law; numbers (years, amounts) and codes such
as ``w123`` are mixed in. Chinese and Japanese texts are runs of characters without spaces.
Texts are joined by Arrow's string kernels, so a million articles of 3-5 KB are made in
minutes, not hours.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ZIPF_SHIFT = 2.7
SENTENCE_WORDS = 16
PARAGRAPH_SENTENCES = 5
STEMS_PER_LANGUAGE = 12_000
NUMBER_FORMS = 3_000


@dataclass(frozen=True, kw_only=True)
class Language:
    """How a language's synthetic words are made, and how often its articles come."""

    code: str
    share: float
    common: str
    """Its commonest words, most frequent first (space separated)."""
    onsets: str
    vowels: str
    endings: str
    """Inflectional endings added to made-up stems ('-' for none)."""
    spaced: bool = True
    """False for scripts written without spaces between words (Chinese, Japanese)."""


LANGUAGES = (
    Language(
        code="en",
        share=0.34,
        common="the of and to a in that is was for on it with as he said his at by be from "
        "have has are an they not this were who had but their been will which would its "
        "more after year new also about people government police city minister week "
        "council harbour wall storm flood election market school water health court",
        onsets="b c d f g h k l m n p r s t v w br cr dr fl gr pl pr sh st th tr",
        vowels="a e i o u ea ee oa ou",
        endings="- - - s s ed ing er ers ly ation ations",
    ),
    Language(
        code="de",
        share=0.12,
        common="der die und in den von zu das mit sich des auf für ist im dem nicht ein eine "
        "als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie "
        "stadt regierung polizei hafen mauer sturm hochwasser wahl markt schule wasser",
        onsets="b d f g h k l m n p r s t w z br dr fr gr kl pf sch st tr",
        vowels="a e i o u ä ö ü au ei ie",
        endings="- - - e en er es ung ungen lich ern",
    ),
    Language(
        code="fr",
        share=0.1,
        common="de la le et les des en un du une que est pour qui dans par plus pas au sur "
        "ne se ce il sont avec son elle ont mais comme été ville gouvernement police port "
        "mur tempête inondation élection marché école eau santé tribunal",
        onsets="b c d f g j l m n p r s t v br cr dr fr gr pl pr tr ch",
        vowels="a e i o u é è ai au ou eu",
        endings="- - - e es s er é ée ées ement ements ait",
    ),
    Language(
        code="es",
        share=0.1,
        common="de la que el en y a los se del las un por con no una su para es al lo como "
        "más pero sus le ya o fue este ha ciudad gobierno policía puerto muro tormenta "
        "inundación elecciones mercado escuela agua salud tribunal",
        onsets="b c d f g j l m n p r s t v br cr dr fr gr pl pr tr ch ll",
        vowels="a e i o u ia ie ue",
        endings="- - - a o as os es ción ciones ado ada ando",
    ),
    Language(
        code="it",
        share=0.06,
        common="di e il la che in a per un del non è una con le si da dei al sono gli alla "
        "più anche come ma nel città governo polizia porto muro tempesta alluvione "
        "elezioni mercato scuola acqua salute tribunale",
        onsets="b c d f g l m n p r s t v br cr gr pr tr sc ch gh",
        vowels="a e i o u ia io",
        endings="- - - a e i o zione zioni ato ata ando",
    ),
    Language(
        code="pt",
        share=0.06,
        common="de a o que e do da em um para é com não uma os no se na por mais as dos "
        "como mas foi ao ele das cidade governo polícia porto muro tempestade inundação "
        "eleição mercado escola água saúde tribunal",
        onsets="b c d f g j l m n p r s t v br cr dr fr gr pr tr ch lh nh",
        vowels="a e i o u ã õ ei ou",
        endings="- - - a o as os ção ções ado ada mente",
    ),
    Language(
        code="ru",
        share=0.07,
        common="и в не на я быть он с что а по это она этот к но они мы как из у который "
        "то за свой город правительство полиция порт стена шторм наводнение выборы рынок "
        "школа вода здоровье суд",
        onsets="б в г д ж з к л м н п р с т ф х ч ш бр вр гр др кр пр ст тр",
        vowels="а е и о у ы я ю",
        endings="- - - а ы у ом ой ами ах ов ия ии ией",
    ),
    Language(
        code="uk",
        share=0.04,
        common="і в не на що з я він це та до як але ми вони за по у який від свій місто "
        "уряд поліція порт стіна шторм повінь вибори ринок школа вода здоров'я суд",
        onsets="б в г ґ д ж з к л м н п р с т ф х ч ш бр гр др кр пр ст тр",
        vowels="а е и і о у є ї я ю",
        endings="- - - а и у ом ою ами ах ів ія ії",
    ),
    Language(
        code="pl",
        share=0.04,
        common="w i na z do się nie że to jest o jak ale po co od za przez dla tak jego "
        "miasto rząd policja port mur burza powódź wybory rynek szkoła woda zdrowie sąd",
        onsets="b c d f g k l m n p r s t w z br dr gr kr pr st tr sz cz rz",
        vowels="a e i o u y ą ę ó ie",
        endings="- - - a y u em ami ach ów ie owie ości",
    ),
    Language(
        code="ja",
        share=0.04,
        common="の に は を た が で て と し れ さ ある いる 東京 地震 政府 警察 市 港 選挙 "
        "市場 学校 水 健康 裁判所 発生 報告 大阪 経済",
        onsets="日 本 人 大 年 中 出 生 国 会 事 自 社 者 地 業 方 新 場 員 立 開 手 力 問 "
        "代 明 動 京 目 通 言 理 体 田 主 題 意 不 作 用 度 強 公 持 野 以 思 家 世 多",
        vowels="の に は を が で と も か な た し て",
        endings="-",
        spaced=False,
    ),
    Language(
        code="zh",
        share=0.03,
        common="的 是 在 不 了 有 和 人 这 中 大 为 上 个 国 我 以 要 他 时 来 用 们 北京 "
        "地震 政府 警察 城市 港口 选举 市场 学校 经济",
        onsets="一 是 不 了 人 我 在 有 他 这 中 大 来 上 国 个 到 说 们 为 子 和 你 地 出 "
        "道 也 时 年 得 就 那 要 下 以 生 会 自 着 去 之 过 家 学 对 可 里 后 小 么",
        vowels="的 了 和 是 在",
        endings="-",
        spaced=False,
    ),
)


@dataclass(frozen=True, kw_only=True)
class Vocabulary:
    """One language's written forms and the frequencies its words are drawn with."""

    language: Language
    words: tuple[str, ...]
    cumulative: np.ndarray[Any, np.dtype[np.float64]]
    forms: pa.Array
    """Form k of word i at k * size + i: k = 0 plain, 1 ending a sentence."""

    @property
    def size(self) -> int:
        """Return the number of distinct words."""
        return len(self.words)

    def sample(self, rng: np.random.Generator, count: int) -> np.ndarray[Any, Any]:
        """Return ``count`` word ids drawn by frequency."""
        ids = np.searchsorted(self.cumulative, rng.random(count), side="right")
        return np.minimum(ids, self.size - 1).astype(np.int64)


def _made_up_words(rng: np.random.Generator, language: Language, count: int) -> list[str]:
    onsets, vowels = language.onsets.split(), language.vowels.split()
    endings = [e.replace("-", "") for e in language.endings.split()]
    # Syllables (onset + vowel) in spaced scripts; one to three characters, as most
    # Chinese and Japanese words have, in the others. Drawn in bulk: a draw per letter
    # made a vocabulary take seconds.
    lengths = (1, 2, 2, 3, 3, 4) if language.spaced else (1, 2, 2, 2, 3)
    stems: dict[str, None] = {}
    while len(stems) < count:
        batch = 2 * count
        sizes = rng.choice(lengths, batch)
        onset_ids = rng.integers(len(onsets), size=(batch, max(lengths)))
        vowel_ids = rng.integers(len(vowels), size=(batch, max(lengths)))
        for size, onset_row, vowel_row in zip(
            sizes.tolist(), onset_ids.tolist(), vowel_ids.tolist(), strict=True
        ):
            if language.spaced:
                stem = "".join(
                    onsets[o] + vowels[v]
                    for o, v in zip(onset_row[:size], vowel_row[:size], strict=True)
                )
            else:
                stem = "".join(onsets[o] for o in onset_row[:size])
            stems.setdefault(stem)
            if len(stems) == count:
                break
    ordered = sorted(stems, key=lambda w: (len(w), hashlib.blake2b(w.encode()).digest()))
    # Each stem comes in two inflected forms, so the stemmer has forms to conflate.
    ending_ids = rng.integers(len(endings), size=2 * len(ordered)).tolist()
    return [
        stem + endings[ending_ids[2 * number + form]]
        for number, stem in enumerate(ordered)
        for form in (0, 1)
    ]


def _numbers(rng: np.random.Generator) -> list[str]:
    years = [str(y) for y in range(1950, 2031)]
    amounts = [str(int(n)) for n in rng.integers(2, 100_000, NUMBER_FORMS // 2)]
    codes = [
        f"{chr(97 + int(rng.integers(26)))}{int(rng.integers(1, 1000))}"
        for _ in range(NUMBER_FORMS // 2)
    ]
    return years + amounts + codes


def build_vocabulary(rng: np.random.Generator, language: Language) -> Vocabulary:
    """Return a language's vocabulary: its common words, numbers and made-up words."""
    common = language.common.split()
    made_up = _made_up_words(rng, language, STEMS_PER_LANGUAGE)
    numbers = _numbers(rng)
    seen: set[str] = set()
    words: list[str] = []
    # Numbers and codes ranked among the made-up words, not ahead of them.
    interleaved = made_up[:8000] + numbers + made_up[8000:]
    for word in [*common, *interleaved]:
        if word not in seen:
            seen.add(word)
            words.append(word)
    weights = 1.0 / (np.arange(1, len(words) + 1) + ZIPF_SHIFT)
    weights /= weights.sum()
    stop = "." if language.spaced else "。"
    forms = [w for w in words] + [w + stop for w in words]
    return Vocabulary(
        language=language,
        words=tuple(words),
        cumulative=np.cumsum(weights),
        forms=pa.array(forms, pa.string()),
    )


def make_texts(
    rng: np.random.Generator, vocabulary: Vocabulary, words_per_text: np.ndarray[Any, Any]
) -> pa.Array:
    """Return one text per entry of ``words_per_text``: sentences, one paragraph a line."""
    counts = np.maximum(np.asarray(words_per_text, dtype=np.int64), 1)
    ends = np.cumsum(counts)
    starts = ends - counts
    total = int(ends[-1])
    ids = vocabulary.sample(rng, total)
    sentence_end = rng.random(total) < 1 / SENTENCE_WORDS
    sentence_end[ends - 1] = True
    paragraph_end = sentence_end & (rng.random(total) < 1 / PARAGRAPH_SENTENCES)
    paragraph_end[ends - 1] = True
    tokens = vocabulary.forms.take(pa.array(ids + vocabulary.size * sentence_end))
    separator = " " if vocabulary.language.spaced else ""
    bounds = np.concatenate([[0], np.flatnonzero(paragraph_end) + 1])
    paragraphs = pc.binary_join(
        pa.ListArray.from_arrays(pa.array(bounds, pa.int32()), tokens), separator
    )
    per_text = np.add.reduceat(paragraph_end.astype(np.int64), starts)
    text_bounds = np.concatenate([[0], np.cumsum(per_text)])
    return pc.binary_join(
        pa.ListArray.from_arrays(pa.array(text_bounds, pa.int32()), paragraphs), "\n"
    )


def make_titles(rng: np.random.Generator, vocabulary: Vocabulary, count: int) -> pa.Array:
    """Return ``count`` headlines of 5-12 words."""
    lengths = rng.integers(5, 13, count)
    ends = np.cumsum(lengths)
    tokens = vocabulary.forms.take(pa.array(vocabulary.sample(rng, int(ends[-1]))))
    bounds = np.concatenate([[0], ends])
    separator = " " if vocabulary.language.spaced else ""
    return pc.binary_join(pa.ListArray.from_arrays(pa.array(bounds, pa.int32()), tokens), separator)


@dataclass(frozen=True, kw_only=True)
class CorpusShape:
    """How many articles, over how many sources and days, of what length."""

    sources: int = 200
    days: int = 730
    end: datetime = datetime(2026, 11, 24, tzinfo=UTC)
    mean_words: int = 620
    """Mean words a text (log-normal): ~4 KB of Latin script."""
    seed: int = 20261126


class SyntheticCorpus:
    """Makes chunks of articles (Arrow tables with the columns search indexes)."""

    def __init__(self, shape: CorpusShape) -> None:
        self.shape = shape
        rng = np.random.default_rng(shape.seed)
        self.vocabularies = [build_vocabulary(rng, language) for language in LANGUAGES]
        shares = np.array([language.share for language in LANGUAGES])
        self.shares = shares / shares.sum()
        self.sources = [f"outlet-{number:03d}" for number in range(shape.sources)]

    def chunk(self, first: int, count: int) -> pa.Table:
        """Return articles ``first`` to ``first + count - 1``, the same on every call."""
        rng = np.random.default_rng([self.shape.seed, first])
        which = rng.choice(len(LANGUAGES), size=count, p=self.shares)
        words = np.maximum(
            rng.lognormal(np.log(self.shape.mean_words) - 0.08, 0.4, count).astype(np.int64), 30
        )
        seconds = rng.integers(0, self.shape.days * 86_400, count)
        start = self.shape.end - timedelta(days=self.shape.days)
        published = pa.array(
            [start + timedelta(seconds=int(s)) for s in seconds], pa.timestamp("us", tz="UTC")
        )
        titles: list[pa.Array] = []
        texts: list[pa.Array] = []
        order: list[np.ndarray[Any, Any]] = []
        for index, vocabulary in enumerate(self.vocabularies):
            rows = np.flatnonzero(which == index)
            if len(rows) == 0:
                continue
            order.append(rows)
            titles.append(make_titles(rng, vocabulary, len(rows)))
            texts.append(make_texts(rng, vocabulary, words[rows]))
        rows = np.concatenate(order)
        back = np.argsort(rows)
        numbers = np.arange(first, first + count)
        return pa.table(
            {
                "article_id": pa.array([f"{n:016x}" for n in numbers]),
                "url": pa.array([f"https://news.example/{n}" for n in numbers]),
                "source": pa.array([self.sources[n % len(self.sources)] for n in numbers]),
                "language": pa.array([LANGUAGES[i].code for i in which]),
                "published_at": published,
                "title": pa.concat_arrays(titles).take(pa.array(back)),
                "text": pa.concat_arrays(texts).take(pa.array(back)),
            }
        )

    def revised(self, originals: pa.Table, seed: int) -> pa.Table:
        """Return new versions of articles (article_id, language, title, text): a new
        headline in each one's language, and a paragraph added to its text."""
        rng = np.random.default_rng(seed)
        languages = [str(code) for code in originals.column("language").to_pylist()]
        titles = [""] * originals.num_rows
        added = [""] * originals.num_rows
        for vocabulary in self.vocabularies:
            rows = [i for i, code in enumerate(languages) if code == vocabulary.language.code]
            if not rows:
                continue
            new_titles = make_titles(rng, vocabulary, len(rows)).to_pylist()
            paragraphs = make_texts(rng, vocabulary, np.full(len(rows), 60)).to_pylist()
            for row, title, paragraph in zip(rows, new_titles, paragraphs, strict=True):
                titles[row], added[row] = str(title), str(paragraph)
        texts = [
            f"{text}\n{paragraph}"
            for text, paragraph in zip(originals.column("text").to_pylist(), added, strict=True)
        ]
        return pa.table(
            {
                "article_id": originals.column("article_id"),
                "title": pa.array(titles, pa.string()),
                "text": pa.array(texts, pa.string()),
            }
        )
