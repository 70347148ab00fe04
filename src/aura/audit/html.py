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
