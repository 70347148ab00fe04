from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._lab import lab_metric
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import LabMetrics


class CumulativeLayoutShift(Audit):
    id = "cumulative-layout-shift"
    title = "Cumulative Layout Shift"
    failure_title = "The page moves while it loads"
    description = (
        "How much visible content jumps around without the visitor doing anything (largest "
        "burst of layout shifts): a Core Web Vital, good at 0.1 or less."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LabMetrics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        metrics = artifacts.get(LabMetrics)
        shifts = {run.profile: run.layout_shifts for run in metrics.runs}
        return lab_metric(
            metrics,
            "cls",
            lambda run: run.cls,
            lambda value: f"{value:.3f}",
            extra={"layout_shifts": shifts},
        )
