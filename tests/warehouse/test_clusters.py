"""Near-duplicate clusters in a real DuckDB file: joining, merging, splitting, in any order.

The table here has only the columns `assign_clusters` needs; the warehouse's `articles`
table carries them beside its others.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
import pytest

from transforms.near_duplicates import hamming, simhash, to_signed
from warehouse.clusters import MAX_DISTANCE, assign_clusters, cluster_ids

ARTICLES_DDL = """
CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    text VARCHAR,
    simhash BIGINT,
    cluster_id VARCHAR
)
"""
FERRY = (
    "The ferry company will add a second evening crossing to the islands from April, after a "
    "winter in which commuters were stranded on the quay three times. The company said the "
    "extra crossing would run every weekday and would be paid for by the county for the "
    "first two years. Fares will not change, and season tickets bought before April remain "
    "valid on every crossing. Islanders had collected more than two thousand signatures for "
    "the change. Their spokeswoman said the decision showed that a small community could "
    "still be heard, and that the new timetable would let pupils stay for evening classes on "
    "the mainland. The county will review the service after its first year and publish the "
    "passenger numbers, the cost per crossing and the complaints it received."
)
FERRY_SYNDICATED = FERRY.replace("three times", "four times") + (
    " Republished with permission of the Island Courier."
)
# 6 bits from FERRY, but spread over all four bands: banding never compares the two.
FERRY_UNBANDED = FERRY.replace("three times", "four times") + (
    " This story first appeared in the Island Courier."
)
LIBRARY = (
    "The town library will open on Sundays from next month, the council said on Monday, "
    "after volunteers offered to staff the reading room. The children's corner gets new "
    "shelves and a storytelling hour at eleven, and the archive of the old newspaper will be "
    "digitised over the summer by students from the technical college. Visitors asked for "
    "longer hours in a survey last autumn; most wanted the building open in the evenings, "
    "which the library cannot afford yet. The mayor thanked the volunteers and promised a "
    "decision on evening hours before the next budget is set."
)


@pytest.fixture
def connection(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """Return a DuckDB file with an empty articles table."""
    database = duckdb.connect(str(tmp_path / "clusters.duckdb"))
    database.execute(ARTICLES_DDL)
    return database


def _add(connection: duckdb.DuckDBPyConnection, **texts: str) -> list[str]:
    for article_id, text in texts.items():
        connection.execute(
            "INSERT INTO articles (article_id, text) VALUES ($id, $text)",
            {"id": article_id, "text": text},
        )
    return list(texts)


def _clusters(connection: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    rows = connection.execute("SELECT article_id, cluster_id FROM articles").fetchall()
    return dict(rows)


def test_a_syndicated_copy_shares_the_cluster_of_its_original(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    ids = _add(connection, b_copy=FERRY_SYNDICATED, a_ferry=FERRY, c_library=LIBRARY)

    changes = assign_clusters(connection, ids)

    assert _clusters(connection) == {
        "a_ferry": "a_ferry",
        "b_copy": "a_ferry",
        "c_library": "c_library",
    }
    assert (changes.fingerprinted, changes.reassigned) == (3, 3)
    stored = dict(connection.execute("SELECT article_id, simhash FROM articles").fetchall())
    assert stored["a_ferry"] == to_signed(simhash(FERRY))


def test_a_copy_loaded_later_joins_the_existing_cluster(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    assign_clusters(connection, _add(connection, b_ferry=FERRY, c_library=LIBRARY))

    changes = assign_clusters(connection, _add(connection, a_copy=FERRY_SYNDICATED))

    # The cluster is named after its smallest id, whichever came first.
    assert _clusters(connection) == {
        "a_copy": "a_copy",
        "b_ferry": "a_copy",
        "c_library": "c_library",
    }
    assert changes.reassigned == 2


def test_a_near_copy_that_shares_no_band_is_not_found(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    # The price of banding: only copies within 3 bits are certain to share a band.
    assert hamming(simhash(FERRY), simhash(FERRY_UNBANDED)) <= MAX_DISTANCE

    assign_clusters(connection, _add(connection, a=FERRY, b=FERRY_UNBANDED))

    assert _clusters(connection) == {"a": "a", "b": "b"}


def test_exact_copies_share_a_cluster(connection: duckdb.DuckDBPyConnection) -> None:
    assign_clusters(connection, _add(connection, x1=LIBRARY, x2=LIBRARY, x3=LIBRARY))

    assert set(_clusters(connection).values()) == {"x1"}


def _place_near(connection: duckdb.DuckDBPyConnection, article_id: str, fingerprint: int) -> None:
    # An article loaded earlier, with a fingerprint chosen to lie a known distance away.
    connection.execute(
        "INSERT INTO articles VALUES ($id, 'stored earlier', $simhash, $id)",
        {"id": article_id, "simhash": to_signed(fingerprint)},
    )


def test_an_article_near_two_clusters_merges_them(connection: duckdb.DuckDBPyConnection) -> None:
    middle = simhash(FERRY)
    # 6 bits either side of the new article, 12 bits from each other: two clusters so far.
    _place_near(connection, "c_left", middle ^ 0b111111)
    _place_near(connection, "a_right", middle ^ (0b111111 << 6))
    assert hamming(middle ^ 0b111111, middle ^ (0b111111 << 6)) > MAX_DISTANCE

    changes = assign_clusters(connection, _add(connection, b_middle=FERRY))

    assert _clusters(connection) == {
        "a_right": "a_right",
        "b_middle": "a_right",
        "c_left": "a_right",
    }
    assert changes.reassigned == 2


def test_an_updated_text_leaves_its_cluster_which_splits(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    middle = simhash(FERRY)
    _place_near(connection, "c_left", middle ^ 0b111111)
    _place_near(connection, "a_right", middle ^ (0b111111 << 6))
    assign_clusters(connection, _add(connection, b_middle=FERRY))

    # As a load stores a changed text: with the new text's fingerprint, or none to compute.
    connection.execute(
        "UPDATE articles SET text = $text, simhash = NULL WHERE article_id = 'b_middle'",
        {"text": LIBRARY},
    )
    assign_clusters(connection, ["b_middle"])

    assert _clusters(connection) == {
        "a_right": "a_right",
        "b_middle": "b_middle",
        "c_left": "c_left",
    }


@pytest.mark.parametrize("order", list(itertools.permutations(["a", "b", "c", "d"])))
def test_clusters_do_not_depend_on_load_order(
    connection: duckdb.DuckDBPyConnection, order: tuple[str, ...]
) -> None:
    texts = {"a": LIBRARY, "b": FERRY_SYNDICATED, "c": FERRY, "d": LIBRARY + " Opening hours"}
    for article_id in order:
        assign_clusters(connection, _add(connection, **{article_id: texts[article_id]}))

    assert _clusters(connection) == {"a": "a", "b": "b", "c": "b", "d": "a"}


def test_it_runs_inside_the_callers_transaction(connection: duckdb.DuckDBPyConnection) -> None:
    ids = _add(connection, a=FERRY, b=FERRY_SYNDICATED)
    connection.execute("BEGIN TRANSACTION")
    assign_clusters(connection, ids)
    connection.execute("ROLLBACK")

    assert _clusters(connection) == {"a": None, "b": None}


def test_rows_inserted_in_the_same_transaction_are_clustered(
    connection: duckdb.DuckDBPyConnection,
) -> None:
    # As the loader does: merge the run's articles, then cluster them, then commit.
    assign_clusters(connection, _add(connection, b=FERRY))
    connection.execute("BEGIN TRANSACTION")
    connection.execute(
        "INSERT INTO articles (article_id, text) VALUES ('a', $text) "
        "ON CONFLICT (article_id) DO UPDATE SET text = excluded.text",
        {"text": FERRY_SYNDICATED},
    )
    assign_clusters(connection, ["a"])
    connection.execute("COMMIT")

    assert _clusters(connection) == {"a": "a", "b": "a"}


def test_an_article_without_text_is_its_own_cluster(connection: duckdb.DuckDBPyConnection) -> None:
    assign_clusters(connection, _add(connection, a="", b="", c=FERRY))

    assert _clusters(connection) == {"a": "a", "b": "b", "c": "c"}
    assert connection.execute("SELECT count(simhash) FROM articles").fetchone() == (1,)


def test_nothing_to_assign_changes_nothing(connection: duckdb.DuckDBPyConnection) -> None:
    changes = assign_clusters(connection, [])

    assert (changes.fingerprinted, changes.reassigned) == (0, 0)


def test_cluster_ids_join_through_chains_and_name_them_by_the_smallest_id() -> None:
    fingerprints: dict[str, int | None] = {
        "d": 0,
        "c": 0b111111,  # 6 bits from d
        "e": 0b111111_111111,  # 6 bits from c, 12 from d: joined through c
        "b": 0b111111 << 40,  # 6 bits from d, in another band
        "a": (1 << 63) | 0xFFFF_0000_0000,  # far from all
        "f": None,
    }

    assert cluster_ids(fingerprints) == {"a": "a", "b": "b", "c": "b", "d": "b", "e": "b", "f": "f"}
