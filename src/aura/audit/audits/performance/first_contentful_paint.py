from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._lab import lab_metric, seconds
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import LabMetrics


class FirstContentfulPaint(Audit):
    id = "first-contentful-paint"
    title = "First Contentful Paint"
    failure_title = "First Contentful Paint is slow"
    description = (
        "When the first text or image is painted, measured in headless Chromium on a mobile "
        "and a desktop profile, scored with Lighthouse's curves for each."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LabMetrics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return lab_metric(artifacts.get(LabMetrics), "fcp", lambda run: run.fcp_ms, seconds)
