"""Scoring is data: which audits count in which category, and how much.

A category score is the weighted mean of its applicable audits, 0-100. Audits that are not
applicable, informative or errored carry no score and weigh nothing. An audit may count in
more than one category (``image-alt`` matters to accessibility and to search).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CategorySpec:
    title: str
    description: str
    weights: Mapping[str, float]
    informative: bool = False
    #: Browser mode: the lab metrics whose weighted mean alone makes the score (Lighthouse's
    #: performance score); the other audits keep their findings and savings, weigh nothing
    #: there, and make the ``static_score`` instead.
    lab_weights: Mapping[str, float] | None = None


CATEGORIES: dict[str, CategorySpec] = {
    "performance": CategorySpec(
        "Performance",
        "How quickly the page loads. In browser mode, Lighthouse's performance score: "
        "First Contentful Paint 10, Speed Index 10, Largest Contentful Paint 25, Total "
        "Blocking Time 30 and Cumulative Layout Shift 25, each on Lighthouse 12's curves, "
        "averaged over the mobile and desktop profiles. In static mode, a static score "
        "judged from the HTML, headers and resources.",
        {
            "server-response-time": 8,
            "redirects": 3,
            "document-size": 3,
            "total-byte-weight": 8,
            "resource-summary": 4,
            "text-compression": 6,
            "cache-lifetime": 5,
            "render-blocking-resources": 8,
            "modern-image-formats": 4,
            "image-encoding": 3,
            "oversized-images": 5,
            "unsized-images": 4,
            "image-lazy-loading": 3,
            "unminified-css": 3,
            "unminified-javascript": 3,
            "font-display": 3,
            "dom-size": 4,
            "http-version": 3,
            "third-party-summary": 0,
            # Browser mode only (absent in static analyses). The lab metrics make the
            # browser-mode score (``lab_weights``), not the static one.
            "first-contentful-paint": 0,
            "speed-index": 0,
            "largest-contentful-paint": 0,
            "total-blocking-time": 0,
            "cumulative-layout-shift": 0,
            "javascript-errors": 3,
            "network-requests": 0,
            "largest-contentful-paint-element": 0,
            "unused-javascript": 4,
            "unused-css-rules": 3,
            "main-thread-work": 3,
            "long-tasks": 0,
        },
        lab_weights={
            "first-contentful-paint": 10,
            "speed-index": 10,
            "largest-contentful-paint": 25,
            "total-blocking-time": 30,
            "cumulative-layout-shift": 25,
        },
    ),
    "seo": CategorySpec(
        "SEO",
        "Whether search engines can crawl, understand and present the page well.",
        {
            "document-title": 8,
            "title-length": 2,
            "meta-description": 8,
            "http-status-code": 10,
            "crawlability": 10,
            "robots-txt": 3,
            "sitemap": 3,
            "canonical": 3,
            "hreflang": 2,
            "link-text": 3,
            "crawlable-anchors": 3,
            "link-targets": 3,
            "image-alt": 3,
            "heading-structure": 5,
            "structured-data": 4,
            "social-tags": 3,
            "viewport": 8,
            "html-has-lang": 3,
            "doctype": 2,
            "charset": 2,
        },
    ),
    "accessibility": CategorySpec(
        "Accessibility",
        "Accessibility checks on the markup and, in browser mode, axe-core on the rendered page.",
        {
            "image-alt": 10,
            "input-image-alt": 10,
            "area-alt": 7,
            "label": 10,
            "button-name": 10,
            "link-name": 7,
            "document-title": 7,
            "html-has-lang": 7,
            "html-lang-valid": 7,
            "heading-order": 3,
            "empty-heading": 3,
            "duplicate-id": 3,
            "aria-roles": 7,
            "aria-valid-attr": 7,
            "aria-hidden-focus": 7,
            "tabindex": 7,
            "frame-title": 7,
            "meta-viewport": 10,
            "bypass": 7,
            "list": 7,
            "table-headers": 7,
            # Browser mode only: axe-core on the rendered page.
            "color-contrast": 7,
            "target-size": 7,
            "axe-rules": 10,
        },
    ),
    "security": CategorySpec(
        "Security",
        "HTTPS and the HTTP Observatory's header tests, with its score and grade.",
        {
            "is-on-https": 10,
            "redirection": 4,
            "content-security-policy": 8,
            "cookies": 4,
            "cross-origin-resource-sharing": 4,
            "referrer-policy": 2,
            "strict-transport-security": 6,
            "subresource-integrity": 4,
            "x-content-type-options": 2,
            "x-frame-options": 4,
            "cross-origin-resource-policy": 1,
            "cross-origin-opener-policy": 1,
            "cross-origin-embedder-policy": 1,
            "mixed-content": 6,
            "server-header": 2,
            "vulnerable-libraries": 4,
            # Summarises the tests above: shown, not counted twice.
            "observatory-grade": 0,
        },
    ),
    "technology": CategorySpec(
        "Technology",
        "The software the site is built with (informative).",
        {"technology-stack": 0},
        informative=True,
    ),
    "content": CategorySpec(
        "Content",
        "What the page says and how: amount, readability, headline, calls to action.",
        {
            "word-count": 4,
            "readability": 3,
            "headline": 4,
            "calls-to-action": 4,
            "social-profiles": 1,
            "contact-details": 2,
            "text-to-html-ratio": 1,
            "structured-data": 1,
            "keywords": 0,
            "pricing": 0,
        },
    ),
    "design": CategorySpec(
        "Design",
        "Visual identity and adaptability, from markup and CSS.",
        {
            "font-families": 2,
            "favicon": 2,
            "logo": 2,
            "responsive-design": 4,
            "dark-mode": 1,
            "design-consistency": 2,
            "viewport": 2,
            "color-palette": 0,
            "rendered-design": 0,  # browser mode only
        },
    ),
}


def audit_ids_of(category: str, available: Iterable[str]) -> list[str]:
    """The audits shown in ``category``, in table order, among those that ran."""
    ran = set(available)
    return [audit_id for audit_id in CATEGORIES[category].weights if audit_id in ran]


def category_score(entries: Iterable[Mapping[str, Any]]) -> int | None:
    """Weighted mean (0-100) of the scored entries; None when nothing applies."""
    total = weight_sum = 0.0
    for entry in entries:
        score, weight = entry.get("score"), float(entry.get("weight") or 0)
        if score is None or weight <= 0:
            continue
        total += float(score) * weight
        weight_sum += weight
    if weight_sum == 0:
        return None
    return round(100 * total / weight_sum)


def profile_scores(
    entries: Iterable[Mapping[str, Any]], weights: Mapping[str, float]
) -> dict[str, int]:
    """The lab score (0-100) of each device profile, from the per-profile scores the lab
    audits keep in their details (``details.profiles.<name>.score``)."""
    per_profile: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        if entry.get("id") not in weights:
            continue
        profiles = (entry.get("details") or {}).get("profiles") or {}
        for profile, seen in profiles.items():
            per_profile.setdefault(profile, []).append(
                {"score": seen.get("score"), "weight": weights[entry["id"]]}
            )
    scores = {profile: category_score(items) for profile, items in per_profile.items()}
    return {profile: score for profile, score in scores.items() if score is not None}
