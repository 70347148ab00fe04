from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.base import Audit, AuditResult, kib
from aura.audit.browser.artifacts import LabMetrics


class NetworkRequests(Audit):
    id = "network-requests"
    title = "Requests the rendered page made"
    failure_title = "Requests the rendered page made"
    description = (
        "What a browser actually downloaded for each profile (scripts fetch more than the "
        "HTML names), with the DOMContentLoaded and load events."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LabMetrics,)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        runs = artifacts.get(LabMetrics).runs
        rows = [
            {
                "profile": run.profile,
                "requests": run.requests,
                "transfer_bytes": run.transfer_bytes,
                "dom_content_loaded_ms": run.dom_content_loaded_ms,
                "load_ms": run.load_ms,
                "load_timed_out": run.load_timed_out,
                "settled": run.settled,
                "conditions": run.conditions,
            }
            for run in runs
        ]
        metrics: dict[str, float | int | None] = {}
        for run in runs:
            metrics[f"requests_{run.profile}"] = run.requests
            metrics[f"transfer_bytes_{run.profile}"] = run.transfer_bytes
            metrics[f"load_{run.profile}_ms"] = run.load_ms
        shown = " · ".join(
            f"{run.profile.capitalize()} {run.requests} requests, {kib(run.transfer_bytes)}"
            for run in runs
        )
        return AuditResult(None, shown, {"profiles": rows}, metrics=metrics)
