"""Headlines: cleaned of entities and site names, chosen by agreement between sources."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.cleaning import CONTROL_CHARACTERS
from transforms.titles import TitleCandidate, choose_title, clean_title, strip_site_name


def _candidates(**texts: str) -> list[TitleCandidate]:
    sources = {"json_ld": "json-ld"}
    return [TitleCandidate(source=sources.get(k, k), text=v) for k, v in texts.items()]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Harbour wall &quot;approved&quot;", 'Harbour wall "approved"'),
        ("Ferry&#8217;s new timetable", "Ferry\u2019s new timetable"),
        ("Council &amp;amp; harbour board", "Council & harbour board"),
        ("  Harbour\n wall\tapproved  ", "Harbour wall approved"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_clean_title(raw: str | None, expected: str | None) -> None:
    assert clean_title(raw) == expected


@pytest.mark.parametrize(
    ("title", "site_names", "host", "expected"),
    [
        (
            "Harbour wall approved | Harbourton Gazette",
            ["Harbourton Gazette"],
            None,
            "Harbour wall approved",
        ),
        ("Harbour wall approved - Gazette", ["Harbourton Gazette"], None, "Harbour wall approved"),
        (
            "Harbourton Gazette: Harbour wall approved",
            ["Harbourton Gazette"],
            None,
            "Harbour wall approved",
        ),
        (
            "Harbour wall approved – Gazette.example",
            [],
            "www.gazette.example",
            "Harbour wall approved",
        ),
        (
            "Harbour wall approved | Gazette | gazette.example",
            ["Gazette"],
            "gazette.example",
            "Harbour wall approved",
        ),
        ("港の壁を承認：港町新聞", ["港町新聞"], None, "港の壁を承認"),
        ("港の壁を承認｜港町新聞", ["港町新聞"], None, "港の壁を承認"),
        # A segment that does not name the site stays: it is part of the headline.
        (
            "Harbour wall approved - What happens next",
            ["Gazette"],
            None,
            "Harbour wall approved - What happens next",
        ),
        # A topic that shares a word with the host is not the site's name at the start.
        (
            "Harbour walls - how they are built",
            [],
            "harbourwalls24.example",
            "Harbour walls - how they are built",
        ),
        # Nothing is left of a headline that is only the site's name.
        ("Gazette", ["Gazette"], None, "Gazette"),
    ],
)
def test_strip_site_name(
    title: str, site_names: list[str], host: str | None, expected: str
) -> None:
    assert strip_site_name(title, site_names, host) == expected


def test_headline_most_sources_agree_on_wins() -> None:
    candidates = _candidates(
        json_ld="Harbour wall approved after late-night vote",
        og="Harbour wall approved after late-night vote | Gazette",
        h1="Harbour wall approved after late-night vote",
        title="Harbour wall approved after late-night vote - Harbourton Gazette",
    )

    chosen = choose_title(candidates, site_names=["Harbourton Gazette", "Gazette"])

    assert chosen == "Harbour wall approved after late-night vote"


def test_json_ld_headline_outweighs_one_other_source() -> None:
    candidates = _candidates(json_ld="Council approves harbour wall", og="Wall approved")

    assert choose_title(candidates) == "Council approves harbour wall"


def test_several_sources_outvote_json_ld() -> None:
    candidates = _candidates(
        json_ld="SEO: harbour wall vote",
        og="Harbour wall approved after late-night vote",
        h1="Harbour wall approved after late-night vote",
        trafilatura="Harbour wall approved after late-night vote",
    )

    assert choose_title(candidates) == "Harbour wall approved after late-night vote"


def test_a_candidate_with_an_extra_short_segment_counts_for_the_shorter_one() -> None:
    # No og:site_name says "Valley Post" is the site; the <h1> without it shows it.
    candidates = _candidates(
        json_ld="Bridge reopens after repairs - Valley Post",
        og="Bridge reopens after repairs - Valley Post",
        h1="Bridge reopens after repairs",
    )

    assert choose_title(candidates) == "Bridge reopens after repairs"


def test_a_longer_continuation_is_not_cut_off() -> None:
    candidates = _candidates(
        json_ld="Bridge - what the repairs will cost the county",
        h1="Bridge",
    )

    assert choose_title(candidates) == "Bridge - what the repairs will cost the county"


def test_no_candidates_give_none() -> None:
    assert choose_title([]) is None
    assert choose_title(_candidates(og="  ", h1="")) is None


def test_a_kicker_in_front_of_another_candidate_is_dropped() -> None:
    candidates = _candidates(
        json_ld="Harbour row: Council approves the new wall",
        og="Harbour row: Council approves the new wall",
        h1="Council approves the new wall",
    )

    assert choose_title(candidates) == "Council approves the new wall"


def test_a_rubric_in_front_without_a_colon_stays() -> None:
    candidates = _candidates(json_ld="[Review] Love is War - Longing", h1="Longing")

    assert choose_title(candidates) == "[Review] Love is War - Longing"


@given(st.one_of(st.none(), st.text(max_size=200)))
def test_a_cleaned_title_is_one_printable_line(raw: str | None) -> None:
    title = clean_title(raw)

    if title is not None:
        assert not CONTROL_CHARACTERS.search(title)
        assert "\n" not in title and title == title.strip()
        assert clean_title(title) in (title, None) or "&" in title
