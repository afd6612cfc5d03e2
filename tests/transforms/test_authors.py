"""Author names: split, stripped of bylines and roles, de-duplicated in order."""

from __future__ import annotations

import pytest

from transforms.authors import (
    AuthorCandidate,
    choose_authors,
    clean_authors,
    looks_like_person,
    names_a_person,
)


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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Genre words and labels before the credit.
        (["Ein Kommentar von Jan Sellner"], ("Jan Sellner",)),
        (["Analysis by Jane Doe"], ("Jane Doe",)),
        (["Autor: Monika Bolliger und Anna Trechsel"], ("Monika Bolliger", "Anna Trechsel")),
        (["Text: Ana Gómez"], ("Ana Gómez",)),
        (["Veröffentlicht von Chris Jung"], ("Chris Jung",)),
        (["capital von Jemima Kelly"], ("Jemima Kelly",)),
        # Roles after the name, in parentheses, or on their own.
        (["Jane Doe, Reporter"], ("Jane Doe",)),
        (["Mathias Hagen – Journalist"], ("Mathias Hagen",)),
        (["Martí Abad (Enviado especial)"], ("Martí Abad",)),
        (["Ravi Patel Staff Writer"], ("Ravi Patel",)),
        (["배윤경 기자"], ("배윤경",)),
        # A role word that is the whole credit's second word is part of a name.
        (["MND Staff"], ("MND Staff",)),
        # Contacts, handles, counts and dates are not names.
        (["Jane Doe jane.doe@gazette.example"], ("Jane Doe",)),
        (["Jane Doe @janedoe https://gazette.example/jane"], ("Jane Doe",)),
        (["Jane Doe and 2 more"], ("Jane Doe",)),
        (["Jane Doe, Ravi Patel +3"], ("Jane Doe", "Ravi Patel")),
        (["Von Tomas Spahn Fr, 18. Oktober 2019"], ("Tomas Spahn",)),
        (["By Jane Doe 5 min read"], ("Jane Doe",)),
        # The serial comma.
        (["Dana Ford, James Corey, and Tom Watkins"], ("Dana Ford", "James Corey", "Tom Watkins")),
        # An agency glued to a person is where the copy came from; on its own it credits.
        (["Anna Schmidt/dpa"], ("Anna Schmidt",)),
        (["Anna Schmidt (dpa)"], ("Anna Schmidt",)),
        (["dpa"], ("dpa",)),
        # Initials and suffixes keep their full stop; a sentence's is dropped.
        (["Perry Bacon Jr."], ("Perry Bacon Jr.",)),
        (["Rodolfo Costa."], ("Rodolfo Costa",)),
        # Entities, numbers and labels of byline furniture.
        (["Redacci&oacute;n Diario"], ("Redacción Diario",)),
        (["105092"], ()),
        (["No Author", "Name", "Submitted"], ()),
        # Surnames that look like prefixes.
        (["Di Maria"], ("Di Maria",)),
        (["De Jong"], ("De Jong",)),
        (["Ursula von der Leyen"], ("Ursula von der Leyen",)),
    ],
)
def test_clean_authors_strips_labels_roles_and_contacts(
    raw: list[str], expected: tuple[str, ...]
) -> None:
    assert clean_authors(raw) == expected


def _candidate(name: str, source: str = "json-ld", kind: str | None = None) -> AuthorCandidate:
    return AuthorCandidate(name=name, source=source, kind=kind)


def test_json_ld_people_win_and_keep_the_organisation_credited_beside_them() -> None:
    candidates = [
        _candidate("Julian Seiferth", kind="person"),
        _candidate("t-online", kind="organization"),
        _candidate("Meta Author", source="meta"),
    ]

    assert choose_authors(candidates, site_names=["t-online"]) == ("Julian Seiferth", "t-online")


def test_a_json_ld_person_named_like_the_site_is_still_a_person() -> None:
    candidates = [_candidate("Habertürk", kind="person"), _candidate("Anadolu Ajansı", "meta")]

    assert choose_authors(candidates, site_names=["Habertürk"]) == ("Habertürk",)


def test_a_publisher_credit_gives_way_to_a_byline_naming_a_person() -> None:
    candidates = [
        _candidate("STERN.de", kind="organization"),
        _candidate("capital von Jemima Kelly 05. November 2024 15:36 Uhr", source="byline"),
        _candidate("von Patrick Rösing", source="byline"),
    ]

    assert choose_authors(candidates, site_names=["stern.de"]) == ("Jemima Kelly",)


def test_only_the_first_credit_line_of_the_page_furniture_counts() -> None:
    # The first line names the site's blog, not a person: later lines credit teasers.
    candidates = [
        _candidate("Weinlachgummi", source="byline"),
        _candidate("by Akira Arenth", source="byline"),
        _candidate("Weinlachgummi", source="trafilatura"),
    ]

    assert choose_authors(candidates) == ("Weinlachgummi",)


def test_byline_fragments_must_look_like_a_person() -> None:
    candidates = [
        _candidate("Kurzmeldung", source="byline"),
        _candidate("Von Risiken und Nebenwirkungen", source="text"),
    ]

    assert choose_authors(candidates) == ()


def test_publisher_only_pages_get_the_publisher() -> None:
    candidates = [
        _candidate("NTV", kind="organization"),
        _candidate("ntv.com.tr", source="meta"),
    ]

    assert choose_authors(candidates, site_names=["NTV.com.tr"]) == ("NTV",)


def test_meta_people_are_used_when_json_ld_credits_an_organisation() -> None:
    candidates = [
        _candidate("Valley Post", kind="organization"),
        _candidate("Ana Gómez, Li Wei", source="meta"),
    ]

    assert choose_authors(candidates, site_names=["Valley Post"]) == ("Ana Gómez", "Li Wei")


def test_a_reference_list_is_not_a_credit() -> None:
    cited = [_candidate(f"Author{chr(65 + i)} Person", source="meta") for i in range(25)]

    chosen = choose_authors([*cited, _candidate("Jane Doe", source="trafilatura")])

    assert chosen == ("Jane Doe",)


def test_organisation_words_and_site_names_are_not_people() -> None:
    candidates = [
        _candidate("Nikkei Inc.", source="byline"),
        _candidate("Gazette Newsroom", source="meta"),
        _candidate("Harbourton Gazette", source="meta"),
    ]

    assert not names_a_person(candidates, site_names=["Harbourton Gazette"])
    assert names_a_person([_candidate("Jane Doe", source="meta")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe", True),
        ("Ursula von der Leyen", True),
        ("大渡 美咲", True),
        ("배윤경", True),
        ("Kurzmeldung", False),
        ("von der Planung bis hin", False),
        ("Posted on 12 May", False),
        ("Why it matters: the vote", False),
        ("One Two Three Four Five", False),
    ],
)
def test_looks_like_person(text: str, expected: bool) -> None:
    assert looks_like_person(text) is expected
