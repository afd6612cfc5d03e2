"""Search in every language outlets publish in: each article found by another form of its
words, accents ignored, CJK words inside unspaced sentences, numbers and codes kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.search_support import found, load_stories, open_search_warehouse, story
from warehouse.search.analysis import SNOWBALL_STEMMERS, STEMMERS

# (slug, language, title, text, queries that must find it: another inflection, no accents)
SENTENCES = (
    (
        "en-flood",
        "en",
        "Flooding closes coastal roads",
        "Rescuers evacuated dozens of families after the river flooded the lower town.",
        ("flooded road", "evacuating families", "rescuer"),
    ),
    (
        "de-hafen",
        "de",
        "Feuerwehr räumt überflutete Straßen",
        "Die Feuerwehren pumpten die Keller am alten Hafen bis in die Nacht leer.",
        ("Straße", "strasse", "feuerwehr", "hafens", "überflutet"),
    ),
    (
        "fr-maisons",
        "fr",
        "Les pompiers évacuent les habitants",
        "Les maisons inondées du quartier de la gare restent fermées jusqu'à lundi.",
        ("maison inondée", "fermee", "habitant", "quartiers"),
    ),
    (
        "es-casas",
        "es",
        "Los bomberos evacuaron a los vecinos",
        "Las casas inundadas del barrio del puerto siguen sin electricidad.",
        ("casa inundada", "vecino", "electricidad", "bombero"),
    ),
    (
        "it-case",
        "it",
        "I vigili del fuoco evacuano gli abitanti",
        "Le case allagate vicino al porto resteranno chiuse fino a lunedì.",
        ("casa allagata", "abitante", "chiuso"),
    ),
    (
        "pt-casas",
        "pt",
        "Os bombeiros retiraram os moradores",
        "As casas alagadas perto do porto continuam sem eletricidade.",
        ("casa alagada", "morador", "bombeiro"),
    ),
    (
        "ru-doma",
        "ru",
        "Спасатели эвакуировали жителей",
        "Затопленные дома у старого порта остаются без электричества до понедельника.",
        ("затопленный дом", "житель", "спасатель", "электричество"),
    ),
    (
        "uk-budynky",
        "uk",
        "Рятувальники евакуювали мешканців",
        "Затоплені будинки біля старого порту залишаються без світла до понеділка.",
        ("будинками", "світлом", "мешканці", "рятувальників"),
    ),
    (
        "pl-domy",
        "pl",
        "Strażacy ewakuowali mieszkańców",
        "Zalane domy przy starym porcie pozostaną bez prądu do poniedziałku.",
        ("domami", "zalanych", "mieszkańcy", "pradu"),
    ),
    (
        "ja-jishin",
        "ja",
        "東京で地震が発生した",
        "気象庁によると、大阪でも強い揺れを観測した。津波の心配はない。",
        ("東京", "発生", "大阪", "津波", "揺れ"),
    ),
    (
        "zh-dizhen",
        "zh",
        "北京发生了强烈地震",
        "政府表示，目前没有人员伤亡的报告。",
        ("北京", "政府", "伤亡"),
    ),
    (
        "ko-jijin",
        "ko",
        "서울에서 지진이 발생했다",
        "기상청은 피해 신고가 없다고 밝혔다.",
        ("지진", "서울", "기상청"),
    ),
    (
        "en-codes",
        "en",
        "Flight W123 diverted in 2024",
        "The A320 landed at gate B7 after 45 minutes; 1,200 passengers were delayed.",
        ("w123", "2024", "a320", "b7", "45"),
    ),
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """Return a warehouse holding one article per sentence above, indexed."""
    folder = tmp_path_factory.mktemp("languages")
    connection = open_search_warehouse(folder / "warehouse.duckdb")
    stories = [
        story(slug, title, text, language=language) for slug, language, title, text, _ in SENTENCES
    ]
    load_stories(connection, folder / "lake", "20250304T060000Z-aaaaaa", stories)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("slug", "query"),
    [(slug, query) for slug, _, _, _, queries in SENTENCES for query in queries],
)
def test_each_language_finds_its_article_by_another_form(
    warehouse: duckdb.DuckDBPyConnection, slug: str, query: str
) -> None:
    assert found(warehouse, query) == [slug]


@pytest.mark.parametrize(
    "query",
    [
        "地震発生",  # both words are in the title, but not next to each other
        "京地",  # a pair that spans two words of different sentences: never indexed
        "w12",  # a prefix of a code is not the code
        "1200",  # '1,200' is two numbers, 1 and 200
        "flooding rescuers Feuerwehr",  # words of two articles: none has them all
    ],
)
def test_near_misses_find_nothing(warehouse: duckdb.DuckDBPyConnection, query: str) -> None:
    assert found(warehouse, query) == []


def test_a_two_character_word_is_found_in_japanese_and_chinese(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    assert sorted(found(warehouse, "地震")) == ["ja-jishin", "zh-dizhen"]


def test_a_cjk_word_inside_an_unspaced_sentence_is_a_phrase_of_pairs(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    tokens = warehouse.execute("SELECT search_tokens('東京で地震が発生した')").fetchone()

    assert tokens == (["東京", "京で", "で地", "地震", "震が", "が発", "発生", "生し", "した"],)
    # A longer CJK query is matched as consecutive pairs: 'で地震' = で地 + 地震.
    assert found(warehouse, "で地震") == ["ja-jishin"]


def test_voicing_marks_are_kept_in_japanese(warehouse: duckdb.DuckDBPyConnection) -> None:
    # Stripping marks as accents would turn が into か and merge different words.
    terms = warehouse.execute("SELECT search_term('が発', 'none'), search_term('か発', 'none')")
    assert terms.fetchone() == ("が発", "か発")


def test_words_and_numbers_are_tokens(warehouse: duckdb.DuckDBPyConnection) -> None:
    tokens = warehouse.execute(
        "SELECT search_tokens('Flight W123, in 2024 (3.5%) — l''économie: covid-19!')"
    ).fetchone()

    assert tokens == (["flight", "w123", "in", "2024", "3", "5", "l", "économie", "covid", "19"],)


def test_stemmers_per_language(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.execute(
        "SELECT language, search_stemmer(language) FROM (VALUES ('en'), ('DE'), ('pl'), "
        "('uk'), ('ja'), ('zh'), (NULL)) AS t(language)"
    ).fetchall()

    assert rows == [
        ("en", "english"),
        ("DE", "german"),
        ("pl", "polish"),
        ("uk", "ukrainian"),
        ("ja", "none"),
        ("zh", "none"),
        (None, "none"),
    ]
    assert set(SNOWBALL_STEMMERS.values()) | {"polish", "ukrainian", "none"} == set(STEMMERS)


@pytest.mark.parametrize(
    ("stemmer", "forms"),
    [
        ("ukrainian", ("місто", "міста", "містом", "містами", "місті")),
        ("ukrainian", ("будинки", "будинків", "будинками", "будинках")),
        ("polish", ("miasto", "miasta", "miastem", "miastami", "miastach")),
        ("polish", ("dom", "domy", "domów", "domami", "domach")),
        ("russian", ("город", "города", "городом", "городами")),
        ("german", ("hafen", "häfen", "Hafens")),
    ],
)
def test_inflected_forms_share_a_term(
    warehouse: duckdb.DuckDBPyConnection, stemmer: str, forms: tuple[str, ...]
) -> None:
    terms = {
        warehouse.execute("SELECT search_term(lower($w), $s)", {"w": w, "s": stemmer}).fetchone()
        for w in forms
    }

    assert len(terms) == 1, terms


def test_a_query_word_matches_an_article_only_under_its_own_languages_stemmer(
    tmp_path: Path,
) -> None:
    # German stemming makes 'news' 'new': an English article saying 'new' must not
    # answer a search for 'news', while a German one saying 'News' does.
    connection = open_search_warehouse(tmp_path / "warehouse.duckdb")
    english = story("english", "A new bridge", "The new bridge opens today.")
    german = story("german", "Die News", "Die News des Tages.", language="de")
    load_stories(connection, tmp_path / "lake", "20250304T060000Z-aaaaaa", [english, german])

    assert found(connection, "news") == ["german"]
    assert found(connection, "new") == ["english"]
