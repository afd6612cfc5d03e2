"""Author names: split, stripped of bylines and roles, de-duplicated in order."""

from __future__ import annotations

import pytest

from transforms.authors import clean_authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Doe and Ravi Patel"], ("Jane Doe", "Ravi Patel")),
        (["by jane doe"], ("jane doe",)),
        (["Von Anna Schmidt und Jonas Weber"], ("Anna Schmidt", "Jonas Weber")),
        (["Von Karl von Braun"], ("Karl von Braun",)),
        (["Par Marie Curie et Pierre Curie"], ("Marie Curie", "Pierre Curie")),
        (["Por Ana Gómez y Luis Ortega"], ("Ana Gómez", "Luis Ortega")),
        (
            ["Jane Doe; Ravi Patel | Li Wei & Ana Gómez"],
            ("Jane Doe", "Ravi Patel", "Li Wei", "Ana Gómez"),
        ),
        (["Jane Doe, Ravi Patel"], ("Jane Doe", "Ravi Patel")),
        (["  By   Jane    Doe. "], ("Jane Doe",)),
        (["— Jane Doe —"], ("Jane Doe",)),
        # "By", "And" inside a name are not separators or prefixes.
        (["Byron Anderson"], ("Byron Anderson",)),
        (["Sandy Andrews"], ("Sandy Andrews",)),
    ],
)
def test_clean_authors(raw: list[str], expected: tuple[str, ...]) -> None:
    assert clean_authors(raw) == expected


def test_duplicates_are_dropped_case_insensitively_keeping_the_first_spelling() -> None:
    names = ["Jane Doe", "JANE DOE", "Ravi Patel", "jane doe", "By Ravi Patel"]

    assert clean_authors(names) == ("Jane Doe", "Ravi Patel")


def test_roles_and_profile_links_are_not_names() -> None:
    names = ["Staff", "Reporter", "Newsroom", "https://gazette.example/authors/jane", "Jane Doe"]

    assert clean_authors(names) == ("Jane Doe",)


def test_unicode_forms_are_one_name() -> None:
    decomposed = "Jose\u0301 Mari\u0301a"
    composed = "José María"

    assert clean_authors([decomposed, composed]) == (composed,)


def test_empty_input_gives_no_names() -> None:
    assert clean_authors([]) == ()
    assert clean_authors(["", "   ", "By "]) == ()


def test_input_list_is_not_changed() -> None:
    names = ["By Jane Doe and Ravi Patel"]

    clean_authors(names)

    assert names == ["By Jane Doe and Ravi Patel"]
