"""What an audit is: metadata plus a pure function of its artifacts."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from aura.audit.artifacts import Artifacts
from aura.formatting import format_bytes

Category = Literal[
    "performance", "seo", "accessibility", "security", "technology", "content", "design"
]

ScoreDisplayMode = Literal["numeric", "binary", "informative", "notApplicable", "error"]


@dataclass(frozen=True)
class AuditResult:
    """What one audit found. ``score`` is 0..1, or None when it does not apply."""

    score: float | None
    display_value: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    #: Set when the page gives the audit nothing to check (no images, no forms, …).
    not_applicable: bool = False
    #: Key numbers lifted into the result's flat ``metrics`` map (for comparisons).
    metrics: dict[str, float | int | None] = field(default_factory=dict)
    #: Extracted facts lifted into the result's ``facts`` (headline, palette, grade, …).
    facts: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def passed(cls, display_value: str = "", **details: Any) -> AuditResult:
        return cls(1.0, display_value, details)

    @classmethod
    def failed(cls, display_value: str = "", **details: Any) -> AuditResult:
        return cls(0.0, display_value, details)

    @classmethod
    def binary(cls, ok: bool, display_value: str = "", **details: Any) -> AuditResult:
        return cls(1.0 if ok else 0.0, display_value, details)

    @classmethod
    def not_applicable_because(cls, reason: str, **details: Any) -> AuditResult:
        return cls(None, reason, details, not_applicable=True)

    @classmethod
    def informative(cls, display_value: str = "", **details: Any) -> AuditResult:
        return cls(None, display_value, details)


class Audit:
    """Subclasses set the metadata and implement ``audit``; they keep no state."""

    id: ClassVar[str]
    title: ClassVar[str]
    failure_title: ClassVar[str]
    description: ClassVar[str]
    category: ClassVar[Category]
    requires: ClassVar[tuple[type[Any], ...]]
    #: Artifacts the audit reads when the analysis has them (browser-mode measurements an
    #: audit can do without); unlike ``requires``, their absence is no error.
    optional: ClassVar[tuple[type[Any], ...]] = ()
    #: In browser mode, the ``Document`` this audit gets is the DOM as the browser built it
    #: (scripts run, injected elements present), not the HTML the server sent.
    reads_rendered_dom: ClassVar[bool] = False
    #: Informative audits report facts and never carry a score.
    informative: ClassVar[bool] = False

    def audit(self, artifacts: Artifacts) -> AuditResult:
        raise NotImplementedError


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def linear_score(value: float, good: float, poor: float) -> float:
    """1 at or better than ``good``, 0 at or worse than ``poor``, linear in between."""
    if good == poor:
        return 1.0 if value <= good else 0.0
    return round(clamp((poor - value) / (poor - good)), 3)


def log_normal_score(value: float, p10: float, median: float) -> float:
    """Lighthouse-style curve for "lower is better" metrics.

    ``median`` scores 0.5 and ``p10`` scores 0.9; the curve is a complementary log-normal
    distribution through those two points.
    """
    if value <= 0:
        return 1.0
    # The shape is fixed by the two control points: erfc(x)/2 = 0.9 at p10.
    x_p10 = 0.9061938024368232  # erfcinv(0.2)
    log_ratio = math.log(p10 / median)
    if log_ratio >= 0:
        return 1.0 if value <= median else 0.0
    shape = -log_ratio / x_p10
    standardized = math.log(value / median) / shape
    return round(clamp(0.5 * math.erfc(standardized)), 3)


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural_word or word + 's')}"


def kib(size: float) -> str:
    """A size as every output writes it (binary units, ``aura.formatting``)."""
    return format_bytes(size)
