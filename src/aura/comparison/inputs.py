"""What the comparison reads: the sites of a batch and a typed view of their analysis results.

Analysis results are JSON documents that grow over time (technology detection, browser
metrics); every reader here tolerates a missing or malformed part and treats it as absent.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

#: Audit scores at or above this pass (the analysis uses the same threshold for its titles).
PASS_THRESHOLD = 0.9

#: How much each scored category counts in the overall score. Categories not listed count 1.
CATEGORY_WEIGHTS: dict[str, float] = {
    "performance": 1.0,
    "seo": 1.0,
    "accessibility": 1.0,
    "security": 1.0,
    "content": 1.0,
    "design": 1.0,
}

#: Display order of categories the analysis knows; others follow in the order they appear.
CATEGORY_ORDER = (
    "performance",
    "seo",
    "accessibility",
    "security",
    "technology",
    "content",
    "design",
)


@dataclass(frozen=True)
class SiteInput:
    url: str
    status: str
    is_primary: bool
    error: str | None
    result: dict[str, Any] | None
    #: The name the user gave the URL; it comes before any name derived from the page.
    label: str | None = None


def number(value: object) -> float | None:
    """A finite number, or None (booleans and NaN are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def strings(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and item.strip()]


def mapping(value: object) -> Mapping[str, Any]:
    # Results are parsed JSON: a dict check is enough, and far cheaper than the Mapping ABC.
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class AuditEntry:
    id: str
    category: str
    title: str
    description: str | None
    score: float | None
    mode: str
    display_value: str | None
    weight: float
    details: Mapping[str, Any]
    #: Browser mode: an opportunity's weight in the static score. The lab score (Lighthouse's)
    #: gives opportunities no weight, but they are still worth doing.
    static_weight: float | None = None

    @property
    def advice_weight(self) -> float:
        """How much the audit matters when ranking what to fix."""
        return self.weight if self.static_weight is None else max(self.weight, self.static_weight)

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= PASS_THRESHOLD

    @property
    def counted(self) -> bool:
        """Whether the audit counts in its category's score."""
        return self.score is not None and self.weight > 0 and self.mode == "numeric"


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    score: float | None
    informative: bool
    audits: tuple[AuditEntry, ...]


@dataclass(frozen=True)
class Analysed:
    """A compared site: its URL and a read-only view of its analysis result."""

    url: str
    is_primary: bool
    result: Mapping[str, Any]

    @cached_property
    def categories(self) -> dict[str, Category]:
        categories: dict[str, Category] = {}
        for name, raw in mapping(self.result.get("categories")).items():
            body = mapping(raw)
            entries = tuple(
                entry
                for item in body.get("audits") or []
                if (entry := _audit_entry(name, item)) is not None
            )
            categories[name] = Category(
                id=name,
                title=text(body.get("title")) or name,
                score=number(body.get("score")),
                informative=bool(body.get("informative")),
                audits=entries,
            )
        return categories

    @cached_property
    def scores(self) -> dict[str, float]:
        return {
            name: category.score
            for name, category in self.categories.items()
            if category.score is not None and not category.informative
        }

    @cached_property
    def metrics(self) -> dict[str, float]:
        values: dict[str, float] = {}
        for key, raw in mapping(self.result.get("metrics")).items():
            value = number(raw)
            if value is not None:
                values[key] = value
        return values

    @cached_property
    def facts(self) -> Mapping[str, Any]:
        return mapping(self.result.get("facts"))

    @cached_property
    def health(self) -> Mapping[str, Any]:
        """The analysis's render-health verdict (empty for results older than it)."""
        return mapping(self.result.get("render_health"))

    @property
    def degraded(self) -> bool:
        return self.health.get("status") == "degraded"

    @cached_property
    def unreliable_categories(self) -> frozenset[str]:
        """Categories whose results depend on the parts of the page that failed to load."""
        return frozenset(strings(self.health.get("unreliable"))) if self.degraded else frozenset()

    @cached_property
    def unreliable_metrics(self) -> frozenset[str]:
        if not self.degraded:
            return frozenset()
        return frozenset(strings(self.health.get("unreliable_metrics")))

    def reliable_category(self, category: str) -> bool:
        return category not in self.unreliable_categories

    def reliable_metric(self, metric_id: str) -> bool:
        return metric_id not in self.unreliable_metrics

    @cached_property
    def _audits(self) -> dict[tuple[str, str], AuditEntry]:
        return {
            (name, entry.id): entry
            for name, category in self.categories.items()
            for entry in category.audits
        }

    @cached_property
    def _first_audits(self) -> dict[str, AuditEntry]:
        first: dict[str, AuditEntry] = {}
        for (_, audit_id), entry in self._audits.items():
            first.setdefault(audit_id, entry)
        return first

    def audit(self, category: str, audit_id: str) -> AuditEntry | None:
        return self._audits.get((category, audit_id))

    def any_audit(self, audit_id: str) -> AuditEntry | None:
        """The audit in whichever category lists it first."""
        return self._first_audits.get(audit_id)


def _audit_entry(category: str, raw: object) -> AuditEntry | None:
    body = mapping(raw)
    audit_id = text(body.get("id"))
    if audit_id is None:
        return None
    return AuditEntry(
        id=audit_id,
        category=category,
        title=text(body.get("title")) or audit_id,
        description=text(body.get("description")),
        score=number(body.get("score")),
        mode=text(body.get("score_display_mode")) or "numeric",
        display_value=text(body.get("display_value")),
        weight=number(body.get("weight")) or 0.0,
        details=mapping(body.get("details")),
        static_weight=number(body.get("static_weight")),
    )


@dataclass(frozen=True)
class Contest:
    """The compared sites, in batch order, and the primary one among them (if any)."""

    sites: tuple[Analysed, ...]
    primary_url: str | None
    category_titles: dict[str, str] = field(default_factory=dict)

    @property
    def urls(self) -> list[str]:
        return [site.url for site in self.sites]

    @property
    def primary(self) -> Analysed | None:
        return next((site for site in self.sites if site.url == self.primary_url), None)

    def others(self, url: str) -> list[Analysed]:
        return [site for site in self.sites if site.url != url]

    def position(self, url: str) -> int:
        return self.urls.index(url)

    @cached_property
    def scored_categories(self) -> list[str]:
        """Categories with a score for at least one site, in display order."""
        seen: list[str] = []
        for site in self.sites:
            seen.extend(name for name in site.scores if name not in seen)
        return order_categories(seen)

    def title_of(self, category: str) -> str:
        return self.category_titles.get(category, category.capitalize())


def order_categories(names: Sequence[str]) -> list[str]:
    known = [name for name in CATEGORY_ORDER if name in names]
    return known + [name for name in names if name not in CATEGORY_ORDER]


def contest_of(sites: Sequence[Analysed], primary_url: str | None) -> Contest:
    titles: dict[str, str] = {}
    for site in sites:
        for name, category in site.categories.items():
            titles.setdefault(name, category.title)
    return Contest(tuple(sites), primary_url, titles)
