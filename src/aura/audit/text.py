"""Words, sentences and keywords of a page's visible text."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")

#: Words per minute of an average adult reading silently (the usual estimate).
READING_WPM = 238

_STOPWORDS_TEXT = """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further get gets got had hadn't has
    hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
    how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's like make
    me more most mustn't my myself new no nor not now of off on once one only or other ought
    our ours ourselves out over own same say see shan't she she'd she'll she's should
    shouldn't so some such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those through to too under until
    up us use used using very via was wasn't way we we'd we'll we're we've were weren't what
    what's when when's where where's which while who who's whom why why's will with won't
    would wouldn't you you'd you'll you're you've your yours yourself yourselves get also
    lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor incididunt ut
    labore et dolore magna aliqua enim ad minim veniam quis nostrud
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    return max(1, len(_SENTENCE_END.findall(text))) if text.strip() else 0


def reading_minutes(word_count: int) -> float:
    return round(word_count / READING_WPM, 1)


def top_keywords(text: str, limit: int = 10) -> list[tuple[str, int]]:
    """The most frequent meaningful words (stopwords, numbers and short words left out)."""
    counts = Counter(
        lowered
        for word in words(text)
        if len(lowered := word.lower().strip("'\u2019-")) >= 3 and lowered not in STOPWORDS
    )
    return counts.most_common(limit)
