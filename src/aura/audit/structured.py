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


#: The properties an item of each type needs for search engines to use it (Google's
#: required properties for its rich results, or the property without which the item says
#: nothing). A tuple inside the tuple means "one of these".
REQUIRED_PROPERTIES: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "Article": ("headline",),
    "NewsArticle": ("headline",),
    "BlogPosting": ("headline",),
    "Product": ("name", ("offers", "review", "aggregateRating")),
    "Offer": (("price", "priceSpecification"),),
    "Organization": ("name",),
    "Corporation": ("name",),
    "LocalBusiness": ("name", "address"),
    "Person": ("name",),
    "BreadcrumbList": ("itemListElement",),
    "Event": ("name", "startDate", "location"),
    "Recipe": ("name", "image"),
    "FAQPage": ("mainEntity",),
    "Review": ("itemReviewed", "author"),
    "AggregateRating": ("ratingValue", ("ratingCount", "reviewCount")),
    "JobPosting": ("title", "datePosted", "description", "hiringOrganization"),
    "VideoObject": ("name", "thumbnailUrl", "uploadDate"),
    "SoftwareApplication": ("name",),
}


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


def _items(value: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object in ``value``: top-level, in ``@graph`` and nested in properties."""
    found: list[dict[str, Any]] = []
    pending = [value]
    while pending and len(found) < 500:
        current = pending.pop()
        if isinstance(current, list):
            pending.extend(reversed(current))
        elif isinstance(current, dict):
            found.append(current)
            pending.extend(reversed([v for k, v in current.items() if k != "@context"]))
    return found


def _breadcrumb_problems(item: dict[str, Any]) -> list[str]:
    elements = _as_list(item.get("itemListElement"))
    problems = []
    for index, element in enumerate(elements, 1):
        if not isinstance(element, dict):
            continue
        missing = [name for name in ("position", "name") if not _filled(element.get(name))]
        if not _filled(element.get("name")) and isinstance(element.get("item"), dict):
            missing = [name for name in missing if name != "name"]
            if not _filled(element["item"].get("name")):
                missing.append("name")
        if missing:
            problems.append(f"BreadcrumbList item {index} lacks {', '.join(missing)}")
    return problems


def validate(data: StructuredData) -> list[str]:
    """What the page's JSON-LD items lack, one sentence per item and problem."""
    problems: list[str] = []
    for item in _items(data.json_ld):
        for kind in (_short(t) for t in _as_list(item.get("@type"))):
            for need in REQUIRED_PROPERTIES.get(kind, ()):
                options = need if isinstance(need, tuple) else (need,)
                if not any(_filled(item.get(name)) for name in options):
                    problems.append(f"{kind} lacks {' or '.join(options)}")
            if kind == "BreadcrumbList":
                problems.extend(_breadcrumb_problems(item))
    return list(dict.fromkeys(problems))
