"""Near-duplicate clusters across the warehouse: syndicated and lightly edited copies of a
story share a ``cluster_id``.

Two articles are near-duplicates when their SimHashes (``transforms.near_duplicates``)
agree on one of four 16-bit bands and differ in at most `MAX_DISTANCE` bits. A cluster is
a connected group of near-duplicates, so a new article that is near two clusters merges
them; its id is the smallest ``article_id`` in it, which does not depend on load order.

`assign_clusters` runs inside the loader's transaction and needs these columns of
``articles``: ``article_id VARCHAR`` (unique), ``text VARCHAR``, ``simhash BIGINT`` and
``cluster_id VARCHAR``. It takes the fingerprints the given articles carry (extraction
computes them) and computes the missing ones from the text, finds their candidates
in the whole table by band equality in SQL, then re-derives the clusters of everything
they touch in Python: the given articles, their near-duplicates and every member of the
clusters those belonged to. Clusters are closed under the near-duplicate relation, so
that is exact, also when an updated text leaves its old cluster (which may then split).

Choice of `MAX_DISTANCE` (``python -m bench.near_duplicate_threshold``, on the pipeline's
texts of 1,086 corpus articles): no two unrelated stories lie within 12 bits (of 589,155
pairs; the closest are 13 and 14 apart, besides the corpus's two pages stored twice),
while at 8 bits banding finds 90 % of copies with 1 % of their words edited, 80 % of
copies with a new headline and a credit line, 61 % with 3 % edited and 59 % of copies cut
to 90 %. Beyond 8 banding finds a point or two more, since it only guarantees pairs
within 3 bits; the margin to unrelated stories shrinks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from transforms.near_duplicates import hamming, simhash, to_signed
from warehouse.keyed import execute_by_keys, update_from

MAX_DISTANCE = 8
"""Most bits two SimHashes may differ in for their articles to be near-duplicates."""
BANDS = 4
BAND_BITS = 16
_BAND_MASK = (1 << BAND_BITS) - 1

# Reads and writes by article_id go through the primary key (see warehouse.keyed); the
# candidate search below reads every fingerprint: finding near-duplicates by band needs
# an index on the bands, which the warehouse does not keep.
_READ_TEXTS = """
INSERT INTO cluster_texts SELECT article_id, text, cluster_id, simhash FROM articles
WHERE article_id IN ({keys})
"""
_FINGERPRINTS = """
CREATE TEMP TABLE cluster_fingerprints AS
SELECT unnest($ids::VARCHAR[]) AS article_id, unnest($hashes::BIGINT[]) AS simhash
"""
# Bands by arithmetic shift of the signed column, masked: the same 16 bits Python reads from
# the unsigned value.
_CANDIDATES = """
WITH bands AS (
    SELECT article_id, simhash, cluster_id, band_index,
           (simhash >> (16 * band_index)) & 65535 AS band
    FROM articles CROSS JOIN range(4) AS band_indexes(band_index)
    WHERE simhash IS NOT NULL
),
incoming AS (
    SELECT * FROM bands WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))
)
SELECT DISTINCT other.article_id, other.cluster_id
FROM incoming JOIN bands AS other
  ON other.band_index = incoming.band_index AND other.band = incoming.band
 AND other.article_id <> incoming.article_id
WHERE bit_count(xor(incoming.simhash, other.simhash)) <= $max_distance
"""
_READ_MEMBERS = """
SELECT article_id, simhash, cluster_id FROM articles
WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))
   OR cluster_id IN (SELECT unnest($clusters::VARCHAR[]))
"""
_ASSIGNED = """
CREATE TEMP TABLE cluster_assignments AS
SELECT unnest($ids::VARCHAR[]) AS article_id, unnest($clusters::VARCHAR[]) AS cluster_id
"""
_STAGED = ("cluster_texts", "cluster_fingerprints", "cluster_assignments")
WHOLE_TABLE_READS = (_CANDIDATES, _READ_MEMBERS)
"""The statements that read a column of every article: the candidates' bands and the
members of the clusters they touch (no index serves either)."""


@dataclass(frozen=True, kw_only=True)
class ClusterChanges:
    """What `assign_clusters` changed."""

    fingerprinted: int
    """Articles whose simhash the loader computed from their text (extraction gave none)."""
    reassigned: int
    """Articles whose cluster_id changed: the new ones, and members of merged or split
    clusters."""


def assign_clusters(
    connection: duckdb.DuckDBPyConnection, article_ids: Iterable[str]
) -> ClusterChanges:
    """Fingerprint the given articles that carry no simhash and update the clusters they
    join, merge or leave; return how many articles were fingerprinted and reassigned.

    Runs in the caller's transaction. Passing every article_id backfills a warehouse.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return ClusterChanges(fingerprinted=0, reassigned=0)
    try:
        return _assign(connection, ids)
    finally:
        for name in _STAGED:
            connection.execute(f'DROP TABLE IF EXISTS "{name}"')


def _assign(connection: duckdb.DuckDBPyConnection, ids: list[str]) -> ClusterChanges:
    connection.execute(
        "CREATE TEMP TABLE cluster_texts AS "
        "SELECT article_id, text, cluster_id, simhash FROM articles LIMIT 0"
    )
    execute_by_keys(connection, _READ_TEXTS, ids)
    rows = connection.execute(
        "SELECT article_id, cluster_id, simhash FROM cluster_texts"
    ).fetchall()
    # Extraction fingerprints each text (the lake carries it); texts from older parts are
    # fingerprinted here.
    missing = [article_id for article_id, _, stored in rows if stored is None]
    computed = _fingerprint(connection, missing)
    fingerprints = {
        article_id: stored if stored is not None else computed.get(article_id)
        for article_id, _, stored in rows
    }
    connection.execute(_FINGERPRINTS, {"ids": list(computed), "hashes": list(computed.values())})
    update_from(
        connection,
        table="articles",
        key="article_id",
        staged="cluster_fingerprints",
        columns=["simhash"],
    )
    touched_ids = set(fingerprints)
    touched_clusters = {cluster for _, cluster, _ in rows if cluster is not None}
    for article_id, cluster in connection.execute(
        _CANDIDATES, {"ids": list(fingerprints), "max_distance": MAX_DISTANCE}
    ).fetchall():
        touched_ids.add(article_id)
        if cluster is not None:
            touched_clusters.add(cluster)
    members = connection.execute(
        _READ_MEMBERS, {"ids": sorted(touched_ids), "clusters": sorted(touched_clusters)}
    ).fetchall()
    current = {article_id: cluster for article_id, _, cluster in members}
    assigned = cluster_ids({article_id: fingerprint for article_id, fingerprint, _ in members})
    changed = {a: cluster for a, cluster in assigned.items() if current[a] != cluster}
    connection.execute(_ASSIGNED, {"ids": list(changed), "clusters": list(changed.values())})
    update_from(
        connection,
        table="articles",
        key="article_id",
        staged="cluster_assignments",
        columns=["cluster_id"],
    )
    return ClusterChanges(fingerprinted=len(computed), reassigned=len(changed))


def _fingerprint(
    connection: duckdb.DuckDBPyConnection, article_ids: list[str]
) -> dict[str, int | None]:
    if not article_ids:
        return {}
    texts = connection.execute(
        "SELECT article_id, text FROM cluster_texts WHERE article_id IN "
        "(SELECT unnest($ids::VARCHAR[]))",
        {"ids": article_ids},
    ).fetchall()
    return {
        article_id: to_signed(simhash(text)) if text and text.strip() else None
        for article_id, text in texts
    }


def cluster_ids(fingerprints: dict[str, int | None]) -> dict[str, str]:
    """Return each article's cluster id (the smallest article_id of its near-duplicate
    group) given the articles' SimHashes; an article without one is its own cluster."""
    parent = {article_id: article_id for article_id in fingerprints}

    def root(article_id: str) -> str:
        while parent[article_id] != article_id:
            parent[article_id] = parent[parent[article_id]]
            article_id = parent[article_id]
        return article_id

    def join(a: str, b: str) -> None:
        first, second = sorted((root(a), root(b)))
        parent[second] = first

    by_hash: dict[int, list[str]] = defaultdict(list)
    for article_id, fingerprint in fingerprints.items():
        if fingerprint is not None:
            by_hash[fingerprint].append(article_id)
    # Equal fingerprints join directly; distinct ones meet through their bands.
    for same in by_hash.values():
        for other in same[1:]:
            join(same[0], other)
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for fingerprint in by_hash:
        for band_index in range(BANDS):
            band = (fingerprint >> (BAND_BITS * band_index)) & _BAND_MASK
            buckets[(band_index, band)].append(fingerprint)
    for bucket in buckets.values():
        for position, first in enumerate(bucket):
            for second in bucket[position + 1 :]:
                if hamming(first, second) <= MAX_DISTANCE:
                    join(by_hash[first][0], by_hash[second][0])
    return {article_id: root(article_id) for article_id in fingerprints}
