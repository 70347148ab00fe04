"""Flesch figures from syllable counts of the CMU Pronouncing Dictionary."""

from __future__ import annotations

import pytest

from aura.audit import readability
from aura.audit.readability import measure, syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1),
        ("reading", 2),
        ("Competitive", 4),
        ("analysis", 4),
        ("don\u2019t", 1),
        ("well-known", 2),
        # Not in the dictionary: hyphenation points plus one (an estimate).
        ("hyperconvergification", 7),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_fragments_are_not_sentences_of_their_own() -> None:
    measured = measure("Pricing. Learn more! The cat sat on the mat. We like to read books.")
    assert measured is not None
    # "Pricing" and "Learn more" are too short to count as sentences.
    assert (measured.words, measured.sentences) == (14, 2)


def test_formulas() -> None:
    measured = measure("The cat sat on the mat. The dog ran to the park.")
    assert measured is not None
    assert (measured.words, measured.sentences, measured.syllables) == (12, 2, 12)
    assert measured.reading_ease == pytest.approx(206.835 - 1.015 * 6 - 84.6)
    assert measured.grade == pytest.approx(0.39 * 6 + 11.8 - 15.59)


def test_no_words() -> None:
    assert measure("  … 42 ") is None


def test_hyphenated_words_are_not_remembered_without_bound() -> None:
    for index in range(readability._MAX_REMEMBERED + 10):
        syllables(f"zq{index:x}vorp")
    _table, hyphenator = readability._resources()
    assert len(hyphenator.hd.cache) <= readability._MAX_REMEMBERED + 1
