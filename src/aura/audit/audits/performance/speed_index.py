from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._lab import lab_metric, seconds
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import LabMetrics


class SpeedIndex(Audit):
    id = "speed-index"
    title = "Speed Index"
    failure_title = "The first screen fills in slowly"
    description = (
        "How quickly the first screen fills in, from frames of the viewport recorded while "
        "the page loads (visual progress by colour histogram, as Lighthouse computes it); "
        "scored with Lighthouse's curves for each profile."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LabMetrics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return lab_metric(artifacts.get(LabMetrics), "si", lambda run: run.speed_index_ms, seconds)
