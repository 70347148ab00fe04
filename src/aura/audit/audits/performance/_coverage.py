"""Shared by the unused-code audits (not an audit): scripts or stylesheets from coverage."""

from __future__ import annotations

from aura.audit.audits.performance._savings import savings, savings_score
from aura.audit.base import AuditResult, kib, plural
from aura.audit.browser.artifacts import LoadDiagnostics, UnusedCode


def unused_code(
    diagnostics: LoadDiagnostics,
    files: tuple[UnusedCode, ...] | None,
    field: str,
    threshold: int,
    noun: str,
) -> AuditResult:
    """List the files whose unused share is worth at least ``threshold`` bytes on the
    wire (Lighthouse's thresholds), scored by the time those bytes take on a phone."""
    if files is None:
        reason = diagnostics.missing.get(field, "the browser did not measure it")
        return AuditResult.not_applicable_because(reason)
    if not files:
        return AuditResult.not_applicable_because(f"no {noun} was loaded from a URL")
    listed = [item for item in files if item.wasted_bytes >= threshold]
    items: list[dict[str, object]] = [
        {
            "url": item.url,
            "total_bytes": item.total_bytes,
            "unused_bytes": item.unused_bytes,
            "transfer_bytes": item.transfer_bytes,
            "wasted_bytes": item.wasted_bytes,
            "wasted_percent": round(100 * item.unused_bytes / item.total_bytes, 1),
        }
        for item in listed
    ]
    wasted = sum(item.wasted_bytes for item in listed)
    details = {
        "profile": diagnostics.profile,
        "items": items,
        "checked": len(files),
        "estimated_savings": savings(wasted),
    }
    if not items:
        return AuditResult(1.0, plural(len(files), noun) + " checked", details)
    return AuditResult(
        savings_score(wasted),
        f"Potential savings of {kib(wasted)}",
        details,
        metrics={f"{field}_bytes": wasted},
    )
