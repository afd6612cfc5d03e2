"""Lake parts written by a run's tasks before the run commits them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from transforms.records import Article, Source, UrlOutcome
from warehouse.captures import CaptureRecord, captures_table
from warehouse.lake import LakeLocation, write_part
from warehouse.rows import extractions_table, outcomes_table, source_configs_table
from warehouse.schema import CAPTURES, EXTRACTIONS, SOURCE_CONFIGS, URL_OUTCOMES


def write_parts(
    lake: LakeLocation,
    *,
    run_id: str,
    part_name: str,
    partition: str,
    articles: tuple[Article, ...],
    outcomes: tuple[UrlOutcome, ...],
    sources: tuple[Source, ...] = (),
) -> dict[str, tuple[str, ...]]:
    """Write a batch's articles and outcomes (and the run's configured sources, when
    given) as lake parts; return table name to part paths."""
    parts: dict[str, tuple[str, ...]] = {}
    if sources:
        parts[SOURCE_CONFIGS.name] = (
            write_part(
                lake,
                SOURCE_CONFIGS,
                source_configs_table(sources, run_id),
                partition=partition,
                name=part_name,
            ),
        )
    if articles:
        parts[EXTRACTIONS.name] = (
            write_part(
                lake,
                EXTRACTIONS,
                extractions_table(articles, run_id),
                partition=partition,
                name=part_name,
            ),
        )
    if outcomes:
        parts[URL_OUTCOMES.name] = (
            write_part(
                lake,
                URL_OUTCOMES,
                outcomes_table(outcomes, run_id),
                partition=partition,
                name=part_name,
            ),
        )
    return parts


def write_captures_part(
    lake: LakeLocation,
    *,
    run_id: str,
    part_name: str,
    partition: str,
    captures: Sequence[CaptureRecord],
    sources: Mapping[str, str],
    outcomes: tuple[UrlOutcome, ...],
) -> dict[str, tuple[str, ...]]:
    """Write a fetch batch's capture index rows and failure outcomes as lake parts."""
    parts = write_parts(
        lake,
        run_id=run_id,
        part_name=part_name,
        partition=partition,
        articles=(),
        outcomes=outcomes,
    )
    if captures:
        rows = captures_table(captures, run_id=run_id, source_of=sources)
        parts[CAPTURES.name] = (
            write_part(lake, CAPTURES, rows, partition=partition, name=part_name),
        )
    return parts
