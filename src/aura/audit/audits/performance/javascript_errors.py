from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.browser.artifacts import LabMetrics


class JavascriptErrors(Audit):
    id = "javascript-errors"
    title = "No JavaScript errors while loading"
    failure_title = "JavaScript errors while loading"
    description = (
        "Uncaught exceptions and `console.error` calls of the page's scripts during the "
        "load. Requests that failed (a missing favicon, an unreachable CDN) are listed "
        "apart: they are broken resources, not script errors."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LabMetrics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        runs = artifacts.get(LabMetrics).runs
        exceptions = list(dict.fromkeys(error for run in runs for error in run.js_errors))
        console = list(dict.fromkeys(error for run in runs for error in run.console_errors))
        failed = list(dict.fromkeys(error for run in runs for error in run.resource_errors))
        count = len(exceptions) + len(console)
        return AuditResult(
            1.0 if count == 0 else 0.0,
            plural(count, "error") if count else "",
            {
                "exceptions": exceptions[:20],
                "console_errors": console[:20],
                "failed_resources": failed[:20],
            },
            metrics={"javascript_errors": count},
        )
