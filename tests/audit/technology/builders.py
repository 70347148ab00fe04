"""Small fingerprint sets in the Wappalyzer format, and page signals built by hand."""

from __future__ import annotations

from typing import Any

from aura.audit.artifacts import Document, Headers, HttpExchange
from aura.audit.fetch.client import TlsFacts
from aura.audit.technology import (
    BrowserSignals,
    Detection,
    FingerprintSet,
    PageSignals,
    detect,
    page_signals,
)

PAGE = "https://shop.example.com/"

CATEGORIES: dict[str, Any] = {
    "1": {"groups": [3], "name": "CMS", "priority": 1},
    "12": {"groups": [9], "name": "JavaScript frameworks", "priority": 8},
    "22": {"groups": [7], "name": "Web servers", "priority": 8},
    "27": {"groups": [9], "name": "Programming languages", "priority": 5},
    "59": {"groups": [9], "name": "JavaScript libraries", "priority": 9},
    "6": {"groups": [1], "name": "Ecommerce", "priority": 1},
}


def fingerprints(**technologies: dict[str, Any]) -> FingerprintSet:
    """A set of the given technologies (keyword names use ``_`` for spaces)."""
    specs = {name.replace("_", " "): {"cats": [59], **spec} for name, spec in technologies.items()}
    return FingerprintSet(specs, CATEGORIES)


def signals(
    html: str = "<html><head></head><body></body></html>",
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
    url: str = PAGE,
    issuer: str | None = None,
) -> PageSignals:
    pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
    exchange = HttpExchange(
        url,
        url,
        200,
        "HTTP/2",
        Headers.of(pairs),
        tls=TlsFacts("TLSv1.3", None, certificate_issuer=issuer) if issuer else None,
    )
    return page_signals(exchange, Document(url, html))


def found(
    fingerprint_set: FingerprintSet,
    page: PageSignals,
    browser: BrowserSignals | None = None,
) -> dict[str, Detection]:
    return {d.name: d for d in detect(fingerprint_set, page, browser)}
