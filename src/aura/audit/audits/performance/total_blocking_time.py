from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._lab import lab_metric, milliseconds
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import LabMetrics


class TotalBlockingTime(Audit):
    id = "total-blocking-time"
    title = "Total Blocking Time"
    failure_title = "Scripts block the main thread"
    description = (
        "Time the main thread was too busy to answer input: the part beyond 50 ms of every "
        "long task after First Contentful Paint, until the end of the observation."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LabMetrics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        metrics = artifacts.get(LabMetrics)
        long_tasks = {run.profile: run.long_tasks for run in metrics.runs}
        return lab_metric(
            metrics, "tbt", lambda run: run.tbt_ms, milliseconds, extra={"long_tasks": long_tasks}
        )
