"""Literals a CSS selector needs in the page's HTML source before it can match.

``link[href*="cdn.jsdelivr.net/npm/bootstrap"]`` can only match a page whose source
contains ``cdn.jsdelivr.net/npm/bootstrap``; ``#app`` needs ``app``; ``[data-reactroot]``
needs ``data-reactroot``. Tag names are left out (``div`` is everywhere), and so is
anything inside a pseudo-class's parentheses (``:not(.x)`` needs no ``x``). Each
comma-separated alternative must yield a literal, or the selector has none.
"""

from __future__ import annotations

import re

from aura.audit.technology.patterns import MIN_LITERAL, is_common

_ATTRIBUTE = re.compile(
    r"""\[\s*([\w:-]+)\s*(?:([*^$~|]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*))\s*(i|s)?\s*)?\]"""
)
_ID_OR_CLASS = re.compile(r"[#.]([\w-]+)")
#: Custom elements (``<astro-root>``) are as telling as a class; built-in tags are not.
_CUSTOM_ELEMENT = re.compile(r"(?:^|[\s>+~(,])([a-z][\w]*-[\w-]*)", re.IGNORECASE)
_PUNCTUATION_ESCAPE = re.compile(r"\\([^0-9a-fA-F\s\w])")
_PSEUDO_ARGUMENT = re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)")
#: Characters that may be written as character references in attribute values.
_ESCAPABLE = frozenset("&<>\"'")


def selector_literals(selector: str) -> tuple[str, ...]:
    """One lower-cased literal per alternative of ``selector``, or () when one lacks one."""
    # A CSS escape of punctuation (``\.``, ``\:``) stands for the character itself.
    selector = _PUNCTUATION_ESCAPE.sub(r"\1", selector)
    if "\\" in selector:
        return ()
    literals: list[str] = []
    for alternative in _split_alternatives(selector):
        literal = _alternative_literal(alternative)
        if literal is None:
            return ()
        literals.append(literal)
    return tuple(dict.fromkeys(literals))


def _split_alternatives(selector: str) -> list[str]:
    parts: list[str] = []
    depth, quote, start = 0, "", 0
    for index, char in enumerate(selector):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(selector[start:index])
            start = index + 1
    parts.append(selector[start:])
    return [part.strip() for part in parts if part.strip()]


def _alternative_literal(alternative: str) -> str | None:
    candidates: list[str] = []
    without_pseudo_arguments = _PSEUDO_ARGUMENT.sub(" ", alternative)
    for match in _ATTRIBUTE.finditer(without_pseudo_arguments):
        name, operator = match.group(1), match.group(2)
        value = match.group(3) or match.group(4) or match.group(5) or ""
        candidates.append(name.lower())
        if operator in ("=", "*=", "^=", "$=", "~=") and not set(value) & _ESCAPABLE:
            candidates.append(value.lower())
    outside_attributes = _ATTRIBUTE.sub(" ", without_pseudo_arguments)
    candidates.extend(name.lower() for name in _ID_OR_CLASS.findall(outside_attributes))
    without_ids = _ID_OR_CLASS.sub(" ", outside_attributes)
    candidates.extend(name.lower() for name in _CUSTOM_ELEMENT.findall(without_ids))
    usable = [c for c in candidates if len(c) >= MIN_LITERAL and c.isascii()]
    return max(usable, key=lambda c: (not is_common(c), len(c)), default=None)
