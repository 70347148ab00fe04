"""Shared by the image-encoding audits (not an audit): savings measured by re-encoding."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aura.audit.artifacts import Artifacts, ImageEncoding, ImageEncodings, Subresources
from aura.audit.audits.performance._savings import savings, savings_score
from aura.audit.base import AuditResult, kib, plural


def encoding_savings(
    artifacts: Artifacts,
    judged: Callable[[ImageEncoding], bool],
    smaller: Callable[[ImageEncoding], int | None],
    threshold: int,
) -> AuditResult:
    """List the ``judged`` images that a re-encoding (``smaller``, measured) shrinks by at
    least ``threshold`` bytes; images that could not be re-encoded are listed apart."""
    if not any(item.ok for item in artifacts.get(Subresources).of_kind("image")):
        return AuditResult.not_applicable_because("no images were loaded")
    measured = [item for item in artifacts.get(ImageEncodings).items if judged(item)]
    items: list[dict[str, Any]] = []
    unmeasured: list[dict[str, Any]] = []
    for item in measured:
        size = smaller(item)
        if size is None:
            row = {"url": item.url, "format": item.format, "bytes": item.bytes}
            unmeasured.append({**row, "reason": item.reason})
        elif item.bytes - size >= threshold:
            items.append(
                {
                    "url": item.url,
                    "format": item.format,
                    "bytes": item.bytes,
                    "reencoded_bytes": size,
                    "wasted_bytes": item.bytes - size,
                }
            )
    wasted = sum(row["wasted_bytes"] for row in items)
    checked = len(measured) - len(unmeasured)
    details = {"items": items, "not_measured": unmeasured, "estimated_savings": savings(wasted)}
    if not items:
        shown = plural(checked, "image") + " re-encoded" if checked else "No image to re-encode"
        return AuditResult(1.0, shown, details)
    return AuditResult(savings_score(wasted), f"Potential savings of {kib(wasted)}", details)
