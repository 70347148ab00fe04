"""Structured data: JSON-LD (parsed forgivingly), microdata items and RDFa types."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from aura.audit.artifacts import Document


@dataclass(frozen=True)
class StructuredData:
    json_ld: list[Any] = field(default_factory=list)
    json_ld_errors: list[str] = field(default_factory=list)
    microdata: list[Any] = field(default_factory=list)
    rdfa_types: list[str] = field(default_factory=list)

    @property
    def types(self) -> list[str]:
        """Every schema type found, in order of first appearance, without duplicates."""
        found: list[str] = []
        for item in self.json_ld:
            found.extend(_json_ld_types(item))
        for item in self.microdata:
            if isinstance(item, dict):
                found.extend(_short(t) for t in _as_list(item.get("@type") or item.get("type")))
        found.extend(self.rdfa_types)
        return list(dict.fromkeys(t for t in found if t))

    @property
    def formats(self) -> list[str]:
        present = [
            ("json-ld", bool(self.json_ld)),
            ("microdata", bool(self.microdata)),
            ("rdfa", bool(self.rdfa_types)),
        ]
        return [name for name, ok in present if ok]


def extract(document: Document) -> StructuredData:
    json_ld: list[Any] = []
    errors: list[str] = []
    for node in document.css('script[type="application/ld+json"]'):
        text = (node.text(deep=True) or "").strip()
        if not text:
            continue
        try:
            json_ld.append(json.loads(_unwrap(text), strict=False))
        except json.JSONDecodeError as error:
            errors.append(f"invalid JSON-LD: {error.msg} at line {error.lineno}")
    microdata = _microdata(document)
    rdfa_types = [
        _short(value)
        for node in document.css("[typeof]")
        for value in (node.attributes.get("typeof") or "").split()
    ]
    return StructuredData(json_ld, errors, microdata, rdfa_types)


_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def _unwrap(text: str) -> str:
    """Drop the CDATA or comment wrappers some CMSs put around JSON-LD."""
    return _WRAPPERS.sub("", text.strip())


def _microdata(document: Document) -> list[dict[str, Any]]:
    """The page's top-level microdata items (``itemscope`` without ``itemprop``: the others
    are properties of an enclosing item), with their types."""
    return [
        {"@type": (node.attributes.get("itemtype") or "").split()}
        for node in document.css("[itemscope]:not([itemprop])")
    ]


def _json_ld_types(item: Any) -> list[str]:
    if isinstance(item, list):
        return [t for element in item for t in _json_ld_types(element)]
    if not isinstance(item, dict):
        return []
    found = [_short(str(t)) for t in _as_list(item.get("@type"))]
    for nested in _as_list(item.get("@graph")):
        found.extend(_json_ld_types(nested))
    return found


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _short(value: Any) -> str:
    """``http://schema.org/Product`` → ``Product``."""
    text = str(value).strip()
    return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].split(":")[-1]
