from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts, Subresources
from aura.audit.base import Audit, AuditResult, kib
from aura.audit.css import minified_savings

#: A file is called unminified when minifying would save this share and 2 KiB at least.
MIN_RATIO = 0.1
MIN_BYTES = 2048


def unminified(artifacts: Artifacts, kind: str) -> AuditResult:
    files = [item for item in artifacts.get(Subresources).of_kind(kind) if item.ok and item.body]
    if not files:
        return AuditResult.not_applicable_because(f"no {kind} files were loaded")
    flagged: list[dict[str, Any]] = []
    for item in files:
        savings = minified_savings(item.text, kind=kind)
        if savings >= MIN_BYTES and savings >= MIN_RATIO * item.size:
            flagged.append({"url": item.url, "bytes": item.size, "estimated_savings": savings})
    if not flagged:
        return AuditResult.passed(f"{len(files)} checked")
    wasted = sum(row["estimated_savings"] for row in flagged)
    score = 0.5 if wasted < 20 * 1024 else 0.0
    return AuditResult(score, f"Potential savings of {kib(wasted)}", {"items": flagged})


class UnminifiedCss(Audit):
    id = "unminified-css"
    title = "CSS is minified"
    failure_title = "Minify CSS"
    description = "Minifying CSS removes comments and whitespace and makes stylesheets smaller."
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Subresources,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return unminified(artifacts, "stylesheet")
