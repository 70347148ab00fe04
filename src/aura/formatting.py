"""How Aura writes numbers: one definition of units, display names and digits.

Every output (the comparison's sentences, the HTML, Markdown and CSV exports, the CLI and,
through the generated ``frontend/src/lib/metrics.generated.ts``, the web UI) formats a value
with ``format_value`` and names a metric with ``metric_label``, so the same page never shows
"3 KB" in one place and "3,423" or "3.3 KiB" in another.

Sizes are binary (1 KiB = 1024 bytes), as Lighthouse and the browsers' DevTools show them.
Times below a second are whole milliseconds, above it seconds with one decimal (as Lighthouse).
Unitless values (layout shift) keep up to three decimals, so a CLS of 0.03 stays 0.03.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Unit = Literal["ms", "bytes", "count", "ratio", "score", "bool", "unitless", "seconds"]

#: Shown where there is no value (absent is never 0).
MISSING = "\u2013"

KIB = 1024
MIB = 1024 * 1024


@dataclass(frozen=True)
class MetricFormat:
    label: str
    unit: Unit


#: Display names and units of the metrics an analysis stores (``result.metrics``), beyond the
#: comparable ones (``aura.comparison.metrics.CATALOG`` adds its own and wins on overlap).
#: Browser metrics come per device profile: ``lcp_mobile`` is "Largest Contentful Paint
#: (mobile)".
DISPLAY_ONLY: dict[str, MetricFormat] = {
    "status_code": MetricFormat("HTTP status", "count"),
    "document_requests": MetricFormat("Document requests", "count"),
    "stylesheet_requests": MetricFormat("Stylesheet requests", "count"),
    "script_requests": MetricFormat("Script requests", "count"),
    "image_requests": MetricFormat("Image requests", "count"),
    "font_requests": MetricFormat("Font requests", "count"),
    "other_requests": MetricFormat("Other requests", "count"),
    "title_length": MetricFormat("Title length (characters)", "count"),
    "h1_count": MetricFormat("H1 headings", "count"),
    "heading_count": MetricFormat("Headings", "count"),
    "meta_description_length": MetricFormat("Meta description length (characters)", "count"),
    "technology_count": MetricFormat("Technologies detected", "count"),
    "technology_versioned_count": MetricFormat("Technologies with a version", "count"),
    "cta_count": MetricFormat("Calls to action", "count"),
    "word_count": MetricFormat("Words", "count"),
    "reading_minutes": MetricFormat("Reading time (minutes)", "unitless"),
    "load_ms": MetricFormat("Load event", "ms"),
}

#: The category scores an analysis stores as metrics.
CATEGORY_NAMES = {
    "performance": "Performance",
    "seo": "SEO",
    "accessibility": "Accessibility",
    "security": "Security",
    "content": "Content",
    "design": "Design",
    "technology": "Technology",
}


def _significant(value: float, decimals: int) -> str:
    """``value`` with at most ``decimals`` decimals, trailing zeros dropped (0.030 → 0.03)."""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_bytes(size: float) -> str:
    """Binary sizes, one family everywhere: 820 B, 3.3 KiB, 48 KiB, 1.2 MiB."""
    magnitude = abs(size)
    if magnitude < KIB:
        return f"{size:,.0f} B"
    if magnitude < MIB:
        scaled = size / KIB
        return f"{scaled:,.1f} KiB" if abs(scaled) < 10 else f"{scaled:,.0f} KiB"
    scaled = size / MIB
    return f"{scaled:,.1f} MiB" if abs(scaled) < 100 else f"{scaled:,.0f} MiB"


def format_ms(value: float) -> str:
    if abs(value) < 1000:
        return f"{value:,.0f} ms"
    return f"{value / 1000:,.1f} s"


def format_seconds(value: float) -> str:
    """A duration given in seconds (cache lifetimes): the largest unit that fits."""
    for size, name in ((86400, "d"), (3600, "h"), (60, "min")):
        if abs(value) >= size:
            return f"{_significant(value / size, 1)} {name}"
    return f"{value:,.0f} s"


def format_value(value: float | None, unit: str) -> str:
    """A number as a reader sees it; ``MISSING`` when there is none."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    if unit == "ms":
        return format_ms(value)
    if unit == "bytes":
        return format_bytes(value)
    if unit == "seconds":
        return format_seconds(value)
    if unit == "ratio":
        percent = value * 100
        return f"{_significant(percent, 1 if abs(percent) < 10 else 0)}%"
    if unit == "bool":
        return "yes" if value else "no"
    if unit == "unitless":
        return _significant(value, 3)
    if unit == "score":
        return _significant(value, 1)
    return _significant(value, 0 if float(value).is_integer() else 1)
