"""Decoding HTML with the right charset."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_charset(body: bytes, declared: str | None) -> str:
    """The page's encoding: byte-order mark, then HTTP header, then ``<meta>``, then UTF-8."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    for candidate in (declared, _meta_charset(body[:4096])):
        if candidate and _known(candidate):
            return codecs.lookup(candidate).name
    return "utf-8"


def decode_html(body: bytes, declared: str | None) -> tuple[str, str]:
    """Decode ``body``; returns the text and the encoding used (bad bytes are replaced)."""
    charset = detect_charset(body, declared)
    return body.decode(charset, errors="replace"), charset


def _meta_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


#: Deeper than any real page; the parser's cost grows with the square of nesting depth.
MAX_NESTING_DEPTH = 1000

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
# Elements that never have content, and those whose end tag may be left out: neither can be
# counted as an open level.
_NOT_NESTING = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rb",
        "rt",
        "rp",
        "caption",
        "html",
        "head",
        "body",
    }
)


# Text-only elements (their content is never parsed as tags, closed or not) and comments.
_TEXT_ONLY = re.compile(
    r"<(script|style|title|textarea|xmp|iframe|noembed|noframes)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<!--.*?(?:-->|\Z)",
    re.IGNORECASE | re.DOTALL,
)


def max_nesting_depth(html: str, stop_at: int = MAX_NESTING_DEPTH) -> int:
    """How deep elements nest (an estimate from the tags; stops counting at ``stop_at``)."""
    depth = deepest = 0
    for match in _TAG.finditer(_TEXT_ONLY.sub("", html)):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _NOT_NESTING:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest >= stop_at:
                break
    return deepest
