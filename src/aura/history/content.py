"""Content changes between two snapshots of a page, with the noise taken out first.

A page that did not change still shows another date ("Updated Nov 28, 2026", "3 days ago"),
another time and other counters ("12,345 customers", "10k+ reviews") on every visit. Before
comparing, such spans become placeholders (``{date}``, ``{time}``, ``{when}``, ``{n}``),
whitespace is collapsed and case is ignored; what is shown stays the page's own text. Short
fields get a word-level diff, lists (calls to action, navigation) the items added and removed
(their order is layout, not message), and the main text the lines added and removed plus a
line-level diff with a little context, capped so that it stays readable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from aura.history.document import DiffOp, DiffSegment, TextChange, TextField

#: Lines of unchanged main text kept around each change in the line-level diff.
CONTEXT_LINES = 2
#: The most segments a main-text diff holds, and the most lines listed as added or removed.
MAIN_TEXT_SEGMENTS = 200
MAIN_TEXT_LINES = 200

LABELS: dict[TextField, str] = {
    "title": "Title",
    "meta_description": "Meta description",
    "headline": "Headline",
    "calls_to_action": "Calls to action",
    "navigation": "Navigation",
    "main_text": "Main text",
}
SHORT_FIELDS: tuple[TextField, ...] = ("title", "meta_description", "headline")
LIST_FIELDS: tuple[TextField, ...] = ("calls_to_action", "navigation")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_UNIT = r"(?:second|sec|minute|min|hour|hr|day|week|month|year)s?"
_NOISE = re.compile(
    "|".join(
        (
            # 2026-11-28, 2026-11-28T14:05:00Z
            r"(?P<iso>\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
            r"(?:Z|[+-]\d{2}:?\d{2})?)?\b)",
            # 28/11/2026, 11.28.26, 2026/11/28
            r"(?P<numeric>\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}/\d{1,2}/\d{1,2})\b)",
            # Saturday, 28 November 2026 · Nov 28, 2026 · November 2026 (a day or a year is
            # required: "may" alone is a verb)
            rf"(?P<named>\b{_WEEKDAY}(?:{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
            rf"|{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{4}})(?![\w]))",
            # 14:05, 2:05:33 pm, 3pm
            r"(?P<time>\b\d{1,2}(?::\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?|\s?[ap]\.?m\.?)(?![\w]))",
            # 3 days ago, an hour ago, updated today, just now
            rf"(?P<when>\b(?:(?:\d+|an?|one|a\s+few|few)\s+{_UNIT}\s+ago"
            r"|(?:(?:updated|posted|published|edited)\s+)?(?:today|yesterday)"
            r"|just\s+now|moments\s+ago)\b)",
            # 12,345 · 12 345 · 1.2k · 10k+ · 3M · 2026 · 48213
            r"(?P<counter>\b(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?"
            r"|\d+(?:[.,]\d+)?\s?[kmb]\b|\d{4,}(?:\.\d+)?)\+?)",
        )
    ),
    re.IGNORECASE,
)
_PLACEHOLDERS = {
    "iso": "{date}",
    "numeric": "{date}",
    "named": "{date}",
    "time": "{time}",
    "when": "{when}",
    "counter": "{n}",
}


@dataclass(frozen=True)
class Token:
    """A word or a noise span: ``key`` is what is compared, ``text`` what is shown."""

    key: str
    text: str


def collapse(value: str) -> str:
    return " ".join(value.split())


def tokens(value: str) -> list[Token]:
    text = collapse(value)
    found: list[Token] = []
    position = 0
    for match in _NOISE.finditer(text):
        words = text[position : match.start()].split()
        found.extend(Token(word.casefold(), word) for word in words)
        found.append(Token(_PLACEHOLDERS[match.lastgroup or "counter"], match.group()))
        position = match.end()
    found.extend(Token(word.casefold(), word) for word in text[position:].split())
    return found


def normalise(value: str) -> str:
    """The comparison key of a piece of text: placeholders for noise, collapsed, casefolded."""
    return " ".join(token.key for token in tokens(value))


def _lines(value: str) -> list[str]:
    return [line for raw in value.splitlines() if (line := collapse(raw))]


def _merge(segments: list[DiffSegment], op: DiffOp, text: str) -> None:
    """Append words, joining them to the last segment when it is of the same kind."""
    if segments and segments[-1].op == op:
        segments[-1] = DiffSegment(op=op, text=f"{segments[-1].text} {text}")
    else:
        segments.append(DiffSegment(op=op, text=text))


def word_diff(before: str, after: str) -> list[DiffSegment]:
    """Words kept, removed and added, neighbours of one kind merged into one segment."""
    old, new = tokens(before), tokens(after)
    matcher = SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    segments: list[DiffSegment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _merge(segments, "equal", " ".join(t.text for t in new[j1:j2]))
            continue
        if i2 > i1:
            _merge(segments, "delete", " ".join(t.text for t in old[i1:i2]))
        if j2 > j1:
            _merge(segments, "insert", " ".join(t.text for t in new[j1:j2]))
    return segments


def line_diff(before: Sequence[str], after: Sequence[str]) -> list[DiffSegment]:
    """One segment per line, unchanged lines only near a change, at most MAIN_TEXT_SEGMENTS."""
    matcher = SequenceMatcher(
        None, [normalise(line) for line in before], [normalise(line) for line in after], False
    )
    segments: list[DiffSegment] = []
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                segments.extend(DiffSegment(op="equal", text=line) for line in after[j1:j2])
                continue
            segments.extend(DiffSegment(op="delete", text=line) for line in before[i1:i2])
            segments.extend(DiffSegment(op="insert", text=line) for line in after[j1:j2])
    return segments[:MAIN_TEXT_SEGMENTS]


def added_and_removed(before: Sequence[str], after: Sequence[str]) -> tuple[list[str], list[str]]:
    """Items (or lines) now present and now gone, compared by key, counting repeats."""
    old = Counter(normalise(item) for item in before)
    new = Counter(normalise(item) for item in after)
    gained, lost = new - old, old - new
    added: list[str] = []
    for item in after:
        key = normalise(item)
        if gained[key] > 0:
            gained[key] -= 1
            added.append(item)
    removed: list[str] = []
    for item in before:
        key = normalise(item)
        if lost[key] > 0:
            lost[key] -= 1
            removed.append(item)
    return added, removed


def _string(value: object) -> str | None:
    return (collapse(value) or None) if isinstance(value, str) else None


def _items(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for raw in value if (item := _string(raw)) is not None]


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _short_change(field: TextField, before: str | None, after: str | None) -> TextChange | None:
    if normalise(before or "") == normalise(after or ""):
        return None
    label = LABELS[field]
    if before is None:
        summary = f"{label} added"
    elif after is None:
        summary = f"{label} removed"
    else:
        summary = f"{label} changed"
    return TextChange(
        field=field,
        label=label,
        before=before,
        after=after,
        diff=word_diff(before or "", after or ""),
        summary=summary,
    )


def _list_change(field: TextField, before: list[str], after: list[str]) -> TextChange | None:
    added, removed = added_and_removed(before, after)
    if not added and not removed:
        return None
    parts = [f"{len(added)} added"] if added else []
    parts += [f"{len(removed)} removed"] if removed else []
    return TextChange(
        field=field,
        label=LABELS[field],
        before="\n".join(before) or None,
        after="\n".join(after) or None,
        added=added,
        removed=removed,
        summary=f"{LABELS[field]}: {', '.join(parts)}",
    )


def _main_text_change(before: str, after: str) -> TextChange | None:
    old, new = _lines(before), _lines(after)
    added, removed = added_and_removed(old, new)
    if not added and not removed:
        if [normalise(line) for line in old] == [normalise(line) for line in new]:
            return None
        summary = "Main text: paragraphs reordered"
    else:
        parts = [_counted(len(added), "line") + " added"] if added else []
        parts += [_counted(len(removed), "line") + " removed"] if removed else []
        summary = f"Main text: {', '.join(parts)}"
    return TextChange(
        field="main_text",
        label=LABELS["main_text"],
        before="\n".join(old) or None,
        after="\n".join(new) or None,
        added=added[:MAIN_TEXT_LINES],
        removed=removed[:MAIN_TEXT_LINES],
        diff=line_diff(old, new),
        summary=summary,
    )


def content_changes(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> list[TextChange]:
    """The fields of two snapshots that differ; none when either run has no snapshot.

    A field missing from either snapshot is not compared: an analysis that did not record it
    says nothing about whether it changed.
    """
    if not isinstance(before, Mapping) or not isinstance(after, Mapping):
        return []
    changes: list[TextChange | None] = []
    for field in LABELS:
        if field not in before or field not in after:
            continue
        if field in SHORT_FIELDS:
            changes.append(_short_change(field, _string(before[field]), _string(after[field])))
        elif field in LIST_FIELDS:
            changes.append(_list_change(field, _items(before[field]), _items(after[field])))
        else:
            changes.append(
                _main_text_change(
                    before[field] if isinstance(before[field], str) else "",
                    after[field] if isinstance(after[field], str) else "",
                )
            )
    return [change for change in changes if change is not None]
