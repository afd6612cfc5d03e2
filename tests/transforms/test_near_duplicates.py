"""SimHash fingerprints: stable, near for near-copies, far for unrelated stories."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from transforms.near_duplicates import hamming, simhash, to_signed, to_unsigned
from warehouse.clusters import MAX_DISTANCE

STORY = (
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
OTHER_STORY = (
    "The town library will open on Sundays from next month, the council said on Monday, "
    "after volunteers offered to staff the reading room. The children's corner gets new "
    "shelves and a storytelling hour at eleven, and the archive of the old newspaper will be "
    "digitised over the summer by students from the technical college. Visitors asked for "
    "longer hours in a survey last autumn; most wanted the building open in the evenings, "
    "which the library cannot afford yet. The mayor thanked the volunteers and promised a "
    "decision on evening hours before the next budget is set."
)


def test_the_fingerprint_is_stable_across_processes_and_releases() -> None:
    # Stored fingerprints are compared with new ones: this value must never change unless
    # every stored simhash is recomputed.
    assert simhash(STORY) == 0x4CA0BF272DD7D280


def test_a_text_without_words_has_fingerprint_zero() -> None:
    assert simhash("") == 0
    assert simhash(" \n —, !") == 0


def test_case_punctuation_and_spacing_do_not_count() -> None:
    shouted = STORY.upper().replace(",", " ,").replace(". ", ".\n\n")

    assert simhash(shouted) == simhash(STORY)


def test_near_copies_are_near_and_other_stories_are_far() -> None:
    edited = STORY.replace("three times", "four times").replace("Monday", "Tuesday")
    credited = STORY + " This story first appeared in the Island Courier."
    cut = STORY.rsplit(", the cost per crossing", 1)[0] + "."

    assert hamming(simhash(STORY), simhash(edited)) <= MAX_DISTANCE
    assert hamming(simhash(STORY), simhash(credited)) <= MAX_DISTANCE
    assert hamming(simhash(STORY), simhash(cut)) <= MAX_DISTANCE
    assert hamming(simhash(STORY), simhash(OTHER_STORY)) > 2 * MAX_DISTANCE


def test_hamming_counts_differing_bits_of_signed_and_unsigned_values() -> None:
    assert hamming(0, 0) == 0
    assert hamming(0b1011, 0b0001) == 2
    assert hamming(0, (1 << 64) - 1) == 64
    assert hamming(-1, 0) == 64
    assert hamming(to_signed(1 << 63), 1 << 63) == 0


@given(st.integers(min_value=0, max_value=(1 << 64) - 1))
def test_signed_storage_round_trips(value: int) -> None:
    signed = to_signed(value)

    assert -(1 << 63) <= signed < (1 << 63)
    assert to_unsigned(signed) == value
    assert hamming(signed, value) == 0


@given(st.text(max_size=300), st.text(max_size=300))
def test_hamming_is_a_distance(first: str, second: str) -> None:
    a, b = simhash(first), simhash(second)

    assert 0 <= a < (1 << 64)
    assert hamming(a, b) == hamming(b, a)
    assert hamming(a, a) == 0
