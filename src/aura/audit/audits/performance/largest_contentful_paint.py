from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._lab import lab_metric, seconds
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import LabMetrics


class LargestContentfulPaint(Audit):
    id = "largest-contentful-paint"
    title = "Largest Contentful Paint"
    failure_title = "Largest Contentful Paint is slow"
    description = (
        "When the largest text block or image of the first screen is painted: a Core Web "
        "Vital, good under 2.5 s on mobile. Measured in headless Chromium on both profiles."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LabMetrics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        metrics = artifacts.get(LabMetrics)
        elements = {run.profile: run.lcp_element for run in metrics.runs}
        return lab_metric(
            metrics, "lcp", lambda run: run.lcp_ms, seconds, extra={"elements": elements}
        )
